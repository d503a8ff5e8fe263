"""The member rules on hand-built evidence (no ledger, no SQL: microseconds a test, so that
mutmut's mutants of `rules/member_rules` die on the first test, issue #17). Each test pins the
finding's status, words and records, worked out by hand; thresholds are tested on each side and
on the edge: 32/56 学时 pro-rated by days (嘉兴55条 第26条; 长沙高新区〔2015〕1号 三、4（2）), six
months of dues unpaid (党章第九条), a count of activities pro-rated by days, a report within 30 days.

2025 has 365 days; 1 Jan–30 Jun is 181 days, 1 Jul–31 Dec 184."""
from fractions import Fraction
from types import SimpleNamespace

from desktop_app.core.dues.months import add_months, months_between
from desktop_app.core.rules import member_rules as mr
from desktop_app.core.rules.context import Context
from desktop_app.core.rules.evidence import Evidence, Mark, Meeting
from desktop_app.core.rules.findings import DUE_SOON, MET, MISSING, OVERDUE
from desktop_app.core.rules.profile import Rule
from desktop_app.core.rules.windows import windows

NAMES = ("甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七", "辛八", "壬九", "癸十",
         "子十一", "丑十二", "寅十三")
YEAR = windows("year", "2025-01-01", "2025-12-31")[0]
STUDY = {"hours": 32, "committee_hours": 56, "committee_roles": ["书记"]}
CHANGSHA_ROLES = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员", "委员"]
AWAY_COUNTS = Rule("mobile", "流动党员", "src", "mobile_reported",
                   {"fields": [], "away_life_counts": True})


def ledger(count: int, since: str = "2025-01-01") -> Evidence:
    """Members 1..count (甲一, 乙二, …) in organisation 1 from `since`, no end."""
    ev = Evidence(1, {1}, "2023-01-01", "2025-12-31")
    for member_id, name in enumerate(NAMES[:count], 1):
        ev.stays[member_id] = [(since, None, 1)]
        ev.names[member_id] = name
        ev.joined[member_id] = "2000-07-01"
    return ev


def held(ev, meeting_id, on, *present, kind="党课", hours=0.0, tags=(), day_kind=None, also=()):
    meeting = Meeting(meeting_id, 1, kind, day_kind, on, hours, frozenset(tags), frozenset(also))
    ev.meetings[meeting_id] = meeting
    for member_id in present:
        ev.attended[member_id].append(meeting)
    return meeting


def away_life(ev, member_id, life_id, on, kind="党课", hours=0.0):
    """组织生活 at the receiving organisation (negative id, as evidence._load_study)."""
    ev.away_life[member_id].append(Meeting(-life_id, 0, kind, None, on, hours, frozenset()))


def role(member_id, name, start_on, end_on=None):
    return {"member_id": member_id, "role": name, "start_on": start_on, "end_on": end_on,
            "org_id": 1}


def context(ev, *, start="2025-01-01", end="2025-12-31", today="2026-03-01", rules=(),
            opened_on=None):
    return Context(ev, start, end, today, SimpleNamespace(rules=tuple(rules)), opened_on)


def rule(kind, **params):
    return Rule("r", "标题", "来源", kind, params)


def outcome(finding):
    return finding.status, finding.detail, finding.meeting_ids, finding.member_ids


# --- prorated_hours, study_quota, quota_roles, _role_days --------------------------------------
def test_prorated_hours_round_up_to_half_an_hour():
    assert mr.prorated_hours(32, 365, 365) == 32           # 64 halves exactly
    assert mr.prorated_hours(56, 365, 365) == 56
    assert mr.prorated_hours(32, 184, 365) == 16.5         # 32.26 halves → 33
    assert mr.prorated_hours(56, 200, 365) == 31           # 61.37 halves → 62
    assert mr.prorated_hours(32, 1, 365) == 0.5            # 0.18 halves → 1
    assert mr.prorated_hours(43.5, 365, 365) == 43.5


