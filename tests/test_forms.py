"""Forms as data: schema errors located, every field on its page, derived forms labelled,
and the Python that checks them (calckit.forms)."""

from __future__ import annotations

import json
import re

import pytest
from helpers.forms import schema_of

from calckit.forms import check
from handbook.loader import DataErrors, form_fields, load_handbook

from conftest import copy_project


def page(site_dir, *parts):
    return site_dir.joinpath(*parts, "index.html").read_text(encoding="utf-8")


def test_every_form_of_the_issue_exists(handbook):
    forms = {(f.document, f.attachment): f for f in handbook.forms}
    official = [("xinzhou-annual-assessment", a) for a in ("a1", "a2", "a3")]
    derived = [("xinzhou-annual-assessment", "a4"), ("yangcheng-junior-title", "a2"),
               ("yangcheng-junior-title", "a3"), ("safety-kpi-samples", "f1-3-2")]
    for key in official:
        assert forms[key].status == "official", key
    for key in derived:
        assert forms[key].status == "derived", key
    missing = {(n.document, n.attachment) for n in handbook.forms_not_derivable}
    assert missing == {("yangcheng-junior-title", "a1"), ("yangcheng-junior-title", "a4")}


def test_the_register_is_the_whole_booklet(handbook):
    form = next(f for f in handbook.forms if f.id == "shanxi-assessment-register")
    assert [p.name for p in form.pages] == ["封面", "填表说明", "基本情况", "个人述职", "培训学习与成果登记",
                                            "著作论文与工作失误登记", "年度考核鉴定", "任职期满考核鉴定"]
    assert form.binding == "left-double-sided"


def test_every_field_appears_on_its_page(handbook, site_dir):
    for form in handbook.forms:
        html = page(site_dir, "forms", form.id)
        for name, spec, _ in form_fields(form):
            if spec.type == "computed":
                if ".*." in name or name in _checks(form):
                    continue
                assert f'data-computed="{name}"' in html, (form.id, name)
            elif ".*." in name:
                first = name.replace(".*.", ".0.")
                assert f'name="{first}"' in html, (form.id, name)
            else:
                assert f'name="{name}"' in html, (form.id, name)
            assert spec.label in html or spec.type == "computed", (form.id, name)


def _checks(form):
    return {c.name for p in form.pages for b in p.blocks for c in b.checks}


def test_source_text_of_official_forms_is_on_the_page(handbook, site_dir):
    """The labels of the source's tables appear on the form pages (whitespace aside)."""
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    for form in handbook.forms:
        if form.status != "official":
            continue
        html = squash(re.sub(r"<[^>]+>", "", page(site_dir, "forms", form.id)))
        block = handbook.document(form.document)
        att = next(p for p in block.parts if p.id == form.attachment)
        for b in att.blocks:
            for row in b.rows or []:
                for cell in row:
                    text = cell if isinstance(cell, str) else cell.text
                    for line in text.split("\n"):
                        words = squash(line).replace("_____", "")
                        if words and words not in ("人",):
                            assert words in html, (form.id, line)


def test_derived_forms_are_labelled_and_cite_their_clauses(handbook, site_dir):
    for form in handbook.forms:
        html = page(site_dir, "forms", form.id)
        if form.status == "derived":
            assert "根据文件内容整理（非官方样表）" in html
        else:
            assert "官方表样" in html
        for clause in form.basis:
            assert f'/documents/{form.document}/#{clause}"' in html


def test_document_pages_link_to_their_forms(handbook, site_dir):
    for form in handbook.forms:
        html = page(site_dir, "documents", form.document)
        assert f'href="../../forms/{form.id}/"' in html


def test_forms_index_lists_what_cannot_be_derived(site_dir):
    html = page(site_dir, "forms")
    assert "山西省专业技术职务任职资格评审表" in html and "申报材料填报装订送审要求" in html
    assert html.count("未提供") == 2


def test_policy_numbers_in_forms_come_from_the_parameters(handbook, site_dir):
    html = page(site_dir, "forms", "xinzhou-self-assessment")
    schema = json.loads(re.search(r'<script type="application/json" class="form-schema">(.*?)</script>',
                                  html, re.S)[1])
    score = next(f for f in schema["fields"] if f["name"] == "score_knowledge")
    assert score["max"] == 20


def test_a_bad_form_file_is_located(tmp_path):
    root = copy_project(tmp_path)
    path = root / "policy_data/forms/xinzhou-statistics.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("check: participants", "check: participantz")
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("check: participantz")].count("\n") + 1
    with pytest.raises(DataErrors) as info:
        load_handbook(root / "policy_data")
    assert f"policy_data/forms/xinzhou-statistics.yaml:{line}:" in str(info.value)
    assert "participantz" in str(info.value)


