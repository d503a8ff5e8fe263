"""The scoring sheet (先锋指数考评表) and the standard (星级标准, 达标销号 items) as profile data.

A profile's `[pioneer]` and `[standard]` sections are read here, field by field, with the same
checker (and Chinese line-numbered messages) as the rest of the profile. The sheet says what each
item is worth; `pioneer.py` applies it to a half year of the ledger.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

LEDGER, ENTERED = "ledger", "entered"
ADD, DEDUCT = "add", "deduct"
# What a ledger item counts, per member in the half year (see pioneer.py).
MEASURES = {"meetings_attended": "次", "study_hours": "学时", "absences": "次",
            "dues_on_time": "个月", "appraisal": "次"}


@dataclass(frozen=True)
class SheetItem:
    """One line of the sheet. Ledger items: `per` points a unit of `measure`, at most `cap`.
    Entered items: each entry between `entry_min` and `entry_max` points, at most `cap` in all."""
    id: str
    category: str
    title: str
    source: str           # LEDGER or ENTERED
    kind: str             # ADD or DEDUCT
    cap: float
    measure: str | None = None
    per: float = 0
    kinds: tuple[str, ...] = ()
    day_kinds: tuple[str, ...] = ()
    tag: str | None = None
    results: tuple[str, ...] = ()   # measure "appraisal": the 民主评议 results that count
    grace_days: int = 0
    entry_min: float = 0
    entry_max: float = 0

    @property
    def sign(self) -> int:
        return -1 if self.kind == DEDUCT else 1


@dataclass(frozen=True)
class Grade:
    min: float
    grade: str
    stars: int


@dataclass(frozen=True)
class RedLine:
    id: str
    title: str
    source: str


@dataclass(frozen=True)
class PioneerSheet:
    title: str
    source: str
    base: float
    fail_grade: str
    items: tuple[SheetItem, ...]
    grades: tuple[Grade, ...]          # highest first
    red_lines: tuple[RedLine, ...] = ()
    exempt_age: int | None = None

    def item(self, item_id: str) -> SheetItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def red_line(self, line_id: str) -> RedLine:
        for line in self.red_lines:
            if line.id == line_id:
                return line
        raise KeyError(line_id)

    def grade_of(self, score: float) -> Grade:
        for band in self.grades:
            if score >= band.min:
                return band
        return Grade(float("-inf"), self.fail_grade, 0)

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(item.category for item in self.items))


@dataclass(frozen=True)
class StandardItem:
    """One requirement of the standard. Decided from the compliance check when `rules` names
    rules (all 达标 → 已销号), from the published 先锋指数 when `pioneer`; else ticked by hand."""
    id: str
    aspect: str
    title: str
    rules: tuple[str, ...] = ()
    pioneer: bool = False
    source: str | None = None


@dataclass(frozen=True)
class StarBand:
    min: Fraction        # share of items struck off
    stars: int


@dataclass(frozen=True)
class StarLevel:
    min_stars: int
    label: str


@dataclass(frozen=True)
class Standard:
    title: str
    source: str
    method: str                        # "aspects": a star per aspect met; "share": bands
    items: tuple[StandardItem, ...]
    bands: tuple[StarBand, ...] = ()   # highest first
    levels: tuple[StarLevel, ...] = () # highest first
    target_stars: int | None = None

    @property
    def aspects(self) -> list[str]:
        return list(dict.fromkeys(item.aspect for item in self.items))

    def level_of(self, stars: int) -> str:
        for level in self.levels:
            if stars >= level.min_stars:
                return level.label
        return ""


def parse_pioneer(checker, data: dict) -> PioneerSheet | None:
    """The `[pioneer]` section, or None when the profile has none."""
    if "pioneer" not in data:
        return None
    schema = checker.schema()
    line = checker.header_line("pioneer")
    raw = checker.as_table(data["pioneer"], "pioneer", line)
    top = checker.fields(raw, schema["pioneer"], "pioneer.", None, line,
                         allowed_extra=("items", "grades", "red_lines"))
    items = tuple(_item(checker, at, values)
                  for at, values in _entries(checker, raw, "pioneer", "items", "pioneer_item"))
    if not items:
        checker.fail(line, "[pioneer] 须至少有一个 [[pioneer.items]] 考评项目")
    _unique(checker, "pioneer.items", [i.id for i in items], "考评项目代码")
    grades = [Grade(values["min"], values["grade"], values.get("stars", 0))
              for _, values in _entries(checker, raw, "pioneer", "grades", "pioneer_grade")]
    if not grades:
        checker.fail(line, "[pioneer] 须至少有一个 [[pioneer.grades]] 等次")
    red_lines = [RedLine(**values)
                 for _, values in _entries(checker, raw, "pioneer", "red_lines", "red_line")]
    _unique(checker, "pioneer.red_lines", [r.id for r in red_lines], "红线代码")
    return PioneerSheet(top["title"], top["source"], top["base"], top["fail_grade"], items,
                        tuple(sorted(grades, key=lambda g: -g.min)), tuple(red_lines),
                        top.get("exempt_age"))


def _entries(checker, raw: dict, parent: str, key: str, schema_name: str):
    """Each `[[parent.key]]` table checked against its schema, as (header line, values)."""
    path = f"{parent}.{key}"
    for index, entry in enumerate(checker.table_list(raw, key, f"{parent}.")):
        at = checker.nth_header(path, index)
        yield at, checker.fields(checker.as_table(entry, path, at), checker.schema()[schema_name],
                                 f"{path}.", None, at)


def _item(checker, at: int, values: dict) -> SheetItem:
    subject = f"考评项目 {values['id']}"
    if values["source"] == LEDGER:
        if "measure" not in values or "per" not in values:
            checker.fail(at, f"{subject} 取自账本，须填写 measure（计分依据）和 per（每次分值）")
        if values["measure"] in ("meetings_attended", "absences") and not (
                values.get("kinds") or values.get("day_kinds") or values.get("tag")):
            checker.fail(at, f"{subject} 须填写 kinds、day_kinds 或 tag，说明计哪些会议活动")
        if values["measure"] == "appraisal" and not values.get("results"):
            checker.fail(at, f"{subject} 须填写 results，说明计分的民主评议结果（如 [\"优秀\"]）")
    else:
        low, high = values.get("entry_min", 0), values.get("entry_max", values["cap"])
        if low > high or high > values["cap"]:
            checker.fail(at, f"{subject} 的单次分值范围 entry_min～entry_max 应在 0～cap 之内")
        values["entry_min"], values["entry_max"] = low, high
    return SheetItem(**values)


def parse_standard(checker, data: dict, rule_ids: set[str]) -> Standard | None:
    """The `[standard]` section (星级评定 and 达标销号), or None when the profile has none."""
    if "standard" not in data:
        return None
    schema = checker.schema()
    line = checker.header_line("standard")
    raw = checker.as_table(data["standard"], "standard", line)
    top = checker.fields(raw, schema["standard"], "standard.", None, line,
                         allowed_extra=("items", "bands", "levels"))
    items = []
    for at, values in _entries(checker, raw, "standard", "items", "standard_item"):
        for rule_id in values.get("rules", ()):
            if rule_id not in rule_ids:
                checker.fail(checker.field_line("rules", at),
                             f"标准条目 {values['id']} 引用的规则 {rule_id} 不在本档案的 [[rules]] 中")
        items.append(StandardItem(**values))
    if not items:
        checker.fail(line, "[standard] 须至少有一个 [[standard.items]] 标准条目")
    _unique(checker, "standard.items", [i.id for i in items], "标准条目代码")
    bands = [StarBand(values["min"], values["stars"])
             for _, values in _entries(checker, raw, "standard", "bands", "star_band")]
    if top["method"] == "share" and not bands:
        checker.fail(line, "[standard] method = \"share\" 须有 [[standard.bands]] 星级分档")
    levels = [StarLevel(**values)
              for _, values in _entries(checker, raw, "standard", "levels", "star_level")]
    return Standard(top["title"], top["source"], top["method"], tuple(items),
                    tuple(sorted(bands, key=lambda b: -b.min)),
                    tuple(sorted(levels, key=lambda lv: -lv.min_stars)), top.get("target_stars"))


def _unique(checker, table: str, ids: list[str], label: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            checker.fail(checker.nth_header(table, index), f"{label} {value} 重复")
        seen.add(value)