def test_role_days_counts_the_days_a_role_was_held_in_the_window():
    ev = ledger(2)
    ev.roles = [role(1, "书记", "2025-01-01", "2025-06-30"), role(2, "书记", "2024-01-01"),
                role(1, "委员", "2024-01-01")]
    assert mr._role_days(ev, 1, {"书记"}, YEAR.start, YEAR.end) == 181
    assert mr._role_days(ev, 2, {"书记"}, YEAR.start, YEAR.end) == 365   # cut at the window
    assert mr._role_days(ev, 1, {"组织委员"}, YEAR.start, YEAR.end) == 0
    assert mr._role_days(ev, 1, {"书记", "委员"}, "2025-03-01", "2025-03-31") == 31


def test_role_days_counts_overlapping_roles_once():
    ev = ledger(1)
    ev.roles = [role(1, "书记", "2025-01-01", "2025-06-30"), role(1, "委员", "2025-06-01")]
    assert mr._role_days(ev, 1, {"书记", "委员"}, YEAR.start, YEAR.end) == 365
    ev.roles = [role(1, "书记", "2025-01-01", "2025-06-30"), role(1, "委员", "2025-06-30")]
    assert mr._role_days(ev, 1, {"书记", "委员"}, YEAR.start, YEAR.end) == 365   # shared day once
    ev.roles = [role(1, "书记", "2025-01-01", "2025-06-30"), role(1, "委员", "2025-07-01")]
    assert mr._role_days(ev, 1, {"书记", "委员"}, YEAR.start, YEAR.end) == 365   # end to end
    ev.roles = [role(1, "书记", "2025-01-01", "2025-09-30"), role(1, "委员", "2025-02-01",
                                                                  "2025-03-31"),
                role(1, "委员", "2025-09-01", "2025-10-31")]
    assert mr._role_days(ev, 1, {"书记", "委员"}, YEAR.start, YEAR.end) == 304   # 1 Jan–31 Oct
    ev.roles = [role(1, "书记", "2025-01-01", "2025-01-31"), role(1, "委员", "2025-03-01",
                                                                  "2025-03-31")]
    assert mr._role_days(ev, 1, {"书记", "委员"}, YEAR.start, YEAR.end) == 62    # a gap between
    ev.roles = [role(1, "书记", "2025-01-01", "2025-01-31"), role(1, "委员", "2025-03-01",
                                                                  "2025-03-31"),
                role(1, "委员", "2025-03-15", "2025-04-30")]
    assert mr._role_days(ev, 1, {"书记", "委员"}, YEAR.start, YEAR.end) == 92    # 31 + 31 + 30


def test_role_days_count_a_single_day():
    ev = ledger(1)
    ev.roles = [role(1, "书记", "2025-12-31")]
    assert mr._role_days(ev, 1, {"书记"}, YEAR.start, YEAR.end) == 1
    ev.roles = [role(1, "书记", "2025-01-01", "2025-06-30"), role(1, "委员", "2025-06-01",
                                                                  "2025-07-01")]
    assert mr._role_days(ev, 1, {"书记", "委员"}, YEAR.start, YEAR.end) == 182


def test_quota_roles_are_the_committee_roles_held_at_some_time_in_the_window():
    ev = ledger(2)
    ev.roles = [role(1, "书记", "2025-12-31"),                     # from the last day
                role(1, "委员", "2024-01-01", "2025-01-01"),       # to the first day
                role(1, "组织委员", "2024-01-01", "2024-12-31"),   # over before
                role(1, "纪检委员", "2026-01-01"),                 # not yet
                role(1, "党小组长", "2024-01-01"),                 # not a committee role
                role(2, "宣传委员", "2024-01-01")]                 # another member's
    params = {"committee_roles": CHANGSHA_ROLES}
    assert mr.quota_roles(params, ev, 1, YEAR.start, YEAR.end) == ["书记", "委员"]
    assert mr.quota_roles(params, ev, 2, YEAR.start, YEAR.end) == ["宣传委员"]
    assert mr.quota_roles(params, ev, 3, YEAR.start, YEAR.end) == []


