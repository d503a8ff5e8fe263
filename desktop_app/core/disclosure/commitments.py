"""先锋承诺 (#27): each year the organisation makes at least four commitments and each member one
"一句话承诺"; they are posted (disclosure item 7) and reviewed in 民主评议."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core import members
from desktop_app.core.disclosure import privacy
from desktop_app.core.rules.profile import DisclosureItem
from desktop_app.core.store import Store, StoreError

ORG_MINIMUM = 4     # 55-req #27: "每年社区党组织不少于4项"


@dataclass(frozen=True)
class Commitments:
    year: int
    organisation: tuple[str, ...]
    members: tuple[tuple[str, str], ...]    # (name, 一句话承诺) in roster order
    last_made_on: str | None

    @property
    def short_of_minimum(self) -> int:
        return max(0, ORG_MINIMUM - len(self.organisation))


def for_year(store: Store, org_id: int, year: int) -> Commitments:
    rows = store.query(
        "SELECT c.member_id, c.body, c.made_on, m.name FROM commitments c "
        "LEFT JOIN members m ON m.id = c.member_id WHERE c.org_id = ? AND c.year = ? "
        "ORDER BY c.member_id IS NOT NULL, c.position, m.name_initials, m.name, c.id", [org_id, year])
    return Commitments(
        year, tuple(r["body"] for r in rows if r["member_id"] is None),
        tuple((r["name"], r["body"]) for r in rows if r["member_id"] is not None),
        max((r["made_on"] for r in rows), default=None))


def replace(store: Store, org_id: int, year: int, organisation: list[str],
            by_member: dict[int, str], on: str, item: DisclosureItem | None = None) -> Commitments:
    """Set the year's commitments as a whole; blank lines are dropped. All or nothing."""
    organisation = [t.strip() for t in organisation if t and t.strip()]
    by_member = {m: t.strip() for m, t in by_member.items() if t and t.strip()}
    contacts = bool(item and item.contacts)
    for number, text in enumerate(organisation, 1):
        privacy.check([text], contacts, f"党组织第 {number} 项承诺")
    for member_id, text in by_member.items():
        privacy.check([text], contacts, f"{members.get(store, member_id).name}的承诺")
    with store.transaction():
        for row in store.query("SELECT id FROM commitments WHERE org_id = ? AND year = ?",
                               [org_id, year]):
            store.delete("commitments", row["id"])
        for position, text in enumerate(organisation):
            store.insert("commitments", {"org_id": org_id, "year": year, "member_id": None,
                                         "position": position, "body": text, "made_on": on})
        for member_id, text in by_member.items():
            store.insert("commitments", {"org_id": org_id, "year": year, "member_id": member_id,
                                         "position": 0, "body": text, "made_on": on})
    return for_year(store, org_id, year)


def parse_member_lines(store: Store, org_id: int, text: str, on: str) -> dict[int, str]:
    """"姓名：承诺" lines (as typed in the page) → {member id: commitment}, names checked against
    the organisation's members on `on`; an unknown name is refused with its line number."""
    roster = {m.name: m.id for m in members.expected_on(store, org_id, on)}
    result = {}
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        name, sep, body = line.replace(":", "：").partition("：")
        name = name.strip()
        if not sep or not body.strip():
            raise StoreError(f"党员承诺第 {number} 行应写作“姓名：承诺内容”，现为“{line.strip()}”")
        if name not in roster:
            raise StoreError(f"党员承诺第 {number} 行：本组织没有名为“{name}”的党员")
        result[roster[name]] = body.strip()
    return result
