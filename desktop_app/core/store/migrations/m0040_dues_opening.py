"""Schema 40: dues opening balances (期初: paid through month M before Shilu held the record) and
monthly collection rounds (the month's collection sheet entered, which 季结 may wait for)."""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
-- "全部已交至 2025-12" is one row with member_id NULL for the organisation; an exception is a row
-- for one member. Months up to paid_through are settled outside Shilu: never arrears.
CREATE TABLE dues_openings (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    member_id INTEGER REFERENCES members(id),
    paid_through TEXT NOT NULL CHECK (paid_through GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    set_on TEXT NOT NULL,
    notes TEXT
);
CREATE UNIQUE INDEX dues_openings_org ON dues_openings(org_id) WHERE member_id IS NULL;
CREATE UNIQUE INDEX dues_openings_member ON dues_openings(member_id) WHERE member_id IS NOT NULL;

-- One row per organisation and month once that month's collection sheet is entered ("全部已交"
-- then the exceptions); unpaid members are those due that month without a payment for it.
CREATE TABLE dues_rounds (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    month TEXT NOT NULL,
    entered_on TEXT NOT NULL,
    collector TEXT,
    UNIQUE (org_id, month)
);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
