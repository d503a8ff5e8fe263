"""Planning a roster import: what would be added, updated and created, and every error by row
and column, with nothing written. `apply.apply_import` writes a plan only after planning it
again on the same sheet, so a dry run and a real import run exactly the same checks.

Existing members are matched by ID number, else by name (in its normal form, so 阿依古丽•买买提
finds 阿依古丽·买买提) and birth date. Empty cells never erase what the ledger already knows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core import members, orgs
from desktop_app.core.dates import today
from desktop_app.core.members import FIELD_LABELS, Member
from desktop_app.core.roster.names import same_name
from desktop_app.core.roster.rows import notices, overdue_probation, read_row
from desktop_app.core.roster.sheet import RosterSheet, SkippedRow, cell_text
from desktop_app.core.store import Store, StoreError

# How the preview names each key of PlannedUpdate.changes.
CHANGE_LABELS = FIELD_LABELS | {"org": "所在组织"}


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
    sheet: RosterSheet
    on_date: str = ""
    ledger_version: int = 0     # the last audit entry when planned: any write since changes it
    adds: list[PlannedAdd] = field(default_factory=list)
    updates: list[PlannedUpdate] = field(default_factory=list)
    new_orgs: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def skipped(self) -> list[SkippedRow]:
        """Rows that are not people (合计, signatures, blank lines, repeated headers, the example)."""
        return self.sheet.skipped

    def notes(self) -> list[str]:
        """What the import leaves out, said once above the row list (preview and CLI)."""
        lines = []
        if self.sheet.ignored:
            lines.append(f"以下列未导入：{'、'.join(self.sheet.ignored)}")
        if self.sheet.other_sheets:
            lines.append(f"只导入了工作表“{self.sheet.sheet_name}”；以下工作表也像花名册，未导入："
                         f"{'、'.join(self.sheet.other_sheets)}")
        if self.skipped:
            lines.append(f"跳过 {len(self.skipped)} 行不是党员的内容（合计、签名、说明、空行等），"
                         f"见提示列表")
        return lines


def ledger_version(store: Store) -> int:
    """Every write appends to the audit chain, so its last id names the ledger's state."""
    return store.query_one("SELECT coalesce(max(id), 0) AS n FROM audit_log")["n"]


def _org_label(branch: str | None, group: str | None) -> str:
    return f"{branch} › {group}" if group else (branch or "")


class _Ledger:
    """The members already in the ledger, read once: by ID number, by (name, birth date) and by
    name."""

    def __init__(self, store: Store):
        self.by_id: dict[str, int] = {}
        self.by_person: dict[tuple, list[dict]] = {}
        self.by_name: dict[str, list[dict]] = {}
        for row in store.query("SELECT id, name, birth_date, id_number, joined_on FROM members"):
            if row["id_number"]:
                self.by_id[row["id_number"]] = row["id"]
            name = same_name(row["name"])
            if row["birth_date"]:
                self.by_person.setdefault((name, row["birth_date"]), []).append(row)
            self.by_name.setdefault(name, []).append(row)


# --- planning ---------------------------------------------------------------------------------

def plan_import(store: Store, sheet: RosterSheet, on_date: str) -> ImportPlan:
    """Judge every row against the ledger as it is on `on_date`; write nothing."""
    root = orgs.root(store)
    if root is None:
        raise StoreError("账本中还没有党组织，请先建立本组织后再导入花名册。")
    plan = ImportPlan(sheet, on_date, ledger_version(store))
    tree = _OrgTree(store, root)
    ledger = _Ledger(store)
    seen_ids: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    seen_members: dict[int, int] = {}
    latest = max(on_date, today())   # the import date may lie in the past; facts may be newer
    for sheet_row in sheet.rows:
        errors: list[RowError] = []

        def fail(f: str, reason: str, value=None):
            errors.append(RowError(sheet_row.number, sheet.headers.get(f, ""),
                                   cell_text(sheet_row.cells.get(f) if value is None else value),
                                   reason))

        def warn(f: str, reason: str):
            plan.warnings.append(RowError(sheet_row.number, sheet.headers.get(f, ""),
                                          cell_text(sheet_row.cells.get(f)), reason))

        if sheet_row.hidden:
            warn("name", "这一行在 Excel 中是隐藏的，已照常读取；如果此人不应导入，请删除该行")
        if sheet_row.continued:
            fail("name", "姓名单元格与上一行合并，一人占了两行以上；请取消合并，把此人的内容并入一行后再导入")
        member, branch, group = read_row(sheet_row.cells, on_date, fail, warn, latest)
        if not errors:     # every field read into its normal form: the rules across fields
            for f, reason in members.cross_checks(member):   # 转正 before 入党 …
                fail(f, reason)
        if errors:
            plan.errors.extend(errors)
            continue
        if member.id_number:
            first = seen_ids.setdefault(member.id_number, sheet_row.number)
            if first != sheet_row.number:
                fail("id_number", f"第 {first} 行和第 {sheet_row.number} 行的身份证号相同，"
                                  f"同一个人只能有一行")
        told = "出生日期" if member.birth_date else "入党日期"
        key = (member.name, told, member.birth_date or member.joined_on)
        if not member.id_number and key[2]:
            first = seen_people.setdefault(key, sheet_row.number)
            if first != sheet_row.number:
                fail("name", f"与第 {first} 行姓名和{told}都相同，又都没有身份证号，无法区分")
        existing = _match(store, ledger, member, fail, warn)
        notices(sheet_row.cells, existing is not None and existing.is_mobile, fail, warn)
        if existing is not None:
            first = seen_members.setdefault(existing.id, sheet_row.number)
            if first != sheet_row.number:
                fail("name", f"与第 {first} 行是同一名党员（{existing.name}）")
        if not errors:
            if existing is None:
                _plan_add(plan, tree, sheet, sheet_row, member, branch, group, fail)
                if "confirmed_on" in sheet.headers and overdue_probation(member, on_date):
                    warn("confirmed_on", f"入党（{member.joined_on}）已超过两年，仍没有转正日期，请核对")
            else:
                _plan_update(plan, store, tree, sheet_row, existing, member, branch, group,
                             on_date, fail, warn)
        plan.errors.extend(errors)
    plan.new_orgs = tree.planned_labels()
    if not sheet.rows:
        plan.warnings.append(RowError(sheet.header_row, "", "", "表头下面没有党员数据"))
    return plan


