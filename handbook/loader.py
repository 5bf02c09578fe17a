"""Load and check everything in ``policy_data/``.

The build, the tests and the calculators' parameter export all go through
:func:`load_handbook`. It either returns a fully checked :class:`Handbook` or
raises :class:`DataErrors`, whose message lists every problem found with file,
path and line, so one run shows a policy officer everything to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from calckit import catalog
from calckit.forms import COMPUTED_KINDS

from .clause_index import ClauseIndex, index_document
from .continuity import check_series
from .forms_schema import Form, FormField, UnderivableAttachments
from .holidays import check_holiday_year
from .numbers import quote_states_value, stated_values
from .package import DEFAULT as DEFAULT_PACKAGE
from .package import PackageError, import_calculators
from .runtime.bundle import BROWSER_PACKAGES
from .schema import (
    Comparison,
    Document,
    HolidayYear,
    NationalRules,
    Parameter,
    Readings,
    SearchSynonyms,
    Synonym,
)
from .versions import BUILD_DATE_ENV, DocVersion, Series, build_date, default_key, settle
from .yaml_source import DataError, SourcedYaml, load_yaml

M = TypeVar("M", bound=BaseModel)
HOLIDAYS_DOC = "holidays"  # pseudo-document id of policy_data/holidays/ in clause references

# pydantic's English messages, said in Chinese for the people who edit the data.
_PYDANTIC_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（拼写错误？）",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_parsing": "应为日期，格式 YYYY-MM-DD",
    "date_type": "应为日期，格式 YYYY-MM-DD",
    "literal_error": "取值不在允许范围内",
    "string_pattern_mismatch": "id 只能由小写英文字母、数字和连字符组成，且以字母开头",
    "string_too_short": "不能为空",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
}


class DataErrors(Exception):
    """Every problem found in ``policy_data/``; ``str()`` is the report."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        lines = [f"policy_data 中有 {len(errors)} 处错误："] + [f"  {e}" for e in errors]
        super().__init__("\n".join(lines))


@dataclass
class Handbook:
    documents: list[Document]
    readings: Readings
    comparisons: list[Comparison]
    clause_index: dict[str, ClauseIndex]
    rules: NationalRules | None = None
    forms: list[Form] = field(default_factory=list)
    forms_not_derivable: list = field(default_factory=list)
    source_files: dict[str, SourcedYaml] = field(default_factory=dict)
    holidays: list[HolidayYear] = field(default_factory=list)
    synonyms: list[Synonym] = field(default_factory=list)
    stop_words: list[str] = field(default_factory=list)
    weak_characters: str = ""
    series: dict[str, Series] = field(default_factory=dict)   # every version of every document
    today: dt.date = field(default_factory=dt.date.today)     # the build date statuses are computed for

    def forms_for(self, doc_id: str) -> list[Form]:
        return [f for f in self.forms if f.document == doc_id]

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    def reading(self, reading_id: str):
        return next(r for r in self.readings.readings if r.id == reading_id)


def _translate(err: dict[str, Any]) -> str:
    if err["type"] == "value_error":   # our own validators say it in Chinese
        return str(err.get("ctx", {}).get("error", err["msg"]))
    msg = _PYDANTIC_MESSAGES.get(err["type"])
    if err["type"] == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"取值“{err.get('input')}”不在允许范围内（允许：{expected}）"
    if msg:
        return msg
    return err["msg"]


def validate(src: SourcedYaml, model: type[M]) -> M | None:
    """Validate ``src.data`` against ``model``; add located errors to ``src.errors``."""
    if src.errors:
        return None
    try:
        return model.model_validate(src.data)
    except ValidationError as exc:
        seen: set[tuple[Any, ...]] = set()
        for err in exc.errors():
            # Union members each report the same location; keep the first message.
            loc = _data_loc(src.data, err["loc"])
            if loc in seen:
                continue
            seen.add(loc)
            src.errors.append(src.error(loc, _translate(err)))
        return None


