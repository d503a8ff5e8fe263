"""Schema 50: the upstream round trip on the branch's side — each bundle sent (so the next one can
name it and its audit-chain head: continuity), each signed 回执 (review receipt) imported from the
upstream office, and its comments on the records they concern.

Audited tables, written through the store; none of them is dated, so none is ever sealed.
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
-- A bundle exported: what it said about the ledger when it left (issue 15, continuity).
CREATE TABLE bundles_sent (
    id INTEGER PRIMARY KEY,
    identifier TEXT NOT NULL UNIQUE,    -- DEMO-01-2025Q3, DEMO-01-2025Q3-C1 for a correction
    org_code TEXT NOT NULL,
    period TEXT NOT NULL,               -- 2025Q3
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    audit_entries INTEGER NOT NULL,     -- the chain head carried by the bundle
    audit_head TEXT NOT NULL,
    digest TEXT NOT NULL,               -- sha256 of its signed tag manifest
    correction_of TEXT,                 -- the identifier it corrects
    file_name TEXT NOT NULL,
    sent_on TEXT NOT NULL
);
CREATE INDEX bundles_sent_period ON bundles_sent(org_code, period);

-- A 回执 from the upstream office, verified against its registered key.
CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    bundle_identifier TEXT NOT NULL,
    bundle_digest TEXT NOT NULL,
    org_code TEXT NOT NULL,
    period TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('通过', '退回')),
    comment TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    imported_on TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,        -- sha256 of the receipt file: imported once
    done_on TEXT                        -- the to-do is ticked off
);

-- 审核意见 on one record or finding: ref is meeting:12 or finding:<rule id>.
CREATE TABLE receipt_comments (
    id INTEGER PRIMARY KEY,
    receipt_id INTEGER NOT NULL REFERENCES receipts(id),
    ref TEXT NOT NULL,
    comment TEXT NOT NULL
);
CREATE INDEX receipt_comments_ref ON receipt_comments(ref);
"""


def migrate(conn) -> None:
    run_script(conn, SCHEMA)