def test_study_quota_weighs_the_days_in_a_committee_role():
    ev = ledger(4)
    ev.stays[3] = [("2025-07-01", None, 1)]
    ev.roles = [role(1, "书记", "2025-01-01", "2025-06-30"), role(2, "书记", "2024-01-01"),
                role(3, "书记", "2025-01-01"), role(4, "委员", "2024-01-01")]
    assert mr.study_quota(STUDY, ev, 2, YEAR, 365) == 56
    assert mr.study_quota(STUDY, ev, 4, YEAR, 365) == 32          # 委员 is not 主职 in 嘉兴
    # (32 × 184 + 56 × 181) / 365 = 43.90 → 44
    assert mr.study_quota(STUDY, ev, 1, YEAR, 365) == 44
    # belonged 184 days, all of them as 书记: 56 × 184 / 365 = 28.23 → 28.5
    assert mr.study_quota(STUDY, ev, 3, YEAR, 184) == 28.5
    assert mr.study_quota({**STUDY, "committee_roles": CHANGSHA_ROLES}, ev, 4, YEAR, 365) == 56


# --- study_hours ---------------------------------------------------------------------------
def study_ledger():
    """甲一 书记 55.5 学时, 乙二 exactly 32, 丙三 31.5, 丁四 32 only with his 组织生活 away."""
    ev = ledger(4)
    ev.roles = [role(1, "书记", "2024-01-01")]
    held(ev, 1, "2025-01-01", 1, 2, 3, 4, hours=16)
    held(ev, 2, "2025-12-31", 1, 2, hours=15.5)
    held(ev, 3, "2025-06-01", 1, 2, 3, 4)                    # no 学时: not evidence
    held(ev, 4, "2025-07-01", 1, 2, hours=0.5)
    held(ev, 5, "2026-01-01", 1, 2, 3, 4, hours=10)          # the next year
    ev.study = {1: [("2025-06-01", 23.5, 1)],
                3: [("2024-12-31", 100, 2), ("2026-01-01", 100, 3)],
                4: [("2025-01-01", 8, 4), ("2025-12-31", 4, 5)]}
    ev.study_openings = {(2, 2024): 10, (3, 2025): 15.5}
    away_life(ev, 4, 1, "2025-01-01", hours=2)
    away_life(ev, 4, 2, "2025-12-31", hours=2)
    away_life(ev, 4, 3, "2026-01-01", hours=50)
    return ev


def test_study_hours_on_each_side_of_32_and_56():
    found = mr.study_hours(rule("study_hours", **STUDY),
                           context(study_ledger(), rules=[AWAY_COUNTS]))
    assert outcome(found) == (OVERDUE, "2人次未达到：甲一（书记） 2025年 55.5/56学时；"
                                       "丙三 2025年 31.5/32学时", (1, 2, 4), (1, 3))


def test_study_hours_away_count_only_where_the_profile_says():
    found = mr.study_hours(rule("study_hours", **STUDY), context(study_ledger()))
    assert outcome(found) == (OVERDUE, "3人次未达到：甲一（书记） 2025年 55.5/56学时；"
                                       "丙三 2025年 31.5/32学时；丁四 2025年 28/32学时",
                              (1, 2, 4), (1, 3, 4))


def test_study_hours_name_every_committee_role_that_raised_the_quota():
    ev = ledger(1)
    ev.roles = [role(1, "书记", "2025-01-01"), role(1, "委员", "2025-01-01")]
    held(ev, 7, "2025-03-01", 1, hours=32)
    found = mr.study_hours(rule("study_hours", **{**STUDY, "committee_roles": CHANGSHA_ROLES}),
                           context(ev))
    assert outcome(found) == (OVERDUE, "1人次未达到：甲一（书记、委员） 2025年 32/56学时", (7,), (1,))


def test_study_hours_all_met_counts_the_members_and_keeps_the_meetings():
    ev = ledger(2)
    held(ev, 7, "2025-03-01", 1, 2, hours=32)
    found = mr.study_hours(rule("study_hours", **STUDY), context(ev))
    assert outcome(found) == (MET, "2人次均已达到", (7,), ())


