"""Opening balance: 学时 a member had already earned in a year before the ledger's record began
(启用日期), typed once from the old paper ledger so the year's quota is judged on the whole year."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import members
from desktop_app.core.dates import DateFormatError, parse_date
from desktop_app.core.study.entries import MAX_HOURS, StudyError
from desktop_app.core.store import Store


@dataclass(frozen=True)
class Opening:
    member_id: int
    year: int
    hours: float
    as_of: str      # the hours were earned before this date (the 启用日期)


def set_opening(store: Store, member_id: int, year: int, hours, as_of: str,
                reason: str | None = None) -> None:
    """Set (or replace) a member's opening 学时 for `year`, earned before `as_of`."""
    name = members.get(store, member_id).name
    problems = []
    try:
        as_of = parse_date(as_of)
        if as_of is None:
            problems.append("请填写期初学时截至的日期（启用日期）")
        elif int(as_of[:4]) != year:
            problems.append(f"期初学时截至日期 {as_of} 不在 {year} 年内")
    except DateFormatError as exc:
        problems.append(f"截至日期：{exc}")
    try:
        hours = float(hours)
        if not 0 <= hours <= MAX_HOURS * 366:
            problems.append(f"{name} 的期初学时 {hours:g} 不合理")
    except (TypeError, ValueError):
        problems.append(f"{name} 的期初学时“{hours}”应是一个数字")
    if problems:
        raise StudyError("；".join(problems))
    row = {"member_id": member_id, "year": year, "hours": hours, "as_of": as_of}
    existing = store.query_one("SELECT id FROM study_openings WHERE member_id = ? AND year = ?",
                               [member_id, year])
    if existing:
        store.update("study_openings", existing["id"], row, reason=reason)
    else:
        store.insert("study_openings", row, reason=reason)


def openings(store: Store, year: int, member_ids: list[int] | None = None) -> dict[int, Opening]:
    sql, params = "SELECT * FROM study_openings WHERE year = ?", [year]
    if member_ids is not None:
        sql += f" AND member_id IN ({','.join('?' for _ in member_ids) or 'NULL'})"
        params += member_ids
    return {r["member_id"]: Opening(r["member_id"], r["year"], r["hours"], r["as_of"])
            for r in store.query(sql, params)}
