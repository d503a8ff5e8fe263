"""Schema 6: public disclosure (三务公开, 55-req #18) — what was posted when, the 居务监督委员会's
review before posting, the text typed for entered items, and the 先锋承诺 (#27).

Items are named by the id they have in the organisation's rule profile (e.g. "jx18-06"), so the
list itself stays data. A text is never rewritten in place: an edit is a new row, so the board
posted on a date can be printed again as it was. A year's commitments are replaced as a whole
when edited (the audit log keeps the old ones).
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
-- The 居务监督委员会 looked at an item before it went up (事先审查).
CREATE TABLE disclosure_reviews (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    item_id TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    opinion TEXT
);
CREATE INDEX disclosure_reviews_item ON disclosure_reviews(org_id, item_id, reviewed_on);

-- An item put up on the board on a date (已公开).
CREATE TABLE disclosure_postings (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    item_id TEXT NOT NULL,
    posted_on TEXT NOT NULL,
    review_id INTEGER UNIQUE REFERENCES disclosure_reviews(id),
    text_id INTEGER,            -- the version of an entered item's text that went up
    notes TEXT
);
CREATE INDEX disclosure_postings_item ON disclosure_postings(org_id, item_id, posted_on);

-- The text of an entered item as written on a date; the newest row is the current text.
CREATE TABLE disclosure_texts (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    item_id TEXT NOT NULL,
    written_on TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX disclosure_texts_item ON disclosure_texts(org_id, item_id, id);

-- 先锋承诺 for a year: the organisation's own (member_id NULL) and each member's 一句话承诺.
CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    year INTEGER NOT NULL,
    member_id INTEGER REFERENCES members(id),
    position INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    made_on TEXT NOT NULL
);
CREATE INDEX commitments_org_year ON commitments(org_id, year);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
