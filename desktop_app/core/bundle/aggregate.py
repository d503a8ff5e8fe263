"""At the upstream office: verify every bundle in a folder and tabulate how each branch stands.

Streams: bundles are verified one at a time and only a small row is kept of each, so memory
stays flat in the number of bundles (10,000 at city scale). Every file in the folder is
accounted for: a bundle gets a row, anything else (hidden, not .zip, a folder, a link, a FIFO or
device) is listed as skipped with the reason. A bad bundle gets a row saying why and no figures:
numbers from a bundle that fails verification are not reported as if they were the branch's.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from desktop_app.core import durable
from desktop_app.core.bundle import BundleError, verify_pool
from desktop_app.core.bundle.history import REPLAY, History
from desktop_app.core.bundle.text import shown
from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.bundle.verify import Verdict, VerifyReport
from desktop_app.core.exports import cell_text
from desktop_app.core.rules.findings import MISSING, OVERDUE, STATUSES

HEADERS = ("组织代码", "组织", "期间", "校验", *STATUSES, "会议已开/应开", "期末在册",
           "连续性提示", "说明")
WIDTHS = (12, 18, 10, 14, *(6 for _ in STATUSES), 14, 8, 40, 60)


@dataclass(frozen=True)
class SummaryRow:
    file: str
    org_code: str
    org_name: str
    period: str
    verdict: Verdict
    by_status: dict[str, int]       # empty unless valid
    held: int | None
    required: int | None
    members: int | None
    flags: tuple[str, ...]          # continuity warnings from the upstream history
    note: str
    audit_entries: int = 0          # the branch's chain length at export: a correction's is longer

    @property
    def valid(self) -> bool:
        return self.verdict is Verdict.VALID

    def cells(self) -> list:
        counts = [self.by_status.get(s) if self.valid else None for s in STATUSES]
        meetings = f"{self.held}/{self.required}" if self.valid else None
        return [self.org_code, self.org_name, self.period, self.verdict.word, *counts, meetings,
                self.members, "；".join(self.flags), self.note]


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass
class Summary:
    rows: list[SummaryRow] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)      # the upstream history could not be saved

    def counts(self) -> dict[Verdict, int]:
        found = {v: 0 for v in Verdict}
        for row in self.rows:
            found[row.verdict] += 1
        return found


def scan(folder: Path) -> Iterator[Path | Skipped]:
    """Each entry of the folder by name: a candidate bundle, or why it is skipped."""
    folder = Path(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise BundleError(f"无法打开文件夹 {folder}：{durable.describe_error(exc)}") from exc
    for entry in entries:
        name = shown(entry.name)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            yield Skipped(name, "无法读取文件信息")
            continue
        if entry.name.startswith("."):
            yield Skipped(name, "隐藏文件，未校验")
        elif stat.S_ISLNK(mode):
            yield Skipped(name, "是快捷方式（符号链接），未校验")
        elif stat.S_ISDIR(mode):
            yield Skipped(name, "是文件夹，未校验")
        elif not stat.S_ISREG(mode):
            yield Skipped(name, "不是普通文件（管道或设备），未校验")
        elif not entry.name.lower().endswith(".zip"):
            yield Skipped(name, "不是 .zip 文件，未校验")
        else:
            yield Path(entry.path)


def summarise(folder: Path, registry: dict[str, TrustedKey], history: History | None = None,
              progress: Callable[[int], None] | None = None,
              workers: int | None = None) -> Summary:
    """`workers`: processes verifying at once (None: one per CPU; see verify_pool)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BundleError(f"找不到文件夹 {folder}。")
    summary, bundles = Summary(), []
    for item in scan(folder):
        (summary.skipped if isinstance(item, Skipped) else bundles).append(item)
    reports, rows = [], []
    for report in verify_pool.reports(bundles, registry, workers):
        rows.append(_row(report, []))
        reports.append(_for_history(report))
        if progress:
            progress(len(reports))
    flags = _recorded(history, reports)
    summary.rows = [replace(row, flags=tuple(flags.get(id(report), ())))
                    for row, report in zip(rows, reports)]
    if history is not None:
        try:
            history.commit()
        except BundleError as exc:
            summary.notes.append(str(exc))
    summary.rows.sort(key=lambda r: (r.org_code, r.period, r.file))
    return summary


def _for_history(report: VerifyReport) -> VerifyReport:
    """The report with only what the history reads (no per-rule or per-record lists), so the
    bundles held for ordering cost a few hundred bytes each."""
    extract = report.extract
    if extract is not None:
        needs = extract["requirements"]
        report.extract = {
            "organisation": extract["organisation"], "period": extract["period"],
            "correction": extract["correction"] and {"of": extract["correction"]["of"]},
            "continuity": extract["continuity"], "roster": extract["roster"],
            "findings_by_status": extract["findings_by_status"],
            "requirements": [{"held": sum(n["held"] for n in needs),
                              "required": sum(n["required"] for n in needs)}]}
    return report


def _recorded(history: History | None, reports: list[VerifyReport]) -> dict[int, list[str]]:
    """id(report) → its continuity flags. Each branch's bundles are recorded oldest first (by
    audit-chain count), whatever their file names, so a stick holding several quarters is read as
    the branch sent them; a bundle seen before is a replay only when nothing newer of its branch
    came with it (an office re-checking its archive folder is not told of replays)."""
    if history is None:
        return {}
    valid = sorted((r for r in reports if r.ok), key=lambda r: (
        r.org_code or "", r.extract["continuity"]["audit_entries"], r.identifier or ""))
    newest = {r.org_code: r.extract["continuity"]["audit_entries"] for r in valid}
    flags = {}
    for report in valid:
        found = _flags(history, report)
        if report.extract["continuity"]["audit_entries"] < newest[report.org_code]:
            found = [f for f in found if not f.startswith(REPLAY)]
        flags[id(report)] = found
    return flags


