"""The site's colours, declared in a handbook's ``mkdocs.yml`` and checked for contrast.

``plugins: - policy-handbook: colours: {primary: "#b3261e", ...}`` gives each handbook its own
colours without a stylesheet of its own: the plugin writes them as the CSS variables Material
reads at the top of ``assets/handbook.css``. A colour too light for white text on it, or for a
link on white, stops the build (WCAG AA, 4.5:1), since a bureau choosing its own colour cannot
be expected to measure it.
"""

from __future__ import annotations

import re

#: what each declared colour is for, and the CSS variables it sets
ROLES = {
    "primary": ("the header and buttons, white text on it", ["--md-primary-fg-color"]),
    "primary_light": ("hover", ["--md-primary-fg-color--light"]),
    "primary_dark": ("pressed, the accent", ["--md-primary-fg-color--dark", "--md-accent-fg-color"]),
    "link": ("links in the text, on white", ["--md-typeset-a-color"]),
}
# a neutral blue for a handbook that declares none (white on it 8.6:1)
DEFAULTS = {"primary": "#1f4e79", "primary_light": "#2a6099", "primary_dark": "#163a5c", "link": "#1f4e79"}
MIN_CONTRAST = 4.5
_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


class PaletteError(ValueError):
    """A colour that is not #rrggbb, an unknown role, or too little contrast: said in Chinese."""


def _rgb(colour: str) -> tuple[int, int, int]:
    m = _HEX.match(colour)
    if not m:
        raise PaletteError(f"颜色“{colour}”应写作 #rrggbb")
    value = int(m[1], 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of ``colour`` against white."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in _rgb(colour))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def palette(declared: dict[str, str]) -> dict[str, str]:
    """The declared colours over the defaults, checked."""
    unknown = sorted(set(declared) - set(ROLES))
    if unknown:
        raise PaletteError(f"未知的颜色名称：{'、'.join(unknown)}（可用：{'、'.join(ROLES)}）")
    colours = {**DEFAULTS, **{k: str(v) for k, v in declared.items()}}
    for role in ("primary", "primary_dark", "link"):
        ratio = contrast_with_white(colours[role])
        if ratio < MIN_CONTRAST:
            raise PaletteError(f"颜色 {role}: {colours[role]} 与白色的对比度只有 {ratio:.2f}:1，"
                               f"低于 {MIN_CONTRAST}:1（WCAG AA），请选更深的颜色")
    return colours


def palette_css(declared: dict[str, str]) -> str:
    """The ``:root`` block of CSS variables for the declared colours."""
    colours = palette(declared)
    r, g, b = _rgb(colours["primary_dark"])
    lines = [f"  {var}: {colours[role]};" for role, (_, variables) in ROLES.items() for var in variables]
    lines += ["  --md-primary-bg-color: #fff;", "  --md-primary-bg-color--light: rgba(255, 255, 255, 0.85);",
              f"  --md-accent-fg-color--transparent: rgba({r}, {g}, {b}, 0.1);"]
    return "/* The site's colours (mkdocs.yml: policy-handbook colours; handbook/palette.py) */\n:root {\n" \
        + "\n".join(lines) + "\n}\n\n"
