"""Command line: ``python -m calculators --params FILE list | describe ID | run ID --input FILE``.

The same for every handbook's package (its ``__main__`` calls :func:`main`). The calculators
never depend on the generator: their parameters come from a JSON file
(``python -m handbook params > params.json``, the same the site gives the browser). In this
repository ``python -m handbook calculators …`` runs this CLI with the parameters built from
``policy_data/``. Exit status: 0 for a result, 2 for invalid input (errors as JSON), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import catalog
from .catalog import describe, list_calculators, run

ParamsSource = Callable[[], dict[str, Any]]
NO_PARAMS = ("未指定参数：请用 --params 指定参数 JSON 文件（可由 python -m handbook params > params.json 生成），"
             "或在本仓库中运行 python -m handbook calculators …")


def load_params(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


INPUT_MAX_BYTES = 1_000_000
NUMBER_MAX_CHARS = 40  # a longer JSON number is kept as text, so the field's own check refuses it


def _number_text(text: str) -> int | str:
    return int(text) if len(text) <= NUMBER_MAX_CHARS else text


def read_json(text: str) -> Any:
    """Input JSON; ValueError with a Chinese message for anything that is not a sane object.

    A 5,000-digit integer, ``NaN`` or a nesting too deep for the parser become a field
    message, never a traceback."""
    if len(text.encode("utf-8", "surrogatepass")) > INPUT_MAX_BYTES:
        raise ValueError(f"输入过大（超过 {INPUT_MAX_BYTES // 1000} KB）")
    try:
        return json.loads(text, parse_int=_number_text,
                          parse_float=lambda t: t if len(t) > NUMBER_MAX_CHARS else float(t),
                          parse_constant=lambda name: name)
    except json.JSONDecodeError as exc:
        raise ValueError(f"输入不是有效的 JSON：第{exc.lineno}行第{exc.colno}列") from None
    except RecursionError:
        raise ValueError("输入的 JSON 嵌套层数过多") from None


def dump(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main(argv: list[str] | None = None, default_params: ParamsSource | None = None,
         prog: str = "python -m calculators") -> int:
    """``default_params``: where the parameters come from without ``--params`` (the generator's CLI
    passes the ones built from policy_data/)."""
    parser = argparse.ArgumentParser(prog=prog, description="政策计算器（" + catalog.package().__name__ + "）")
    parser.add_argument("--params", help="参数 JSON 文件" + ("（默认由 policy_data/ 生成）" if default_params else ""))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="列出全部计算器（每行一个，id 在前）")
    d = sub.add_parser("describe", help="输出计算器的输入说明（JSON）")
    d.add_argument("id")
    r = sub.add_parser("run", help="运行计算器，输入为 JSON 文件或 -（标准输入）")
    r.add_argument("id")
    r.add_argument("--input", required=True, help="输入 JSON 文件，- 表示标准输入")
    args = parser.parse_args(argv)

    if args.command == "list":
        for calc in list_calculators():
            print(f"{calc['id']}\t{calc['title']}")
        return 0
    calc_id = args.id
    known = catalog.declared("MODULES")
    if calc_id not in known:
        print(f"没有名为“{calc_id}”的计算器；可用：{', '.join(known)}", file=sys.stderr)
        return 1
    if args.params:
        params = load_params(args.params)
    elif default_params is not None:
        params = default_params()
    else:
        print(NO_PARAMS, file=sys.stderr)
        return 2
    if args.command == "describe":
        dump(describe(calc_id, params))
        return 0
    text = sys.stdin.read() if args.input == "-" else Path(args.input).read_text(encoding="utf-8")
    try:
        inputs = read_json(text)
    except ValueError as exc:
        dump({"calculator": calc_id, "ok": False, "errors": [{"field": "", "message": str(exc)}]})
        return 2
    result = run(calc_id, inputs, params)
    dump(result)
    if result["ok"]:
        return 0
    return 1 if result.get("internal") else 2


if __name__ == "__main__":
    sys.exit(main())
