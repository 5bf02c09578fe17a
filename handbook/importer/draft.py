"""What the importer proposes but a maintainer decides: meta, candidate numbers, suspected OCR errors.

``meta`` is read from the text (发文机关, 文号, 成文日期, 施行日期, 公开属性); level, kind and region are
filled only from words the text states, and every guess is listed so the maintainer checks it.
Numbers of policy (20%以内, 不少于17人, 5个工作日…) are listed with their clause ids, never turned
into parameters. Characters that look like OCR slips (入才) are suggestions, never applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import cn_value, parse_date
from .structure import NodeDraft, PartDraft, Structure

_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"


def tidy_title(text: str) -> str:
    """Spaces a PDF's line wrap left between Chinese characters go (whitespace only)."""
    text = re.sub(rf"(?<={_CJK})\s+|\s+(?={_CJK})", "", text.strip())
    return re.sub(r"\s{2,}", " ", text)


# issuers and 文号 of the central Party and State bodies: a national document, whatever its words
_NATIONAL_ISSUER = re.compile(
    r"^(中共中央|国务院|全国人民代表大会|全国人大|中央[\u4e00-\u9fff]{1,6}部)|中共中央[\u4e00-\u9fff]{0,6}部|"
    r"(^|\s)(人力资源社会保障部|人力资源和社会保障部|应急管理部|财政部|教育部|工业和信息化部|科学技术部|"
    r"国家[\u4e00-\u9fff]{1,12}(局|委员会|总局|部))")
_NATIONAL_NUMBER = re.compile(r"^(国发|国办发|国办函|中发|中办发|人社部发|人社部函|人社厅发|应急)〔")


@dataclass
class Guess:
    field: str
    message: str


def draft_meta(structure: Structure, source_name: str, full_text: str) -> tuple[dict, list[Guess]]:
    parts = structure.parts
    guesses: list[Guess] = []
    main = next((p for p in parts if p.kind == "main"), None) or next(
        (p for p in parts if p.kind in {"notice", "sample"}), parts[0])
    first = parts[0]
    title = tidy_title(main.title or first.title or source_name.rsplit(".", 1)[0])
    signed = next((p for p in parts if p.kind in {"notice", "main"} and (p.signature or p.date_text)), None)
    issuer = first.masthead or (tidy_title("".join(signed.signature)) if signed and signed.signature else None)
    if issuer is None:
        issuer = "源文本未载明"
        guesses.append(Guess("meta.issuer", "正文中没有发文机关标志或署名，暂填“源文本未载明”"))
    doc_number = next((p.doc_number for p in parts if p.doc_number), None)
    date = parse_date(signed.date_text) if signed and signed.date_text else None
    m = re.search(r"自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起\s*(施行|执行|实施|生效)", full_text)
    effective = parse_date(re.sub(r"\s", "", m.group(1))) if m else None
    samples = sum(1 for p in parts if p.kind == "sample")
    where = f"{issuer} {title}"

    region_m = re.search(r"([\u4e00-\u9fff]{2,6}?(?:自治区|省|自治州|市|自治县|县|区|旗))", issuer) or re.search(
        r"([\u4e00-\u9fff]{2,6}?(?:自治区|省|市|县))", title)
    region = region_m.group(1) if region_m else "未载明"
    if region_m is None:
        guesses.append(Guess("meta.region", "正文未写明地区，暂填“未载明”"))
    national = _NATIONAL_ISSUER.search(issuer) or (doc_number and _NATIONAL_NUMBER.search(doc_number))
    if samples >= 2 or re.search(r"范文|范例", title):
        level, binding = "范例", False
    elif national:   # 中共中央组织部 人力资源社会保障部 (人社部发〔2023〕6号): a national document
        level, binding, region = "国家", True, "全国"
        guesses = [g for g in guesses if g.field != "meta.region"]
    elif re.search(r"省|厅|自治区", region + issuer):
        level, binding = "省", True
    elif re.search(r"县|区|旗", region):
        level, binding = "县", True
    elif re.search(r"市|州", region + issuer):
        level, binding = "市", True
    else:
        level, binding = "市", True
        guesses.append(Guess("meta.level", "未能从发文机关或标题判断层级，暂填“市”"))
    if "年度考核" in where:
        kind = "年度考核"
    elif re.search(r"职称|任职资格|评审|工程师", where):
        kind = "职称评审"
    elif level == "范例":
        kind = "安全生产考核范例"
    else:
        kind = "职称评审"
        guesses.append(Guess("meta.kind", "标题未写明“年度考核”或“职称/任职资格评审”，暂填“职称评审”"))
    short_name = "国家" if level == "国家" else \
        re.sub(r"(自治区|省|自治州|市|自治县|县|区|旗)$", "", region) if region_m else None
    publicity = next((p.publicity for p in parts if p.publicity), None)
    meta = {
        "title": title,
        "short_title": title,
        "short_name": short_name,
        "issuer": issuer,
        "doc_number": doc_number,
        "date": date,
        "effective": effective,
        "level": level,
        "kind": kind,
        "region": region,
        "publicity": publicity.strip("（）() ") if publicity else None,
        "binding": binding,
        "source_file": source_name,
    }
    if date is None and level != "范例":
        guesses.append(Guess("meta.date", "未找到成文日期（如“2024年1月11日”）"))
    return {k: v for k, v in meta.items() if v is not None or k in {"doc_number", "date"}}, guesses