def test_study_hours_of_a_member_who_joined_mid_year_are_pro_rated():
    ev = ledger(1, since="2025-07-01")                       # 184 days: 16.5 学时
    held(ev, 7, "2025-08-01", 1, hours=16)
    found = mr.study_hours(rule("study_hours", **STUDY), context(ev))
    assert outcome(found) == (OVERDUE, "1人次未达到：甲一 2025年 16/16.5学时", (7,), (1,))
    held(ev, 8, "2025-09-01", 1, hours=0.5)
    assert mr.study_hours(rule("study_hours", **STUDY), context(ev)).status == MET


def test_study_hours_while_the_year_is_open_and_with_nothing_at_all():
    ev = ledger(1)
    assert outcome(mr.study_hours(rule("study_hours", **STUDY), context(ev, today="2025-12-31"))) \
        == (DUE_SOON, "1人次未达到：甲一 2025年 0/32学时", (), (1,))
    assert mr.study_hours(rule("study_hours", **STUDY), context(ev, today="2026-01-01")).status \
        == MISSING
    assert outcome(mr.study_hours(rule("study_hours", **STUDY), context(ev, today="2024-12-31"))) \
        == (DUE_SOON, "期间尚未开始", (), ())


def test_a_zero_quota_is_not_counted():
    """`hours = 0` for members without a role: only the 书记 is counted."""
    ev = ledger(2)
    params = {**STUDY, "hours": 0}
    assert outcome(mr.study_hours(rule("study_hours", **params), context(ev))) == (
        MET, "不适用：期间内无应计党员", (), ())
    ev.roles = [role(2, "书记", "2024-01-01")]
    assert outcome(mr.study_hours(rule("study_hours", **params), context(ev))) == (
        MISSING, "1人次未达到：乙二（书记） 2025年 0/56学时", (), (2,))


# --- member_participation ------------------------------------------------------------------
def participation_ledger():
    ev = ledger(3)
    held(ev, 1, "2025-01-01", 1, 2, kind="主题党日", tags={"志愿"})
    held(ev, 2, "2025-03-01", 1, 2, 3, kind="培训")
    held(ev, 3, "2025-04-01", 1, 2, 3, kind="主题党日", day_kind="服务日")
    held(ev, 4, "2025-12-31", 2, kind="支部党员大会", tags={"志愿"}, also={"培训"})
    held(ev, 5, "2025-05-01", 1, 2, 3, kind="支部党员大会")
    away_life(ev, 3, 9, "2025-06-01", kind="培训")
    return ev


def test_participation_by_tag():
    found = mr.member_participation(rule("member_participation", tag="志愿", every="year", count=2),
                                    context(participation_ledger(), rules=[AWAY_COUNTS]))
    assert outcome(found) == (MISSING, "2人次未达到：甲一 2025年 1/2次；丙三 2025年 0/2次",
                              (1, 4), (1, 3))


def test_participation_by_kind_counts_a_further_kind_and_life_away():
    found = mr.member_participation(rule("member_participation", kinds=["培训"], every="year",
                                         count=2),
                                    context(participation_ledger(), rules=[AWAY_COUNTS]))
    assert outcome(found) == (OVERDUE, "1人次未达到：甲一 2025年 1/2次", (2, 4), (1,))


def test_participation_by_day_kind():
    found = mr.member_participation(rule("member_participation", day_kinds=["服务日"],
                                         every="year", count=1),
                                    context(participation_ledger(), rules=[AWAY_COUNTS]))
    assert outcome(found) == (MET, "3人次均已达到", (3,), ())


def test_participation_of_role_holders_only():
    ev = participation_ledger()
    ev.roles = [role(2, "书记", "2025-12-31"), role(1, "委员", "2024-01-01", "2025-01-01"),
                role(3, "书记", "2024-01-01", "2024-12-31")]
    found = mr.member_participation(rule("member_participation", kinds=["培训"], roles=["书记"],
                                         every="year", count=1), context(ev))
    assert outcome(found) == (MET, "1人次均已达到", (2, 4), ())
    found = mr.member_participation(rule("member_participation", kinds=["培训"], roles=["委员"],
                                         every="year", count=2), context(ev))
    assert outcome(found) == (OVERDUE, "1人次未达到：甲一 2025年 1/2次", (2,), (1,))


