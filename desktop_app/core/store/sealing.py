"""Which column dates a row, per table, so that writes into a sealed period can be caught.

A table whose rows belong to a reporting period lists its date column here; tables not listed
(organisations, settings) are never sealed.
"""

DATED_COLUMNS: dict[str, str] = {
    "member_events": "on_date",
}
