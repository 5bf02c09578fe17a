"""Turn the checked policy data into Markdown pages with Jinja templates.

Pages are Markdown so that mkdocs builds their table of contents and search
sections from headings; everything else (clauses, tables, boxes) is written as
raw HTML blocks, which Markdown passes through untouched. Text from the data is
therefore never interpreted: Jinja autoescapes it into HTML, and heading text is
additionally escaped for Markdown by :func:`md_heading`.
"""

from __future__ import annotations

import calendar
import json
import posixpath
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from .browser_modules import ModuleGraph
from .changes import compare_pairs, compare_versions
from .clause_index import walk_nodes
from .clause_labels import document_labels, rule_label, short_name
from .holidays import year_days
from .layout_css import LayoutClasses
from .loader import HOLIDAYS_DOC, Handbook
from .numbers import format_value
from .office.xlsx_form import is_tabular
from .runtime.bundle import CALCULATORS_DIST, KIT_DIST
from .schema import Correction, Document, HolidayYear, Node, Parameter

DOCS_DIR = "documents"
OVERVIEW_DIR = "overview"
CALC_DIR = "calculators"
FORMS_DIR = "forms"
APPLY_DIR = "apply"
ASSETS = "assets"

LEVEL_ORDER = {"国家": -1, "省": 0, "市": 1, "县": 2, "范例": 3}


SEARCH_SRC = "search.md"
ALL_CLAUSES_SRC = "all-clauses.md"                  # every clause by document: search without JavaScript
STORAGE_SRC = "storage.md"                          # what the site keeps on this computer


def doc_src(doc_id: str) -> str:
    return f"{DOCS_DIR}/{doc_id}.md"


def version_src(series_id: str, key: str) -> str:
    """A version's fixed address: ``documents/<series>/<key>/``."""
    return f"{DOCS_DIR}/{series_id}/{key}.md"


def compare_src(series_id: str, old: str, new: str) -> str:
    return f"{DOCS_DIR}/{series_id}/compare/{old}-{new}.md"


def data_path(series_id: str, key: str) -> str:
    """Where a version is published as data (JSON), from the site root."""
    return f"data/{series_id}/{key}.json"


def calc_src(calc_id: str) -> str:
    return f"{CALC_DIR}/{calc_id}.md"


def apply_src(doc_id: str) -> str:
    return f"{APPLY_DIR}/{doc_id}/index.md"


def materials_src(doc_id: str) -> str:
    return f"{APPLY_DIR}/{doc_id}/materials.md"


def totals_src(form_id: str) -> str:
    return f"{FORMS_DIR}/{form_id}-summary.md"


def form_src(form_id: str) -> str:
    return f"{FORMS_DIR}/{form_id}.md"