def test_participation_quota_is_pro_rated_and_rounded_up():
    """2 a year × 183/365 = 1.003 → 2; × 182/365 = 0.997 → 1."""
    ev = ledger(2)
    ev.stays[1] = [("2025-07-02", None, 1)]                 # 183 days
    ev.stays[2] = [("2025-07-03", None, 1)]                 # 182 days
    held(ev, 1, "2025-08-01", 1, 2, kind="培训")
    found = mr.member_participation(rule("member_participation", kinds=["培训"], every="year",
                                         count=2), context(ev))
    assert outcome(found) == (OVERDUE, "1人次未达到：甲一 2025年 1/2次", (1,), (1,))


def test_a_participation_count_of_zero_is_not_applicable():
    found = mr.member_participation(rule("member_participation", kinds=["培训"], every="year",
                                         count=0), context(participation_ledger()))
    assert outcome(found) == (MET, "不适用：期间内无应计党员", (), ())


def test_participation_per_quarter_while_the_year_goes_on():
    ev = ledger(1)
    held(ev, 1, "2025-03-31", 1, kind="培训")
    held(ev, 2, "2025-04-01", 1, kind="培训")
    found = mr.member_participation(rule("member_participation", kinds=["培训"], every="quarter",
                                         count=1), context(ev, today="2025-09-30"))
    assert outcome(found) == (DUE_SOON, "1人次未达到：甲一 2025年第三季度 0/1次", (1, 2), (1,))
    found = mr.member_participation(rule("member_participation", kinds=["培训"], every="quarter",
                                         count=1), context(ev, today="2025-10-01"))
    assert outcome(found) == (MISSING, "2人次未达到：甲一 2025年第三季度 0/1次；"
                                       "甲一 2025年第四季度 0/1次", (1, 2), (1,))


def test_at_most_twelve_shortfalls_are_named():
    for count, tail in ((12, ""), (13, "……")):
        ev = ledger(count)
        found = mr.member_participation(rule("member_participation", kinds=["培训"],
                                             every="year", count=1), context(ev))
        named = "；".join(f"{n} 2025年 0/1次" for n in NAMES[:12])
        assert outcome(found) == (MISSING, f"{count}人次未达到：{named}{tail}", (),
                                  tuple(range(1, count + 1)))


def test_participation_not_started():
    found = mr.member_participation(rule("member_participation", kinds=["培训"], every="year",
                                         count=1), context(ledger(1), today="2024-12-31"))
    assert outcome(found) == (DUE_SOON, "期间尚未开始", (), ())


# --- dues_arrears (six months, 党章第九条) -----------------------------------------------------
ARREARS = rule("dues_arrears", months=6)
UNKNOWN = "；1人尚无党费期初（已交至哪个月），请先设置期初"


def dues_ledger(*paid_through):
    """One member per argument, record from 2025-01; paid through that month (None: nothing
    paid, "?": no 期初 at all)."""
    ev = ledger(len(paid_through), since="2020-01-01")
    for member_id, last in enumerate(paid_through, 1):
        if last == "?":
            continue
        ev.dues_from[member_id] = "2025-01"
        if last:
            ev.paid_months[member_id] = set(months_between("2025-01", last))
    return ev


def test_six_months_unpaid_is_arrears_and_five_a_reminder():
    found = mr.dues_arrears(ARREARS, context(dues_ledger("2025-06", "2025-07", "2025-12", "?")))
    assert outcome(found) == (OVERDUE, "甲一 连续6个月未交；另有1人欠交" + UNKNOWN, (), (1, 2))
    found = mr.dues_arrears(ARREARS, context(dues_ledger("2025-05", "2025-12", None)))
    assert outcome(found) == (OVERDUE, "甲一 连续7个月未交；丙三 连续12个月未交", (), (1, 3))