def _data_loc(data: Any, loc: tuple) -> tuple:
    """pydantic's ``loc`` as a path in the data: union member tags (``int``, ``date``…) dropped.

    A part is kept when the data has it (a key of the mapping, an index of the list) or
    when it is the last part at a mapping (a missing or unknown key); so a field that is
    itself called ``date`` keeps its name."""
    out: list[Any] = []
    node = data
    for i, part in enumerate(loc):
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if (isinstance(node, dict) and part in node) or in_list:
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and (i == len(loc) - 1 or not _is_union_tag(part)):
            out.append(part)
            node = None
        elif not _is_union_tag(part) and node is None:
            out.append(part)
    return tuple(out)


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and (
        part in {"Cell", "str", "int", "float", "date", "list[union[int,float]]"}
        or part.startswith(("list[", "function-"))
    )


def check_document(doc: Document, src: SourcedYaml, index: ClauseIndex,
                   readings: set[str] | None, expected_id: str) -> None:
    """Cross-references that a schema alone cannot express."""
    if doc.id != expected_id:
        src.errors.append(src.error(("id",), f"id“{doc.id}”应与系列 id（所在文件夹名或文件名）“{expected_id}”一致"))
    for pi, part in enumerate(doc.parts):
        for block_i, block in enumerate(part.blocks):
            if (block.text is None) == (block.rows is None):
                src.errors.append(src.error(("parts", pi, "blocks", block_i),
                                            "块须恰有 text（段落）或 rows（表格）之一"))
        for ai, ref in enumerate(part.attachment_list):
            if ref.attachment and ref.attachment not in index.texts:
                src.errors.append(src.error(
                    ("parts", pi, "attachment_list", ai, "attachment"),
                    f"附件 id“{ref.attachment}”不存在"))
    for i, param in enumerate(doc.parameters):
        path = ("parameters", i)
        if param.clause not in index.texts:
            src.errors.append(src.error((*path, "clause"),
                                        f"参数“{param.id}”引用的条款 id“{param.clause}”不存在"))
        if param.reading and readings is not None and param.reading not in readings:
            src.errors.append(src.error((*path, "reading"),
                                        f"解读 id“{param.reading}”不在 readings.yaml 中"))
    check_quotes(doc.parameters, index, src)
    _check_version(doc, src, index, readings)
    _check_procedures(doc, src, index)
    ids = [p.id for p in doc.parameters]
    for i, pid in enumerate(ids):
        if pid in ids[:i]:
            src.errors.append(src.error(("parameters", i, "id"), f"参数 id“{pid}”重复"))
    for i, fix in enumerate(doc.corrections):
        path = ("corrections", i)
        text = index.texts.get(fix.clause)
        if text is None:
            src.errors.append(
                src.error((*path, "clause"), f"勘误引用的条款 id“{fix.clause}”不存在"))
        elif fix.corrected not in text:
            src.errors.append(src.error(
                (*path, "corrected"), f"更正后的文字“{fix.corrected}”不在条款“{fix.clause}”中"))


def _quoted(src: SourcedYaml, index: ClauseIndex, path: tuple, clause: str, quote: str) -> None:
    """A step's or a material's words are the clause's own."""
    text = index.texts.get(clause)
    if text is None:
        src.errors.append(src.error((*path, "clause"), f"条款 id“{clause}”不存在"))
    elif _squash(quote) not in _squash(text):
        src.errors.append(src.error((*path, "quote"), f"引文“{quote}”不在条款“{clause}”中（须逐字摘自该条）"))


