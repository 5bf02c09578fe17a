"""``python -m handbook check``: validate policy_data/ and print every error with its line.

Exit status 0 when the data is valid, 2 when it is not (every error printed as
``file:line: path: message``, never a traceback)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import DataErrors, load_handbook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the policy data")
    check.add_argument("data_dir", nargs="?", default="policy_data")
    args = parser.parse_args(argv)
    try:
        handbook = load_handbook(Path(args.data_dir))
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return 2
    params = sum(len(d.parameters) for d in handbook.documents)
    print(f"policy_data 无误：{len(handbook.documents)} 个文件，{params} 个参数。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
