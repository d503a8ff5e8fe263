"""The organisation tree (党委 → 党总支 → 党支部 → 党小组) and its 班子 roles."""
from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.store import Store, StoreError

KINDS = ("党委", "党总支", "党支部", "党小组")
COMMITTEE_ROLES = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "委员")
OTHER_ROLES = ("党小组长", "后备干部", "居民小组长", "妇女小组长")


@dataclass(frozen=True)
class Organisation:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    rule_profile: str | None


def _from_row(row: dict) -> Organisation:
    return Organisation(row["id"], row["code"], row["name"], row["kind"], row["parent_id"],
                        row["rule_profile"])


def create(store: Store, code: str, name: str, kind: str, parent_id: int | None = None,
           rule_profile: str | None = None) -> int:
    if kind not in KINDS:
        raise StoreError(f"组织类型应为 {'、'.join(KINDS)} 之一，而不是“{kind}”")
    if not name.strip():
        raise StoreError("组织名称不能为空")
    if store.query_one("SELECT id FROM organisations WHERE code = ?", [code]):
        raise StoreError(f"组织代码 {code} 已存在")
    return store.insert("organisations", {"code": code, "name": name.strip(), "kind": kind,
                                          "parent_id": parent_id, "rule_profile": rule_profile})


def get(store: Store, org_id: int) -> Organisation:
    return _from_row(store.get("organisations", org_id))


def by_code(store: Store, code: str) -> Organisation:
    row = store.query_one("SELECT * FROM organisations WHERE code = ?", [code])
    if row is None:
        raise StoreError(f"找不到代码为 {code} 的组织")
    return _from_row(row)


def all_orgs(store: Store) -> list[Organisation]:
    return [_from_row(r) for r in store.query("SELECT * FROM organisations ORDER BY id")]


def root(store: Store) -> Organisation | None:
    row = store.query_one("SELECT * FROM organisations WHERE parent_id IS NULL ORDER BY id LIMIT 1")
    return _from_row(row) if row else None


def children(store: Store, org_id: int) -> list[Organisation]:
    return [_from_row(r) for r in
            store.query("SELECT * FROM organisations WHERE parent_id = ? ORDER BY id", [org_id])]


def subtree_ids(store: Store, org_id: int) -> list[int]:
    """The organisation and everything below it (支部 includes its 党小组)."""
    rows = store.query(
        "WITH RECURSIVE t(id) AS (SELECT ? UNION ALL "
        "SELECT o.id FROM organisations o JOIN t ON o.parent_id = t.id) SELECT id FROM t",
        [org_id])
    return [r["id"] for r in rows]


def find_by_name(store: Store, name: str, kind: str | None = None) -> Organisation | None:
    sql = "SELECT * FROM organisations WHERE name = ?"
    params: list = [name]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    row = store.query_one(sql, params)
    return _from_row(row) if row else None


def profile_of(store: Store, org_id: int) -> str | None:
    """The rule profile of an organisation, inherited from the nearest ancestor that has one."""
    org = get(store, org_id)
    while org.rule_profile is None and org.parent_id is not None:
        org = get(store, org.parent_id)
    return org.rule_profile


def assign_role(store: Store, org_id: int, member_id: int, role: str, start_on: str,
                end_on: str | None = None) -> int:
    return store.insert("roles", {"org_id": org_id, "member_id": member_id, "role": role,
                                  "start_on": start_on, "end_on": end_on})


def holders(store: Store, org_id: int, role: str, on_date: str) -> list[int]:
    rows = store.query(
        "SELECT member_id FROM roles WHERE org_id = ? AND role = ? AND start_on <= ? "
        "AND (end_on IS NULL OR end_on >= ?) ORDER BY start_on", [org_id, role, on_date, on_date])
    return [r["member_id"] for r in rows]


def committee_member_ids(store: Store, org_id: int, on_date: str) -> set[int]:
    """班子 members on a date (secretaries and committee members: 56 学时 rather than 32)."""
    org_ids = subtree_ids(store, org_id)
    rows = store.query(
        f"SELECT member_id FROM roles WHERE org_id IN ({_marks(org_ids)}) "
        f"AND role IN ({_marks(COMMITTEE_ROLES)}) AND start_on <= ? "
        "AND (end_on IS NULL OR end_on >= ?)",
        [*org_ids, *COMMITTEE_ROLES, on_date, on_date])
    return {r["member_id"] for r in rows}


def _marks(values) -> str:
    return ",".join("?" for _ in values)
