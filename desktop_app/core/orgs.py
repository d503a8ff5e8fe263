"""The organisation tree (党委 → 党总支 → 党支部 → 党小组), each one's 启用日期 and rule profile
over time, and its 班子 roles (setting and ending them: `core/committee.py`)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.store import SealedPeriodError, Store, StoreError

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
    rule_profile: str | None     # the profile from the beginning (later changes: org_profiles)
    records_from: str | None = None   # 启用日期 set on this organisation itself (ISO), if any


def _from_row(row: dict) -> Organisation:
    return Organisation(row["id"], row["code"], row["name"], row["kind"], row["parent_id"],
                        row["rule_profile"], row.get("records_from"))


def kind_from_name(name: str) -> str | None:
    """The kind a name announces by its ending (某社区党委 → 党委), None when it names none."""
    name = name.strip()
    return next((k for k in KINDS if name.endswith(k)), None)


def new_code(store: Store) -> str:
    """A code for an organisation whose upper level has not assigned one yet: Z001, Z002, …"""
    taken = {r["code"] for r in store.query("SELECT code FROM organisations")}
    return next(f"Z{n:03d}" for n in range(1, len(taken) + 2) if f"Z{n:03d}" not in taken)


def create(store: Store, code: str | None, name: str, kind: str, parent_id: int | None = None,
           rule_profile: str | None = None, records_from: str | None = None) -> int:
    """A new organisation; an empty code is generated (`new_code`)."""
    if kind not in KINDS:
        raise StoreError(f"组织类型应为 {'、'.join(KINDS)} 之一，而不是“{kind}”")
    if not name.strip():
        raise StoreError("组织名称不能为空")
    code = (code or "").strip() or new_code(store)
    if store.query_one("SELECT id FROM organisations WHERE code = ?", [code]):
        raise StoreError(f"组织代码 {code} 已存在")
    if parent_id is not None:
        parent = get(store, parent_id)
        if KINDS.index(parent.kind) >= KINDS.index(kind):
            raise StoreError(f"{kind}不能设在{parent.kind}“{parent.name}”之下")
    return store.insert("organisations", {"code": code, "name": name.strip(), "kind": kind,
                                          "parent_id": parent_id, "rule_profile": rule_profile,
                                          "records_from": records_from})


def edit(store: Store, org_id: int, *, name: str | None = None, code: str | None = None,
         records_from: str | None = None) -> Organisation:
    """Rename, recode or move the 启用日期 of an organisation (audited like every write)."""
    changes = {}
    if name is not None:
        if not name.strip():
            raise StoreError("组织名称不能为空")
        changes["name"] = name.strip()
    if code is not None:
        code = code.strip()
        if not code:
            raise StoreError("组织代码不能为空")
        other = store.query_one("SELECT name FROM organisations WHERE code = ? AND id != ?",
                                [code, org_id])
        if other:
            raise StoreError(f"组织代码 {code} 已由“{other['name']}”使用")
        changes["code"] = code
    if records_from is not None:
        changes["records_from"] = records_from
    if changes:
        store.update("organisations", org_id, changes)
    return get(store, org_id)


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


def records_from(store: Store, org_id: int) -> str | None:
    """启用日期: the day from which Shilu holds this organisation's record (ISO), inherited from
    the nearest ancestor that has one; None = the whole record is held (nothing is excused)."""
    org = get(store, org_id)
    while org.records_from is None and org.parent_id is not None:
        org = get(store, org.parent_id)
    return org.records_from


def own_profile(store: Store, org_id: int, on_date: str) -> str | None:
    """The profile this organisation itself names on a date (no inheritance)."""
    row = store.query_one("SELECT profile FROM org_profiles WHERE org_id = ? AND from_on <= ? "
                          "ORDER BY from_on DESC LIMIT 1", [org_id, on_date])
    return row["profile"] if row else get(store, org_id).rule_profile


def profile_of(store: Store, org_id: int, on_date: str | None = None) -> str | None:
    """The rule profile of an organisation on a date (default today), inherited from the nearest
    ancestor that names one."""
    on_date = on_date or date.today().isoformat()
    org = get(store, org_id)
    while True:
        named = own_profile(store, org.id, on_date)
        if named is not None or org.parent_id is None:
            return named
        org = get(store, org.parent_id)


def profile_history(store: Store, org_id: int) -> list[tuple[str | None, str]]:
    """(from date or None for "from the beginning", profile id), oldest first, of this
    organisation itself."""
    base = get(store, org_id).rule_profile
    rows = store.query("SELECT from_on, profile FROM org_profiles WHERE org_id = ? "
                       "ORDER BY from_on", [org_id])
    return ([(None, base)] if base else []) + [(r["from_on"], r["profile"]) for r in rows]


def set_profile(store: Store, org_id: int, profile_id: str, from_on: str | None = None) -> None:
    """Follow `profile_id` from `from_on` on (None: from the beginning). A sealed period keeps the
    profile it was judged by, so the date must fall after the last sealed day."""
    sealed = store.sealed_through()
    if from_on is None:
        current = get(store, org_id).rule_profile
        if sealed and current and current != profile_id:
            raise SealedPeriodError(f"{sealed} 及以前的期间已封存，更换规则档案须指定在此之后的起始日期")
        store.update("organisations", org_id, {"rule_profile": profile_id})
        return
    if sealed and from_on <= sealed:
        raise SealedPeriodError(f"{sealed} 及以前的期间已封存，规则档案只能从 {sealed} 之后起更换")
    row = store.query_one("SELECT id FROM org_profiles WHERE org_id = ? AND from_on = ?",
                          [org_id, from_on])
    if row:
        store.update("org_profiles", row["id"], {"profile": profile_id})
    else:
        store.insert("org_profiles", {"org_id": org_id, "profile": profile_id, "from_on": from_on})


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
