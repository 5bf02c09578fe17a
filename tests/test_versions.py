"""Next year's notice beside this year's: a series with two versions, from the .docx to the site.

The 2025 notice is a fixture (tests/fixtures/yangcheng-2025.yaml: the real 2024 notice with its
year, dates and two numbers changed), imported into a copy of the project with
``python -m handbook import … --series yangcheng-junior-title`` as a maintainer would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers.next_year import SERIES, accept_pending, fixture, load_on, write_docx

from conftest import ROOT, copy_project

CASE = {   # eligible under 2025's words, not under 2024's (appointed after 2022-12-31, 3 passes)
    "civil_servant": False, "retired": False, "birth_date": "1995-03-01", "sex": "男", "discipline": False,
    "specialty": "mining", "specialty_matches_work": True, "education": "college", "education_related": True,
    "technician_date": "2023-06-30", "employment": "unit", "passed_assessments": 3,
    "grade_current_year": "qualified", "grade_previous_year": "qualified", "has_report": True,
}


def handbook_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "handbook", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def next_year(tmp_path_factory):
    """The project with 2025's notice imported, as the maintainer leaves it at each step."""
    project = copy_project(tmp_path_factory.mktemp("next-year"))
    data = project / "policy_data"
    docx = write_docx(project / "2025年度评审工作安排意见.docx")
    imported = handbook_cli("import", str(docx), "--series", SERIES, "--data-dir", str(data))
    assert imported.returncode == 0, imported.stderr
    new_file = data / "documents" / SERIES / "2025.yaml"
    drafted = new_file.read_text("utf-8")
    before = handbook_cli("check", str(data))
    accepted = accept_pending(new_file)
    after = handbook_cli("check", str(data))
    return {"project": project, "data": data, "report": imported.stdout, "drafted": drafted,
            "before": before, "accepted": accepted, "after": after}


def load(data: Path, day: str):
    return load_on(data, day)


def test_import_carries_every_unchanged_parameter_and_lists_every_changed_one(next_year):
    fx = fixture()
    report, drafted = next_year["report"], next_year["drafted"]
    assert "36 条沿用上一版本的 id" in report and "0 条为新增" in report
    active = drafted.split("\nparameters:\n", 1)[1].split("\n# 上一版本", 1)[0]
    carried = re.findall(r"^- id: (\S+)", active, re.M)
    assert sorted(carried) == sorted(fx["unchanged"])          # 100%, no hand edit
    for pid, value in fx["changed"].items():                   # 100% listed, none carried silently
        assert pid not in carried
        shown = value.isoformat() if isinstance(value, dt.date) else str(value)
        assert re.search(rf"^# - id: {pid} .*\n(#   .*\n)*?#   value: {re.escape(shown)} ", drafted, re.M), pid
        assert f"{pid}（" in report and f"→ {shown}？" in report
    # nothing silently: the check names each missing parameter until the maintainer writes it
    assert next_year["before"].returncode == 2
    for pid in fx["changed"]:
        assert f"“{pid}”" in next_year["before"].stderr
    assert sorted(next_year["accepted"]["parameters"]) == sorted(fx["changed"])
    assert next_year["after"].returncode == 0, next_year["after"].stderr


def test_import_carries_the_procedure_and_materials_or_holds_them_for_checking(next_year):
    """The materials' words are all in 2025's text: carried. Two steps of 申报与报送 quote changed words
    (公示期, 报送时间): the procedure is written whole, commented, with the new words, each step named;
    the check names the procedure until the maintainer un-comments it."""
    report, drafted = next_year["report"], next_year["drafted"]
    assert "材料清单：9 项，9 项沿用。" in report
    assert "流程（我要申报、申报计划）：1 个，0 个沿用；1 个有须核对的步骤" in report
    assert "步骤 publicity（" in report and "新文本最相近：“公示期不少于7个工作日”（五（一））" in report
    assert "步骤 submit（" in report and "新文本最相近：“报送时间：2025年12月15日至12月19日”" in report
    assert "不沿用" not in report                                  # 2024's file has no corrections
    materials = drafted.split("\nmaterials:\n", 1)[1]
    assert len(re.findall(r"^- id: ", materials, re.M)) == 9
    held = drafted.split("\nprocedures:\n", 1)[1].split("\nmaterials:", 1)[0]
    assert "# - id: application" in held and "#     quote: 公示期不少于7个工作日" in held
    assert "#     quote: 报送时间：2025年12月15日至12月19日" in held
    assert "流程“application”（申报与报送）在本版本中没有" in next_year["before"].stderr
    assert next_year["accepted"]["procedures"] == ["application"]


