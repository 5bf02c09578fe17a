"""Series and versions: every notice kept, each with a status computed at build time.

A *series* is what has a stable id and address (``yangcheng-junior-title``): the 阳城 notice of
each year, or the 浙江 方案 and its revisions. Each *version* is one document as issued, in its own
file (``policy_data/documents/<series>/<key>.yaml``; a lone ``<series>.yaml`` is a series of one),
with a fixed address of its own (``documents/<series>/<key>/``) whose words never change.

A version's status is never typed: :func:`status` derives it from the dates the version records
(the period it governs), the versions after it in the series and the build date, as the national
database of laws marks a text 有效 / 已修改 / 已废止 / 尚未生效. Readers see:

- 现行 — it has started, nothing has replaced it and its period (if it has an end) is not over;
- 已被《…》（2025年度）替代 — a later version of the series has started;
- 适用于2024年度评审，已执行完毕 — the last day of its round has passed (a reading, stated with it);
- 尚未施行 — its first day is still to come;
- 范文汇编 — a compilation of samples, which governs nothing.

The build date is today, or ``HANDBOOK_BUILD_DATE`` (YYYY-MM-DD) to see the site as it will be on a
day, or as it was.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from .clause_index import ClauseIndex
from .schema import Document

BUILD_DATE_ENV = "HANDBOOK_BUILD_DATE"

CURRENT, SUPERSEDED, EXECUTED, EXPIRED, PENDING, SAMPLE = (
    "current", "superseded", "executed", "expired", "pending", "sample")


def build_date() -> dt.date:
    """The day the statuses are computed for: ``HANDBOOK_BUILD_DATE`` or today."""
    text = os.environ.get(BUILD_DATE_ENV, "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{BUILD_DATE_ENV}=“{text}”不是日期（应为 YYYY-MM-DD）") from None


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Status:
    """What a reader is told about a version on the build date."""

    code: str          # one of CURRENT, SUPERSEDED, EXECUTED, EXPIRED, PENDING, SAMPLE
    text: str          # 现行 / 适用于2024年度评审，已执行完毕 / …
    period: str        # 2024年11月19日至2024年12月20日 / 2019年12月4日起 / 未载明

    @property
    def in_force(self) -> bool:
        return self.code == CURRENT

    @property
    def short(self) -> str:
        """The status in a word or two, for lists and choices: 现行, 已执行完毕, 已被替代…"""
        return {SUPERSEDED: "已被替代", EXECUTED: "已执行完毕", PENDING: "尚未施行", SAMPLE: "范文"}.get(
            self.code, self.text)


@dataclass
class DocVersion:
    """One version of a series: the document, its clause index and where it was read from."""

    series: str
    key: str
    doc: Document
    index: ClauseIndex
    file: str
    status: Status = field(default=Status(CURRENT, "现行", "未载明"))

    @property
    def start(self) -> dt.date | None:
        v, meta = self.doc.version, self.doc.meta
        return (v.start if v and v.start else None) or meta.effective or meta.date

    @property
    def end(self) -> dt.date | None:
        return self.doc.version.end if self.doc.version else None

    @property
    def round(self) -> str | None:
        return self.doc.version.round if self.doc.version else None

    @property
    def year(self) -> int | None:
        return self.doc.version.year if self.doc.version else None

    @property
    def label(self) -> str:
        """How a reader names this version among the others: 2024年度评审（阳工信函字〔2024〕20号）."""
        if not self.doc.meta.binding:
            return self.doc.meta.standing
        name = self.round or (f"{self.start.year}年版" if self.start else f"版本 {self.key}")
        return f"{name}（{self.doc.meta.doc_number}）" if self.doc.meta.doc_number else name


@dataclass
class Series:
    id: str
    versions: list[DocVersion]          # in the order they apply: oldest first
    current_key: str = ""

    @property
    def current(self) -> DocVersion:
        return self.version(self.current_key)

    def version(self, key: str) -> DocVersion:
        for v in self.versions:
            if v.key == key:
                return v
        raise KeyError(key)

    def successor(self, key: str) -> DocVersion | None:
        keys = [v.key for v in self.versions]
        i = keys.index(key)
        return self.versions[i + 1] if i + 1 < len(self.versions) else None

    def missing_years(self, today: dt.date) -> list[int]:
        """Years after the last yearly version, up to ``today``'s: a page offers them, to say the
        site has no notice for them (the calculators get them with the parameters, handbook.export)."""
        years = [v.year for v in self.versions if v.year]
        return list(range(max(years) + 1, today.year + 1)) if years else []

    def in_force_on(self, day: dt.date) -> DocVersion | None:
        """The version that governed ``day`` (legislation.gov.uk's “as in force on”), if any."""
        found = None
        for v in self.versions:
            if v.doc.meta.binding and v.start is not None and v.start <= day and (v.end is None or day <= v.end):
                found = v   # a later version that has started replaces an earlier one
        return found


def sort_key(v: DocVersion) -> tuple:
    return (v.start or dt.date.min, v.key)


def period_text(v: DocVersion) -> str:
    if not v.doc.meta.binding:
        return "无（非正式文件）"
    if v.start is None:
        return "未载明"
    if v.end is None:
        return f"{cn_date(v.start)}起"
    return f"{cn_date(v.start)}至{cn_date(v.end)}"


def status(series: Series, v: DocVersion, today: dt.date) -> Status:
    """The status of ``v`` on ``today`` (see the module's docstring)."""
    period = period_text(v)
    if not v.doc.meta.binding:
        return Status(SAMPLE, f"{v.doc.meta.standing}，不具有约束力", period)
    if v.start is not None and v.start > today:
        return Status(PENDING, f"尚未施行（{cn_date(v.start)}起施行）", period)
    later = [n for n in series.versions[series.versions.index(v) + 1:]
             if n.doc.meta.binding and n.start is not None and n.start <= today]
    if later:
        n = later[0]
        return Status(SUPERSEDED, f"已被《{n.doc.meta.title}》" + (f"（{n.round}）" if n.round else "") + "替代",
                      period)
    if v.end is not None and v.end < today:
        if v.round:
            return Status(EXECUTED, f"适用于{v.round}，已执行完毕", period)
        return Status(EXPIRED, f"已于{cn_date(v.end)}期满", period)
    return Status(CURRENT, "现行", period)


def settle(series: Series, today: dt.date) -> None:
    """Order the versions, compute each one's status and choose the one the series address shows:
    the version in force, else the latest that has started, else the first."""
    series.versions.sort(key=sort_key)
    for v in series.versions:
        v.status = status(series, v, today)
    in_force = [v for v in series.versions if v.status.code in (CURRENT, SAMPLE)]
    started = [v for v in series.versions if v.status.code != PENDING]
    chosen = (in_force or started or series.versions)[-1 if (in_force or started) else 0]
    series.current_key = chosen.key


def default_key(doc: Document) -> str:
    """The address part of a version given as a lone ``<series>.yaml``: its year, or ``v1``."""
    if doc.version and doc.version.year:
        return str(doc.version.year)
    day = (doc.version.start if doc.version else None) or doc.meta.effective or doc.meta.date
    return str(day.year) if day else "v1"
