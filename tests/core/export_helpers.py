"""Helpers for the export tests: read a PDF back as text and fonts, and record a real meeting."""
from __future__ import annotations

import subprocess
from pathlib import Path

from desktop_app.core import orgs
from desktop_app.core.meetings import attendance, kinds, records
from desktop_app.core.meetings.attendance import FollowUp, Mark
from desktop_app.core.meetings.records import Guest
from tests.requires import need_poppler


def pdf_text(path: Path, page: int | None = None, mode: str = "-raw") -> str:
    """The text in content order (`-raw`), or as laid out on the page (`-layout`)."""
    need_poppler()
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", mode, *pages, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def flat(text: str) -> str:
    """Text without whitespace: pdftotext breaks and spaces CJK lines unpredictably."""
    return "".join(text.split())


def pdf_pages(path: Path) -> int:
    need_poppler()
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_fonts(path: Path) -> list[dict]:
    """pdffonts rows as dicts: name, type, emb."""
    need_poppler()
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (may be two words: "Type 1"), encoding, emb, sub, uni, object, ID
        rows.append({"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5]})
    return rows


def held_meeting(store, on: str = "2025-03-05") -> tuple[int, list]:
    """A 支部党员大会 of the first demo branch: one on leave (briefed by phone), one absent
    (not briefed), everyone else present, one invited guest."""
    branch = orgs.by_code(store, "DEMO-01").id
    meeting = records.new(store, branch, kinds.BRANCH_MEETING, on)
    meeting.start_time, meeting.end_time = "14:30", "16:00"
    meeting.place = "社区党群服务中心二楼会议室"
    meeting.topic = "学习《中国共产党章程》总纲"
    meeting.minutes = "书记领学党章总纲。\n与会党员交流学习体会。"
    meeting.resolutions = "通过本年度支部工作计划。"
    meeting.guests = [Guest("刘明", "街道党工委")]
    expected = attendance.expected_members(store, branch, meeting.kind, meeting.held_on)
    marks = [Mark(m.id) for m in expected]
    marks[0] = Mark(expected[0].id, kinds.ON_LEAVE, "住院治疗", "书记")
    marks[1] = Mark(expected[1].id, kinds.ABSENT)
    meeting_id = records.save(store, meeting, marks)
    attendance.add_followup(store, meeting_id, expected[0].id,
                            FollowUp("电话", "2025-03-06", "组织委员"))
    return meeting_id, expected
