"""Applying an import plan: the whole plan in one transaction, or nothing at all."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop_app.core import members, orgs
from desktop_app.core.roster.plan import ImportPlan, PlannedAdd, _OrgTree, ledger_version, plan_import
from desktop_app.core.members import FIELD_LABELS
from desktop_app.core.store import LedgerUnavailable, SealedPeriodError, Store, StoreError


BATCH = 1000    # new members written per insert_many


class ImportRefused(StoreError):
    """apply_import was handed a plan with errors, or the ledger changed under it."""


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    orgs_created: int


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


def check_sealed(store: Store, plan: ImportPlan, on_date: str) -> None:
    """SealedPeriodError naming the sealed facts the plan changes, unless the store is
    `correcting` with a reason (the dry run asks this too, so it fails where the import would)."""
    facts = sealed_facts(store, plan, on_date)
    if facts and not store.correction_reason:
        shown = "；".join(facts[:5]) + (f" 等 {len(facts)} 处" if len(facts) > 5 else "")
        raise SealedPeriodError(f"{store.sealed_through()} 及以前的期间已封存，本次导入将更正其中的"
                                f"事实（{shown}），须填写更正原因")


def apply_import(store: Store, plan: ImportPlan, on_date: str) -> ImportSummary:
    """Write the plan in one transaction; any failure leaves the ledger as it was. When the
    ledger or the date changed since the plan was made (a preview left open), the sheet is
    planned again first: the same checks as the preview, on the ledger as it is now. Facts
    inside a sealed period change only as a correction (`store.correcting(reason)`), else
    SealedPeriodError names them."""
    if not plan.ok:
        raise ImportRefused(f"花名册中有 {len(plan.errors)} 处错误，未导入任何数据。")
    if (plan.ledger_version, plan.on_date) != (ledger_version(store), on_date):
        fresh = plan_import(store, plan.sheet, on_date)
        if not fresh.ok:
            first = "；".join(str(e) for e in fresh.errors[:3])
            raise ImportRefused(f"花名册中有 {len(fresh.errors)} 处错误，未导入任何数据：{first}")
        if _shape(fresh) != _shape(plan):
            raise ImportRefused("账本在预览之后已被修改（新增、更新的党员或组织与预览时不同），"
                                "未导入任何数据，请重新预览。")
        plan = fresh
    check_sealed(store, plan, on_date)
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

            _add_all(store, plan.adds, org_id)
            for update in plan.updates:
                member = members.get(store, update.member_id)
                for f, (_, new) in update.changes.items():
                    if f != "org":
                        setattr(member, f, new)
                members.save(store, member)
                if update.target:
                    members.move(store, member.id, org_id(*update.target), on_date)
    except (sqlite3.IntegrityError, StoreError) as exc:   # disk and I/O errors: worded by the caller
        if isinstance(exc, (ImportRefused, LedgerUnavailable, SealedPeriodError)):
            raise
        raise ImportRefused(f"导入未完成，账本保持导入前的样子：{exc}") from exc
    return ImportSummary(len(plan.adds), len(plan.updates), created)


def _add_all(store: Store, adds: list[PlannedAdd], org_id) -> None:
    """The rows `members.add` writes, for every new member (the plan has made its checks: valid
    fields, ID numbers held by nobody else): the member from 入党日期 in the branch or 党小组
    the row names. In batches, so memory stays flat; the caller's transaction holds them all."""
    for start in range(0, len(adds), BATCH):
        batch = adds[start:start + BATCH]
        ids = store.insert_many("members", [
            {**{f: getattr(a.member, f) for f in members.PERSON_FIELDS},
             "name": a.member.name.strip(), "name_initials": members.initials(a.member.name)}
            for a in batch])
        store.insert_many("memberships", [
            {"member_id": member_id, "org_id": org_id(a.branch, a.group),
             "start_on": a.member.joined_on} for member_id, a in zip(ids, batch)])


def _shape(plan: ImportPlan) -> tuple:
    return ([a.row for a in plan.adds], [(u.row, u.member_id) for u in plan.updates],
            plan.new_orgs)


def _free_code(store: Store, parent_code: str) -> str:
    """Deterministic: the parent's code plus the first free two-digit number."""
    n = 1
    while store.query_one("SELECT id FROM organisations WHERE code = ?", [f"{parent_code}-{n:02d}"]):
        n += 1
    return f"{parent_code}-{n:02d}"

