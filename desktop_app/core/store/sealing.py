"""Which date places a row in a reporting period, per table, so writes into a sealed period are caught.

A table whose rows carry their own date lists the column in `DATED_COLUMNS`; a table whose rows
belong to a dated parent (attendance belongs to its meeting) lists the parent in `PARENT_DATES`.
Tables listed in neither (organisations, settings) are never sealed.
"""

DATED_COLUMNS: dict[str, str] = {
    "member_events": "on_date",
    "meetings": "held_on",
    "followups": "on_date",
    "activity_plan": "planned_on",
    "dues_bases": "set_on",
    "dues_receipts": "paid_on",
    "dues_settlements": "settled_on",
    "dues_rounds": "entered_on",
    "pioneer_entries": "on_date",
    "pioneer_exemptions": "decided_on",
    "pioneer_evaluations": "published_on",
    "standard_marks": "on_date",
    "disclosure_reviews": "reviewed_on",
    "disclosure_postings": "posted_on",
    "disclosure_texts": "written_on",
    "commitments": "made_on",
    "away_life": "held_on",
    "study_sessions": "held_on",
    "study_openings": "as_of",
    "appraisals": "started_on",
    "appraisal_actions": "opened_on",
}

# table -> (parent table, foreign-key column)
PARENT_DATES: dict[str, tuple[str, str]] = {
    "attendance": ("meetings", "meeting_id"),
    "meeting_tags": ("meetings", "meeting_id"),
    "meeting_also_kinds": ("meetings", "meeting_id"),
    "meeting_guests": ("meetings", "meeting_id"),
    "attachments": ("meetings", "meeting_id"),
    "dues_payments": ("dues_receipts", "receipt_id"),
    "study_attendees": ("study_sessions", "session_id"),
    "appraisal_results": ("appraisals", "appraisal_id"),
}


def row_dates(store, table: str, before: dict | None, changes: dict) -> list[str]:
    """The dates that place this write in a period: the old and the new, if any."""
    rows = [r for r in (before, changes) if r]
    if table in DATED_COLUMNS:
        column = DATED_COLUMNS[table]
        return [r[column] for r in rows if r.get(column)]
    if table in PARENT_DATES:
        parent, key = PARENT_DATES[table]
        column = DATED_COLUMNS[parent]
        dates = []
        for r in rows:
            if r.get(key) is not None:
                found = store.query_one(f"SELECT [{column}] AS d FROM [{parent}] WHERE id = ?", [r[key]])
                if found and found["d"]:
                    dates.append(found["d"])
        return dates
    return []
