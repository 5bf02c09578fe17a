"""The cut standard library's sources without comments and docstrings (handbook/runtime/strip_source.py):
code untouched, every line where it was, a body never left empty; and the zip the site serves holds
them so, while Pyodide's own packages are kept as they are."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from handbook.runtime.strip_source import same_lines, strip

ROOT = Path(__file__).resolve().parent.parent

CASES = [
    # (source, stripped)
    ('"""Module."""\nfrom __future__ import annotations\nx = 1  # one\n',
     '\nfrom __future__ import annotations\nx = 1\n'),
    ('def f():\n    """Only a docstring."""\n', 'def f():\n    pass\n'),
    ('def f():\n    """Doc\n    on two lines."""\n    return 1\n', 'def f():\n\n\n    return 1\n'),
    ('class A:\n    """Doc."""\n    # a comment\n\n    x = "# not a comment"\n',
     'class A:\n\n\n\n    x = "# not a comment"\n'),
    ('def f():\n    """Doc."""\n    # the end\n', 'def f():\n    pass\n\n'),
    ('y = """kept:  \nvalue"""\n"abc".join(x)\n"a" "b"\nz = ("s"\n     "t")\n',
     'y = """kept:  \nvalue"""\n"abc".join(x)\n"a" "b"\nz = ("s"\n     "t")\n'),
    ('if x:\n    "a bare string"\n    y = 2\nelse:  # why\n    z = 3\n', 'if x:\n\n    y = 2\nelse:\n    z = 3\n'),
    ('#!/usr/bin/env python\n# -*- coding: utf-8 -*-\nf(1)  \n', '\n\nf(1)  \n'),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_strip_takes_out_comments_and_docstrings_and_keeps_every_line(source, expected):
    out = strip(source)
    assert out == expected
    assert same_lines(source, out, "case.py")


def test_a_stripped_function_has_no_docstring_as_under_python_OO():
    namespace: dict = {}
    exec(strip('def f():\n    """Doc."""\n    return 2\n'), namespace)
    assert namespace["f"].__doc__ is None and namespace["f"]() == 2


def test_same_lines_notices_a_shifted_definition():
    before, after = "def f():\n    pass\n\ndef g():\n    pass\n", "def f():\n    pass\ndef g():\n    pass\n\n"
    assert not same_lines(before, after, "x.py")


def test_the_served_standard_library_is_stripped_and_pyodides_packages_are_not(site_dir):
    cut = next(site_dir.glob("assets/pyodide/*/python_stdlib.zip"))
    full = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    with zipfile.ZipFile(cut) as c, zipfile.ZipFile(full) as f:
        for name in ("traceback.py", "json/decoder.py", "zipfile/__init__.py"):
            thin, whole = c.read(name).decode(), f.read(name).decode()
            assert thin.count("\n") == whole.count("\n"), name
            assert len(thin) < 0.8 * len(whole), name
            assert not [line for line in thin.splitlines() if line.lstrip().startswith("#")], name
        for name in [n for n in c.namelist() if n.startswith(("pyodide/", "_pyodide/"))]:
            assert c.read(name) == f.read(name), name
