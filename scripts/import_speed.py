"""How long `python -m handbook import` takes on each seed, and how close it comes to the hand-made file.

Prints, per seed: the import itself (in process, N runs: median, min, max), the whole command
(a fresh Python, N runs, as a maintainer types it), and the share of the hand-made file's clauses
the import reproduces. Usage: .venv/bin/python scripts/import_speed.py [N]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook.importer import import_source  # noqa: E402
from handbook.importer.compare import compare_files  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
HAND = {"000": "xinzhou-annual-assessment", "001": "zhejiang-senior-title",
        "002": "yangcheng-junior-title", "004": "safety-kpi-samples"}


def figures(samples: list[float]) -> str:
    return f"median {statistics.median(samples):.3f} s (min {min(samples):.3f}, max {max(samples):.3f})"


def main(runs: int) -> None:
    print(f"import speed, {runs} runs each; machine load {Path('/proc/loadavg').read_text().split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        for prefix, hand in HAND.items():
            src = next(SEEDS.glob(f"{prefix}_*.txt"))
            out = Path(tmp) / f"seed-{prefix}.yaml"
            inproc, cli = [], []
            for _ in range(runs):
                t = time.perf_counter()
                import_source(src, f"seed-{prefix}", out, force=True)
                inproc.append(time.perf_counter() - t)
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "handbook", "import", str(src), "--id", f"seed-{prefix}",
                                "--out", str(out), "--force"], cwd=ROOT, check=True, capture_output=True)
                cli.append(time.perf_counter() - t)
            cmp = compare_files(next((ROOT / "policy_data/documents" / hand).glob("*.yaml")), out)
            found, total = cmp.matched["clauses"]
            print(f"{src.name} ({src.stat().st_size / 1024:.1f} KB): import {figures(inproc)}; "
                  f"command {figures(cli)}; clauses as hand-made {found}/{total} ({found / total:.0%})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