# ---------------------------------------------------------------- candidate numbers of policy

_CN_NUM = "一二三四五六七八九十百两"
CANDIDATE = re.compile(
    r"(?:不少于|不得少于|不低于|不超过|不高于|不足|达到|达|至少|超过|低于|满|控制在|掌握在)?\s*"
    rf"(?:(?P<frac>[{_CN_NUM}]+分之[{_CN_NUM}]+)|(?P<num>\d+(?:\.\d+)?|[{_CN_NUM}]{{1,3}})\s*"
    r"(?P<unit>%|％|个工作日|工作日|人次|个月|周岁|学时|人|名|年|次|天|日|份|分|元|项))"
    r"\s*(?:及以上|以上|以下|以内|之内|以前|以后)?")
_DATE_IN_TEXT = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


@dataclass
class Candidate:
    clause: str
    line: int
    quote: str
    unit: str


def _clause_texts(parts: list[PartDraft]):
    def walk(nodes: list[NodeDraft]):
        for n in nodes:
            yield n.id, n.line, "".join(x for x in (n.title, *n.texts) if x)
            yield from walk(n.children)

    for part in parts:
        if part.preamble:
            yield f"{part.id}-preamble", part.line, "\n".join(part.preamble)
        yield from walk(part.sections)
        for block in part.blocks:
            if "text" in block:
                yield block["id"], 0, block["text"]
        if part.closing:
            yield f"{part.id}-closing", part.line, "\n".join(part.closing)


def candidates(structure: Structure) -> list[Candidate]:
    out: list[Candidate] = []
    for cid, line, text in _clause_texts(structure.parts):
        line = structure.clause_lines.get(cid, line)
        for m in _DATE_IN_TEXT.finditer(text):
            out.append(Candidate(cid, line, m.group(0), "日期"))
        scrubbed = _DATE_IN_TEXT.sub(lambda m: "＃" * len(m.group(0)), text)
        for m in CANDIDATE.finditer(scrubbed):
            quote = m.group(0).strip()
            if m.group("frac"):
                unit = "fraction"
            else:
                unit = m.group("unit")
                num = m.group("num")
                if unit == "年" and (len(num) == 4 or "度" in text[m.end():m.end() + 1]):
                    continue      # 2023年度 is a year, not a number of years
                if not num.isdigit() and not re.fullmatch(r"\d+\.\d+", num) and cn_value(num) == 0:
                    continue
                if unit in {"日", "天"} and re.search(r"月\s*$", scrubbed[:m.start()]):
                    continue      # 次月5日 is a date
            out.append(Candidate(cid, line, quote, unit))
    return out


# ---------------------------------------------------------------- suspected OCR errors

SUSPECTS: list[tuple[str, str, str]] = [
    ("入才", "人才", "疑似 OCR 将“人”误识为形近字“入”"),
    ("入员", "人员", "疑似 OCR 将“人”误识为形近字“入”"),
    ("巳经", "已经", "疑似 OCR 将“已”误识为形近字“巳”"),
    ("己经", "已经", "疑似 OCR 将“已”误识为形近字“己”"),
    ("曰期", "日期", "疑似 OCR 将“日”误识为形近字“曰”"),
    ("工怍", "工作", "疑似 OCR 将“作”误识为形近字“怍”"),
    ("末来", "未来", "疑似 OCR 将“未”误识为形近字“末”"),
    ("考咳", "考核", "疑似 OCR 将“核”误识为“咳”"),
    ("职箖", "职称", "疑似 OCR 将“称”误识为“箖”"),
]


@dataclass
class Suggestion:
    clause: str
    line: int
    original: str
    corrected: str
    reason: str


def ocr_suggestions(structure: Structure) -> list[Suggestion]:
    out = []
    for cid, line, text in _clause_texts(structure.parts):
        line = structure.clause_lines.get(cid, line)
        for wrong, right, reason in SUSPECTS:
            for m in re.finditer(wrong, text):
                lo, hi = max(0, m.start() - 3), min(len(text), m.end() + 2)
                context = re.sub(r"\s", "", text[lo:hi]) if "\n" in text[lo:hi] else text[lo:hi]
                out.append(Suggestion(cid, line, context, context.replace(wrong, right), reason))
    return out
