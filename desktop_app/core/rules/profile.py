"""Rule profiles (规则档案): a locality's numbers as data, loaded from TOML and checked field by field.

A profile handed out by the upper level may be hand-edited, so every problem is reported in
Chinese with the line and the field (tomllib gives the line of a syntax error; for the rest we
find the line of the rule's `[[rules]]` table or of the field itself). The field types live in
`resources/rules/schema.toml`, so the file format is documented in one place.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.errors import WordedError
from desktop_app.core.scoring.sheet import PioneerSheet, Standard, parse_pioneer, parse_standard

TYPE_NAMES = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "true 或 false",
              "strings": "文字列表", "fraction": "比例（如 \"1/3\" 或 0.7）", "choice": "规定的取值"}


class ProfileError(WordedError, ValueError):
    """A profile that cannot be used, with a message naming the line and the field."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    source: str
    type: str
    params: dict
    quote: str | None = None

    @property
    def citation(self) -> str:
        return f"{self.source}：“{self.quote}”" if self.quote else self.source


@dataclass(frozen=True)
class ActivityDays:
    """Fixed days of the month; None where the profile leaves the day to the branch's own plan."""
    study_day: int | None = None
    service_day: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class DuesBracket:
    category: str            # 在职 / 离退休
    up_to_fen: int | None    # inclusive upper bound of monthly income; None = everything above
    rate_bp: int             # basis points (万分之): 0.5 % = 50


@dataclass(frozen=True)
class DuesFixed:
    category: str            # 学生, 农民, 无收入, 生活困难 …
    min_fen: int
    max_fen: int


@dataclass(frozen=True)
class DuesStandard:
    source: str
    base_month: int
    brackets: tuple[DuesBracket, ...]
    fixed: tuple[DuesFixed, ...]


@dataclass(frozen=True)
class DisclosureItem:
    """One item of the public disclosure list (三务公开); see core/disclosure/items.py."""
    id: str
    number: int
    title: str
    kind: str                 # from_ledger / entered
    every: str                # month / quarter / half_year / year / on_change
    board: str                # 党务 / 居务 / 财务
    data: str | None = None   # for from_ledger: cadres, activity_plan, stars, pioneer, …
    contacts: bool = False    # may the posted board carry phone numbers
    note: str | None = None


@dataclass(frozen=True)
class Disclosure:
    source: str
    items: tuple[DisclosureItem, ...]
    quote: str | None = None


@dataclass(frozen=True)
class HandlingStep:
    """One step of handling a member found 不合格: `days` to complete once it opens."""
    step: str                 # 限期改正 / 劝退 / 除名
    days: int
    source: str


@dataclass(frozen=True)
class AppraisalRules:
    """[appraisal]: the source of the 民主评议党员 and the procedure for 不合格, in order."""
    source: str
    handling: tuple[HandlingStep, ...]
    quote: str | None = None


@dataclass(frozen=True)
class RuleProfile:
    id: str
    title: str
    source: str
    activity_days: ActivityDays
    dues_standard: DuesStandard
    rules: tuple[Rule, ...] = field(default=())
    pioneer: PioneerSheet | None = None     # 先锋指数考评表 ([pioneer])
    standard: Standard | None = None        # 星级标准与达标销号条目 ([standard])
    disclosure: Disclosure | None = None    # 三务公开事项 ([disclosure])
    appraisal: AppraisalRules | None = None  # 民主评议党员与不合格党员处置 ([appraisal])

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def profiles_dir() -> Path:
    return paths.resources_dir() / "rules"


def installed_dir() -> Path:
    """Where profiles handed out by the upper level are kept once installed (the data dir)."""
    return paths.data_dir() / "rules"


def shipped_ids() -> list[str]:
    return sorted(p.stem for p in profiles_dir().glob("*.toml") if p.stem != "schema")


def available_ids() -> list[str]:
    installed = [p.stem for p in installed_dir().glob("*.toml")]   # none if the folder is missing
    return sorted(set(shipped_ids()) | set(installed))


