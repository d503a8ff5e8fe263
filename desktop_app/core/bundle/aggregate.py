"""At the upstream office: verify every bundle in a folder and tabulate how each branch stands.

An invalid bundle gets a row saying why, and no figures: numbers from a bundle that fails
verification are not reported as if they were the branch's.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from desktop_app.core import durable
from desktop_app.core.bundle import BundleError
from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.bundle.verify import VerifyReport, verify_bundle
from desktop_app.core.exports import cell_text
from desktop_app.core.rules.findings import STATUSES

HEADERS = ("组织代码", "组织", "期间", "校验", *STATUSES, "会议已开/应开", "说明")


@dataclass(frozen=True)
class SummaryRow:
    file: str
    org_code: str
    org_name: str
    period: str
    valid: bool
    by_status: dict[str, int]       # empty when invalid
    held: int | None
    required: int | None
    note: str

    def cells(self) -> list:
        counts = [self.by_status.get(s) if self.valid else None for s in STATUSES]
        meetings = f"{self.held}/{self.required}" if self.valid else None
        return [self.org_code, self.org_name, self.period, "有效" if self.valid else "无效",
                *counts, meetings, self.note]


def verify_folder(folder: Path, registry: dict[str, TrustedKey]) -> list[VerifyReport]:
    folder = Path(folder)
    if not folder.is_dir():
        raise BundleError(f"找不到文件夹 {folder}。")
    return [verify_bundle(p, registry) for p in sorted(folder.glob("*.zip"))
            if not p.name.startswith(".")]


def summary_rows(reports: list[VerifyReport]) -> list[SummaryRow]:
    rows = [_row(r) for r in reports]
    return sorted(rows, key=lambda r: (r.org_code, r.period, r.file))


def _row(report: VerifyReport) -> SummaryRow:
    code, name, period = report.org_code or "?", report.org_name or "", report.period or ""
    if not report.ok:
        return SummaryRow(report.path.name, code, name, period, False, {}, None, None,
                          f"{report.path.name}：" + "；".join(report.problems))
    extract = report.extract
    needs = extract["requirements"]
    return SummaryRow(report.path.name, code, name, period, True,
                      dict(extract["findings_by_status"]), sum(n["held"] for n in needs),
                      sum(n["required"] for n in needs), f"签名密钥 {report.fingerprint}")


def as_text(rows: list[SummaryRow]) -> str:
    lines = ["\t".join(HEADERS)]
    for row in rows:
        lines.append("\t".join("" if c is None else str(c) for c in row.cells()))
    valid = sum(r.valid for r in rows)
    lines.append(f"共 {len(rows)} 个包：有效 {valid}，无效 {len(rows) - valid}。")
    return "\n".join(lines)


def write_xlsx(rows: list[SummaryRow], out: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        cell_text.append(sheet, row.cells())
        if not row.valid:
            sheet.cell(sheet.max_row, 4).font = Font(bold=True, color="C00000")
    for letter, width in zip("ABCDEFGHIJ", (12, 18, 10, 6, 6, 6, 8, 6, 14, 60)):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows(min_row=2, min_col=10, max_col=10):
        cells[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    with durable.write_atomically(out) as temp:
        book.save(temp)
