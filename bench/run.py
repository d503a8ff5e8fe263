"""Run the benchmarks by hand and print their figures: `python bench/run.py [NAME …]`.

Each `bench/bench_NAME.py` measures one area on the cached 300-member, 10-year ledger
(`bench/ledger.py`) and prints figures against its target. With no names, all run in turn.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    scripts = [HERE / f"bench_{n}.py" for n in names] or sorted(HERE.glob("bench_*.py"))
    failed = 0
    for script in scripts:
        print(f"== {script.stem.removeprefix('bench_')}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