def load_profile(id_or_path: str | Path) -> RuleProfile:
    """A profile by id (shipped, then installed) or any profile file by path."""
    path = Path(id_or_path)
    if path.suffix != ".toml":
        path = profiles_dir() / f"{id_or_path}.toml"
        if not path.exists():
            path = installed_dir() / f"{id_or_path}.toml"
        if not path.exists():
            raise ProfileError(f"没有名为“{id_or_path}”的规则档案（可选：{'、'.join(available_ids())}）")
    elif not path.exists():
        raise ProfileError(f"找不到规则档案文件 {path}")
    return _load_cached(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load_cached(path: Path, _mtime: int) -> RuleProfile:
    text = path.read_bytes().decode("utf-8-sig")
    return parse_profile(text, path.name)


def parse_profile(text: str, name: str = "规则档案") -> RuleProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only in the message: "… (at line 12, column 5)".
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"第 {found[1]} 行第 {found[2]} 列：" if found else ""
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ProfileError(f"规则档案 {name} {where}TOML 格式错误（{reason}），"
                           f"请检查引号、括号和等号") from exc
    try:
        return _Checker(text, name, locate=False).profile(data)
    except ProfileError:
        # Lines are looked up only for the message: the same checks again, now finding them.
        _Checker(text, name, locate=True).profile(tomllib.loads(text))
        raise


@lru_cache(maxsize=1)
def _schema() -> dict:
    with open(profiles_dir() / "schema.toml", "rb") as handle:
        return tomllib.load(handle)


def _bounds(rule: dict) -> str:
    """The range a schema field allows, in words: 应在 1～28 之间, or 应不小于 1 where it sets no
    maximum (every field of schema.toml with a `max` has a `min`)."""
    if "max" in rule:
        return f"应在 {rule['min']}～{rule['max']} 之间"
    return f"应不小于 {rule['min']}"


# The top-level tables a profile may have; any other table is a misspelling, not dropped unread.
SECTIONS = ("activity_days", "dues_standard", "rules", "pioneer", "standard", "disclosure",
            "appraisal")


class _Checker:
    """Walks the parsed TOML against the schema, raising the first problem with its line.

    Finding a line scans the text (most of the check's time), so a first pass with
    `locate=False` takes every line as 0; only a profile that fails is checked again to say where.
    No check depends on a line number, so both passes stop at the same problem."""

    def __init__(self, text: str, name: str, locate: bool):
        self.lines = text.splitlines() if locate else []
        self.name = name

    def profile(self, data: dict) -> RuleProfile:
        schema = _schema()
        top = self.fields(data, schema["profile"], "", None, 0, allowed_extra=SECTIONS)
        days = self.as_table(data.get("activity_days", {}), "activity_days",
                             self.header_line("activity_days"))
        days = self.fields(days, schema["activity_days"], "activity_days.", None,
                           self.header_line("activity_days"))
        dues = self.section(data, "dues_standard")
        dues_fields = self.fields(dues, schema["dues_standard"], "dues_standard.", None,
                                  self.header_line("dues_standard"),
                                  allowed_extra=("brackets", "fixed"))
        brackets = tuple(self.bracket(b, i) for i, b in
                         enumerate(self.table_list(dues, "brackets", "dues_standard.")))
        fixed = tuple(self.fixed(f, i) for i, f in
                      enumerate(self.table_list(dues, "fixed", "dues_standard.")))
        rules = tuple(self.rule(r, i) for i, r in enumerate(self.table_list(data, "rules", "")))
        seen: set[str] = set()
        for index, rule in enumerate(rules):
            if rule.id in seen:
                self.fail(self.nth_header("rules", index), f"规则代码 {rule.id} 重复")
            seen.add(rule.id)
        return RuleProfile(top["id"], top["title"], top["source"], ActivityDays(**days),
                           DuesStandard(dues_fields["source"], dues_fields["base_month"],
                                        brackets, fixed), rules,
                           parse_pioneer(self, data), parse_standard(self, data, seen),
                           self.disclosure(data), self.appraisal(data))

    @staticmethod
    def schema() -> dict:
        return _schema()

    def disclosure(self, data: dict) -> Disclosure | None:
        """The optional [disclosure] list; profiles written before it existed have none."""
        if "disclosure" not in data:
            return None
        raw = self.as_table(data["disclosure"], "disclosure", self.header_line("disclosure"))
        values = self.fields(raw, _schema()["disclosure"], "disclosure.", None,
                             self.header_line("disclosure"), allowed_extra=("items",))
        items = tuple(self.disclosure_item(r, i) for i, r in
                      enumerate(self.table_list(raw, "items", "disclosure.")))
        for what in ("id", "number"):
            seen = set()
            for index, item in enumerate(items):
                if getattr(item, what) in seen:
                    self.fail(self.nth_header("disclosure.items", index),
                              f"公开事项的{'代码' if what == 'id' else '序号'} "
                              f"{getattr(item, what)} 重复")
                seen.add(getattr(item, what))
        return Disclosure(values["source"], items, values.get("quote"))

    def disclosure_item(self, raw, index: int) -> DisclosureItem:
        line = self.nth_header("disclosure.items", index)
        values = self.fields(self.as_table(raw, "disclosure.items", line),
                             _schema()["disclosure_item"], "disclosure.items.", None, line)
        if values["kind"] == "from_ledger" and "data" not in values:
            self.fail(line, f"公开事项 {values['id']} 取自账本，须填写 data（取自账本的数据）")
        return DisclosureItem(**values)

    def appraisal(self, data: dict) -> AppraisalRules | None:
        """The optional [appraisal] section with its [[appraisal.handling]] steps."""
        if "appraisal" not in data:
            return None
        line = self.header_line("appraisal")
        raw = self.as_table(data["appraisal"], "appraisal", line)
        values = self.fields(raw, _schema()["appraisal"], "appraisal.", None, line,
                             allowed_extra=("handling",))
        steps = []
        for index, step in enumerate(self.table_list(raw, "handling", "appraisal.")):
            at = self.nth_header("appraisal.handling", index)
            steps.append(HandlingStep(**self.fields(
                self.as_table(step, "appraisal.handling", at), _schema()["appraisal_step"],
                "appraisal.handling.", None, at)))
        return AppraisalRules(values["source"], tuple(steps), values.get("quote"))

    def bracket(self, raw, index: int) -> DuesBracket:
        line = self.nth_header("dues_standard.brackets", index)
        values = self.fields(self.as_table(raw, "dues_standard.brackets", line),
                             _schema()["dues_bracket"], "dues_standard.brackets.", None, line)
        bp = Decimal(str(values["percent"])) * 100
        if bp != bp.to_integral_value():
            self.fail(line, "字段 dues_standard.brackets.percent（交纳比例）最多两位小数")
        up_to = values.get("up_to_yuan")
        return DuesBracket(values["category"], None if up_to is None else up_to * 100, int(bp))

    def fixed(self, raw, index: int) -> DuesFixed:
        line = self.nth_header("dues_standard.fixed", index)
        values = self.fields(self.as_table(raw, "dues_standard.fixed", line),
                             _schema()["dues_fixed"], "dues_standard.fixed.", None, line)
        if values["max_fen"] < values["min_fen"]:
            self.fail(line, "字段 dues_standard.fixed.max_fen（每月最高）不能小于每月最低")
        return DuesFixed(**values)

    def rule(self, raw, index: int) -> Rule:
        line = self.nth_header("rules", index)
        raw = self.as_table(raw, "rules", line)
        rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        values = self.fields(raw, _schema()["rule"], "", rule_id, line,
                             allowed_extra=("params",))
        params_raw = raw.get("params", {})
        if not isinstance(params_raw, dict):
            self.fail(line, f"规则 {rule_id} 的 params 应为表（[rules.params]）")
        params_line = self.header_line("rules.params", after=line)
        params = self.fields(params_raw, _schema()["types"][values["type"]], "params.", rule_id,
                             params_line or line)
        if values["type"] in ("meeting_frequency", "member_participation") and not (
                params.get("kinds") or params.get("tag") or params.get("day_kinds")):
            self.fail(params_line or line,
                      f"规则 {rule_id} 须至少填写 params.kinds（会议类型）或 params.tag（会议标签）之一")
        return Rule(values["id"], values["title"], values["source"], values["type"], params,
                    values.get("quote"))

    # --- generic field checking ------------------------------------------------------------
    def fields(self, raw: dict, spec: dict, prefix: str, rule_id: str | None, line: int,
               allowed_extra: tuple[str, ...] = ()) -> dict:
        subject = f"规则 {rule_id} 的字段" if rule_id else "字段"
        result = {}
        for key in raw:
            if key not in spec and key not in allowed_extra:   # a misspelt field or [table]
                self.fail(self.header_line(prefix + key) or self.field_line(key, line),
                          f"{subject} {prefix}{key} 无法识别（拼写错误？）")
        for key, rule in spec.items():
            label = rule["label"]
            where = f"{subject} {prefix}{key}（{label}）"
            if key not in raw:
                if rule.get("required"):
                    self.fail(line, f"缺少{where}")
                continue
            result[key] = self.value(raw[key], rule, where, self.field_line(key, line))
        return result

    def value(self, value, rule: dict, where: str, line: int):
        kind = rule["type"]
        expected = TYPE_NAMES[kind]
        if kind == "fraction":
            return self.fraction(value, where, line)
        ok = {"string": isinstance(value, str) and value.strip() != "",
              "integer": isinstance(value, int) and not isinstance(value, bool),
              "number": isinstance(value, (int, float)) and not isinstance(value, bool),
              "boolean": isinstance(value, bool),
              "strings": isinstance(value, list) and bool(value)
              and all(isinstance(v, str) for v in value),
              "choice": isinstance(value, str)}[kind]
        if not ok:
            self.fail(line, f"{where} 应为{expected}，现为 {value!r}")
        allowed = rule.get("values")
        for item in (value if kind == "strings" else [value]):
            if allowed and item not in allowed:     # only choice and strings have `values`
                self.fail(line, f"{where} 的取值“{item}”不在允许范围内：{'、'.join(allowed)}")
        if "min" in rule and value < rule["min"] or "max" in rule and value > rule["max"]:
            self.fail(line, f"{where} {_bounds(rule)}，现为 {value}")
        return tuple(value) if kind == "strings" else value

    def fraction(self, value, where: str, line: int) -> Fraction:
        try:
            if isinstance(value, str) and value.endswith("%"):
                result = Fraction(value[:-1].strip()) / 100
            else:   # a boolean, date or list is refused as Fraction refuses "True" or "[1]"
                result = Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            self.fail(line, f"{where} 应为{TYPE_NAMES['fraction']}，现为 {value!r}")
        if not 0 <= result <= 1:
            self.fail(line, f"{where} 应在 0～1 之间，现为 {value!r}")
        return result

    def section(self, data: dict, key: str) -> dict:
        if key not in data:
            self.fail(len(self.lines), f"缺少 [{key}] 部分")
        return self.as_table(data[key], key, self.header_line(key))

    def table_list(self, data: dict, key: str, prefix: str) -> list:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(self.header_line(prefix + key) or self.key_line(prefix + key),
                      f"{prefix}{key} 应写成 [[{prefix}{key}]] 表数组")
        return value

    def as_table(self, value, name: str, line: int) -> dict:
        """`value` when it is a table; a list or inline value written in its place (`activity_days
        = [1]`) has no header, so it is named at its `key =` line."""
        if not isinstance(value, dict):
            self.fail(line or self.key_line(name), f"[{name}] 应为表")
        return value

    # --- finding lines ---------------------------------------------------------------------
    def header_line(self, name: str, after: int = 0) -> int:
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?\s*(#.*)?$")
        for number in range(after + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if after and re.match(r"^\s*\[\[\s*rules\s*\]\]", text):
                return 0
            if pattern.match(text):
                return number
        return 0

    def nth_header(self, name: str, index: int) -> int:
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(name)}\s*\]\]")
        found = [n for n, text in enumerate(self.lines, 1) if pattern.match(text)]
        return found[index] if index < len(found) else 0

    def field_line(self, key: str, start: int) -> int:
        """The line of `key = …` in the table that starts at line `start` (0: the top level)."""
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if text.lstrip().startswith("["):
                break
            if pattern.match(text):
                return number
        return start

    def key_line(self, name: str) -> int:
        """The line of `key = …` for a dotted `name` written as a value under its parent's header
        (a list or inline table where a table or an array of tables belongs)."""
        parent, _, key = name.rpartition(".")
        return self.field_line(key, self.header_line(parent))     # no header "[]": 0, the top

    def fail(self, line: int, message: str):
        where = f"第 {line} 行：" if line else ""
        raise ProfileError(f"规则档案 {self.name} {where}{message}")
