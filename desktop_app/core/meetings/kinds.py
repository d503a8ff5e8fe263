"""Meeting kinds, activity-day kinds, the tags rules count, and what a new record of each kind
starts with (agenda skeleton, who attends, default tags and study hours).

Tags that a compliance rule counts (党建专题研究, 党章学习 …) are never ticked by a template: a
template only suggests them, and the secretary ticks what the meeting really discussed. What the
ledger already knows is derived, not tagged: 书记讲党课 is a 党课 whose 主讲人 is the 书记 that day.

The names are the words on the paper 会议记录本, so the UI, exports and rule profiles share them.
"""
from __future__ import annotations

from dataclasses import dataclass

BRANCH_MEETING = "支部党员大会"
COMMITTEE_MEETING = "支委会"
GROUP_MEETING = "党小组会"
PARTY_LESSON = "党课"
LIFE_MEETING = "组织生活会"
APPRAISAL = "民主评议党员"
HEART_TALK = "谈心谈话"
THEME_DAY = "主题党日"

MEETING_KINDS = (BRANCH_MEETING, COMMITTEE_MEETING, GROUP_MEETING, PARTY_LESSON, LIFE_MEETING,
                 APPRAISAL, HEART_TALK, THEME_DAY, "志愿服务", "培训", "其他")
# 三会一课 proper: the kinds whose frequency the rules check and whose absences count.
THREE_MEETINGS_ONE_LESSON = (BRANCH_MEETING, COMMITTEE_MEETING, GROUP_MEETING, PARTY_LESSON)

STUDY_DAY, SERVICE_DAY, CARE_DAY = "学习日", "服务日", "关爱日"
DAY_KINDS = (STUDY_DAY, SERVICE_DAY, CARE_DAY)
POLITICAL_BIRTHDAY = "政治生日"
PLAN_DAY_KINDS = (*DAY_KINDS, POLITICAL_BIRTHDAY)

# Tags that rule profiles count (55-req #3, #26, #29; 书记讲党课 yearly).
TAG_CONSTITUTION = "党章学习"
TAG_OATH = "诵读入党誓词"
TAG_RECRUITMENT = "发展党员专题"
TAG_PARTY_BUILDING = "党建专题研究"
TAG_SECRETARY_LESSON = "书记讲党课"
# Tags a secretary may tick. 书记讲党课 is not among them: the rules derive it (DERIVED_TAGS).
RULE_TAGS = (TAG_CONSTITUTION, TAG_OATH, TAG_RECRUITMENT, TAG_PARTY_BUILDING,
             "民情收集", "志愿服务", "走访慰问")
# Tags that compliance rules count: a template may suggest them but never ticks them.
COMPLIANCE_TAGS = (TAG_CONSTITUTION, TAG_OATH, TAG_RECRUITMENT, TAG_PARTY_BUILDING,
                   TAG_SECRETARY_LESSON)
# Facts the ledger computes from the record rather than a tick (a stored tag of this name is ignored).
DERIVED_TAGS = (TAG_SECRETARY_LESSON,)

# One record may also count as other kinds (条例: 民主评议党员可以结合组织生活会一并进行; a 党课
# given at the 党员大会). Each rule counts such a record once, for each kind it asks for.
ALSO_COUNTS_AS = {
    BRANCH_MEETING: (PARTY_LESSON, LIFE_MEETING, APPRAISAL),
    LIFE_MEETING: (APPRAISAL,),
    APPRAISAL: (LIFE_MEETING,),
    THEME_DAY: (PARTY_LESSON,),
}

ATTENDANCE_STATUSES = ("出席", "请假", "缺席")
PRESENT, ON_LEAVE, ABSENT = ATTENDANCE_STATUSES
FOLLOWUP_METHODS = ("电话", "会后谈话", "书面传达", "微信")

# Who is expected (应到): the whole branch, one 党小组, the 支委 (committee roles), or one member.
BRANCH, GROUP, COMMITTEE, ONE_MEMBER = "branch", "group", "committee", "one"


@dataclass(frozen=True)
class Template:
    kind: str
    audience: str
    agenda: tuple[str, ...]
    tags: tuple[str, ...] = ()           # ticked on a new record: never a compliance tag
    study_hours: float = 0
    host_role: str = "书记"
    suggests: tuple[str, ...] = ()       # compliance tags the agenda points at, for the secretary


TEMPLATES: dict[str, Template] = {t.kind: t for t in (
    Template(BRANCH_MEETING, BRANCH, ("传达学习上级精神", "通报支部近期工作", "讨论决定有关事项",
                                      "布置下阶段工作"), study_hours=2, suggests=(TAG_CONSTITUTION,)),
    Template(COMMITTEE_MEETING, COMMITTEE, ("学习上级文件精神", "研究本月党建工作", "研究党员教育管理事项",
                                         "确定下月工作安排"), study_hours=1,
             suggests=(TAG_PARTY_BUILDING, TAG_RECRUITMENT)),
    Template(GROUP_MEETING, GROUP, ("学习支部布置的学习内容", "交流思想和工作情况", "落实支部工作安排"),
             study_hours=1, host_role="党小组长"),
    Template(PARTY_LESSON, BRANCH, ("主讲人讲授党课", "交流学习体会"), study_hours=2),
    Template(LIFE_MEETING, BRANCH, ("通报上年度组织生活会整改情况", "支部班子对照检查",
                                    "党员开展批评和自我批评", "诵读入党誓词"), study_hours=3,
             suggests=(TAG_OATH,)),
    Template(APPRAISAL, BRANCH, ("个人自评", "党员互评", "群众测评", "支部考评"), study_hours=2),
    Template(HEART_TALK, ONE_MEMBER, ("了解思想、工作和生活情况", "听取意见建议", "提出希望和要求")),
    Template(THEME_DAY, BRANCH, ("集中学习", "开展主题活动", "交流讨论"), study_hours=2),
    Template("志愿服务", BRANCH, ("服务内容和分工", "开展服务", "总结"), ("志愿服务",)),
    Template("培训", BRANCH, ("培训内容",), study_hours=4),
    Template("其他", BRANCH, ()),
)}

DAY_THEME_TAGS = {STUDY_DAY: (), SERVICE_DAY: ("志愿服务", "民情收集"), CARE_DAY: ("走访慰问",)}


def template(kind: str) -> Template:
    try:
        return TEMPLATES[kind]
    except KeyError:
        raise ValueError(f"会议类型应为 {'、'.join(MEETING_KINDS)} 之一，而不是“{kind}”") from None


def default_title(kind: str, held_on: str, day_kind: str | None = None,
                  partner: str | None = None) -> str:
    """The heading the paper record book would carry: 2025年7月支委会, 2025年7月5日主题党日（学习日）."""
    year, month, day = (int(p) for p in held_on.split("-"))
    if kind == THEME_DAY:
        return f"{year}年{month}月{day}日主题党日" + (f"（{day_kind}）" if day_kind else "")
    if kind == HEART_TALK and partner:
        return f"{year}年{month}月与{partner}同志谈心谈话"
    return f"{year}年{month}月{kind}"