def _check_procedures(doc: Document, src: SourcedYaml, index: ClauseIndex) -> None:
    """Procedures and materials rest on the notice: clauses exist and hold the quotes, a time limit
    names a parameter of this document, a lead names a later step, the anchor is a step."""
    params = {p.id: p for p in doc.parameters}
    for pi, proc in enumerate(doc.procedures):
        path = ("procedures", pi)
        ids = [s.id for s in proc.steps]
        if proc.anchor not in ids:
            src.errors.append(src.error((*path, "anchor"), f"锚定步骤“{proc.anchor}”不在本流程的步骤中"))
        for ci, clause in enumerate(proc.clauses):
            if clause not in index.texts:
                src.errors.append(src.error((*path, "clauses", ci), f"条款 id“{clause}”不存在"))
        for ci, calc_id in enumerate(proc.checks):
            if catalog.in_use() and calc_id not in catalog.declared("MODULES"):
                src.errors.append(src.error((*path, "checks", ci),
                                            f"计算器“{calc_id}”不存在（见计算器程序包的 __init__.py）"))
        for si, step in enumerate(proc.steps):
            spath = (*path, "steps", si)
            if step.id in ids[:si]:
                src.errors.append(src.error((*spath, "id"), f"步骤 id“{step.id}”重复"))
            _quoted(src, index, spath, step.clause, step.quote)
            limits = [k for k in ("period", "window", "lead") if getattr(step, k)]
            if len(limits) > 1:
                src.errors.append(src.error(spath, "一个步骤只能有一种时限：period、window 或 lead"))
            named = [step.period, step.lead, *(step.window or [])]
            for key, pid in zip(("period", "lead", "window", "window"), named, strict=False):
                if pid is None:
                    continue
                param = params.get(pid)
                if param is None:
                    src.errors.append(src.error((*spath, key), f"参数“{pid}”不在本文件的参数中"))
                elif key == "window" and param.unit != "日期":
                    src.errors.append(src.error((*spath, key), f"参数“{pid}”不是日期（window 须为两个日期参数）"))
                elif key != "window" and param.unit not in ("个工作日", "日", "天"):
                    src.errors.append(src.error((*spath, key), f"参数“{pid}”的单位“{param.unit}”不是天数"))
            if step.window and step.id != proc.anchor:
                src.errors.append(src.error((*spath, "window"), "固定日期段（window）只能用于锚定步骤"))
            if step.lead and (step.before not in ids[si + 1:ids.index(proc.anchor) + 1
                                                     if proc.anchor in ids else None]):
                src.errors.append(src.error((*spath, "before"),
                                            "提前量（lead）须以 before 指明其后、不晚于锚定步骤的某个步骤"))
    for mi, item in enumerate(doc.materials):
        _quoted(src, index, ("materials", mi), item.clause, item.quote)


def _check_version(doc: Document, src: SourcedYaml, index: ClauseIndex, readings: set[str] | None) -> None:
    """A version's dates rest on its own words: the clause exists and holds the quote, the period
    does not end before it starts, the reading exists."""
    v = doc.version
    if v is None:
        return
    if v.clause is not None and v.clause not in index.texts:
        src.errors.append(src.error(("version", "clause"), f"条款 id“{v.clause}”不存在"))
    elif v.quote is not None:
        if v.clause is None:
            src.errors.append(src.error(("version", "quote"), "引文须注明所在条款（clause）"))
        elif _squash(v.quote) not in _squash(index.texts[v.clause]):
            src.errors.append(src.error(("version", "quote"),
                                        f"引文“{v.quote}”不在条款“{v.clause}”中（须逐字摘自该条）"))
    start = v.start or doc.meta.effective or doc.meta.date
    if v.end is not None and start is not None and v.end < start:
        src.errors.append(src.error(("version", "to"), f"适用期间的结束日期 {v.end} 早于开始日期 {start}"))
    if v.reading and readings is not None and v.reading not in readings:
        src.errors.append(src.error(("version", "reading"), f"解读 id“{v.reading}”不在 readings.yaml 中"))
    if v.end is not None and not (v.quote or v.basis or v.reading):
        src.errors.append(src.error(("version", "to"),
                                    "结束日期须有依据：引文（quote）、说明（basis）或解读（reading）"))


