"""Importing a roster: plan (what would be added, updated, created; every error by row and column),
then apply the whole plan in one transaction or nothing at all.

Existing members are matched by ID number, else by name and birth date. Empty cells never erase
what the ledger already knows.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from desktop_app.core import members, orgs
from desktop_app.core.members import FIELD_LABELS, Member
from desktop_app.core.roster_export import write_template
from desktop_app.core.roster_rows import read_row
from desktop_app.core.roster_sheet import RosterFileError, RosterSheet, cell_text, read_sheet
from desktop_app.core.store import LedgerUnavailable, SealedPeriodError, Store, StoreError

__all__ = ["read_sheet", "RosterSheet", "RosterFileError", "write_template", "plan_import",
           "apply_import", "ImportPlan", "PlannedAdd", "PlannedUpdate", "RowError",
           "ImportSummary", "ImportRefused", "CHANGE_LABELS"]

# How the preview names each key of PlannedUpdate.changes.
CHANGE_LABELS = FIELD_LABELS | {"org": "所在组织"}
SAMPLE_PREFIX = "示例"   # the template's example row: skipped, never imported


class ImportRefused(StoreError):
    """apply_import was handed a plan with errors, or the ledger changed under it."""


@dataclass(frozen=True)
class RowError:
    row: int        # as Excel numbers it
    column: str     # the header text in the file ("" for a whole-row problem)
    value: str      # the raw cell as shown
    reason: str

    def __str__(self) -> str:
        column = f" [{self.column}]" if self.column else ""
        return f"第 {self.row} 行{column} {self.value}：{self.reason}"


@dataclass
class PlannedAdd:
    row: int
    member: Member
    branch: str | None
    group: str | None

    @property
    def org_label(self) -> str:
        return _org_label(self.branch, self.group)


@dataclass
class PlannedUpdate:
    row: int
    member_id: int
    name: str
    changes: dict[str, tuple]   # field → (old, new); "org" → (old org label, new org label)
    target: tuple[str, str | None] | None = None   # (branch, group) when the member moves


@dataclass
class ImportPlan:
    adds: list[PlannedAdd] = field(default_factory=list)
    updates: list[PlannedUpdate] = field(default_factory=list)
    new_orgs: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    orgs_created: int


def _org_label(branch: str | None, group: str | None) -> str:
    return f"{branch} › {group}" if group else (branch or "")


# --- planning ---------------------------------------------------------------------------------

def plan_import(store: Store, sheet: RosterSheet, on_date: str) -> ImportPlan:
    """Judge every row against the ledger as it is on `on_date`; write nothing."""
    root = orgs.root(store)
    if root is None:
        raise StoreError("账本中还没有党组织，请先建立本组织后再导入花名册。")
    plan = ImportPlan()
    tree = _OrgTree(store, root)
    seen_ids: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    seen_members: dict[int, int] = {}
    for sheet_row in sheet.rows:
        errors: list[RowError] = []

        def fail(f: str, reason: str, value=None):
            errors.append(RowError(sheet_row.number, sheet.headers.get(f, ""),
                                   cell_text(sheet_row.cells.get(f) if value is None else value),
                                   reason))

        raw_name = sheet_row.cells.get("name")
        if isinstance(raw_name, str) and raw_name.startswith(SAMPLE_PREFIX):
            plan.warnings.append(RowError(sheet_row.number, sheet.headers["name"], raw_name,
                                          "模板中的示例行，未导入"))
            continue
        filled = [v for v in sheet_row.cells.values() if v is not None]
        if raw_name is None and len(filled) == 1:   # 制表人、审核人 and such under the table
            plan.warnings.append(RowError(sheet_row.number, "", cell_text(filled[0]),
                                          "没有姓名、只有一项内容，视为表外说明，未导入"))
            continue

        def warn(f: str, reason: str):
            plan.warnings.append(RowError(sheet_row.number, sheet.headers.get(f, ""),
                                          cell_text(sheet_row.cells.get(f)), reason))

        member, branch, group = read_row(sheet_row.cells, on_date, fail, warn)
        if not errors:
            for f, reason in members.validate(member):   # across fields: 转正 before 入党 …
                fail(f, reason)
        if errors:
            plan.errors.extend(errors)
            continue
        if member.id_number:
            first = seen_ids.setdefault(member.id_number, sheet_row.number)
            if first != sheet_row.number:
                fail("id_number", f"与第 {first} 行的身份证号重复")
        key = (member.name, member.birth_date)
        if not member.id_number and member.birth_date:
            first = seen_people.setdefault(key, sheet_row.number)
            if first != sheet_row.number:
                fail("name", f"与第 {first} 行姓名和出生日期都相同，又都没有身份证号，无法区分")
        existing = _match(store, member, fail)
        if existing is not None:
            first = seen_members.setdefault(existing.id, sheet_row.number)
            if first != sheet_row.number:
                fail("name", f"与第 {first} 行是同一名党员（{existing.name}）")
        if not errors:
            if existing is None:
                _plan_add(plan, tree, sheet, sheet_row, member, branch, group, fail)
            else:
                _plan_update(plan, store, tree, sheet_row, existing, member, branch, group,
                             on_date, fail, warn)
        plan.errors.extend(errors)
    plan.new_orgs = tree.planned_labels()
    if not sheet.rows:
        plan.warnings.append(RowError(sheet.header_row, "", "", "表头下面没有党员数据"))
    return plan


def _match(store: Store, member: Member, fail) -> Member | None:
    if member.id_number:
        row = store.query_one("SELECT id FROM members WHERE id_number = ?", [member.id_number])
        if row:
            return members.get(store, row["id"])
    if not member.birth_date:
        return None
    rows = store.query("SELECT id, id_number FROM members WHERE name = ? AND birth_date = ?",
                       [member.name, member.birth_date])
    if len(rows) > 1:
        fail("name", "账本中有多名同名且出生日期相同的党员，请填写身份证号以便区分")
        return None
    if rows and rows[0]["id_number"] and member.id_number:
        fail("id_number", f"账本中已有同名、出生日期相同的党员，但身份证号不同（{rows[0]['id_number'][-4:]} 结尾）")
        return None
    return members.get(store, rows[0]["id"]) if rows else None


def _plan_add(plan, tree, sheet, sheet_row, member, branch, group, fail) -> None:
    if not member.joined_on:
        fail("joined_on", "新增党员须填写入党日期")
        return
    target = tree.resolve(branch, group, fail)
    if target is not None:
        plan.adds.append(PlannedAdd(sheet_row.number, member, *target))


def _plan_update(plan, store, tree, sheet_row, existing: Member, member, branch, group,
                 on_date, fail, warn) -> None:
    changes = {f: (getattr(existing, f), getattr(member, f))
               for f in members.PERSON_FIELDS
               if getattr(member, f) is not None and getattr(member, f) != getattr(existing, f)}
    target = None
    if (branch or group) and existing.status != "在册":
        warn("branch" if branch else "group",
             f"账本中{existing.name}的状态是“{existing.status}”，所在组织未调整")
    elif branch or group:
        failed: list = []
        wanted = tree.resolve(branch, group, lambda *a: (failed.append(a), fail(*a)))
        if failed:
            return
        current = members.current_org_id(store, existing.id, on_date)
        label = tree.label_of(current) if current else ""
        if _org_label(*wanted) != label:
            target = wanted
            changes["org"] = (label, _org_label(*wanted))
    if changes:
        plan.updates.append(PlannedUpdate(sheet_row.number, existing.id, existing.name, changes,
                                          target))
    else:
        plan.unchanged += 1


class _OrgTree:
    """Branches and 党小组 by name, including the ones this import will create."""

    def __init__(self, store: Store, root: orgs.Organisation):
        self.store = store
        self.root = root
        self.by_id = {o.id: o for o in orgs.all_orgs(store)}
        under = set(orgs.subtree_ids(store, root.id))
        self.branches = {o.name: o for o in self.by_id.values()
                         if o.id in under and (o.kind == "党支部" or o.id == root.id)}
        self.planned: list[tuple[str, str | None]] = []

    def resolve(self, branch, group, fail) -> tuple[str, str | None] | None:
        if branch is None:
            branch = self._branch_for(group, fail)
            if branch is None:
                return None
        if branch not in self.branches and (branch, None) not in self.planned:
            self.planned.append((branch, None))
        if group is not None and self._group(branch, group) is None \
                and (branch, group) not in self.planned:
            self.planned.append((branch, group))
        return branch, group

    def _branch_for(self, group, fail) -> str | None:
        if group is not None:
            owners = [self.by_id[o.parent_id].name for o in self.by_id.values()
                      if o.kind == "党小组" and o.name == group and o.parent_id in self.by_id
                      and self.by_id[o.parent_id].name in self.branches]
            if len(owners) == 1:
                return owners[0]
            fail("group", "请同时填写所在党支部" if owners else "找不到该党小组，请填写所在党支部")
            return None
        if self.root.kind == "党支部":
            return self.root.name
        named = [n for n, o in self.branches.items() if o.kind == "党支部"]
        if len(named) == 1:
            return named[0]
        fail("branch", "请填写所在党支部（本组织下有多个党支部）" if named
             else "请填写所在党支部（本组织下还没有党支部）")
        return None

    def _group(self, branch: str, group: str):
        parent = self.branches.get(branch)
        if parent is None:
            return None
        return next((o for o in self.by_id.values()
                     if o.kind == "党小组" and o.parent_id == parent.id and o.name == group), None)

    def label_of(self, org_id: int) -> str:
        org = self.by_id[org_id]
        if org.kind == "党小组" and org.parent_id in self.by_id:
            return _org_label(self.by_id[org.parent_id].name, org.name)
        return org.name

    def planned_labels(self) -> list[str]:
        return [_org_label(b, g) for b, g in self.planned]


# --- applying ---------------------------------------------------------------------------------

def sealed_facts(store: Store, plan: ImportPlan, on_date: str) -> list[str]:
    """What the import would change inside a sealed period: a member added with an 入党日期 in
    it (the 应到 of sealed meetings grows), a date moved from or into it, a move dated in it."""
    sealed = store.sealed_through()
    if not sealed:
        return []
    found = [f"第 {a.row} 行 {a.member.name}（入党日期 {a.member.joined_on}）" for a in plan.adds
             if a.member.joined_on and a.member.joined_on <= sealed]
    for update in plan.updates:
        for name, (old, new) in update.changes.items():
            if name in members.DATE_FIELDS and any(d and d <= sealed for d in (old, new)):
                found.append(f"第 {update.row} 行 {update.name} {FIELD_LABELS[name]} "
                             f"{old or '（空）'} → {new or '（空）'}")
        if update.target and on_date <= sealed:
            found.append(f"第 {update.row} 行 {update.name} 于 {on_date} 调整组织")
    return found


def apply_import(store: Store, plan: ImportPlan, on_date: str) -> ImportSummary:
    """Write the whole plan in one transaction; any failure leaves the ledger as it was. Facts
    inside a sealed period change only as a correction (`store.correcting(reason)`)."""
    if not plan.ok:
        raise ImportRefused(f"花名册中有 {len(plan.errors)} 处错误，未导入任何数据。")
    facts = sealed_facts(store, plan, on_date)
    if facts and not store.correction_reason:
        shown = "；".join(facts[:5]) + (f" 等 {len(facts)} 处" if len(facts) > 5 else "")
        raise SealedPeriodError(f"{store.sealed_through()} 及以前的期间已封存，本次导入将更正其中的"
                                f"事实（{shown}），须填写更正原因")
    root = orgs.root(store)
    try:
        with store.transaction():
            created = 0
            ids: dict[tuple[str, str | None], int] = {}

            def org_id(branch: str, group: str | None) -> int:
                nonlocal created
                if (branch, group) in ids:
                    return ids[(branch, group)]
                tree = _OrgTree(store, root)
                found = tree.branches.get(branch) if group is None else tree._group(branch, group)
                if found is None:
                    parent = root.id if group is None else org_id(branch, None)
                    parent_code = orgs.get(store, parent).code
                    found_id = orgs.create(store, _free_code(store, parent_code), group or branch,
                                           "党小组" if group else "党支部", parent)
                    created += 1
                else:
                    found_id = found.id
                ids[(branch, group)] = found_id
                return found_id

            for add in plan.adds:
                member = Member(**{f: getattr(add.member, f) for f in members.PERSON_FIELDS})
                members.add(store, member, org_id(add.branch, add.group), since=member.joined_on)
            for update in plan.updates:
                member = members.get(store, update.member_id)
                for f, (_, new) in update.changes.items():
                    if f != "org":
                        setattr(member, f, new)
                members.save(store, member)
                if update.target:
                    members.move(store, member.id, org_id(*update.target), on_date)
    except (sqlite3.IntegrityError, StoreError) as exc:
        if isinstance(exc, (ImportRefused, LedgerUnavailable)):
            raise
        raise ImportRefused(f"账本在预览之后已被修改，导入已撤销，请重新预览：{exc}") from exc
    return ImportSummary(len(plan.adds), len(plan.updates), created)


def _free_code(store: Store, parent_code: str) -> str:
    """Deterministic: the parent's code plus the first free two-digit number."""
    n = 1
    while store.query_one("SELECT id FROM organisations WHERE code = ?", [f"{parent_code}-{n:02d}"]):
        n += 1
    return f"{parent_code}-{n:02d}"