def script_json(data: object) -> Markup:
    """JSON safe inside <script type="application/json">: no "</script>" can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def src_to_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL mkdocs gives a page, relative to the site root (``documents/x/``)."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@dataclass
class PageContext:
    """Where the page being rendered lives, for relative links."""

    src_uri: str
    use_directory_urls: bool = True

    def url(self, target_src: str, anchor: str | None = None) -> str:
        """Relative URL from this page to ``target_src`` (and ``#anchor``)."""
        here = src_to_url(self.src_uri, self.use_directory_urls)
        there = src_to_url(target_src, self.use_directory_urls)
        here_dir = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
        rel = posixpath.relpath(there or ".", here_dir or ".")
        if there.endswith("/") or not there:
            rel = "" if rel == "." else rel + "/"
        if anchor:
            return f"{rel}#{anchor}"
        return rel or "./"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")


def md_heading(text: str) -> Markup:
    """Text safe inside a Markdown ATX heading: no markup, no HTML, no attr_list."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    return Markup(_MD_SPECIAL.sub(lambda m: f"&#{ord(m[1])};", text))


def lines(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]


def nl2br(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in str(text).split("\n"))


def _diff_span(original: str, corrected: str) -> tuple[int, int, str]:
    """(start, end, original part) of the characters a correction changed."""
    start = 0
    while start < min(len(original), len(corrected)) and original[start] == corrected[start]:
        start += 1
    end_o, end_c = len(original), len(corrected)
    while end_o > start and end_c > start and original[end_o - 1] == corrected[end_c - 1]:
        end_o -= 1
        end_c -= 1
    return start, end_c, original[start:end_o]


def mark_fixes(text: str, fixes: list[Correction]) -> Markup:
    """Escape ``text`` and wrap each OCR-corrected character in ``<ins>``."""
    out = Markup("")
    rest = text
    for fix in fixes:
        pos = rest.find(fix.corrected)
        if pos < 0:
            continue
        start, end, was = _diff_span(fix.original, fix.corrected)
        head = rest[: pos + start]
        changed = rest[pos + start: pos + end]
        title = f"源文本作“{was}”，系 OCR 误识，已更正"
        out += escape(head) + Markup('<ins class="ocr-fix" title="{}">{}</ins>').format(
            title, changed)
        rest = rest[pos + end:]
    return out + escape(rest)


def month_grids(year: HolidayYear) -> list[dict]:
    """The twelve months of ``year`` as weeks (Monday first) of days marked 休 / 班 / weekend."""
    off, work = year_days(year)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year.year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                elif day in off:
                    cells.append({"day": day.day, "kind": "off", "mark": "休", "title": f"{off[day]} 放假"})
                elif day in work:
                    cells.append({"day": day.day, "kind": "work", "mark": "班", "title": f"{work[day]} 调休上班"})
                elif day.weekday() >= calendar.SATURDAY:
                    cells.append({"day": day.day, "kind": "weekend", "mark": "", "title": ""})
                else:
                    cells.append({"day": day.day, "kind": "day", "mark": "", "title": ""})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


class Renderer:
    """Renders every generated page of the handbook."""

    def __init__(self, handbook: Handbook, use_directory_urls: bool = True,
                 calculators: list[dict] | None = None, params: dict | None = None,
                 pyodide_version: str = "", assets_dir: Path | None = None):
        """``calculators``: each calculator's ``describe()`` output; ``params``: their JSON;
        ``pyodide_version``: names the folder the runtime is served from; ``assets_dir``: the
        browser modules (``handbook/assets``), whose imports a page asks for at once."""
        self.handbook = handbook
        self.pyodide_version = pyodide_version
        self.calculators = calculators or []
        self.params = params or {}
        self.use_directory_urls = use_directory_urls
        self._labels: dict[str, dict[str, str]] = {}
        self.env = Environment(
            loader=PackageLoader("handbook", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(md_heading=md_heading, lines=lines, nl2br=nl2br,
                                value=format_value)
        self.layout = LayoutClasses()
        self.env.globals["layout"] = self.layout
        self.env.globals["calculator_wheels"] = [KIT_DIST, CALCULATORS_DIST]   # every page that runs Python
        self.env.globals["module_preloads"] = ModuleGraph(assets_dir).closure
        self.env.globals["has_excel"] = is_tabular
        self.env.globals["roster_columns"] = self.roster_columns
        self.env.globals["form_title"] = lambda form_id: next(
            f.title for f in self.handbook.forms if f.id == form_id)
        self.env.globals["rosters_filling"] = lambda form_id: [
            f for f in self.handbook.forms if f.roster is not None and f.roster.statistics == form_id]

    # --- helpers exposed to templates -------------------------------------------------
    def sorted_documents(self) -> list[Document]:
        return sorted(self.handbook.documents,
                      key=lambda d: (LEVEL_ORDER[d.meta.level], d.meta.kind, d.id))

    def pages(self) -> dict[str, tuple[str, str]]:
        """Every generated page: source path → (plain-text title, Markdown)."""
        out: dict[str, tuple[str, str]] = {}
        src = f"{DOCS_DIR}/index.md"
        out[src] = ("政策文件", self.render("documents_index.md.j2", src))
        words = {"synonyms": [s.model_dump(exclude={"why"}) for s in self.handbook.synonyms],
                 "stop_words": self.handbook.stop_words, "weak_characters": self.handbook.weak_characters}
        out[SEARCH_SRC] = ("搜索", self.render("search.md.j2", SEARCH_SRC, synonyms_json=script_json(words)))
        out[ALL_CLAUSES_SRC] = ("全部条款", self.render("all_clauses.md.j2", ALL_CLAUSES_SRC))
        names = {"calculators": {c["id"]: c["title"] for c in self.calculators},
                 "forms": {f.id: f.title for f in self.handbook.forms},
                 "documents": {d.id: d.meta.short_title for d in self.sorted_documents()}}
        out[STORAGE_SRC] = ("本机保存的内容", self.render("storage.md.j2", STORAGE_SRC, names_json=script_json(names)))
        for series in self.handbook.series.values():
            current = series.current
            src = doc_src(series.id)
            out[src] = (current.doc.meta.short_title, self.render(
                "document.md.j2", src, doc=current.doc, version=current, series=series, fixed=False))
            for v in series.versions:
                src = version_src(series.id, v.key)
                out[src] = (f"{v.doc.meta.short_title}（{v.label}）", self.render(
                    "document.md.j2", src, doc=v.doc, version=v, series=series, fixed=True))
            for old, new in compare_pairs(series):
                src = compare_src(series.id, old.key, new.key)
                out[src] = (f"{new.doc.meta.short_title}：{old.label}与{new.label}对照", self.render(
                    "compare.md.j2", src, series=series, old=old, new=new,
                    diff=compare_versions(old, new),
                    old_label=lambda c, v=old: self.version_labels(v).get(c, c),
                    new_label=lambda c, v=new: self.version_labels(v).get(c, c)))
        src = f"{OVERVIEW_DIR}/index.md"
        out[src] = ("综合对照", self.render("overview_index.md.j2", src))
        src = f"{OVERVIEW_DIR}/deadlines.md"
        out[src] = ("公示与时限一览", self.render("deadlines.md.j2", src))
        for view in self.handbook.comparisons:
            src = f"{OVERVIEW_DIR}/{view.id}.md"
            out[src] = (view.title, self.render("comparison.md.j2", src, view=view))
        if self.handbook.rules is not None:
            src = f"{OVERVIEW_DIR}/national-rules.md"
            out[src] = ("国家规定", self.render("national_rules.md.j2", src,
                                              rules=self.handbook.rules))
        if self.handbook.holidays:
            src = f"{OVERVIEW_DIR}/holidays.md"
            out[src] = ("法定节假日与调休安排", self.render(
                "holidays.md.j2", src, holiday_years=self.handbook.holidays, month_grids=month_grids))
        if self.handbook.forms:
            src = f"{FORMS_DIR}/index.md"
            out[src] = ("表格", self.render("forms_index.md.j2", src))
            for form in self.handbook.forms:
                src = form_src(form.id)
                out[src] = (form.title, self.render(
                    "form.md.j2", src, form=form, schema_json=script_json(self.form_schema(form)),
                    params_json=script_json(self.params), pyodide_version=self.pyodide_version))
            for form in self.totals_forms():
                src = totals_src(form.id)
                out[src] = (f"{form.title.replace('统计表', '汇总')}（主管部门、人社部门）", self.render(
                    "totals.md.j2", src, form=form, expect=self.totals_expect(form),
                    expect_json=script_json(self.totals_expect(form)),
                    params_json=script_json(self.params), pyodide_version=self.pyodide_version))
        if self.apply_documents():
            src = f"{APPLY_DIR}/index.md"
            out[src] = ("我要申报", self.render("apply_index.md.j2", src, apply_documents=self.apply_documents()))
            for doc in self.apply_documents():
                src = apply_src(doc.id)
                what = "考核办理" if doc.meta.kind == "年度考核" else "我要申报"
                out[src] = (f"{what}：{doc.meta.short_title}", self.render("apply.md.j2", src, doc=doc))
                src = materials_src(doc.id)
                out[src] = (f"材料清单：{doc.meta.short_title}", self.render("materials.md.j2", src, doc=doc))
        if self.calculators:
            src = f"{CALC_DIR}/index.md"
            out[src] = ("计算器", self.render("calculators_index.md.j2", src))
            for calc in self.calculators:
                src = calc_src(calc["id"])
                out[src] = (calc["title"], self.render(
                    "calculator.md.j2", src, calc=calc, params_json=script_json(self.params),
                    paper_rows=self.paper_rows(calc),
                    sheet_json=script_json(self.sheet_data(calc)), pyodide_version=self.pyodide_version))
        return out

    def form_pages(self) -> list[str]:
        return [form_src(f.id) for f in self.handbook.forms] + [totals_src(f.id) for f in self.totals_forms()]

    def totals_forms(self) -> list:
        """The statistics forms a roster fills: the supervising office adds many units' up."""
        targets = {f.roster.statistics for f in self.handbook.forms if f.roster is not None}
        return [f for f in self.handbook.forms if f.id in targets]

    def totals_expect(self, form) -> dict:
        """What the office's totals check the files against: each form's template version, the 年度
        of the current notice, and the 优秀 share named by the form's own quota field."""
        from .loader import form_fields
        from .office.xlsx_form import template_version

        rosters = [f for f in self.handbook.forms if f.roster is not None and f.roster.statistics == form.id]
        series = self.handbook.series.get(form.document)
        rule = next(field.compute.rule for _, field, _ in form_fields(form)
                    if field.compute is not None and field.compute.kind == "quota")
        doc, _, pid = rule.partition(":")
        param = self.params["documents"][doc]["params"][pid]
        share = Fraction(str(param["value"])) / (100 if param["unit"] == "%" else 1)
        return {"versions": {f.id: template_version(f) for f in [form, *rosters]},
                "year": str(series.current.year) if series and series.current.year else "",
                "quota": f"{share.numerator}/{share.denominator}",
                "quota_text": f"{param['value']}{'%' if param['unit'] == '%' else ''}",
                "roster_title": rosters[0].title if rosters else ""}

    def roster_columns(self, form) -> list[str]:
        """The column names a roster file's header row is matched by, in the form's order."""
        from .loader import form_fields

        prefix = f"{form.roster.table}.*."
        return [field.label for name, field, _ in form_fields(form) if name.startswith(prefix)]

    def form_schema(self, form) -> dict:
        """The fields the browser checks with calckit.forms (max_param resolved)."""
        from .loader import form_fields

        fields = []
        for name, field, _ in form_fields(form):
            spec = field.model_dump(exclude_none=True, exclude={"lines", "placeholder"})
            spec["name"] = name
            if field.max_param:
                doc, _, pid = field.max_param.partition(":")
                spec["max"] = self.params["documents"][doc]["params"][pid]["value"]
            fields.append(spec)
        return {"id": form.id, "fields": fields}

    def labels(self, doc_id: str) -> dict[str, str]:
        """Clause id → number as printed, for a document, the national rules or the holidays."""
        if doc_id not in self._labels:
            if doc_id == "national" and self.handbook.rules is not None:
                self._labels[doc_id] = {r.id: rule_label(r) for r in self.handbook.rules.rules}
            elif doc_id == HOLIDAYS_DOC:
                self._labels[doc_id] = {f"y{y.year}": f"{y.year}年" for y in self.handbook.holidays}
            else:
                self._labels[doc_id] = document_labels(self.handbook.document(doc_id))
        return self._labels[doc_id]

    def version_labels(self, version) -> dict[str, str]:
        key = f"{version.series}@{version.key}"
        if key not in self._labels:
            self._labels[key] = document_labels(version.doc)
        return self._labels[key]

    def sheet_data(self, calc: dict) -> dict:
        """What a calculator's printed result needs beyond the result: the words of every clause it
        can cite (keyed by the address a reason links to, in each version) and each notice's 文号."""
        words: dict[str, str] = {}
        notices = []
        for doc_id in calc["documents"]:
            series = self.handbook.series.get(doc_id)
            if series is not None:
                for v in series.versions:
                    base = f"documents/{v.series}/{v.key}/#"
                    words.update({base + cid: self.sheet_words(v.doc, cid, text)
                                  for cid, text in v.index.texts.items() if text})
                current = series.current
                notices.append({"doc": doc_id, "title": current.doc.meta.title,
                                "number": current.doc.meta.doc_number, "round": current.round})
            elif doc_id == "national" and self.handbook.rules is not None:
                words.update({f"overview/national-rules/#{r.id}": r.text for r in self.handbook.rules.rules})
        for year in self.handbook.holidays:
            words[f"overview/holidays/#y{year.year}"] = f"《{year.notice.title}》（{year.notice.number}）"
        return {"words": words, "notices": notices}

    def paper_rows(self, calc: dict) -> list[dict]:
        """The calculator's rule on paper (the 纸面自查清单 of its page, for a reader without
        JavaScript or Python): one row per clause the calculator declares it applies — the same
        list its reasons cite (tests/test_paper_way.py) — with the clause's words as the current
        version prints them, its number and document, and the numbers of policy stated in it."""
        rows = []
        for ref in calc["clauses"]:
            doc_id, clause = ref["doc"], ref["clause"]
            if doc_id == "national" and self.handbook.rules is not None:
                rule = next(r for r in self.handbook.rules.rules if r.id == clause)
                rows.append({"doc": doc_id, "clause": clause, "text": rule.text, "params": [], "source": "国家规定",
                             "covers": [clause]})
                continue
            doc = self.handbook.document(doc_id)
            texts = self.handbook.clause_index[doc_id].texts
            # the clause with its items (三（三） and its 1–4): a result may cite either
            within = [clause] + [c for c in texts if c.startswith(f"{clause}-") and texts[c]]
            params = [f"{p.label}：{format_value(p)}（原文“{p.quote}”"
                      + (f"；{self.handbook.reading(p.reading).reading}" if p.reading else "") + "）"
                      for p in doc.parameters if p.clause in within]
            rows.append({"doc": doc_id, "clause": clause, "params": params, "source": short_name(doc),
                         "covers": within,
                         "text": "\n".join(self.sheet_words(doc, c, texts[c]) for c in within)})
        return rows

    @staticmethod
    def sheet_words(doc: Document, clause_id: str, text: str) -> str:
        """A clause's words for a printed result; a table is named, not flattened into one line."""
        for part in doc.parts:
            for block in part.blocks:
                if block.id == clause_id and block.rows is not None:
                    heading = "".join(x for x in (part.num, part.title) if x)
                    return f"（{heading}中的表格，见本站该附件页面）"
        return text

    def apply_documents(self) -> list[Document]:
        """The notices a reader applies under: those that set a procedure or list materials."""
        return [d for d in self.sorted_documents() if d.procedures or d.materials]

    def apply_pages(self) -> list[str]:
        docs = self.apply_documents()
        if not docs:
            return []
        return [f"{APPLY_DIR}/index.md", *(p for d in docs for p in (apply_src(d.id), materials_src(d.id)))]

    def calculator_pages(self) -> list[str]:
        return [calc_src(c["id"]) for c in self.calculators]

    def overview_pages(self) -> list[str]:
        pages = [f"{OVERVIEW_DIR}/deadlines.md"]
        pages += [f"{OVERVIEW_DIR}/{v.id}.md" for v in self.handbook.comparisons]
        if self.handbook.rules is not None:
            pages.append(f"{OVERVIEW_DIR}/national-rules.md")
        if self.handbook.holidays:
            pages.append(f"{OVERVIEW_DIR}/holidays.md")
        return pages

    def documents_table(self, src_uri: str) -> str:
        """The list of documents, for the home page."""
        return self.render("_documents_table.html.j2", src_uri)

    def render(self, template: str, src_uri: str, **context) -> str:
        page = PageContext(src_uri, self.use_directory_urls)
        handbook = self.handbook

        def doc_url(doc_id: str, anchor: str | None = None) -> str:
            if doc_id == "national" and handbook.rules is not None:
                return page.url(f"{OVERVIEW_DIR}/national-rules.md", anchor)
            return page.url(doc_src(doc_id), anchor)

        def calc_url(calc_id: str) -> str:
            return page.url(calc_src(calc_id))

        def form_url(form_id: str) -> str:
            return page.url(form_src(form_id))

        def apply_url(doc_id: str, materials: bool = False) -> str:
            return page.url(materials_src(doc_id) if materials else apply_src(doc_id))

        def attachment_title(doc_id: str, attachment_id: str) -> str:
            doc = handbook.document(doc_id)
            for att in doc.named_attachments:
                if att.id == attachment_id:
                    return f"{att.num}　{att.title}"
            return handbook.clause_index[doc_id].texts.get(attachment_id, attachment_id)

        site_root = page.url("index.md")
        site_root = "" if site_root == "./" else site_root

        def asset_url(path: str) -> str:
            """A file under the site's assets/, relative to this page."""
            return f"{site_root}{ASSETS}/{path}"

        def doc_title(doc_id: str) -> str:
            if doc_id == "national":
                return "国家规定"
            return handbook.document(doc_id).meta.short_title

        def calculators_for(doc_id: str, clause: str | None = None) -> list[dict]:
            return [c for c in self.calculators if doc_id in c["documents"] and (
                clause is None or {"doc": doc_id, "clause": clause} in c["clauses"])]

        shown = context.get("version")   # the version a document page shows

        def clause_text(doc_id: str, clause_id: str) -> str:
            if shown is not None and doc_id == shown.series:
                return shown.index.texts[clause_id]
            return handbook.clause_index[doc_id].texts[clause_id]

        def label(doc_id: str, clause_id: str) -> str:
            """The clause's number as printed (三（三）2), for a link whose document is named nearby."""
            if shown is not None and doc_id == shown.series:
                return self.version_labels(shown).get(clause_id, clause_id)
            return self.labels(doc_id).get(clause_id, clause_id)

        def version_url(series_id: str, key: str, anchor: str | None = None) -> str:
            return page.url(version_src(series_id, key), anchor)

        def compare_url(series_id: str, old: str, new: str) -> str:
            return page.url(compare_src(series_id, old, new))

        def series_of(doc_id: str):
            return handbook.series.get(doc_id)

        def data_url(series_id: str, key: str) -> str:
            return f"{site_root}{data_path(series_id, key)}"

        def fixes_for(doc: Document, clause_id: str) -> list[Correction]:
            return [c for c in doc.corrections if c.clause == clause_id]

        def params_by_category(*categories: str) -> list[tuple[Document, Parameter]]:
            return [(d, p) for d in self.sorted_documents() for p in d.parameters
                    if p.category in categories]

        def node_is_heading(node: Node) -> bool:
            if node.layout:
                return node.layout == "heading"
            return bool(node.title) and not node.title.endswith(("。", "：", ":", "；"))

        def all_nodes(doc: Document):
            for part in doc.parts:
                for node, _ in walk_nodes(part.sections, ()):
                    yield node

        template_obj = self.env.get_template(template)
        return template_obj.render(
            handbook=handbook, documents=self.sorted_documents(), page=page,
            doc_url=doc_url, page_url=page.url, clause_text=clause_text, fixes_for=fixes_for,
            mark_fixes=mark_fixes, params_by_category=params_by_category,
            node_is_heading=node_is_heading, all_nodes=all_nodes, calc_url=calc_url,
            form_url=form_url, apply_url=apply_url, attachment_title=attachment_title,
            asset_url=asset_url, site_root=site_root or "./", doc_title=doc_title, calculators_for=calculators_for,
            calculators=self.calculators, label=label, version_url=version_url, compare_url=compare_url,
            series_of=series_of, data_url=data_url, today=handbook.today,
            reading=handbook.reading, diff_span=_diff_span, **context)
