"""Schema 20: each organisation's 启用日期 (the day Shilu starts holding its record) and its rule
profile over time (a change applies from a date, so periods before it keep their verdict)."""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
ALTER TABLE organisations ADD COLUMN records_from TEXT;

CREATE TABLE org_profiles (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    profile TEXT NOT NULL,
    from_on TEXT NOT NULL,
    UNIQUE (org_id, from_on)
);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
