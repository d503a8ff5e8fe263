"""Schema 2: 三会一课 and activity-day records, attendance, follow-ups, attachments, the year plan.

Derived numbers (应到, 实到, attendance rate) are never stored: they come from membership and
attendance rows. Deleted records go to a recycle bin (`deleted_at`), never away.
"""
from desktop_app.core.store.migrations import run_script

SCHEMA = """
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,            -- 支部党员大会, 支委会, 党小组会, 党课, 组织生活会, 民主评议党员,
                                   -- 谈心谈话, 主题党日, 志愿服务, 培训, 其他
    day_kind TEXT,                 -- for 主题党日: 学习日, 服务日, 关爱日
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    start_time TEXT,
    end_time TEXT,
    place TEXT,
    host_id INTEGER REFERENCES members(id),
    recorder_id INTEGER REFERENCES members(id),
    lecturer TEXT,
    topic TEXT,
    agenda TEXT,
    minutes TEXT,
    resolutions TEXT,
    study_hours REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT '已召开' CHECK (status IN ('计划', '已召开')),
    copied_from INTEGER REFERENCES meetings(id),
    deleted_at TEXT,
    deleted_reason TEXT
);
CREATE INDEX meetings_org_date ON meetings(org_id, held_on);
CREATE INDEX meetings_kind_date ON meetings(kind, held_on);

-- Tags that rules count: 党章学习, 诵读入党誓词, 发展党员专题, 党建专题研究, 书记讲党课 …
CREATE TABLE meeting_tags (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    tag TEXT NOT NULL,
    UNIQUE (meeting_id, tag)
);
CREATE INDEX meeting_tags_tag ON meeting_tags(tag);

-- One row per expected member who was not simply present is enough, but we keep every
-- expected member's mark so that a sheet can be re-printed exactly as recorded.
CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    status TEXT NOT NULL CHECK (status IN ('出席', '请假', '缺席')),
    leave_reason TEXT,
    approved_by TEXT,
    UNIQUE (meeting_id, member_id)
);
CREATE INDEX attendance_member ON attendance(member_id);

-- 列席: invited non-members, by name.
CREATE TABLE meeting_guests (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    name TEXT NOT NULL,
    unit TEXT
);

-- 传达: how an absentee was briefed afterwards.
CREATE TABLE followups (
    id INTEGER PRIMARY KEY,
    attendance_id INTEGER NOT NULL UNIQUE REFERENCES attendance(id),
    method TEXT NOT NULL,          -- 电话, 会后谈话, 书面传达, 微信
    on_date TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    notes TEXT
);

-- Photos and scanned sign-in sheets; the file lives content-addressed in the data dir.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    sha256 TEXT NOT NULL,
    filename TEXT NOT NULL,
    mime TEXT,
    size INTEGER NOT NULL,
    added_on TEXT NOT NULL
);
CREATE INDEX attachments_meeting ON attachments(meeting_id);

-- The year's activity-day plan (学习日, 服务日, 关爱日, 政治生日): filed upstream and disclosed.
CREATE TABLE activity_plan (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    year INTEGER NOT NULL,
    day_kind TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    theme TEXT,
    place TEXT,
    member_id INTEGER REFERENCES members(id),
    meeting_id INTEGER REFERENCES meetings(id)
);
CREATE INDEX activity_plan_org_year ON activity_plan(org_id, year, planned_on);
"""


def migrate(conn):
    run_script(conn, SCHEMA)