def test_a_shorter_run_is_a_reminder_and_no_opening_a_to_do():
    found = mr.dues_arrears(ARREARS, context(dues_ledger("2025-12", "2025-07", "2025-11", "?")))
    assert outcome(found) == (DUE_SOON, "2人欠交党费：丙三、乙二" + UNKNOWN, (), (2, 3))
    found = mr.dues_arrears(ARREARS, context(dues_ledger("2025-12", "?")))
    assert outcome(found) == (DUE_SOON, "无人欠交" + UNKNOWN, (), ())
    found = mr.dues_arrears(ARREARS, context(dues_ledger("2025-12")))
    assert outcome(found) == (MET, "截至2025-12无人连续6个月未交", (), ())


def test_every_member_without_an_opening_is_counted_and_the_rest_still_judged():
    found = mr.dues_arrears(ARREARS, context(dues_ledger("?", "2025-07", "?", "2025-06")))
    assert outcome(found) == (OVERDUE, "丁四 连续6个月未交；另有1人欠交；2人尚无党费期初"
                                       "（已交至哪个月），请先设置期初", (), (2, 4))


def test_arrears_are_judged_through_the_last_month_ended():
    """Nothing paid since January: on 1 July six months have ended, on 30 June five."""
    found = mr.dues_arrears(ARREARS, context(dues_ledger(None), today="2025-07-01"))
    assert outcome(found) == (OVERDUE, "甲一 连续6个月未交", (), (1,))
    found = mr.dues_arrears(ARREARS, context(dues_ledger(None), today="2025-06-30"))
    assert outcome(found) == (DUE_SOON, "1人欠交党费：甲一", (), (1,))
    found = mr.dues_arrears(ARREARS, context(dues_ledger(None), today="2025-07-01", end="2025-03-31"))
    assert outcome(found) == (DUE_SOON, "1人欠交党费：甲一", (), (1,))     # the period's end


def test_arrears_before_the_first_month_ends_are_not_started():
    found = mr.dues_arrears(ARREARS, context(dues_ledger(None), today="2025-01-31"))
    assert outcome(found) == (DUE_SOON, "期间尚未开始", (), ())
    found = mr.dues_arrears(ARREARS, context(dues_ledger(None), today="2025-02-01"))
    assert outcome(found) == (DUE_SOON, "1人欠交党费：甲一", (), (1,))
    # a period cut to a 启用日期 on a month's last day is judged from the next day on
    found = mr.dues_arrears(ARREARS, context(dues_ledger(None), start="2025-03-31",
                                             today="2025-04-01", opened_on="2025-03-31"))
    assert outcome(found) == (DUE_SOON, "1人欠交党费：甲一", (), (1,))


def test_nothing_before_the_opening_day_is_owed():
    ev = dues_ledger(None)
    ev.dues_from[1] = "2024-01"
    found = mr.dues_arrears(ARREARS, context(ev, start="2025-04-15", opened_on="2025-04-15"))
    assert outcome(found) == (OVERDUE, "甲一 连续9个月未交", (), (1,))       # April–December
    found = mr.dues_arrears(ARREARS, context(ev))
    assert outcome(found) == (OVERDUE, "甲一 连续24个月未交", (), (1,))


def test_a_run_starts_after_the_last_month_paid_before_the_lookback():
    ev = dues_ledger(None)
    ev.dues_from[1] = "2020-01"
    ev.dues_paid_before[1] = "2022-12"
    found = mr.dues_arrears(ARREARS, context(ev))
    assert outcome(found) == (OVERDUE, "甲一 连续36个月未交", (), (1,))


def test_a_run_over_before_the_six_months_reaching_the_period_is_not_counted():
    """A run of six ending in July 2024 cannot reach January 2025 at six months: the last month
    paid before August 2024 starts the count; one more unpaid month after it is only owed."""
    ev = dues_ledger(None)
    ev.dues_from[1] = "2024-01"
    ev.paid_months[1] = {"2024-07", *months_between("2024-12", "2025-12")}
    found = mr.dues_arrears(ARREARS, context(ev))
    assert outcome(found) == (DUE_SOON, "1人欠交党费：甲一", (), (1,))    # Aug–Nov 2024 owed


