"""``python -m handbook check``, ``import``, ``params``, ``calculators`` and ``new``.

check: validate policy_data/ and print every error with its line. Exit status 0 when the data is
valid, 2 when it is not (every error printed as ``file:line: path: message``, never a traceback).

import: turn a notice (.txt, .md, .docx) into a draft ``policy_data/documents/<id>.yaml`` and say
what was checked and what to look at; exit status 2 with one message for a file it cannot read.

params: the calculators' parameters built from policy_data/, as JSON (what the site gives the browser).

calculators: ``python -m calculators`` with those parameters (``list``, ``describe ID``, ``run ID --input F``).

new: a working handbook for another agency in a new folder (:mod:`handbook.scaffold`)."""

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
    imp = sub.add_parser("import", help="draft a document YAML from a .txt, .md or .docx notice")
    imp.add_argument("source", type=Path)
    imp.add_argument("--id", dest="doc_id", help="the new document's id (default: from the file name)")
    imp.add_argument("--out", type=Path, help="default: policy_data/documents/<id>.yaml")
    imp.add_argument("--data-dir", type=Path, default=Path("policy_data"))
    imp.add_argument("--force", action="store_true", help="overwrite an existing file")
    imp.add_argument("--series", help="import as the next version of this series (e.g. yangcheng-junior-title): "
                     "ids kept for the same clauses, parameters carried over where their quotes are found")
    imp.add_argument("--version", dest="version_key", help="with --series: the new version's key (default: the "
                     "年度 its title names, e.g. 2025)")
    imp.add_argument("--compare", type=Path, metavar="HAND_MADE.yaml",
                     help="report how many clauses match a hand-made file of the same source")
    par = sub.add_parser("params", help="print the calculators' parameters built from the policy data (JSON)")
    par.add_argument("--data-dir", type=Path, default=Path("policy_data"))
    calc = sub.add_parser("calculators", help="the calculators' CLI with parameters from the policy data")
    calc.add_argument("--data-dir", type=Path, default=Path("policy_data"))
    calc.add_argument("rest", nargs=argparse.REMAINDER, help="list | describe ID | run ID --input FILE")
    new = sub.add_parser("new", help="a new handbook for another agency, with a sample notice, calculator and form")
    new.add_argument("dest", type=Path, help="a new (or empty) folder")
    new.add_argument("--name", default=None, help="the agency's name, e.g. 某市人力资源和社会保障局")
    args = parser.parse_args(argv)
    if args.command == "new":
        return _new(args)
    if args.command == "import":
        return _import(args)
    if args.command in ("params", "calculators"):
        return _calculators(args)
    try:
        handbook = load_handbook(Path(args.data_dir))
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return 2
    versions = [v for series in handbook.series.values() for v in series.versions]
    params = sum(len(v.doc.parameters) for v in versions)
    print(f"policy_data 无误：{len(handbook.series)} 份文件（{len(versions)} 个版本），{params} 个参数。")
    return 0


def _calculators(args: argparse.Namespace) -> int:
    from calckit.cli import main as calculators_main

    from .export import load_params, params_json
    from .package import DEFAULT, PackageError, import_calculators

    try:
        import_calculators(Path(args.data_dir).resolve().parent / DEFAULT)
    except PackageError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        if args.command == "params":
            print(params_json(args.data_dir))
            return 0
        return calculators_main(args.rest, default_params=lambda: load_params(args.data_dir),
                                prog="python -m handbook calculators")
    except DataErrors as exc:
        print(exc, file=sys.stderr)
        return 2


def _new(args: argparse.Namespace) -> int:
    from .scaffold import DEFAULT_NAME, ScaffoldError, new

    try:
        written = new(args.dest, args.name or DEFAULT_NAME)
    except ScaffoldError as exc:
        print(f"新建失败：{exc}", file=sys.stderr)
        return 2
    print(f"已在 {args.dest} 新建手册（{len(written)} 个文件）。接下来：\n"
          f"  cd {args.dest}\n  make test     # 检查数据、运行计算器用例、构建网站\n"
          "  make serve    # 构建并在 http://127.0.0.1:8000/ 预览\n"
          "然后按 README.md 的步骤导入本单位的通知。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .importer import ImportFailure, import_source
    from .importer.compare import compare_files
    from .package import DEFAULT, PackageError, import_calculators

    package = args.data_dir.resolve().parent / DEFAULT
    if package.is_dir():   # the procedures' calculators are checked against the handbook's own
        try:
            import_calculators(package)
        except PackageError as exc:
            print(f"导入失败：{exc}", file=sys.stderr)
            return 2
    try:
        if args.series and (args.doc_id or args.out):
            print("导入失败：--series 与 --id、--out 不能同时使用"
                  "（新版本写入 policy_data/documents/<系列>/<年度>.yaml）", file=sys.stderr)
            return 2
        result = import_source(args.source, args.doc_id, args.out, args.data_dir, args.force,
                               series=args.series, version=args.version_key)
    except ImportFailure as exc:
        print(f"导入失败：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"导入失败：{exc.filename or args.source}: {exc.strerror}", file=sys.stderr)
        return 2
    print(result.report())
    if args.compare:
        print(compare_files(args.compare, result.out).report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
