"""Schema 30: member events carry what the lifecycle needs, and 组织生活 kept while away.

- `reported_on`: when a 流动党员 reported the departure (judged against the profile's limit).
- `counterpart`: the organisation outside the ledger on the other side of the event (转入 from,
  转出 to, 流动 receiving organisation, 在职党员报到 community).
- `org_id`: the organisation inside the ledger the member joins (转入, 调整组织).
- `meeting_id`: the 支部党员大会 that decided a 转正.
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
ALTER TABLE member_events ADD COLUMN reported_on TEXT;
ALTER TABLE member_events ADD COLUMN counterpart TEXT;
ALTER TABLE member_events ADD COLUMN org_id INTEGER REFERENCES organisations(id);
ALTER TABLE member_events ADD COLUMN meeting_id INTEGER REFERENCES meetings(id);

-- 流动党员在流入地参加的组织生活 (#31: "对外出党员过组织生活……要详细记录").
CREATE TABLE away_life (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    held_on TEXT NOT NULL,
    org_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    study_hours REAL NOT NULL DEFAULT 0,
    content TEXT
);
CREATE INDEX away_life_member ON away_life(member_id, held_on);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