# --- mobile_reported -------------------------------------------------------------------------
MOBILE = rule("mobile_reported", fields=["place", "reason", "contact"], report_within_days=30)


def left(ev, member_id, on, reported_on=None, **fields):
    ev.away_events[member_id].append({"kind": "流动外出", "on_date": on, "reported_on": reported_on,
                                      "place": "杭州", "reason": "务工", "contact": "138",
                                      **fields})


def back(ev, member_id, on):
    ev.away_events[member_id].append({"kind": "流动返回", "on_date": on})


def mobile_ledger():
    ev = ledger(6)
    left(ev, 2, "2025-03-01", "2025-03-31")                          # on the deadline day
    left(ev, 3, "2025-03-01", "2025-04-01", contact=None, reason="  ")  # a day late
    left(ev, 4, "2024-05-01", "2024-05-02")
    back(ev, 4, "2024-12-31")                                        # back before the period
    left(ev, 5, "2024-05-01", "2024-05-02")
    back(ev, 5, "2025-06-01")                                        # back in the period
    left(ev, 6, "2025-12-01")                                        # no report yet
    return ev


def test_mobile_reports_missing_late_and_not_yet_due():
    found = mr.mobile_reported(MOBILE, context(mobile_ledger()))
    assert outcome(found) == (MISSING, "外出报告不全或过晚：丙三 缺外出理由、联系方式，"
                                       "2025-03-01外出，2025-04-01才报告（应在2025-03-31前）；"
                                       "己六 缺报告日期", (), (3, 6))
    ev = mobile_ledger()
    ev.away_events.pop(3)
    found = mr.mobile_reported(MOBILE, context(ev, today="2025-12-31"))   # 己六's deadline
    assert outcome(found) == (DUE_SOON, "外出报告不全或过晚：己六 缺报告日期", (), (6,))


def test_mobile_late_report_alone_is_overdue():
    ev = ledger(1)
    left(ev, 1, "2025-03-01", "2025-04-01")
    found = mr.mobile_reported(MOBILE, context(ev))
    assert outcome(found) == (OVERDUE, "外出报告不全或过晚：甲一 2025-03-01外出，2025-04-01才报告"
                                       "（应在2025-03-31前）", (), (1,))


def test_mobile_all_reported_names_the_members_away():
    ev = mobile_ledger()
    ev.away_events.pop(3)
    ev.away_events.pop(6)
    found = mr.mobile_reported(MOBILE, context(ev))
    assert outcome(found) == (MET, "2名流动党员均已按时报告", (), (2, 5))


def test_mobile_without_a_report_deadline_needs_only_the_fields():
    ev = ledger(1)
    left(ev, 1, "2025-12-01")
    found = mr.mobile_reported(rule("mobile_reported", fields=["place", "reason", "contact"]),
                               context(ev))
    assert outcome(found) == (MET, "1名流动党员均已按时报告", (), (1,))
    left(ev, 1, "2025-12-05", place="")
    found = mr.mobile_reported(rule("mobile_reported", fields=["place"]), context(ev))
    assert outcome(found) == (OVERDUE, "外出报告不全或过晚：甲一 缺地点", (), (1,))


def test_mobile_a_member_back_on_the_periods_first_day_was_not_away_in_it():
    """As `Evidence.away_on`: the day of leaving counts, the day of return does not."""
    ev = ledger(2)
    left(ev, 1, "2024-05-01", "2024-05-02", contact=None)
    back(ev, 1, "2025-01-01")
    assert outcome(mr.mobile_reported(MOBILE, context(ev))) == (MET, "期间内无流动党员", (), ())
    back(ev, 1, "2025-01-02")
    ev.away_events[1].pop(1)
    found = mr.mobile_reported(MOBILE, context(ev))
    assert outcome(found) == (OVERDUE, "外出报告不全或过晚：甲一 缺联系方式", (), (1,))


