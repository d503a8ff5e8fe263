"""A small branch whose membership changes on known dates, for the meetings tests."""
from dataclasses import dataclass

from desktop_app.core import members, orgs
from desktop_app.core.members import Member


@dataclass
class Branch:
    branch: int
    group1: int
    group2: int
    ids: dict[str, int]


def build_branch(store) -> Branch:
    """张三 (书记) and 李四 (组织委员) in 第1党小组 throughout; 王芳 joins 2024-05-10 as 预备党员
    (转正 2025-05-10) in 第2党小组; 赵六 moves from 第2 to 第1党小组 on 2025-03-01; 钱七 transfers
    out on 2025-02-01; 孙八 transfers in on 2025-04-01."""
    branch = orgs.create(store, "BR", "幸福社区党支部", "党支部", rule_profile="jiaxing-2016")
    g1 = orgs.create(store, "BR-1", "第1党小组", "党小组", branch)
    g2 = orgs.create(store, "BR-2", "第2党小组", "党小组", branch)
    ids = {
        "张三": members.add(store, Member("张三", joined_on="2000-07-01", confirmed_on="2001-07-01"),
                          g1, since="2020-01-01"),
        "李四": members.add(store, Member("李四", joined_on="2010-03-15", confirmed_on="2011-03-15"),
                          g1, since="2020-01-01"),
        "王芳": members.add(store, Member("王芳", joined_on="2024-05-10"), g2),
        "赵六": members.add(store, Member("赵六", joined_on="2005-09-20", confirmed_on="2006-09-20"),
                          g2, since="2020-01-01"),
        "钱七": members.add(store, Member("钱七", joined_on="1990-02-02", confirmed_on="1991-02-02"),
                          g2, since="2020-01-01"),
        "孙八": members.add(store, Member("孙八", joined_on="2015-06-30", confirmed_on="2016-06-30"),
                          g2, since="2025-04-01"),
    }
    members.move(store, ids["赵六"], g1, "2025-03-01")
    members.record_event(store, ids["钱七"], "转出", "2025-02-01", place="外省")
    members.record_event(store, ids["王芳"], "转正", "2025-05-10")
    orgs.assign_role(store, branch, ids["张三"], "书记", "2020-01-01")
    orgs.assign_role(store, branch, ids["李四"], "组织委员", "2020-01-01")
    orgs.assign_role(store, g1, ids["赵六"], "党小组长", "2025-03-01")
    return Branch(branch, g1, g2, ids)
