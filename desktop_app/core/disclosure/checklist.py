"""The disclosure checklist: for an organisation and a year, each item's status.

已公开 — posted within the window its frequency sets (this quarter, this half-year …) and not
changed since; 待更新 — posted before, but the window has passed or its content changed since
(a new text version, new commitments, a change in the 班子); 未公开 — never posted. 居务 items are
posted only after the 居务监督委员会 has reviewed them (#18: 事先审查); a review covers one posting.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.dates import parse_date
from desktop_app.core.disclosure import items, texts
from desktop_app.core.rules.profile import DisclosureItem
from desktop_app.core.store import Store, StoreError

POSTED, STALE, NOT_POSTED = "已公开", "待更新", "未公开"


@dataclass(frozen=True)
class Review:
    id: int
    reviewed_on: str
    reviewer: str
    opinion: str | None


@dataclass(frozen=True)
class ItemStatus:
    item: DisclosureItem
    status: str
    posted_on: str | None          # the last posting on or before the checklist's date
    reason: str                    # why, in the secretary's words
    review: Review | None          # the newest review (居务 items)
    review_pending: bool           # a 居务 item has an unused review, ready to post

    @property
    def frequency(self) -> str:
        return items.FREQUENCIES[self.item.every]


def as_of(year: int, today: str) -> str:
    """The date a year's checklist is read at: today within the year, else its last day."""
    return min(today, f"{year}-12-31")


def checklist(store: Store, org_id: int, year: int, today: str | None = None) -> list[ItemStatus]:
    on = as_of(year, today or date.today().isoformat())
    return [status_of(store, org_id, item, on) for item in items.items_for(store, org_id)]


def status_of(store: Store, org_id: int, item: DisclosureItem, on: str) -> ItemStatus:
    posting = store.query_one(
        "SELECT * FROM disclosure_postings WHERE org_id = ? AND item_id = ? AND posted_on <= ? "
        "ORDER BY posted_on DESC, id DESC LIMIT 1", [org_id, item.id, on])
    review = latest_review(store, org_id, item.id, on)
    pending = review is not None and _unused(store, review.id)
    if posting is None:
        return ItemStatus(item, NOT_POSTED, None, "还没有登记过公开", review, pending)
    posted_on = posting["posted_on"]
    period = items.window(item, on)
    if period is not None and posted_on < period.start:
        return ItemStatus(item, STALE, posted_on,
                          f"{items.FREQUENCIES[item.every]}更新，{period.label}尚未公开", review,
                          pending)
    changed = _changed_since(store, org_id, item, posting, on)
    if changed:
        return ItemStatus(item, STALE, posted_on, changed, review, pending)
    return ItemStatus(item, POSTED, posted_on, f"于 {posted_on} 公开", review, pending)


def _changed_since(store: Store, org_id: int, item: DisclosureItem, posting: dict,
                   on: str) -> str | None:
    """Why the posted content is out of date, or None."""
    if item.kind == "entered":
        text = texts.current(store, org_id, item.id)
        if text and text.id != posting["text_id"]:
            return f"内容已于 {text.written_on} 修改，尚未重新公开"
        return None
    posted_on = posting["posted_on"]
    if item.data == "cadres":
        rows = store.query("SELECT start_on, end_on FROM roles WHERE org_id = ?", [org_id])
        dates = [d for r in rows for d in (r["start_on"], r["end_on"]) if d and posted_on < d <= on]
        return f"班子成员于 {max(dates)} 有变动，尚未重新公开" if dates else None
    if item.data == "commitments":
        row = store.query_one("SELECT max(made_on) AS d FROM commitments WHERE org_id = ? "
                              "AND made_on > ? AND made_on <= ?", [org_id, posted_on, on])
        return f"承诺于 {row['d']} 有修改，尚未重新公开" if row and row["d"] else None
    return None


def latest_review(store: Store, org_id: int, item_id: str, on: str) -> Review | None:
    row = store.query_one(
        "SELECT id, reviewed_on, reviewer, opinion FROM disclosure_reviews WHERE org_id = ? "
        "AND item_id = ? AND reviewed_on <= ? ORDER BY reviewed_on DESC, id DESC LIMIT 1",
        [org_id, item_id, on])
    return Review(**row) if row else None


def _unused(store: Store, review_id: int) -> bool:
    return store.query_one("SELECT id FROM disclosure_postings WHERE review_id = ?",
                           [review_id]) is None


def record_review(store: Store, org_id: int, item: DisclosureItem, reviewer: str, on: str,
                  opinion: str | None = None, today: str | None = None) -> Review:
    """The 居务监督委员会's 事先审查 of an item, by whom and when."""
    if not items.needs_review(item):
        raise StoreError(f"“{item.title}”属{item.board}公开，不需居务监督委员会审查")
    if not (reviewer or "").strip():
        raise StoreError("请填写审查人（居务监督委员会成员姓名）")
    on = _date(on, "审查日期", today)
    review_id = store.insert("disclosure_reviews", {
        "org_id": org_id, "item_id": item.id, "reviewed_on": on, "reviewer": reviewer.strip(),
        "opinion": (opinion or "").strip() or None})
    return Review(review_id, on, reviewer.strip(), (opinion or "").strip() or None)


def mark_posted(store: Store, org_id: int, item: DisclosureItem, on: str,
                notes: str | None = None, today: str | None = None) -> int:
    """Record that the item went up on the board on `on` (with the text version current then)."""
    on = _date(on, "公开日期", today)
    review_id = None
    if items.needs_review(item):
        review = latest_review(store, org_id, item.id, on)
        if review is None or not _unused(store, review.id):
            raise StoreError(f"“{item.title}”是居务公开事项，须先经居务监督委员会审查（第18条）："
                             f"请先登记 {on} 或之前的审查人和审查日期")
        review_id = review.id
    text_id = None
    if item.kind == "entered":
        text = texts.current(store, org_id, item.id, on)
        if text is None:
            raise StoreError(f"“{item.title}”在 {on} 还没有录入内容，请先录入再登记公开")
        text_id = text.id
    return store.insert("disclosure_postings", {
        "org_id": org_id, "item_id": item.id, "posted_on": on, "review_id": review_id,
        "text_id": text_id, "notes": (notes or "").strip() or None})


def _date(value: str, what: str, today: str | None) -> str:
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise StoreError(f"{what}无法识别：{exc}") from exc
    if parsed is None:
        raise StoreError(f"请填写{what}")
    if parsed > (today or date.today().isoformat()):
        raise StoreError(f"{what} {parsed} 晚于今天，只能登记已经发生的事")
    return parsed
