"""Load YAML while remembering where every value came from.

Policy officers edit the data by hand, so an error has to point at a line. PyYAML
throws the positions away once it has built Python objects; here we compose the
node graph ourselves and keep a map from each value's path (as a tuple of keys and
indexes, the same shape as a pydantic error's ``loc``) to its line number.
Duplicate mapping keys, which PyYAML silently resolves by keeping the last one,
are reported as errors instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class DataError:
    """One problem in a data file, located by file, path inside it and line."""

    file: str
    path: Path_
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {format_path(self.path) or '(文件顶层)'}: {self.message}"


def format_path(path: Path_) -> str:
    """Render ``('parts', 0, 'sections', 2, 'id')`` as ``parts[0].sections[2].id``."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        else:
            out += f".{key}" if out else str(key)
    return out


@dataclass
class SourcedYaml:
    """Parsed YAML data plus the line of every path in it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def error(self, path: Path_, message: str) -> DataError:
        return DataError(self.file, tuple(path), self.line_of(path), message)


class DataLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 habits: dates stay strings (the schema decides what is
    a date) and only true/false are booleans (YAML 1.1 also reads yes/no/on/off)."""


_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
DataLoader.yaml_implicit_resolvers = {
    key: [(tag, _BOOL_12 if tag == "tag:yaml.org,2002:bool" else rx)
          for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}

# Composing (text → nodes with their lines) is where loading spends its time; libyaml does it
# about ten times faster than the pure-Python parser and gives the same nodes and marks.
# PyYAML wheels ship libyaml; without it the Python parser is used, with the same results.
if getattr(yaml, "__with_libyaml__", False):
    class _Composer(yaml.CSafeLoader):
        """libyaml's parser with the same YAML 1.2 resolvers as :class:`DataLoader`."""

    _Composer.yaml_implicit_resolvers = DataLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML without libyaml
    _Composer = DataLoader  # type: ignore[misc]


MAX_DEPTH = 40          # the deepest real file (a document's clause tree) is about 15 levels
MAX_BYTES = 5_000_000   # far above any policy file; a larger one is a mistake, not data


def load_yaml(path: Path, display_name: str | None = None) -> SourcedYaml:
    """Parse ``path``; every problem comes back as ``errors`` with a line, never as a traceback.

    Besides syntax errors and duplicate keys: a file that is missing, too large or not UTF-8,
    YAML aliases (``*name``: refused, so a few bytes cannot expand into gigabytes and a
    recursive alias cannot loop), tags that are not plain data (``!!python/name:…``) and
    nesting deeper than :data:`MAX_DEPTH`."""
    name = display_name or str(path)
    result = SourcedYaml(file=name, data=None)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        result.errors.append(DataError(name, (), None, "文件不存在"))
        return result
    except OSError as exc:
        result.errors.append(DataError(name, (), None, f"无法读取文件：{exc.strerror}"))
        return result
    if len(raw) > MAX_BYTES:
        result.errors.append(DataError(name, (), None, f"文件过大（{len(raw) // 1_000_000} MB，上限 "
                                                       f"{MAX_BYTES // 1_000_000} MB）"))
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        result.errors.append(DataError(name, (), line, f"不是 UTF-8 编码（第 {line} 行有无法识别的字节，"
                                                        "请用 UTF-8 保存文件）"))
        return result
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        if "nesting depth" in problem:   # libyaml's own limit, reached before ours
            result.errors.append(DataError(name, (), line, f"嵌套层数过多（超过 {MAX_DEPTH} 层）"))
        else:
            result.errors.append(DataError(name, (), line, f"YAML 语法错误：{problem}"))
        return result
    except RecursionError:
        result.errors.append(DataError(name, (), None, f"嵌套层数过多（超过 {MAX_DEPTH} 层）"))
        return result
    except yaml.YAMLError as exc:
        result.errors.append(DataError(name, (), None, f"YAML 语法错误：{exc}"))
        return result
    if node is None:
        result.errors.append(DataError(name, (), 1, "文件为空"))
        return result
    constructor = DataLoader("")
    result.data = _build(node, (), result, constructor, set())
    return result


def _build(node: yaml.Node, path: Path_, out: SourcedYaml, ctor: yaml.SafeLoader, seen: set[int]) -> Any:
    line = node.start_mark.line + 1
    out.lines[path] = line
    if id(node) in seen:   # the composer gives an alias the node it names: a second visit is an alias
        if not any("YAML 别名" in e.message for e in out.errors):   # once a file is enough
            out.errors.append(DataError(out.file, path, line, "不支持 YAML 别名（*名称）：请直接写出内容"))
        return None
    if len(path) > MAX_DEPTH:
        out.errors.append(DataError(out.file, path, line, f"嵌套层数过多（超过 {MAX_DEPTH} 层）"))
        return None
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, path, out, ctor) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                out.errors.append(DataError(out.file, path, key_node.start_mark.line + 1, "键应为文字"))
                continue
            if not isinstance(key, str):
                key = str(key)
            child = (*path, key)
            if key in mapping:
                out.errors.append(
                    DataError(out.file, child, key_node.start_mark.line + 1,
                              f"键“{key}”重复出现（第 {out.lines[child]} 行已有）")
                )
                continue
            mapping[key] = _build(value_node, child, out, ctor, seen)
            out.lines[child] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), out, ctor, seen) for i, item in enumerate(node.value)]
    return _scalar(node, path, out, ctor)


def _scalar(node: yaml.Node, path: Path_, out: SourcedYaml, ctor: yaml.SafeLoader) -> Any:
    try:
        return ctor.construct_object(node, deep=True)
    except yaml.YAMLError:
        out.errors.append(DataError(out.file, path, node.start_mark.line + 1,
                                    f"不支持的标签 {node.tag}：只能写文字、数字、日期、列表和映射"))
        return None
