"""Schema 3: the full-text index over meeting records (a derived cache, rebuilt from the ledger),
and an index on absences for the open-work list (unbriefed absentees).

CJK text is indexed as overlapping character bigrams in `bi` (so a 2-character word such as 党章
is one token) and single characters in `uni` (for 1-character queries); see meetings/search.py.
Neither table is audited: both are rebuilt from audited rows.
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
CREATE VIRTUAL TABLE derived_meeting_search USING fts5(bi, uni, tokenize = 'unicode61');

-- The last audit entry the index has caught up with.
CREATE TABLE derived_meeting_search_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    audit_id INTEGER NOT NULL
);

CREATE INDEX attendance_absences ON attendance(meeting_id) WHERE status != '出席';
"""


def migrate(conn):
    run_script(conn, SCHEMA)