def test_the_new_round_keeps_its_apply_pages_and_its_plan(two_version_site, next_year):
    """我要申报 and 材料清单 follow 2025's notice; the planner plans 2025's 报送时间 and 公示期."""
    from helpers.sitetext import article_text

    from calculators import run
    from handbook.export import calculator_params

    site = two_version_site
    apply = article_text(site / "apply" / SERIES / "index.html")
    assert "阳工信函字〔2025〕17号" in apply and "申报与报送" in apply and "材料清单（9 项）" in apply
    materials = article_text(site / "apply" / SERIES / "materials" / "index.html")
    assert "阳工信函字〔2025〕17号" in materials and "已准备 0 / 9 项" in materials
    planner = (site / "calculators" / "procedure-plan" / "index.html").read_text("utf-8")
    assert f'value="{SERIES}:application"' in planner
    params = calculator_params(load(next_year["data"], "2025-12-01"))
    plan = run("procedure-plan", {"procedure": f"{SERIES}:application", "anchor_date": "2025-12-15"}, params)
    assert plan["ok"], plan
    steps = {s["id"]: s for s in plan["values"]["steps"]}
    assert steps["submit"]["limit"] == "2025年12月15日至2025年12月19日"
    assert steps["publicity"]["limit"] == "“公示期不少于7个工作日”"
    assert (steps["publicity"]["first"], steps["publicity"]["last"]) == ("2025-12-04", "2025-12-12")
    assert steps["publicity"]["url"] == f"documents/{SERIES}/2025/#s5-1"


