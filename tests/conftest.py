"""Shared fixtures: the repository paths and one site build per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("HANDBOOK_SEEDS", ROOT.parent / "shared" / "seeds"))
ARTIFACTS = ROOT / "test-artifacts"


def mkdocs_build(config: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` the way README's command does (``env``: variables to add)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
         "-d", str(site_dir)],
        cwd=config.parent, capture_output=True, text=True, env=env, timeout=600,
    )


def copy_project(dest: Path, pyodide: bool = False) -> Path:
    """policy_data/, docs/ and mkdocs.yml in ``dest`` (calculators/ linked), to build a changed copy of the site.
    The copy builds pages only unless ``pyodide``: the bundle is tested on the real build."""
    shutil.copytree(ROOT / "policy_data", dest / "policy_data")
    shutil.copytree(ROOT / "docs", dest / "docs")
    (dest / "calculators").symlink_to(ROOT / "calculators")   # beside policy_data/, where the loader looks
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      data_dir: policy_data ",
                            f"      pyodide: {str(pyodide).lower()}\n      data_dir: policy_data ")
    config = config.replace("calculators: calculators ", f"calculators: {ROOT / 'calculators'} ")
    assert "pyodide: " in config and str(ROOT) in config
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once from the repository's data."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def handbook():
    from handbook.loader import load_handbook

    return load_handbook(ROOT / "policy_data")


@pytest.fixture(scope="session")
def params(handbook):
    """The calculators' parameters (and holiday schedules) built from policy_data/."""
    from handbook.export import calculator_params

    return calculator_params(handbook)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The built site served by nginx with deploy/README.md's configuration (compression, cache headers,
    Content-Security-Policy) on 127.0.0.1, as deployers serve it."""
    from helpers.nginx import NginxMissing, nginx

    try:
        with nginx(site_dir) as url:
            yield url
    except NginxMissing as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by playwright (no browser download)."""
    from helpers.browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of policy_data/ (and mkdocs.yml, docs/ for build tests)."""
    return copy_project(tmp_path) / "policy_data"