def _match(store: Store, ledger: _Ledger, member: Member, fail, warn) -> Member | None:
    """By ID number; else by name and birth date; else, where one side has no birth date (a
    roster without IDs imported again), by name and 入党日期."""
    if member.id_number and member.id_number in ledger.by_id:
        return members.get(store, ledger.by_id[member.id_number])
    rows = ledger.by_person.get((member.name, member.birth_date), []) if member.birth_date else []
    if len(rows) > 1:
        fail("name", "账本中有多名同名且出生日期相同的党员，请填写身份证号以便区分")
        return None
    if rows and rows[0]["id_number"] and member.id_number:
        fail("id_number", f"账本中已有同名、出生日期相同的党员，但身份证号不同（{rows[0]['id_number'][-4:]} 结尾）")
        return None
    if rows:
        return members.get(store, rows[0]["id"])
    namesakes = [r for r in ledger.by_name.get(member.name, [])
                 if not (r["birth_date"] and member.birth_date)]
    same = [r for r in namesakes if r["joined_on"] == member.joined_on]
    if len(same) > 1:
        fail("name", "账本中有多名同名、入党日期相同的党员，请填写身份证号或出生日期以便区分")
    elif same:
        return members.get(store, same[0]["id"])
    elif namesakes:
        warn("name", f"账本中已有同名党员（入党日期 {namesakes[0]['joined_on'] or '未填'}），入党日期不同，"
                     f"按另一人新增；如是同一人，请填写身份证号或核对入党日期")
    return None


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
    """Branches and 党小组 by name, including the ones this import will create. Looked up once
    per row: by dictionary and set, so a street's hundreds of 党小组 cost no more than a few."""

    def __init__(self, store: Store, root: orgs.Organisation):
        self.store = store
        self.root = root
        self.by_id = {o.id: o for o in orgs.all_orgs(store)}
        under = set(orgs.subtree_ids(store, root.id))
        self.branches = {o.name: o for o in self.by_id.values()
                         if o.id in under and (o.kind == "党支部" or o.id == root.id)}
        self.groups: dict[tuple[int, str], orgs.Organisation] = {}    # (parent id, name) → 党小组
        for o in self.by_id.values():
            if o.kind == "党小组":
                self.groups.setdefault((o.parent_id, o.name), o)
        self.planned: list[tuple[str, str | None]] = []
        self._planned: set[tuple[str, str | None]] = set()

    def resolve(self, branch, group, fail) -> tuple[str, str | None] | None:
        if branch is None:
            branch = self._branch_for(group, fail)
            if branch is None:
                return None
        if branch not in self.branches:
            self._plan(branch, None)
        if group is not None and self._group(branch, group) is None:
            self._plan(branch, group)
        return branch, group

    def _plan(self, branch: str, group: str | None) -> None:
        if (branch, group) not in self._planned:
            self._planned.add((branch, group))
            self.planned.append((branch, group))

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
        return None if parent is None else self.groups.get((parent.id, group))

    def label_of(self, org_id: int) -> str:
        org = self.by_id[org_id]
        if org.kind == "党小组" and org.parent_id in self.by_id:
            return _org_label(self.by_id[org.parent_id].name, org.name)
        return org.name

    def planned_labels(self) -> list[str]:
        return [_org_label(b, g) for b, g in self.planned]
