"""Schema 31: 学时 earned outside meetings, and the opening balance of the year.

One `study_sessions` row per training (街道培训, 网上党校, 学习强国 course …) with the members who
attended it in `study_attendees`; `study_openings` holds hours a member had already earned in a
year before the ledger's record began (启用日期).
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
CREATE TABLE study_sessions (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    hours REAL NOT NULL CHECK (hours > 0),
    title TEXT NOT NULL,
    organiser TEXT,
    source TEXT
);
CREATE INDEX study_sessions_date ON study_sessions(held_on);

CREATE TABLE study_attendees (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES study_sessions(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    UNIQUE (session_id, member_id)
);
CREATE INDEX study_attendees_member ON study_attendees(member_id);

CREATE TABLE study_openings (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    year INTEGER NOT NULL,
    hours REAL NOT NULL CHECK (hours >= 0),
    as_of TEXT NOT NULL,
    UNIQUE (member_id, year)
);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
