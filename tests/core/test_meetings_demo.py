from desktop_app.core.dates import today
from desktop_app.core.meetings import attendance, records
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.store import audit


def test_demo_meetings_cover_every_kind_with_realistic_attendance(demo_store):
    s = demo_store
    kinds = {r["kind"]: r["n"] for r in s.query("SELECT kind, count(*) AS n FROM meetings GROUP BY kind")}
    assert set(kinds) == {"支部党员大会", "支委会", "党小组会", "党课", "组织生活会", "民主评议党员",
                          "谈心谈话", "主题党日"}
    branches = s.query("SELECT id FROM organisations WHERE kind = '党支部'")
    assert kinds["支部党员大会"] == 4 * 2 * len(branches)
    assert kinds["组织生活会"] == kinds["民主评议党员"] == 2 * len(branches)
    assert kinds["支委会"] < 12 * 2 * len(branches)                 # deliberate gaps
    assert s.query_one("SELECT count(*) AS n FROM meetings WHERE held_on > ?", [today()])["n"] == 0
    assert s.query_one("SELECT count(*) AS n FROM meeting_tags WHERE tag = '书记讲党课'")["n"] \
        == 2 * len(branches)
    days = {r["held_on"][8:] for r in s.query("SELECT held_on FROM meetings WHERE kind = '主题党日' "
                                              "AND day_kind IN ('学习日', '服务日')")}
    assert days == {"05", "25"}
    marks = {r["status"]: r["n"] for r in s.query(
        "SELECT status, count(*) AS n FROM attendance GROUP BY status")}
    total = sum(marks.values())
    assert marks["出席"] / total > 0.8 and marks["请假"] > 0 and marks["缺席"] > 0
    absent = marks["请假"] + marks["缺席"]
    open_work = attendance.open_work(s)
    assert 0 < len(open_work) < absent * 0.25                      # most absentees were briefed
    assert s.query_one("SELECT count(*) AS n FROM activity_plan WHERE meeting_id IS NOT NULL")["n"] > 0
    assert audit.verify(s.conn).ok


def test_demo_sheets_pass_the_same_checks_as_typed_ones(demo_store):
    s = demo_store
    for row in s.query("SELECT id FROM meetings ORDER BY id LIMIT 40"):
        meeting = records.get(s, row["id"])
        sheet = attendance.marks(s, meeting.id)
        assert records.validate(s, meeting, sheet) == [], meeting.title
        assert attendance.summary(s, meeting.id).unmarked == 0


def test_demo_record_can_be_edited_through_the_api(demo_store):
    s = demo_store
    meeting = records.get(s, s.query_one("SELECT id FROM meetings WHERE kind = '支委会' LIMIT 1")["id"])
    sheet = attendance.marks(s, meeting.id)
    sheet[0] = Mark(sheet[0].member_id, "请假", "外出学习", "书记")
    meeting.minutes += "（补记）"
    records.save(s, meeting, sheet)
    assert attendance.marks(s, meeting.id)[0].leave_reason == "外出学习"
    assert audit.verify(s.conn).ok