def check_quotes(parameters: list[Parameter], index: ClauseIndex, src: SourcedYaml) -> None:
    """Data and text cannot drift apart: a parameter's ``quote`` is in its clause and states its
    ``value`` (17 in “不得少于17人”; a value of 18 there is an error, not a new policy)."""
    for i, param in enumerate(parameters):
        clause = index.texts.get(param.clause)
        if clause is None:
            continue   # reported as an unknown clause
        if _squash(param.quote) not in _squash(clause):
            src.errors.append(src.error(("parameters", i, "quote"),
                                        f"引文“{param.quote}”不在条款“{param.clause}”中（须逐字摘自该条）"))
        elif not quote_states_value(param):
            stated = "、".join(str(v) for v in stated_values(param.quote)) or "无数值"
            src.errors.append(src.error(("parameters", i, "value"),
                                        f"值 {param.value} 不是引文“{param.quote}”所述（引文中为：{stated}）"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load_handbook(data_dir: Path, calculators: Path | None = None, holidays: Path | None = None,
                  national_rules: Path | None = None) -> Handbook:
    """Load, validate and cross-check ``data_dir`` with the handbook's calculators package (the
    folder ``calculators``; ``calculators/`` beside ``data_dir`` when not given), its holiday
    schedules (``data_dir/holidays/``) and the national rules it cites
    (``data_dir/rules/national.yaml``, if there is one); raise DataErrors on any problem."""
    data_dir = Path(data_dir)
    root = data_dir.parent
    try:
        import_calculators(calculators or root / DEFAULT_PACKAGE)
    except PackageError as exc:
        raise DataErrors([DataError("mkdocs.yml", ("plugins", "policy-handbook", "calculators"), None,
                                    str(exc))]) from None
    errors: list[DataError] = []
    sources: dict[str, SourcedYaml] = {}

    def load(path: Path, model: type[M]) -> tuple[SourcedYaml, M | None]:
        src = load_yaml(path, str(path.relative_to(root) if path.is_relative_to(root) else path))
        sources[src.file] = src
        return src, validate(src, model)

    readings_src, readings = load(data_dir / "readings.yaml", Readings)
    errors.extend(readings_src.errors)
    # None: readings.yaml itself is broken (reported once); references to it are not checked
    reading_ids = {r.id for r in readings.readings} if readings else None

    documents: list[Document] = []
    indexes: dict[str, ClauseIndex] = {}
    failed: set[str] = set()  # documents with errors: views do not repeat them
    series_map: dict[str, Series] = {}
    try:
        today = build_date()
    except ValueError as exc:   # a mistyped HANDBOOK_BUILD_DATE: said with the data's faults
        errors.append(DataError(BUILD_DATE_ENV, (), None, str(exc)))
        today = dt.date.today()
    for series_id, key, path in _document_files(data_dir / "documents", errors):
        src, doc = load(path, Document)
        if doc is not None:
            index = index_document(doc, src)
            check_document(doc, src, index, reading_ids, series_id)
            if not src.errors:
                entry = DocVersion(series_id, key or default_key(doc), doc, index, src.file)
                series_map.setdefault(series_id, Series(series_id, [])).versions.append(entry)
        if src.errors:
            failed.add(series_id)
        errors.extend(src.errors)
    series_list = []
    for series_id, series in sorted(series_map.items()):
        if series_id in failed:
            continue
        settle(series, today)
        errors.extend(check_series(series, sources))
        series_list.append(series)
        documents.append(series.current.doc)
        indexes[series_id] = series.current.index

    comparisons: list[Comparison] = []
    for path in sorted((data_dir / "views").glob("*.yaml")):
        src, view = load(path, Comparison)
        if view is not None:
            _check_comparison(view, src, indexes, failed)
            if not src.errors:
                comparisons.append(view)
        errors.extend(src.errors)

    rules = None
    rules_path = national_rules or data_dir / "rules" / "national.yaml"
    if rules_path.exists():
        src, rules = load(rules_path, NationalRules)
        if rules is not None:
            _check_rules(rules, src, indexes, failed, reading_ids)
        errors.extend(src.errors)
        if rules is not None and not src.errors:
            indexes[rules.id] = ClauseIndex(
                texts={r.id: r.text for r in rules.rules},
                paths={r.id: ("rules", i) for i, r in enumerate(rules.rules)})

    forms: list[Form] = []
    form_sources: dict[str, SourcedYaml] = {}
    not_derivable: list = []
    forms_dir = data_dir / "forms"
    for path in sorted(forms_dir.glob("*.yaml")) if forms_dir.is_dir() else []:
        if path.name == "index.yaml":
            src, index = load(path, UnderivableAttachments)
            if index is not None:
                for i, item in enumerate(index.not_derivable):
                    if item.document in failed:
                        continue
                    known = indexes.get(item.document)
                    if known is None or item.attachment not in known.texts:
                        src.errors.append(src.error(("not_derivable", i, "attachment"),
                                                    f"附件 id“{item.attachment}”不在文件“{item.document}”中"))
                not_derivable = index.not_derivable
            errors.extend(src.errors)
            continue
        src, form = load(path, Form)
        if form is not None:
            param_ids = {f"{d.id}:{p.id}" for d in documents for p in d.parameters}
            check_form(form, src, indexes, failed, path.stem, param_ids, reading_ids)
            if not src.errors:
                forms.append(form)
                form_sources[form.id] = src
        errors.extend(src.errors)

    for form in forms:
        if form.roster is not None and form.roster.statistics not in {f.id for f in forms}:
            src = form_sources[form.id]
            errors.append(src.error(("roster", "statistics"), f"表格“{form.roster.statistics}”不存在"))
        if form.roster is not None:   # each person's forms: ones the roster knows how to fill
            for k, each in enumerate(form.roster.forms):
                if each not in catalog.declared("ROSTER_FILLS") or each not in {f.id for f in forms}:
                    message = f"表格“{each}”不存在或不能由名单填写（见计算器程序包的 ROSTER_FILLS）"
                    errors.append(form_sources[form.id].error(("roster", "forms", k), message))

    holidays: list[HolidayYear] = []
    for path in sorted((holidays or data_dir / "holidays").glob("*.yaml")):
        src, year = load(path, HolidayYear)
        if year is not None:
            check_holiday_year(year, src, path.stem)
            if not src.errors:
                holidays.append(year)
        errors.extend(src.errors)
    synonyms: list[Synonym] = []
    stop_words: list[str] = []
    weak = ""
    synonyms_path = data_dir / "search_synonyms.yaml"
    if synonyms_path.exists():
        src, found = load(synonyms_path, SearchSynonyms)
        if found is not None:
            synonyms, stop_words, weak = found.synonyms, found.stop_words, found.weak_characters
        errors.extend(src.errors)
    # the schedules are cited by calculator reasons as ("holidays", "y2025")
    indexes[HOLIDAYS_DOC] = ClauseIndex(texts={f"y{y.year}": y.notice.title for y in holidays},
                                        paths={f"y{y.year}": ("year",) for y in holidays})

    if errors:
        raise DataErrors(errors)
    return Handbook(documents, readings, comparisons, indexes, rules=rules, source_files=sources,
                    forms=forms, forms_not_derivable=not_derivable, holidays=holidays,
                    synonyms=synonyms, stop_words=stop_words, weak_characters=weak,
                    series={s.id: s for s in series_list}, today=today)


def _document_files(docs_dir: Path, errors: list[DataError]) -> list[tuple[str, str | None, Path]]:
    """(series id, version key or None, file) of every document file: ``<series>/<key>.yaml`` for a
    series of versions, ``<series>.yaml`` for a series of one (its key comes from its dates)."""
    out: list[tuple[str, str | None, Path]] = []
    flat = {p.stem: p for p in sorted(docs_dir.glob("*.yaml"))}
    for stem, path in flat.items():
        if (docs_dir / stem).is_dir():
            errors.append(DataError(str(path), (), None, f"与文件夹 {stem}/ 重复：同一系列的各版本请都放在该文件夹中"))
            continue
        out.append((stem, None, path))
    for folder in sorted(p for p in docs_dir.iterdir() if p.is_dir()) if docs_dir.is_dir() else []:
        versions = sorted(folder.glob("*.yaml"))
        if not versions:
            errors.append(DataError(str(folder), (), None, "文件夹中没有任何版本（<版本>.yaml）"))
        for path in versions:
            if not re.fullmatch(r"[0-9a-z][a-z0-9-]{0,19}", path.stem) or path.stem == "compare":
                errors.append(DataError(str(path), (), None,
                                        "版本文件名只能由小写英文字母、数字和连字符组成，如 2025.yaml"))
                continue
            out.append((folder.name, path.stem, path))
    if not out and not errors:
        errors.append(DataError(str(docs_dir), (), None, "没有任何文件"))
    return out


def form_fields(form: Form) -> list[tuple[str, FormField, tuple]]:
    """Every field of a form with its full name (``table.*.col`` in repeats) and data path."""
    out = []
    for pi, page in enumerate(form.pages):
        for bi, block in enumerate(page.blocks):
            base = ("pages", pi, "blocks", bi)
            for li, item in enumerate(block.line or []):
                if isinstance(item, FormField):
                    out.append((item.name, item, (*base, "line", li)))
            if block.box is not None:
                out.append((block.box.name, block.box, (*base, "box")))
            for ci, check in enumerate(block.checks):
                out.append((check.name, check, (*base, "checks", ci)))
            table = block.table
            if table is None:
                continue
            for key in ("rows", "after"):
                for ri, row in enumerate(getattr(table, key)):
                    for ci, cell in enumerate(row):
                        if cell.field is not None:
                            out.append((cell.field.name, cell.field, (*base, "table", key, ri, ci)))
            if table.repeat is not None:
                for ci, cell in enumerate(table.repeat.cells):
                    if cell.field is not None:
                        out.append((f"{table.repeat.name}.*.{cell.field.name}", cell.field,
                                    (*base, "table", "repeat", "cells", ci)))
    return out


def check_form(form: Form, src: SourcedYaml, indexes: dict[str, ClauseIndex], failed: set[str],
               expected_id: str, param_ids: set[str], reading_ids: set[str] | None = None) -> None:
    if form.id != expected_id:
        src.errors.append(src.error(("id",), f"id“{form.id}”应与文件名“{expected_id}”一致"))
    if form.document in failed:
        return
    index = indexes.get(form.document)
    if index is None:
        src.errors.append(src.error(("document",), f"文件 id“{form.document}”不存在"))
        return
    if form.attachment not in index.texts:
        src.errors.append(src.error(("attachment",), f"“{form.attachment}”不在文件“{form.document}”中"))
    for i, clause in enumerate(form.basis):
        if clause not in index.texts:
            src.errors.append(src.error(("basis", i), f"条款 id“{clause}”不在文件“{form.document}”中"))
    for i, package in enumerate(form.packages):
        if package not in BROWSER_PACKAGES:
            src.errors.append(src.error(("packages", i), f"Python 包“{package}”不在本站的 Pyodide 包中"
                                                         f"（可用：{'、'.join(BROWSER_PACKAGES)}）"))
    fields = form_fields(form)
    names = [name for name, _, _ in fields]
    seen: set[str] = set()
    for name, spec, path in fields:
        if name in seen:
            src.errors.append(src.error((*path, "name"), f"字段名“{name}”在本表中重复"))
        seen.add(name)
        if spec.max_param and spec.max_param not in param_ids:
            src.errors.append(src.error((*path, "max_param"), f"参数“{spec.max_param}”不存在"))
        rule = spec.compute.rule if spec.compute else None
        if rule and rule not in param_ids:
            src.errors.append(src.error((*path, "compute", "rule"), f"参数“{rule}”不存在"))
        compute = spec.compute
        if (spec.type == "computed") != (compute is not None):
            src.errors.append(src.error(path, "computed 字段须有 compute，其他字段不能有"))
        if compute is not None and compute.kind not in COMPUTED_KINDS and not catalog.function(
                "COMPUTATIONS", compute.kind):
            src.errors.append(src.error((*path, "compute", "kind"),
                                        f"计算方式“{compute.kind}”不存在（可用：{'、'.join(COMPUTED_KINDS)}，"
                                        "或计算器程序包的 COMPUTATIONS 中的）"))
        if compute is not None:
            refs = [*compute.of, compute.check, compute.start, compute.end, compute.total, compute.base]
            for ref in filter(None, refs):
                if ref not in names:
                    src.errors.append(src.error((*path, "compute"), f"引用的字段“{ref}”不在本表中"))
    for i, reading in enumerate(form.readings):
        if reading_ids is not None and reading not in reading_ids:
            src.errors.append(src.error(("readings", i), f"解读 id“{reading}”不在 readings.yaml 中"))
    if form.roster is not None:
        repeats = {name.split(".*.")[0] for name in names if ".*." in name}
        columns = {name.split(".*.")[1] for name in names if name.startswith(f"{form.roster.table}.*.")}
        if form.roster.table not in repeats:
            src.errors.append(src.error(("roster", "table"), f"本表没有名为“{form.roster.table}”的可重复行"))
        for i, column in enumerate(form.roster.required):
            if form.roster.table in repeats and column not in columns:
                src.errors.append(src.error(("roster", "required", i), f"“{column}”不是该表的栏目"))


def _check_rules(rules: NationalRules, src: SourcedYaml, indexes: dict[str, ClauseIndex],
                 failed: set[str], readings: set[str] | None) -> None:
    ids = [r.id for r in rules.rules]
    for i, rule in enumerate(rules.rules):
        if rule.id in ids[:i]:
            src.errors.append(src.error(("rules", i, "id"), f"id“{rule.id}”重复"))
        for ci, cite in enumerate(rule.cited_by):
            path = ("rules", i, "cited_by", ci)
            if cite.doc in failed:
                continue
            if cite.doc not in indexes:
                src.errors.append(src.error((*path, "doc"), f"文件 id“{cite.doc}”不存在"))
            elif cite.clause not in indexes[cite.doc].texts:
                src.errors.append(src.error((*path, "clause"),
                                            f"条款 id“{cite.clause}”不在文件“{cite.doc}”中"))
    for i, param in enumerate(rules.parameters):
        if param.clause not in ids:
            src.errors.append(src.error(("parameters", i, "clause"),
                                        f"参数“{param.id}”引用的规则 id“{param.clause}”不存在"))
        if param.reading and readings is not None and param.reading not in readings:
            src.errors.append(src.error(("parameters", i, "reading"),
                                        f"解读 id“{param.reading}”不在 readings.yaml 中"))
    check_quotes(rules.parameters, ClauseIndex(texts={r.id: r.text for r in rules.rules}), src)


def _check_comparison(view: Comparison, src: SourcedYaml,
                      indexes: dict[str, ClauseIndex], failed: set[str]) -> None:
    for i, doc_id in enumerate(view.documents):
        if doc_id not in indexes and doc_id not in failed:
            src.errors.append(src.error(("documents", i), f"文件 id“{doc_id}”不存在"))
    for ri, row in enumerate(view.rows):
        for doc_id, clause_ids in row.cells.items():
            path = ("rows", ri, "cells", doc_id)
            if doc_id not in view.documents:
                src.errors.append(src.error(path, f"“{doc_id}”不在本页 documents 列表中"))
                continue
            index = indexes.get(doc_id)
            for ci, cid in enumerate(clause_ids):
                if index is not None and cid not in index.texts:
                    src.errors.append(src.error((*path, ci), f"条款 id“{cid}”不在文件“{doc_id}”中"))
