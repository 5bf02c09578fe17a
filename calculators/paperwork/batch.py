"""Everyone's forms from a roster, made in steps the page drives (progress between steps, cancel by
not asking for the next one).

``mode="zip"``: a ZIP of one .docx per person and form (``序号_姓名_表名.docx``) and 清单.csv;
each step returns the bytes of the entries it made, so the page keeps them as Blob parts and Python
keeps only the central directory. ``mode="merged"``: a ZIP of one .docx per form, everyone in it
from a new page, and 清单.csv; each form's document.xml is deflated as it grows (a 5,000-person
登记表 is 580 MB of XML, a few MB compressed), so memory stays at the compressed size.
"""

from __future__ import annotations

import zlib
from typing import Any

from . import zipraw
from .merge import DOCUMENT, Template
from .people import SHORT_NAMES, derived, file_name, form_values, header_of, manifest, people_of

MODES = ("zip", "merged")


class _Merged:
    """One form's file for everyone, its document.xml deflated piece by piece."""

    def __init__(self, template: Template):
        self.template = template
        self.packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0
        self.chunks: list[bytes] = []
        self.count = 0
        self._feed(template.head)

    def _feed(self, text: str) -> None:
        data = text.encode("utf-8")
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        self.chunks.append(self.packer.compress(data))

    def add(self, values: dict[str, str]) -> None:
        if self.count:
            self._feed(self.template.section_break())
        self._feed(self.template.filled(self.template.body, values))
        self.count += 1

    def docx(self) -> bytes:
        self._feed(self.template.section + self.template.tail)
        self.chunks.append(self.packer.flush())
        main = zipraw.Entry(DOCUMENT, zipraw.DEFLATED, self.crc, self.size, b"".join(self.chunks))
        return zipraw.build([*self.template.parts, main])


class Batch:
    def __init__(self, values: dict[str, Any], templates: dict[str, bytes], mode: str = "zip"):
        if mode not in MODES:
            raise ValueError(f"不支持的生成方式：{mode}")
        self.mode = mode
        self.header = header_of(values)
        self.people = people_of(values)
        self.templates = {form: Template(blob) for form, blob in templates.items() if form in SHORT_NAMES}
        if not self.templates:
            raise ValueError("没有可用的表格模板")
        self.width = max(3, len(str(len(self.people))))
        self.writer = zipraw.Writer()
        self.lines: list[tuple[int, str, str, str]] = []
        self.merged = {form: _Merged(t) for form, t in self.templates.items()} if mode == "merged" else {}
        self.done = 0
        self.made = 0
        self.skipped = 0

    @property
    def total(self) -> int:
        return len(self.people)

    def step(self, count: int) -> bytes:
        """The next ``count`` people; in zip mode, the bytes of the files made for them."""
        out: list[bytes] = []
        for row, person in self.people[self.done:self.done + max(1, count)]:
            self.done += 1
            name = person.get("name", "")
            extra, warnings = derived(person, self.header)
            if not name:
                self.skipped += 1
                self.lines.append((row, "", "", "未生成：缺少姓名" + ("；" + "；".join(warnings) if warnings else "")))
                continue
            for form, template in self.templates.items():
                values = form_values(form, person, self.header, extra)
                if self.mode == "zip":
                    fname = file_name(row, self.width, name, form)
                    out.append(self.writer.add(zipraw.stored(fname, template.document(values))))
                else:
                    fname = f"{SHORT_NAMES[form]}（合并）.docx 第 {self.merged[form].count + 1} 节"
                    self.merged[form].add(values)
                self.made += 1
                self.lines.append((row, name, fname, "；".join(warnings)))
        return b"".join(out)

    def finish(self) -> bytes:
        """The rest of the ZIP: in merged mode the files themselves; 清单.csv; the directory."""
        out: list[bytes] = []
        unit = self.header.get("unit", "")
        for form, merged in self.merged.items():
            if merged.count:
                name = f"{unit + '_' if unit else ''}{SHORT_NAMES[form]}（合并{merged.count}人）.docx"
                out.append(self.writer.add(zipraw.stored(name, merged.docx())))
        out.append(self.writer.add(zipraw.deflated("清单.csv", manifest(self.lines))))
        out.append(self.writer.close())
        return b"".join(out)

    def summary(self) -> dict[str, Any]:
        return {"total": self.total, "done": self.done, "made": self.made, "skipped": self.skipped,
                "warned": sum(1 for line in self.lines if line[3] and line[2])}
