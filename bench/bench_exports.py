"""How long printing takes: a branch's sign-in sheet, its meeting record (PDF and .docx) and the
year plan from a synthetic ledger, and a 300-name sign-in sheet. Run by hand: `python bench/bench_exports.py`."""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ledger import timed  # noqa: E402
from desktop_app.core import orgs  # noqa: E402
from desktop_app.core.demo import DemoSpec, generate  # noqa: E402
from desktop_app.core.exports import activity_plan_export as plan_export  # noqa: E402
from desktop_app.core.exports import meeting_record_export, signin_sheet  # noqa: E402
from desktop_app.core.meetings import attendance, kinds, records  # noqa: E402
from desktop_app.core.meetings.attendance import Mark  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402



def main() -> None:
    store = open_store(None, actor="bench")
    generate(store, DemoSpec(members=620, years=1, seed=3, last_year=2025))
    branch = orgs.by_code(store, "DEMO-01").id
    meeting = records.new(store, branch, kinds.BRANCH_MEETING, "2025-06-05")
    expected = attendance.expected_members(store, branch, meeting.kind, meeting.held_on)
    meeting_id = records.save(store, meeting, [Mark(m.id) for m in expected])
    print(f"{len(expected)} expected members")
    out = Path(tempfile.mkdtemp())
    timed("fonts (first use)", lambda: signin_sheet.pdf.styles())
    sheet = timed("sign-in sheet: read ledger", lambda: signin_sheet.for_meeting(store, meeting_id))
    timed("sign-in sheet: PDF", lambda: signin_sheet.write_pdf(sheet, out / "s.pdf"))
    record = timed("record: read ledger", lambda: meeting_record_export.for_meeting(store, meeting_id))
    timed("record: PDF", lambda: meeting_record_export.write_pdf(record, out / "r.pdf"))
    timed("record: docx", lambda: meeting_record_export.write_docx(record, out / "r.docx"))
    plan = timed("plan: read ledger (draft)", lambda: plan_export.for_year(store, branch, 2025))
    timed("plan: PDF", lambda: plan_export.write_pdf(plan, out / "p.pdf"))
    timed("plan: xlsx", lambda: plan_export.write_xlsx(plan, out / "p.xlsx"))
    big = signin_sheet.SigninSheet("示范社区党委", "党员大会", None, "2025-06-05",
                                   names=[f"党员{i:03d}" for i in range(300)])
    timed("300-name sign-in sheet: PDF", lambda: signin_sheet.write_pdf(big, out / "big.pdf"))


if __name__ == "__main__":
    main()
