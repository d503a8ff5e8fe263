"""Schema 61: 民主评议党员 — the year's appraisal of a 党支部 with its four steps (个人自评, 党员互评,
群众测评, 支部考评), each member's result, the 党员大会 decision, and the handling of a member
found 不合格 (限期改正, 劝退, 除名) as steps with deadlines.

Tallies are never stored: they are counted from the results. A step of the handling is one row;
closing it (改正了 or not) may open the next step of the profile's procedure.
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
CREATE TABLE appraisals (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    year INTEGER NOT NULL,                 -- the year appraised
    started_on TEXT NOT NULL,              -- the appraisal was opened (dates it for sealing)
    self_on TEXT,                          -- 个人自评
    peer_on TEXT,                          -- 党员互评
    public_on TEXT,                        -- 群众测评
    branch_on TEXT,                        -- 支部考评
    decided_on TEXT,                       -- the 党员大会 decision
    meeting_id INTEGER REFERENCES meetings(id),   -- the 党员大会 record that decided
    decision TEXT,
    UNIQUE (org_id, year)
);

CREATE TABLE appraisal_results (
    id INTEGER PRIMARY KEY,
    appraisal_id INTEGER NOT NULL REFERENCES appraisals(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    result TEXT NOT NULL CHECK (result IN ('优秀', '合格', '基本合格', '不合格')),
    note TEXT,
    UNIQUE (appraisal_id, member_id)
);

CREATE TABLE appraisal_actions (
    id INTEGER PRIMARY KEY,
    result_id INTEGER NOT NULL REFERENCES appraisal_results(id),
    step TEXT NOT NULL,                    -- 限期改正, 劝退, 除名
    opened_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT,
    outcome TEXT,                          -- 已改正 / 未改正 / 已办结
    note TEXT
);
CREATE INDEX appraisal_actions_open ON appraisal_actions(due_on) WHERE done_on IS NULL;
"""


def migrate(conn):
    run_script(conn, SCHEMA)
