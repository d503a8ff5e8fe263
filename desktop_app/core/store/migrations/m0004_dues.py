"""Schema 4: party dues (党费) — the yearly base per member, receipts, monthly payments and the
quarterly settlement (月收季结). Money is integer fen; totals are summed, never stored twice."""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
-- The monthly amount fixed for a year (usually each January) from the standard, or more if the
-- member pays more voluntarily. income_fen is NULL for fixed-amount categories (学生, 农民 …).
CREATE TABLE dues_bases (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    income_fen INTEGER CHECK (income_fen IS NULL OR income_fen >= 0),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    set_on TEXT NOT NULL,
    notes TEXT,
    UNIQUE (member_id, year)
);

-- One receipt per payment handed over; its number is unique within the ledger.
CREATE TABLE dues_receipts (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    number TEXT NOT NULL UNIQUE,
    member_id INTEGER NOT NULL REFERENCES members(id),
    paid_on TEXT NOT NULL,
    collector TEXT,
    notes TEXT
);
CREATE INDEX dues_receipts_org_date ON dues_receipts(org_id, paid_on);

-- Which months a receipt pays for (one row per month; paying three months = three rows).
CREATE TABLE dues_payments (
    id INTEGER PRIMARY KEY,
    receipt_id INTEGER NOT NULL REFERENCES dues_receipts(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    month TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    UNIQUE (member_id, month)
);
CREATE INDEX dues_payments_month ON dues_payments(month);

-- 季结: what was handed to the upper level for a quarter ("2025Q3").
CREATE TABLE dues_settlements (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    quarter TEXT NOT NULL,
    settled_on TEXT NOT NULL,
    total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
    handed_to TEXT,
    notes TEXT,
    UNIQUE (org_id, quarter)
);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
