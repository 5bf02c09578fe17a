"""Command line: ``python -m calculators list | describe ID | run ID --input FILE``.

Parameters default to those built from ``policy_data/`` (which needs the
repository's ``handbook`` package); ``--params FILE`` takes a JSON file instead.
Exit status: 0 for a result, 2 for invalid input (errors as JSON), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import MODULES, describe, list_calculators, run

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "policy_data"


def load_params(path: str | None) -> dict[str, Any]:
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    try:
        from handbook.export import load_params as from_data
    except ImportError as exc:
        raise SystemExit(f"无法从 policy_data 生成参数（{exc}）；请用 --params 指定参数 JSON 文件") from None
    return from_data(DEFAULT_DATA)


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m calculators",
                                     description="安全领域专业技术人才政策计算器")
    parser.add_argument("--params", help="参数 JSON 文件（默认由 policy_data/ 生成）")
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
    if calc_id not in MODULES:
        print(f"没有名为“{calc_id}”的计算器；可用：{', '.join(MODULES)}", file=sys.stderr)
        return 1
    params = load_params(args.params)
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
