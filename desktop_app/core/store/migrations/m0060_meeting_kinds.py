"""Schema 60: a meeting record may also count as other kinds (组织生活会 that carries out the
民主评议党员; a 党课 given at the 支部党员大会). The record keeps its own kind in `meetings.kind`;
each further kind it counts as is one row here. Which pairs are allowed is in meetings/kinds.py.
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
CREATE TABLE meeting_also_kinds (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    kind TEXT NOT NULL,
    UNIQUE (meeting_id, kind)
);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
