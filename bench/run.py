"""The record of issue 16: `python bench/run.py` runs the benches behind its table and prints one
table — every figure beside its target and the anchor measured in the same run — and the scale
curve (members 30 / 300 / 3,000; years 1 / 10) for start-up, 体检, the book and the filter.

`python bench/run.py NAME …` runs `bench/bench_NAME.py` (`all`: every bench) and tabulates the
figures they report. Each bench prints its own lines as it goes; a figure it reports for the table
is a `BENCH` line (bench/record.py). The machine is shared: wall times carry CPU times beside them.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from unicodedata import east_asian_width

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.record import parse  # noqa: E402

# The issue's table, in its order: (how a figure's name starts, the row, its target).
ISSUE_16 = [
    ("GUI cold start", "GUI cold start vs a bare PySide6 window", "≤ 1.5×"),
    ("shilu --help", "shilu --help", "≤ 0.15 s"),
    ("公开栏 board", "one-page 公开栏 board vs LibreOffice, whole process", "≤ 0.33×"),
    ("yearly book, 党支部", "yearly book of a 党支部", "≤ 2 s, ≤ 150 MB"),
    ("roster", "roster filter / reload / keystroke (300; 3,000)", "< 10 ms; < 50 ms"),
    ("GUI memory", "GUI memory, 10-year ledger open", "< 250 MB"),
]
RECORD = [["gui"], ["cli"], ["book", "--quick"], ["scale"]]
MEASURES = ("start-up", "体检", "book", "filter")


def gui_figures(text: str) -> list[dict]:
    """bench_gui.py's figures read from its printed lines, until it reports BENCH lines itself."""
    found = []

    def add(figure, value, unit, target, ok, anchor="", note=""):
        found.append({"figure": figure, "value": value, "unit": unit, "target": target, "ok": ok,
                      "anchor": anchor, "note": note, "scale": None})
    bare = re.search(r"bare PySide6 window[^:]*:\s*([\d.]+)", text)
    shown = re.search(r"Shilu main window[^:]*:\s*([\d.]+)(?:\s*/\s*([\d.]+)\s*/\s*([\d.]+))?"
                      r".*?ratio\s*([\d.]+)", text)
    if shown:
        ratio = float(shown[4])
        add("GUI cold start vs bare window", ratio, "×", "≤ 1.5×", ratio <= 1.5,
            f"bare window {bare[1]} s" if bare else "", f"window shown {shown[1]} s")
        if shown[3]:
            add("GUI memory at the window shown", float(shown[3]), "MB", "< 250 MB",
                float(shown[3]) < 250, note="peak RSS, 300×10 ledger")
    members = "300"
    for line in text.splitlines():
        heading = re.match(r"roster, (\d+) members", line)
        members = heading[1] if heading else members
        # bench_gui judges the model's work by its CPU time (the machine is shared)
        row = re.match(r"\s+(branch filter|first keystroke|keystroke|reload, unchanged)\s*:"
                       r"\s*model\s*([\d.]+)\s*/\s*([\d.]+)", line)
        if row:
            target = 10.0 if members == "300" else 50.0
            add(f"roster {row[1]}, {members} members", float(row[3]), "ms CPU",
                f"< {target:.0f} ms", float(row[3]) < target, note=f"wall {row[2]} ms")
    return found


def run(script: str, args: list[str]) -> list[dict]:
    """Run one bench, echoing its output; the figures it reported."""
    print(f"== {script} {' '.join(args)}".rstrip(), flush=True)
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    child = subprocess.Popen([sys.executable, str(HERE / f"bench_{script}.py"), *args],
                             cwd=HERE.parent, stdout=subprocess.PIPE, text=True, env=env)
    figures, text = [], []
    for line in child.stdout:
        found = parse(line)
        if found:
            figures.append(found)
        else:
            text.append(line)
            print(line, end="", flush=True)
    if child.wait():
        print(f"   (bench_{script}.py failed with exit code {child.returncode})")
    if script == "gui" and not figures:
        figures = gui_figures("".join(text))
    return figures


def columns(text: str) -> int:
    """Terminal columns `text` takes: a Chinese character takes two."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int, right: bool = False) -> str:
    room = " " * max(width - columns(text), 0)
    return room + text if right else text + room


def value(f: dict) -> str:
    return f"{f['value']:.2f} {f['unit']}".replace(" ×", "×")


def table(figures: list[dict], issue: bool) -> None:
    plain = [f for f in figures if not f.get("scale")]
    rows: list[tuple[str, str, str, str, str]] = []
    used: set[int] = set()
    for prefix, label, target in ISSUE_16:
        # a figure of the issue's table may also be a point of the scale curve (start-up, 300×10)
        mine = [f for f in figures if f["figure"].startswith(prefix)]
        used |= {id(f) for f in mine}
        if not mine and issue:
            rows.append((label, "—", target, "", "not reported by this run"))
        for f in mine:
            rows.append((f["figure"], value(f), f["target"] or target, _verdict(f),
                         "; ".join(x for x in (f["anchor"], f["note"]) if x)))
    rows += [(f["figure"], value(f), f["target"], _verdict(f),
              "; ".join(x for x in (f["anchor"], f["note"]) if x))
             for f in plain if id(f) not in used]
    if rows:
        width = max(columns(r[0]) for r in rows)
        print(f"\n{pad('figure', width)}  {'now':>12}  {pad('target', 18)} {'':6}  anchor, notes")
        for name, now, target, verdict, notes in rows:
            print(f"{pad(name, width)}  {now:>12}  {pad(target, 18)} {verdict:6}  {notes}")
    curve = [f for f in figures if f.get("scale")]
    if curve:
        sizes = list(dict.fromkeys(f["scale"][1] for f in curve))
        cell = {tuple(f["scale"]): value(f) for f in curve}
        print("\nscale curve (members×years)  " + "".join(pad(m, 14, True) for m in MEASURES))
        for size in sizes:
            print(f"{size:>27}  " + "".join(pad(cell.get((m, size), "—"), 14, True)
                                            for m in MEASURES))
        print("start-up: × the bare window; 体检: whole 党委, one year; book: busiest 党支部; "
              "filter: branch filter, model work")


def _verdict(f: dict) -> str:
    return {True: "ok", False: "MISSED", None: ""}[f["ok"]]


def main(names: list[str]) -> int:
    if not names:
        plan = RECORD
    elif names == ["all"]:
        plan = [[p.stem.removeprefix("bench_")] for p in sorted(HERE.glob("bench_*.py"))]
    else:
        plan = [[n] for n in names]
    figures = []
    for script, *args in plan:
        figures += run(script, args)
    table(figures, issue=not names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
