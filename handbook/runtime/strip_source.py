"""Comments and docstrings taken out of the cut standard library's sources, every line kept in place.

The browser downloads the standard library as sources (compiled .pyc would be twice the bytes), and
a third of those bytes are comments and docstrings that nothing runs: 0.56 → 0.32 MB brotli, 1.2 s
less on a 1.6 Mbit/s line. ``strip`` works on the tokens, so code is never touched: a comment goes
(with the spaces before it); a statement that is only a string (a docstring) goes, or becomes
``pass`` where a body would otherwise be empty; a docstring's lines stay as empty lines, so every
line number — in a traceback, in a code object — is what it was. Without docstrings ``__doc__`` is
None, as under ``python -OO``, which CPython's own tests run its standard library with.

Run at build time inside Pyodide (its Python is the version the sources are written for; this
build's Python may not read them), by ``stdlib_modules.mjs``; ``same_lines`` checks each result
there before the zip is written.
"""

from __future__ import annotations

import io
import tokenize

_STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}


def strip(source: str) -> str:
    """``source`` without comments and docstrings, with the same number of lines."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    edits: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    previous = tokenize.NEWLINE
    for i, token in enumerate(tokens):
        if token.type == tokenize.COMMENT:
            edits.append((token.start, token.end, ""))
        elif token.type == tokenize.STRING and previous in _STATEMENT_START:
            after = _next_significant(tokens, i + 1)
            if tokens[after].type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                # the only statement of an indented body (it ends right after): `pass` keeps it a body
                ends = tokens[_next_significant(tokens, after + 1)]
                alone = previous == tokenize.INDENT and ends.type == tokenize.DEDENT
                edits.append((token.start, token.end, "pass" if alone else ""))
        if token.type not in (tokenize.COMMENT, tokenize.NL):
            previous = token.type
    lines = source.splitlines(keepends=True)
    for (start_row, start_col), (end_row, end_col), text in reversed(edits):
        head = lines[start_row - 1][:start_col]
        tail = lines[end_row - 1][end_col:]
        if not text and not tail.strip():
            head = head.rstrip(" \t")     # the spaces before a comment, or a line left empty
        lines[start_row - 1] = head + text + tail
        for row in range(start_row, end_row):   # a docstring's further lines, left empty
            lines[row] = "\n"
    return "".join(lines)


def _next_significant(tokens: list[tokenize.TokenInfo], start: int) -> int:
    """The index of the first token from ``start`` that is not a comment or a blank line's end
    (the token list always ends with ENDMARKER)."""
    while start < len(tokens) - 1 and tokens[start].type in (tokenize.COMMENT, tokenize.NL):
        start += 1
    return min(start, len(tokens) - 1)


def same_lines(original: str, stripped: str, name: str) -> bool:
    """Both compile, have as many lines, and define the same functions and classes on the same lines."""
    def shape(code) -> list[tuple[str, int]]:
        out = [(code.co_name, code.co_firstlineno)]
        for const in code.co_consts:
            if hasattr(const, "co_firstlineno"):
                out.extend(shape(const))
        return out
    return (original.count("\n") == stripped.count("\n")
            and shape(compile(original, name, "exec")) == shape(compile(stripped, name, "exec")))
