"""A small community for the disclosure tests: a 党委 on the Jiaxing profile with one 党支部,
whose members all have ID numbers and phones on file (which boards must not leak)."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import members, orgs
from desktop_app.core.idcard import check_digit
from desktop_app.core.members import Member

PEOPLE = (("赵书记", "书记"), ("钱副书", "副书记"), ("孙组织", "组织委员"), ("李党员", None),
          ("周党员", None))


def id_number(n: int) -> str:
    first17 = f"33040219800{n + 1}01123"
    return first17 + check_digit(first17)


@dataclass
class Community:
    root: int
    branch: int
    members: list[int]


def community(store, profile: str = "jiaxing-2016") -> Community:
    root = orgs.create(store, "C", "和平社区党委", "党委", rule_profile=profile)
    branch = orgs.create(store, "C-1", "第一党支部", "党支部", root)
    ids = []
    for n, (name, role) in enumerate(PEOPLE):
        member_id = members.add(store, Member(name=name, joined_on=f"199{n}-07-01",
                                              id_number=id_number(n),
                                              phone=f"1380000000{n}"), branch, since="2020-01-01")
        ids.append(member_id)
        if role:
            orgs.assign_role(store, root, member_id, role, "2021-01-01")
    return Community(root, branch, ids)
