"""A version keeps what the version before it had, or says it no longer has it.

The calculators read parameters by id; the 我要申报 and 材料清单 pages and the planner read the
current version's ``procedures`` and ``materials``. A newer version that left one out would make
the site compute that year with nothing, or lose a page, silently. So each parameter, procedure,
step of a procedure and material of the previous version must be in the next one — the importer
carries those whose words are still there and writes the others commented for the maintainer (see
:mod:`handbook.importer.carry`) — or be named in the new version's ``dropped`` list, with a reason,
by the maintainer who read that the new notice no longer has it.
"""

from __future__ import annotations

from .schema import Document
from .versions import Series
from .yaml_source import DataError, SourcedYaml

KIND_NAMES = {"parameter": "参数", "procedure": "流程", "step": "步骤", "material": "材料"}
HOW = "请核对原文写入（导入时以注释写在本文件中），或在 dropped 中写明新通知已不再规定（kind、id、reason）"


def _holds(doc: Document) -> dict[tuple[str, str | None, str], str]:
    """(kind, procedure, id) → its name, for everything ``doc`` holds that a later version must keep."""
    out: dict[tuple[str, str | None, str], str] = {}
    for p in doc.parameters:
        out[("parameter", None, p.id)] = p.label
    for proc in doc.procedures:
        out[("procedure", None, proc.id)] = proc.title
        for step in proc.steps:
            out[("step", proc.id, step.id)] = step.title
    for m in doc.materials:
        out[("material", None, m.id)] = m.item
    return out


def check_series(series: Series, sources: dict[str, SourcedYaml]) -> list[DataError]:
    """Every loss from one version to the next, at the place in the newer file where it belongs."""
    out: list[DataError] = []
    first = series.versions[0]
    for i in range(len(first.doc.dropped)):
        out.append(sources[first.file].error(("dropped", i), "本系列没有更早的版本，dropped 无从说起"))
    for before, after in zip(series.versions, series.versions[1:], strict=False):
        src = sources[after.file]
        had, has = _holds(before.doc), _holds(after.doc)
        stated = set()
        for i, d in enumerate(after.doc.dropped):
            key = (d.kind, d.procedure if d.kind == "step" else None, d.id)
            name = KIND_NAMES[d.kind] + (f"“{d.procedure}/{d.id}”" if d.kind == "step" else f"“{d.id}”")
            if d.kind == "step" and d.procedure is None:
                out.append(src.error(("dropped", i, "procedure"), "步骤须写明所属流程（procedure）"))
            elif key not in had:
                out.append(src.error(("dropped", i, "id"), f"上一版本（{before.key}）没有{name}"))
            elif key in has:
                out.append(src.error(("dropped", i, "id"), f"{name}在本版本中仍有，不能同时写为 dropped"))
            stated.add(key)
        lost = [k for k in had if k not in has and k not in stated
                and not (k[0] == "step" and (("procedure", None, k[1]) not in has))]
        out += _report(lost, had, before.key, after.doc, src)
    return out


def _report(lost: list[tuple[str, str | None, str]], had: dict, key: str, doc: Document,
            src: SourcedYaml) -> list[DataError]:
    out = []
    params = [k for k in lost if k[0] == "parameter"]
    if params:
        names = "、".join(f"“{k[2]}”（{had[k]}）" for k in params)
        out.append(src.error(("parameters",), f"上一版本（{key}）的参数 {names} 在本版本中没有：{HOW}"))
    for k in (k for k in lost if k[0] == "procedure"):
        out.append(src.error(("procedures",), f"上一版本（{key}）的流程“{k[2]}”（{had[k]}）在本版本中没有，"
                                              f"我要申报页面和申报计划会缺少它：{HOW}"))
    procs = [p.id for p in doc.procedures]
    for k in (k for k in lost if k[0] == "step"):
        path = ("procedures", procs.index(k[1]), "steps")
        out.append(src.error(path, f"上一版本（{key}）流程“{k[1]}”的步骤“{k[2]}”（{had[k]}）在本版本中没有：{HOW}"))
    materials = [k for k in lost if k[0] == "material"]
    if materials:
        names = "、".join(f"“{k[2]}”（{had[k]}）" for k in materials)
        out.append(src.error(("materials",), f"上一版本（{key}）的材料 {names} 在本版本中没有，"
                                             f"材料清单会缺少它：{HOW}"))
    return out