# --- calckit.forms ------------------------------------------------------------------------

def test_self_assessment_total_and_range(handbook, params):
    form = next(f for f in handbook.forms if f.id == "xinzhou-self-assessment")
    fields = schema_of(form, handbook)
    out = check(fields, {"score_knowledge": "18", "score_skills": "17.5", "score_performance": "19",
                         "score_conduct": "20", "score_education": "21"}, params)
    assert out["computed"]["total"] == "74.5"   # the invalid 21 is not added; it has its error
    assert out["errors"] == [{"field": "score_education", "message": "不能大于20"}]


def test_statistics_totals_are_checked(handbook, params):
    form = next(f for f in handbook.forms if f.id == "xinzhou-statistics")
    fields = schema_of(form, handbook)
    out = check(fields, {"participants": "10", "senior_total": "3", "senior_competent": "2",
                         "senior_basic": "1", "mid_total": "5", "mid_competent": "4",
                         "junior_total": "1", "junior_incompetent": "1"}, params)
    assert out["computed"]["all_total"] == "9"
    fields_in_error = {e["field"]: e["message"] for e in out["errors"]}
    assert fields_in_error == {"participants": "合计应等于各项之和 9"}


def test_statistics_read_the_missing_excellent_column_as_the_rest_of_the_total(handbook, params):
    """Reading statistics-total-includes-excellent: 合计 counts everyone of a level, 优秀 included;
    优秀 = 合计 − 称职 − 基本称职 − 不称职, checked against ⌊参加考核人数 × 20%⌋."""
    form = next(f for f in handbook.forms if f.id == "xinzhou-statistics")
    fields = schema_of(form, handbook)
    ok = check(fields, {"participants": "14", "senior_total": "4", "senior_competent": "3",
                        "mid_total": "10", "mid_competent": "8", "mid_basic": "1"}, params)
    assert ok["errors"] == []
    assert (ok["computed"]["senior_excellent"], ok["computed"]["mid_excellent"]) == ("1", "1")
    assert ok["computed"]["junior_excellent"] == ""          # nothing typed for 初级
    assert ok["computed"]["all_excellent"] == "2"
    assert ok["computed"]["excellent_quota"].startswith("最多 2 人")   # ⌊14 × 20%⌋
    over = check(fields, {"participants": "14", "senior_total": "4", "senior_competent": "1",
                          "mid_total": "10", "mid_competent": "10"}, params)
    assert {e["field"]: e["message"] for e in over["errors"]} == {
        "excellent_quota": "优秀 3 人，超过名额 2 人（“20%以内”）"}
    too_many = check(fields, {"senior_total": "2", "senior_competent": "2", "senior_basic": "1"}, params)
    assert too_many["errors"] == [{"field": "senior_total", "message": "各等次之和 3 超过合计 2"}]


def test_publicity_record_counts_working_days(handbook, params):
    form = next(f for f in handbook.forms if f.id == "yangcheng-publicity-record")
    fields = schema_of(form, handbook)
    out = check(fields, {"cond_start": "2024-09-27", "cond_end": "2024-10-08",
                         "app_start": "2024-12-09", "app_end": "2024-12-13"}, params)
    # the posting day counts: 9-27, 9-29 (调休 Sunday), 9-30, 10-08: 4 working days across 国庆
    assert out["computed"]["cond_days"] == "4 个工作日"
    # Monday to Friday is 5 working days, as notices state such a period
    assert out["computed"]["app_days"] == "5 个工作日"
    assert {e["field"] for e in out["errors"]} == {"cond_end"}


def test_basic_management_grade(handbook, params):
    form = next(f for f in handbook.forms if f.id == "safety-basic-management-score")
    fields = schema_of(form, handbook)
    assert check(fields, {"total": "94.5"}, params)["computed"]["grade"] == "二级"
    assert check(fields, {"total": "84.99"}, params)["computed"]["grade"] == "不合格"


def test_check_never_raises(handbook, params):
    form = next(f for f in handbook.forms if f.id == "xinzhou-roster")
    fields = schema_of(form, handbook)
    assert check(fields, [1, 2], params)["errors"]
    out = check(fields, {"people.0.idcard": "11010519491231002X", "people.3.idcard": "123",
                         "people.0.sex": "X", "unknown": "<b>", "year": {"a": 1}}, params)
    assert {e["field"] for e in out["errors"]} == {"people.3.idcard", "people.0.sex", "year"}


def test_a_date_that_does_not_exist(handbook, params):
    form = next(f for f in handbook.forms if f.id == "xinzhou-self-assessment")
    out = check(schema_of(form, handbook), {"date": "2024-02-30"}, params)
    assert out["errors"] == [{"field": "date", "message": "日期 2024-02-30 不存在"}]
