import pytest

from desktop_app.core.meetings import calendar, plan, records
from desktop_app.core.meetings.plan import PlanRules
from desktop_app.core.store import StoreError, audit
from tests.core.meetings_helpers import build_branch

SPRING_FESTIVALS = {2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
                    2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-03"}


@pytest.fixture
def br(store):
    return build_branch(store)


@pytest.mark.parametrize("year, expected", SPRING_FESTIVALS.items())
def test_spring_festival_from_the_lunar_calendar(year, expected):
    assert plan.spring_festival(year).isoformat() == expected


def test_plan_for_a_year(store, br):
    drafted = plan.draft(store, br.branch, 2025)
    by_kind = {}
    for entry in drafted:
        by_kind.setdefault(entry.day_kind, []).append(entry.planned_on)
    assert by_kind["学习日"] == [f"2025-{m:02d}-05" for m in range(1, 13)]
    assert by_kind["服务日"] == [f"2025-{m:02d}-25" for m in range(1, 13)]
    # 关爱日 three days before 春节 (1月29日), 七一, 十一 and the coming 元旦.
    assert by_kind["关爱日"] == ["2025-01-26", "2025-06-28", "2025-09-28", "2025-12-29"]
    birthdays = [(e.planned_on, e.theme) for e in drafted if e.day_kind == "政治生日"]
    # 钱七 left on 2025-02-01, before his 2月2日 anniversary; 王芳 joined in 2024.
    assert birthdays == [("2025-03-15", "李四同志入党15周年政治生日"),
                         ("2025-05-10", "王芳同志入党1周年政治生日"),
                         ("2025-06-30", "孙八同志入党10周年政治生日"),
                         ("2025-07-01", "张三同志入党25周年政治生日"),
                         ("2025-09-20", "赵六同志入党20周年政治生日")]
    assert [e.planned_on for e in drafted] == sorted(e.planned_on for e in drafted)


def test_plan_days_come_from_the_rules(store, br):
    drafted = plan.draft(store, br.branch, 2024, PlanRules(study_day=10, service_day=31,
                                                            care_days_before=1))
    assert [e.planned_on for e in drafted if e.day_kind == "服务日"][:2] == ["2024-01-31", "2024-02-29"]
    assert [e.planned_on for e in drafted if e.day_kind == "学习日"][0] == "2024-01-10"
    assert [e.planned_on for e in drafted if e.day_kind == "关爱日"][0] == "2024-02-09"


def test_generate_keeps_edits_and_links_held_meetings(store, br):
    saved = plan.generate(store, br.branch, 2025)
    assert len(saved) == 24 + 4 + 5
    study = next(e for e in saved if e.planned_on == "2025-07-05")
    plan.edit(store, study.id, theme="七一专题学习", place="红船广场")
    with pytest.raises(StoreError, match="计划日期应在 2025 年内"):
        plan.edit(store, study.id, planned_on="2026-07-05")
    again = plan.generate(store, br.branch, 2025)
    assert len(again) == len(saved)
    kept = next(e for e in again if e.id == study.id)
    assert (kept.theme, kept.place) == ("七一专题学习", "红船广场")
    held = records.save(store, records.new(store, br.branch, "主题党日", "2025-07-06", day_kind="学习日"))
    other = records.save(store, records.new(store, br.branch, "主题党日", "2025-07-20", day_kind="学习日"))
    assert plan.link_held(store, br.branch, 2025) == 2
    linked = {(e.day_kind, e.planned_on): e.meeting_id for e in plan.entries(store, br.branch, 2025)}
    assert linked[("学习日", "2025-07-05")] == held              # the nearer of the two
    assert linked[("政治生日", "2025-07-01")] == held            # 张三's birthday, marked that day
    assert linked[("服务日", "2025-07-25")] is None              # a 学习日 does not stand for it
    assert other not in linked.values()
    assert plan.link_held(store, br.branch, 2025) == 0
    assert audit.verify(store.conn).ok


def test_calendar_shows_planned_held_and_missing(store, br):
    plan.generate(store, br.branch, 2025)
    records.save(store, records.new(store, br.branch, "支委会", "2025-03-04"))
    records.save(store, records.new(store, br.group1, "党小组会", "2025-03-20"))
    records.save(store, records.new(store, br.branch, "主题党日", "2025-03-05", day_kind="学习日"))
    months = calendar.year_view(store, br.branch, 2025, ("支委会", "党小组会"), on_date="2025-04-10")
    march, april, may = months[2], months[3], months[4]
    assert [e.day_kind for e in march.planned] == ["学习日", "政治生日", "服务日"]
    assert [m.kind for m in march.held] == ["支委会", "主题党日", "党小组会"]
    assert march.missing == ["3月25日服务日未开展", "第2党小组未召开党小组会"]
    assert april.missing == ["4月5日学习日未开展"]          # April has not ended: no monthly gaps yet
    assert may.missing == []
    may = calendar.year_view(store, br.branch, 2025, (), on_date="2025-06-01")[4]
    assert may.missing == ["5月5日学习日未开展", "5月10日王芳政治生日未开展", "5月25日服务日未开展"]
    assert months[0].missing == ["1月5日学习日未开展", "1月25日服务日未开展", "1月26日关爱日未开展",
                                 "未召开支委会", "第1党小组未召开党小组会", "第2党小组未召开党小组会"]


def test_plan_days_come_from_the_profile(store, br):
    """The national profile fixes no day of the month: only 关爱日 and political birthdays are
    drafted, and the branch plans its own study and service days."""
    store.update("organisations", br.branch, {"rule_profile": "national-2018"})
    kinds_drafted = {e.day_kind for e in plan.draft(store, br.branch, 2025)}
    assert "学习日" not in kinds_drafted and "服务日" not in kinds_drafted
    assert "关爱日" in kinds_drafted
