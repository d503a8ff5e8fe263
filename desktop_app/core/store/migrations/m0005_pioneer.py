"""Schema 5: the 党员先锋指数 (entered items, exemptions, published snapshots) and the standard's
达标销号 marks. Ledger-counted items are never stored: they are read from the records, and frozen
only in a published snapshot so that a disclosed result does not move when the ledger does."""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
-- An item typed by the branch (加分 or 扣分) for one member and half year ("2025H1"), with its
-- reason; item_id names a [[pioneer.items]] entry or a red line of the profile.
CREATE TABLE pioneer_entries (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    period TEXT NOT NULL,
    item_id TEXT NOT NULL,
    points REAL NOT NULL,
    reason TEXT NOT NULL CHECK (trim(reason) <> ''),
    on_date TEXT NOT NULL
);
CREATE INDEX pioneer_entries_period ON pioneer_entries(org_id, period);

-- 免评: a member over the profile's age or unable, exempted by decision of the 党员大会.
CREATE TABLE pioneer_exemptions (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    period TEXT NOT NULL,
    reason TEXT NOT NULL,
    decision TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id),
    decided_on TEXT NOT NULL,
    UNIQUE (org_id, member_id, period)
);

-- The published result of a half year, as canonical JSON: what was disclosed, unchanged.
CREATE TABLE pioneer_evaluations (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    period TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    published_on TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    UNIQUE (org_id, period)
);

-- 达标销号: a standard item ticked (已销号) or reopened (未达标) by the secretary, with evidence.
CREATE TABLE standard_marks (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    year INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('未达标', '已销号')),
    evidence TEXT NOT NULL CHECK (trim(evidence) <> ''),
    on_date TEXT NOT NULL,
    UNIQUE (org_id, year, item_id)
);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
