"""Schema 1: settings, the audit log, seals, the organisation tree, members and their history."""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
CREATE TABLE settings (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    value TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    actor TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before TEXT,
    after TEXT,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE seals (
    id INTEGER PRIMARY KEY,
    period_end TEXT NOT NULL,
    note TEXT
);

-- 党委 → 党总支 → 党支部 → 党小组
CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('党委', '党总支', '党支部', '党小组')),
    parent_id INTEGER REFERENCES organisations(id),
    rule_profile TEXT,
    founded_on TEXT,
    dissolved_on TEXT
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_initials TEXT NOT NULL DEFAULT '',
    gender TEXT,
    ethnicity TEXT,
    birth_date TEXT,
    education TEXT,
    id_number TEXT UNIQUE,
    phone TEXT,
    address TEXT,
    workplace TEXT,
    position TEXT,
    joined_on TEXT,
    confirmed_on TEXT,
    status TEXT NOT NULL DEFAULT '在册'
        CHECK (status IN ('在册', '转出', '去世', '停止党籍', '出党')),
    is_mobile INTEGER NOT NULL DEFAULT 0,
    notes TEXT
);
CREATE INDEX members_name ON members(name);

-- A member belongs to a branch or 党小组 over date ranges (end_on NULL = still there).
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    start_on TEXT NOT NULL,
    end_on TEXT,
    CHECK (end_on IS NULL OR end_on >= start_on)
);
CREATE INDEX memberships_org ON memberships(org_id, start_on);
CREATE INDEX memberships_member ON memberships(member_id);

-- 班子 and other roles: 书记, 副书记, 组织委员, 宣传委员, 纪检委员, 党小组长, 后备干部 …
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    role TEXT NOT NULL,
    start_on TEXT NOT NULL,
    end_on TEXT
);

-- Status history: 转入, 转出, 转正, 去世, 停止党籍, 出党, 流动外出, 流动返回, 在职党员报到.
CREATE TABLE member_events (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    place TEXT,
    reason TEXT,
    contact TEXT,
    notes TEXT
);
CREATE INDEX member_events_member ON member_events(member_id, on_date);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