def test_a_lost_block_is_named_until_written_or_stated_dropped(next_year, tmp_path):
    """A material, a step or a parameter the new file lacks is an error naming it; ``dropped`` with a
    reason accepts the loss; a ``dropped`` entry that names nothing of the previous version is an error."""
    import shutil

    data = tmp_path / "policy_data"
    shutil.copytree(next_year["data"], data)
    (tmp_path / "calculators").symlink_to(ROOT / "calculators")
    path = data / "documents" / SERIES / "2025.yaml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["materials"] = [m for m in doc["materials"] if m["id"] != "originals"]
    proc = doc["procedures"][0]
    proc["steps"] = [s for s in proc["steps"] if s["id"] != "audit"]
    doc["parameters"] = [p for p in doc["parameters"] if p["id"] != "assessments-min"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    lost = handbook_cli("check", str(data))
    assert lost.returncode == 2 and "Traceback" not in lost.stderr
    assert "的材料 “originals”（相应原件（报送时携带，核对无误后退回）） 在本版本中没有" in lost.stderr
    assert "流程“application”的步骤“audit”（逐级审核，报送评审委员会）在本版本中没有" in lost.stderr
    assert "的参数 “assessments-min”（任现职以来年度考核合格（称职）次数） 在本版本中没有" in lost.stderr
    assert "2025.yaml:" in lost.stderr                                   # file and line
    doc["dropped"] = [
        {"kind": "material", "id": "originals", "reason": "新通知不再要求携带原件（测试用）"},
        {"kind": "step", "procedure": "application", "id": "audit", "reason": "测试用"},
        {"kind": "parameter", "id": "assessments-min", "reason": "测试用"},
        {"kind": "material", "id": "review-form", "reason": "仍在本版本中"},
        {"kind": "procedure", "id": "no-such-procedure", "reason": "上一版本没有"},
    ]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    stated = handbook_cli("check", str(data))
    assert "在本版本中没有" not in stated.stderr
    assert "材料“review-form”在本版本中仍有，不能同时写为 dropped" in stated.stderr
    assert "上一版本（2024）没有流程“no-such-procedure”" in stated.stderr
    doc["dropped"] = doc["dropped"][:3]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    assert handbook_cli("check", str(data)).returncode == 0


def test_the_drafted_period_and_meta_follow_the_previous_version(next_year):
    hb = load(next_year["data"], "2026-12-02")
    v = hb.series[SERIES].version("2025")
    expected = fixture()["version"]
    assert (v.round, v.year, v.start, v.end) == (expected["round"], expected["year"], expected["from"], expected["to"])
    assert v.doc.meta.doc_number == "阳工信函字〔2025〕17号"
    assert (v.doc.meta.level, v.doc.meta.region, v.doc.meta.short_name) == ("县", "山西省晋城市阳城县", "阳城")
    assert v.doc.meta.short_title == "阳城 · 2025年度煤炭专业初级职称（助理工程师）评审"


STATUSES = [   # build date → (2024's status, 2025's status, the version the series address shows)
    ("2024-11-01", "pending", "pending", "2024"),
    ("2024-12-01", "current", "pending", "2024"),
    ("2025-06-01", "executed", "pending", "2024"),
    ("2025-12-01", "superseded", "current", "2025"),
    ("2026-12-02", "superseded", "executed", "2025"),
]


@pytest.mark.parametrize(("day", "old", "new", "shown"), STATUSES)
def test_status_follows_the_build_date(next_year, day, old, new, shown):
    series = load(next_year["data"], day).series[SERIES]
    assert (series.version("2024").status.code, series.version("2025").status.code) == (old, new)
    assert series.current_key == shown
    if old == "superseded":
        assert series.version("2024").status.text == \
            "已被《阳城县2025年度工程系列煤炭专业初级技术职务任职资格评审工作安排意见》（2025年度评审）替代"
    if new == "executed":
        assert series.version("2025").status.text == "适用于2025年度评审，已执行完毕"


def test_calculators_answer_by_year(next_year):
    from calculators import run
    from handbook.export import calculator_params

    params = calculator_params(load(next_year["data"], "2026-12-02"))
    calc = "yangcheng-assistant-engineer"
    old = run(calc, {**CASE, "version": "2024"}, params)
    new = run(calc, {**CASE, "version": "2025"}, params)
    default = run(calc, CASE, params)
    assert old["ok"] and new["ok"] and default["ok"]
    assert old["outcome"]["passed"] is False and new["outcome"]["passed"] is True
    assert default["notice"]["key"] == "2025"                      # the current version by default
    assert old["notice"]["number"] == "阳工信函字〔2024〕20号" and new["notice"]["number"] == "阳工信函字〔2025〕17号"
    failed = [r for r in old["reasons"] if r["status"] == "fail"]
    assert [r["clause"] for r in failed] == ["s3-3-3"]
    assert failed[0]["url"] == f"documents/{SERIES}/2024/#s3-3-3" and "2022年12月31日" in failed[0]["text"]
    assert any("2023年12月31日" in r["text"] for r in new["reasons"])
    # a year the site has no notice for: a message next to the field, never another year's values
    later = run(calc, {**CASE, "version": "2026"}, params)
    assert later["ok"] is False and later["errors"][0]["field"] == "version"
    assert "2026年度" in later["errors"][0]["message"]
    assert "阳工信函字〔2024〕20号" in later["errors"][0]["message"]
    assert "阳工信函字〔2025〕17号" in later["errors"][0]["message"]


def test_compare_marks_every_change_and_nothing_else(next_year):
    from handbook.changes import DELETE, INSERT, compare_versions

    fx = fixture()
    series = load(next_year["data"], "2026-12-02").series[SERIES]
    changes = compare_versions(series.version("2024"), series.version("2025"))
    assert {p.id: p.new.value for p in changes.params} == fx["changed"]
    assert {p.kind for p in changes.params} == {"changed"}
    olds = [r["old"] for r in fx["replace"]]
    news = [r["new"] for r in fx["replace"]]
    texts = series.version("2024").index.texts
    touched = {cid for cid, text in texts.items() if any(o in text for o in olds)}
    assert {c.id for c in changes.changed} == touched
    assert {c.kind for c in changes.changed} == {"changed"}
    for c in changes.changed:
        for op, words in c.segments:
            if op == DELETE:
                assert any(words in o for o in olds), (c.id, words)
            if op == INSERT:
                assert any(words in n for n in news), (c.id, words)
    s33 = next(c for c in changes.changed if c.id == "s3-3-3")
    assert [(op, w) for op, w in s33.segments if op != "="] == [(DELETE, "2022"), (INSERT, "2023")]


@pytest.fixture(scope="module")
def two_version_site(next_year):
    """The copy built on 2025-12-01: 2025's round is on, 2024's replaced."""
    project = next_year["project"]
    env = {**os.environ, "HANDBOOK_BUILD_DATE": "2025-12-01", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project,
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_version_has_its_address_its_status_and_its_data(two_version_site):
    from helpers.sitetext import article_text

    site = two_version_site
    series_page = (site / "documents" / SERIES / "index.html").read_text("utf-8")
    old_page = (site / "documents" / SERIES / "2024" / "index.html").read_text("utf-8")
    new_page = (site / "documents" / SERIES / "2025" / "index.html").read_text("utf-8")
    assert "阳工信函字〔2025〕17号" in series_page and "状态：现行" in series_page
    assert "报送时间：2025年12月15日至12月19日" in article_text(site / "documents" / SERIES / "index.html")
    # 2024's words stay at 2024's address, with a banner to the current one
    assert "报送时间：2024年12月16日至12月20日" in article_text(site / "documents" / SERIES / "2024" / "index.html")
    assert 'id="s5-3-time"' in old_page
    assert "已被《阳城县2025年度" in old_page
    assert "这是2024年度评审（阳工信函字〔2024〕20号）的原文，文字不再改动" in old_page
    assert 'class="doc-status-banner">这是' not in new_page
    compare = (site / "documents" / SERIES / "compare" / "2024-2025" / "index.html").read_text("utf-8")
    assert "参数变化 6 项；条款新增 0 条、删除 0 条、修改 8 条、移动 0 条" in compare
    assert "<del>2022</del>" in compare and "<ins>2023</ins>" in compare
    assert 'href="../../2024/#s3-3-3"' in compare and 'href="../../2025/#s3-3-3"' in compare
    data = json.loads((site / "data" / SERIES / "2024.json").read_text("utf-8"))
    assert data["meta"]["doc_number"] == "阳工信函字〔2024〕20号" and "status" not in json.dumps(data["period"])
    college = next(p for p in data["parameters"] if p["id"] == "college-cutoff")
    assert (college["value"], college["clause_label"]) == ("2022-12-31", "三（三）（3）")
    index = json.loads((site / "data" / "index.json").read_text("utf-8"))
    yc = next(s for s in index["series"] if s["id"] == SERIES)
    assert yc["current"] == "2025" and [v["status_code"] for v in yc["versions"]] == ["superseded", "current"]


def test_search_holds_each_version_with_its_status(next_year):
    from handbook.search.records import records

    found = {r.url: r for r in records(load(next_year["data"], "2025-12-01"), [])}
    old = found[f"/documents/{SERIES}/2024/#s3-3-3"]
    new = found[f"/documents/{SERIES}/#s3-3-3"]
    assert "2022 年 12 月 31 日前" in old.content and old.status_code == "superseded"
    assert old.source.endswith("（2024年度评审（阳工信函字〔2024〕20号））")
    assert "2023 年 12 月 31 日前" in new.content and (new.status, new.status_code) == ("现行", "current")


def test_no_document_calculator_or_form_page_without_status_and_period(two_version_site):
    site = two_version_site
    pages = [p for d in ("documents", "calculators", "forms") for p in (site / d).rglob("index.html")
             if p.parent != site / d and "compare" not in p.parts]
    assert len(pages) > 20
    missing = [str(p.relative_to(site)) for p in pages
               if "适用期间：" not in p.read_text("utf-8") or "doc-status" not in p.read_text("utf-8")]
    assert missing == []


def test_forms_check_with_the_version_chosen(next_year):
    """The 三公示 record counts its 公示期 against the chosen year's rule (5 working days in 2024's
    notice, 7 in 2025's): the page's 依据的文件（年度） is passed to the checks."""
    from calckit.forms import check
    from handbook.export import calculator_params
    from handbook.render import Renderer

    hb = load(next_year["data"], "2026-12-02")
    params = calculator_params(hb)
    form = next(f for f in hb.forms if f.id == "yangcheng-publicity-record")
    fields = Renderer(hb, params=params).form_schema(form)["fields"]
    values = {"cond_start": "2025-12-01", "cond_end": "2025-12-05"}       # Monday to Friday
    old = check(fields, values, params, {SERIES: "2024"})
    new = check(fields, values, params, {SERIES: "2025"})
    default = check(fields, values, params)
    assert old["errors"] == [] and old["computed"]["cond_days"] == "5 个工作日"
    assert new["errors"] == [{"field": "cond_end",
                              "message": "公示期只有 5 个工作日（含开始当日），少于“公示期不少于7个工作日”"}]
    assert default["errors"] == new["errors"]                              # the current version by default


NEW_PAGES = {   # the page types of this feature, on the two-version site
    "version": f"documents/{SERIES}/2024/",
    "series": f"documents/{SERIES}/",
    "compare": f"documents/{SERIES}/compare/2024-2025/",
}


@pytest.mark.parametrize("name", NEW_PAGES)
def test_new_pages_are_accessible_and_fit_a_phone(browser, two_version_site, artifacts, name):
    from helpers.axe import AXE, serious
    from helpers.browser import serve, watched_page

    with serve(two_version_site) as url:
        for width in (1280, 360):
            context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 800})
            for page in watched_page(context, url):
                page.goto(url + NEW_PAGES[name])
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
                if width == 1280:
                    page.evaluate(AXE.read_text("utf-8") + "\n;0")
                    found = serious(page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"])
                    (artifacts / f"axe-versions-{name}.txt").write_text("\n".join(found) or "none", "utf-8")
                    assert not found, "\n".join(found)
                else:
                    page.screenshot(path=str(artifacts / f"versions-{name}-360.png"), full_page=False)
            context.close()


def test_as_in_force_on_a_date(browser, two_version_site):
    from helpers.browser import serve, watched_page

    with serve(two_version_site) as url:
        context = browser.new_context(locale="zh-CN")
        for page in watched_page(context, url):
            page.goto(f"{url}documents/{SERIES}/")
            page.click("a.doc-status-versions")       # opens 文件信息与版本 at the version list
            form = page.locator("form.in-force-on")
            form.locator("input[type=date]").fill("2024-12-18")
            form.locator("button").click()
            assert "适用的是：2024年度评审" in form.locator("output").inner_text()
            form.locator("output a").click()
            page.wait_for_url(re.compile(rf"documents/{SERIES}/2024/$"))
            page.go_back()
            page.click("a.doc-status-versions")
            form = page.locator("form.in-force-on")
            form.locator("input[type=date]").fill("2025-03-01")
            form.locator("button").click()
            assert "不在本站收录的任何版本的适用期间内" in form.locator("output").inner_text()
        context.close()


def test_words_that_name_a_year_follow_the_chosen_version(next_year):
    """Every calculator of a notice with two versions: under each version its fields name no later
    year than that version's own, and 阳城's grade fields name that version's 年度 and the one before."""
    from calckit.registry import REGISTRY
    from calculators import describe, list_calculators
    from handbook.export import calculator_params

    params = calculator_params(load(next_year["data"], "2025-12-01"))
    two = [c["id"] for c in list_calculators()
           if REGISTRY[c["id"]].versioned and len(params["documents"][REGISTRY[c["id"]].versioned]["versions"]) > 1]
    assert two == ["yangcheng-assistant-engineer"]
    for calc_id in two:
        schema = describe(calc_id, params)
        assert set(schema["by_version"]) == {"2024", "2025"}
        for key, fields in schema["by_version"].items():
            words = {f["name"]: f for f in schema["inputs"]} | fields
            years = {int(y) for f in words.values() if f["name"] != "version"
                     for y in re.findall(r"(\d{4})年度", f["label"] + f.get("help", ""))}
            assert years and max(years) == int(key), (calc_id, key, years)
    by = describe("yangcheng-assistant-engineer", params)["by_version"]
    assert by["2024"]["grade_current_year"]["label"] == "申报当年（2024年度）考核等次"
    assert by["2024"]["grade_previous_year"]["label"] == "上一年度（2023年度）考核等次"
    assert by["2025"]["grade_current_year"]["label"] == "申报当年（2025年度）考核等次"


def test_the_page_shows_the_chosen_versions_words(browser, two_version_site):
    """Choosing 2024 in 依据的文件（年度） relabels the grade fields 2024/2023; back to 2025, and after a
    reload with 2024 kept, the words follow the choice."""
    from helpers.browser import serve, watched_page

    def labels(page) -> tuple[str, str]:
        return tuple(page.locator(f'.calc-field[data-field="{n}"] > label').inner_text().rstrip("*").strip()
                     for n in ("grade_current_year", "grade_previous_year"))

    with serve(two_version_site) as url:
        context = browser.new_context(locale="zh-CN")
        for page in watched_page(context, url):
            page.goto(f"{url}calculators/yangcheng-assistant-engineer/")
            assert labels(page) == ("申报当年（2025年度）考核等次", "上一年度（2024年度）考核等次")
            page.select_option('select[name="version"]', "2024")
            assert labels(page) == ("申报当年（2024年度）考核等次", "上一年度（2023年度）考核等次")
            page.select_option('select[name="version"]', "2025")
            assert labels(page) == ("申报当年（2025年度）考核等次", "上一年度（2024年度）考核等次")
            page.select_option('select[name="version"]', "2024")
            page.reload()
            assert page.locator('select[name="version"]').input_value() == "2024"
            assert labels(page) == ("申报当年（2024年度）考核等次", "上一年度（2023年度）考核等次")
        context.close()


def test_search_lists_the_version_in_force_first(browser, two_version_site):
    """With 2025's round on, a clause both versions hold is listed from 2025's (现行) first and from
    2024's (已被…替代) after it, whatever order the index gives them in."""
    from helpers.browser import serve, watched_page

    with serve(two_version_site) as url:
        context = browser.new_context(locale="zh-CN")
        for page in watched_page(context, url):
            for words, clause in (("报送时间", "s5-3-time"), ("继续教育", "s3-6"), ("见习1年", "s3-3-2"),
                                  ("专业技术总结报告", "s3-4")):
                page.goto(f"{url}search/?q={words}")
                page.wait_for_selector(".hb-result")
                links = page.eval_on_selector_all(".hb-result a", "as => as.map(a => a.getAttribute('href'))")
                assert links[0] == f"/documents/{SERIES}/#{clause}", (words, links)
                assert f"/documents/{SERIES}/2024/#{clause}" in links[1:], (words, links)
                badges = page.locator(".hb-result-status").all_inner_texts()
                assert badges[0] == "现行" and any(b.startswith("已被") for b in badges[1:]), badges
        context.close()


def test_a_form_year_not_recorded_is_said_not_checked_with_another_year(next_year):
    from calckit.forms import check
    from handbook.export import calculator_params
    from handbook.render import Renderer

    hb = load(next_year["data"], "2026-12-02")
    params = calculator_params(hb)
    form = next(f for f in hb.forms if f.id == "yangcheng-publicity-record")
    fields = Renderer(hb, params=params).form_schema(form)["fields"]
    out = check(fields, {"cond_start": "2025-12-01", "cond_end": "2025-12-05"}, params, {SERIES: "2026"})
    assert {"field": "cond_days", "message": "本站尚未收录2026年度的通知，此项未按其他年度的规定核对"} in out["errors"]
    assert out["computed"]["cond_days"] == ""


def test_a_mistyped_build_date_is_a_clear_message():
    result = handbook_cli("check", env={"HANDBOOK_BUILD_DATE": "2025-13-01"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "HANDBOOK_BUILD_DATE=“2025-13-01”不是日期（应为 YYYY-MM-DD）" in result.stderr


def test_overview_pages_say_which_version_they_quote(two_version_site):
    """公示与时限一览 and the 初级/高级 comparison quote the current versions and say so."""
    for page in ("overview/deadlines", "overview/junior-vs-senior"):
        html = (two_version_site / page / "index.html").read_text("utf-8")
        assert "阳工信函字〔2025〕17号" in html and "状态：现行" in html, page


def test_a_period_end_without_words_moves_on_a_year_even_from_29_february(handbook):
    from handbook.importer.series import draft_version
    from handbook.schema import Version

    doc = handbook.series[SERIES].current.doc
    old = doc.model_copy(update={"version": Version(round="2024年度评审", year=2024, end=dt.date(2024, 2, 29),
                                                    basis="测试")})
    drafted, checks = draft_version(old, doc, "2025", 1)
    assert drafted["to"] == dt.date(2025, 2, 28) and "to" in checks and drafted["round"] == "2025年度评审"