def _flags(history: History, report: VerifyReport) -> list[str]:
    try:
        return history.record(report)
    except BundleError as exc:      # a batch could not be committed: worded by the history
        return [str(exc)]
    except Exception as exc:   # noqa: BLE001 — the history must not cost the other bundles
        return [f"无法写入上级收包记录（{type(exc).__name__}），连续性未核对。"]


def _row(report: VerifyReport, flags: list[str]) -> SummaryRow:
    name = shown(report.path.name)
    code, org, period = (shown(v or d) for v, d in ((report.org_code, "?"),
                                                    (report.org_name, ""), (report.period, "")))
    if not report.ok:
        return SummaryRow(name, code, org, period, report.verdict, {}, None, None, None, (),
                          f"{name}：" + "；".join(report.problems))
    extract = report.extract
    needs = extract["requirements"]
    correction = extract["correction"]
    note = f"签名密钥 {report.fingerprint}" + (
        f"；更正包，更正 {shown(correction['of'])}，{len(correction['records'])} 条记录" if correction else "")
    return SummaryRow(name, code, org, period, report.verdict, dict(extract["findings_by_status"]),
                      sum(n["held"] for n in needs), sum(n["required"] for n in needs),
                      extract["roster"]["members_at_end"], tuple(flags), note,
                      extract["continuity"]["audit_entries"])


def as_text(summary: Summary) -> str:
    lines = ["\t".join(HEADERS)]
    for row in summary.rows:
        lines.append("\t".join("" if c is None else str(c) for c in row.cells()))
    counts = summary.counts()
    lines.append(f"共 {len(summary.rows)} 个包：" + "，".join(f"{v.word} {counts[v]}" for v in Verdict)
                 + "。")
    if summary.skipped:
        lines.append(f"跳过 {len(summary.skipped)} 个文件：")
        lines += [f"  {s.file}：{s.reason}" for s in summary.skipped]
    lines += [f"注意：{note}" for note in summary.notes]
    return "\n".join(lines)


def write_xlsx(summary: Summary, out: Path) -> None:
    """Write-only workbook: rows stream to the file, so 10,000 rows stay small in memory. The
    target's folder is tried first: a stick pulled before the sheets are built leaves openpyxl's
    half-streamed sheets to print tracebacks when they are thrown away."""
    with durable.write_atomically(out) as temp:
        _book(summary).save(temp)


def _book(summary: Summary):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold, red = Font(bold=True), Font(bold=True, color="C00000")
    sheet.append([_cell(sheet, h, bold) for h in HEADERS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in summary.rows:
        cells = [_value(sheet, v) for v in row.cells()]
        cells[3] = _cell(sheet, cells[3], None if row.valid else red)
        for index in (-2, -1):
            cells[index] = _cell(sheet, cells[index])
            cells[index].alignment = wrap
        sheet.append(cells)
    _trend_sheet(book, summary, bold)
    if summary.skipped:
        skipped = book.create_sheet("跳过的文件")
        skipped.append([_cell(skipped, "文件", bold), _cell(skipped, "原因", bold)])
        for s in summary.skipped:
            skipped.append([_cell(skipped, s.file), _cell(skipped, s.reason)])
    return book


def trend(summary: Summary) -> tuple[list[str], dict[str, dict[str, str]]]:
    """Each branch across periods, from its valid bundles (a correction replaces the bundle it
    corrects): periods in order, and org → period → "会议 已开/应开；未达标 n 项；在册 m 人"."""
    periods = sorted({r.period for r in summary.rows if r.valid})
    table: dict[str, dict[str, str]] = {}
    # the bundle exported last (longest audit chain) wins, whatever its file is called
    for row in sorted((r for r in summary.rows if r.valid), key=lambda r: r.audit_entries):
        unmet = sum(n for status, n in row.by_status.items() if status in (OVERDUE, MISSING))
        table.setdefault(f"{row.org_name}（{row.org_code}）", {})[row.period] = (
            f"会议 {row.held}/{row.required}；未达标 {unmet} 项；在册 {row.members} 人")
    return periods, table


def _trend_sheet(book, summary: Summary, bold) -> None:
    periods, table = trend(summary)
    if not periods:
        return
    sheet = book.create_sheet("各支部趋势")
    sheet.column_dimensions["A"].width = 24
    for index in range(len(periods)):
        sheet.column_dimensions[_letter(index + 1)].width = 34
    sheet.append([_cell(sheet, h, bold) for h in ("支部", *periods)])
    for org, by_period in sorted(table.items()):
        sheet.append([_cell(sheet, v) for v in (org, *(by_period.get(p, "（未收到）") for p in periods))])


def _value(sheet, value):
    """A plain value as it is (a tenth of the cost of a cell object), cleaned; text that could
    be read as a formula as a guarded cell."""
    value = cell_text.clean(value)
    if isinstance(value, str) and value.startswith(cell_text.FORMULA_STARTS):
        return _cell(sheet, value)
    return value


def _cell(sheet, value, font=None):
    """A cell cleaned and guarded like every xlsx export's (no controls, no live formula)."""
    from openpyxl.cell import WriteOnlyCell
    cell = cell_text.guard(WriteOnlyCell(sheet, value=cell_text.clean(value)))
    if font is not None:
        cell.font = font
    return cell


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index + 1)