def test_mobile_nobody_away():
    ev = ledger(2)
    left(ev, 1, "2024-05-01", "2024-05-02")
    back(ev, 1, "2024-06-01")
    found = mr.mobile_reported(MOBILE, context(ev))
    assert outcome(found) == (MET, "期间内无流动党员", (), ())


# --- absentees_briefed (传达 within 30 days, 嘉兴55条 第11条) ----------------------------------
BRIEF = rule("absentees_briefed", kinds=["党课"], within_days=30)


def test_briefing_goes_on_past_a_meeting_of_another_kind():
    ev = ledger(2)
    held(ev, 1, "2025-03-01", kind="支委会")
    held(ev, 2, "2025-03-10")
    ev.marks_by_meeting[1] = [Mark(1, 1, 2, "缺席", None)]
    ev.marks_by_meeting[2] = [Mark(2, 2, 2, "缺席", None)]
    assert outcome(mr.absentees_briefed(BRIEF, context(ev))) == (
        OVERDUE, "1人次未按时传达：2025-03-10 党课 乙二 未传达（期限 2025-04-09）", (2,), (2,))


# --- unexcused_absence (缺席 at more than 1/3, 嘉兴55条 第11条) -----------------------------
def test_an_absence_from_a_meeting_of_another_kind_is_not_counted():
    ev = ledger(2)
    held(ev, 1, "2025-03-01", kind="支委会")
    held(ev, 2, "2025-03-10")
    ev.marks_by_member[2] = [Mark(1, 1, 2, "缺席", None), Mark(2, 2, 2, "出席", None)]
    found = mr.unexcused_absence(rule("unexcused_absence", kinds=["党课"], every="year",
                                      max_ratio=Fraction(1, 3)), context(ev))
    assert outcome(found) == (MET, "无党员无故缺席超过1/3", (), ())


def test_a_run_that_ends_just_before_the_lookback_is_left_out_like_any_earlier_one():
    """For 2025 the look-back reaches August 2024. Unpaid January–July 2024 and paid from August:
    the run ends the month before the look-back, as one ending in June does when July is paid;
    both are 2024's arrears, and 2025 is 达标."""
    for last_unpaid in ("2024-06", "2024-07"):
        ev = dues_ledger(None)
        ev.dues_from[1] = "2024-01"
        ev.paid_months[1] = set(months_between(add_months(last_unpaid, 1), "2025-12"))
        found = mr.dues_arrears(ARREARS, context(ev))
        assert outcome(found) == (MET, "截至2025-12无人连续6个月未交", (), ())
    ev.paid_months[1] = set(months_between("2024-09", "2025-12"))     # August unpaid too: owed
    found = mr.dues_arrears(ARREARS, context(ev))                      # but over before 2025
    assert outcome(found) == (DUE_SOON, "1人欠交党费：甲一", (), (1,))


def test_six_months_unpaid_in_the_year_before_is_owed_not_this_years_overdue():
    """Unpaid July–December 2024, every month of 2025 paid: the six months were 2024's 连续未交
    (its check says 逾期); in 2025 they are still owed, so 甲一 is listed as 欠交, not 逾期. Unpaid
    August 2024–January 2025 reaches 2025: 逾期 in 2025, six months."""
    ev = dues_ledger(None)
    ev.dues_from[1] = "2024-01"
    ev.paid_months[1] = {*months_between("2024-01", "2024-06"), *months_between("2025-01", "2025-12")}
    assert outcome(mr.dues_arrears(ARREARS, context(ev))) == (
        DUE_SOON, "1人欠交党费：甲一", (), (1,))
    assert outcome(mr.dues_arrears(ARREARS, context(ev, start="2024-01-01", end="2024-12-31"))) \
        == (OVERDUE, "甲一 连续6个月未交", (), (1,))
    ev.paid_months[1] = {*months_between("2024-01", "2024-07"), *months_between("2025-02", "2025-12")}
    assert outcome(mr.dues_arrears(ARREARS, context(ev))) == (
        OVERDUE, "甲一 连续6个月未交", (), (1,))
