"""A plan as an iCalendar file (RFC 5545) that calendar apps import: one all-day event per step.

Written by hand because it is small and must run unchanged in Pyodide without another wheel:
text is escaped (RFC 5545 3.3.11), lines are folded at 75 octets without splitting a UTF-8
character (3.1), all-day events are ``VALUE=DATE`` with an exclusive ``DTEND`` (3.6.1), and
each event's UID is made from the notice, the procedure and the step, so importing a changed
plan again updates the events instead of adding copies. The tests parse the output with the
``icalendar`` package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRODID = "-//safety-talent-handbook//procedure-plan//ZH"
UID_DOMAIN = "safety-talent-handbook"
LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    first: dt.date
    last: dt.date          # included; DTEND is the day after
    summary: str
    description: str = ""


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and line breaks."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """One content line folded at 75 octets, never inside a character (CJK is 3 octets)."""
    out, current, size = [], [], 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = LINE_OCTETS if not out else LINE_OCTETS - 1   # a continuation starts with a space
        if size + n > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(ch)
        size += n
    out.append("".join(current))
    return "\r\n ".join(out)


def _date(d: dt.date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def calendar(name: str, events: list[Event], stamp: dt.datetime) -> str:
    """The whole file, CRLF line ends, UTF-8 text."""
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for e in events:
        lines += ["BEGIN:VEVENT", f"UID:{e.uid}@{UID_DOMAIN}", f"DTSTAMP:{stamp_text}",
                  f"DTSTART;VALUE=DATE:{_date(e.first)}",
                  f"DTEND;VALUE=DATE:{_date(e.last + dt.timedelta(days=1))}",
                  f"SUMMARY:{escape(e.summary)}"]
        if e.description:
            lines.append(f"DESCRIPTION:{escape(e.description)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
