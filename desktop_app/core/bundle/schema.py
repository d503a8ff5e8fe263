"""JSON from outside (the ledger extract, a 回执) checked before any code uses it: size and nesting caps before parsing, then
its JSON Schema in resources/schemas/ (types, required keys, no
unknown keys, no control characters in any text), with a Chinese reason that names the field by
its Chinese title.

The schema is compiled here into one small closure per node, for the subset of JSON Schema it
uses (type, const, required, properties, additionalProperties, propertyNames, maxProperties,
items, maxItems, pattern, min/maxLength, minimum/maximum, oneOf, $ref to definitions): generic
validators cost 10–30 ms an extract, this about 1 ms, and `aggregate` checks 10,000 of them.

`parse_json(raw, name, schema) -> dict` raises `JsonRefused` (message in Chinese).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Callable

from desktop_app.core import paths
from desktop_app.core.bundle.text import shown

EXTRACT_SCHEMA = "ledger-extract.schema.json"
RECEIPT_SCHEMA = "receipt.schema.json"
MAX_BYTES = 4 * 1024 * 1024       # a year's extract of a large branch is under 200 KB
MAX_DEPTH = 12                    # the schema nests 6 deep
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ALL_BUT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")

RULES = {"type": "类型不对", "required": "缺少必填项", "additionalProperties": "有不应有的项",
         "pattern": "格式不对（或含控制字符）", "const": "不是支持的版本", "maxLength": "太长",
         "minLength": "不能为空", "minimum": "小于允许值", "maximum": "大于允许值",
         "maxItems": "条目太多", "maxProperties": "条目太多", "oneOf": "类型或格式不对"}
TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
         "null": type(None), "array": list, "object": dict}


class JsonRefused(Exception):
    """The file cannot be used; the message (Chinese) names the field and the problem."""


class _Invalid(Exception):
    def __init__(self, title: str, rule: str, key: str | None = None):
        super().__init__(rule)
        self.title, self.rule = title, rule
        self.path = [] if key is None else [key]


def schema_path(schema_name: str):
    return paths.resources_dir() / "schemas" / schema_name


@lru_cache(maxsize=4)
def _validator(schema_name: str) -> Callable:
    schema = json.loads(schema_path(schema_name).read_text(encoding="utf-8"))
    return _compile(schema, schema.get("definitions", {}), "数据")


def _compile(node: dict, defs: dict, title: str) -> Callable:
    if "$ref" in node:
        node = {**defs[node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
    title = node.get("title", title)
    checks: list[Callable] = []

    def fail(rule: str, key: str | None = None):
        raise _Invalid(title, rule, key)

    if "type" in node:
        names = [node["type"]] if isinstance(node["type"], str) else node["type"]
        kinds = tuple(TYPES[k] for k in names)
        no_bool = bool not in kinds and ({"integer", "number"} & set(names))
        checks.append(lambda v: (isinstance(v, kinds) and not (no_bool and (v is True or v is False)))
                      or fail("type"))
    if "const" in node:
        const = node["const"]
        checks.append(lambda v: (type(v) is type(const) and v == const) or fail("const"))
    if "oneOf" in node:
        options = [_compile(o, defs, title) for o in node["oneOf"]]
        if len(options) == 2 and node["oneOf"][0] == {"type": "null"}:
            other = options[1]                          # "null or X": X never accepts null
            checks.append(lambda v: v is None or other(v))
        else:
            checks.append(lambda v: _one_of(options, v) or fail("oneOf"))
    if node.get("type") == "string":
        checks[0] = _string(node, fail)                 # one closure for all a string's checks
    else:
        for rule, test in (("minimum", lambda v, n: v >= n), ("maximum", lambda v, n: v <= n)):
            if rule in node:
                checks.append(lambda v, n=node[rule], test=test, rule=rule:
                              not isinstance(v, (int, float)) or test(v, n) or fail(rule))
    if node.get("type") == "array":                    # the type check is the container's own
        checks[0] = _array(node, defs, title, fail)
    if node.get("type") == "object":
        checks[0] = _object(node, defs, title, fail)

    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: (first(v) or True) and (second(v) or True)

    def check(value):
        for one in checks:
            one(value)
        return True
    return check


def _string(node: dict, fail: Callable) -> Callable:
    search = re.compile(node["pattern"]).search if "pattern" in node else None
    longest, shortest = node.get("maxLength", 1 << 62), node.get("minLength", 0)

    def check(v):
        if not isinstance(v, str):
            fail("type")
        if len(v) > longest:
            fail("maxLength")
        if len(v) < shortest:
            fail("minLength")
        if search is not None and not search(v):
            fail("pattern")
        return True
    return check


def _one_of(options: list[Callable], value) -> bool:
    matched = 0
    for option in options:
        try:
            matched += option(value)
        except _Invalid:
            pass
    return matched == 1


def _array(node: dict, defs: dict, title: str, fail: Callable) -> Callable:
    item = _compile(node["items"], defs, title) if "items" in node else None
    limit = node.get("maxItems")

    def check(value):
        if not isinstance(value, list):
            fail("type")
        if limit is not None and len(value) > limit:
            fail("maxItems")
        if item:
            for index, v in enumerate(value):
                try:
                    item(v)
                except _Invalid as exc:
                    exc.path.insert(0, f"[{index}]")
                    raise
        return True
    return check


def _object(node: dict, defs: dict, title: str, fail: Callable) -> Callable:
    fields = {k: _compile(v, defs, title) for k, v in node.get("properties", {}).items()}
    required = node.get("required", [])
    extra = node.get("additionalProperties", True)
    extra = extra if isinstance(extra, bool) else _compile(extra, defs, title)
    names = _compile(node["propertyNames"], defs, title) if "propertyNames" in node else None
    limit = node.get("maxProperties")

    def check(value):
        if not isinstance(value, dict):
            fail("type")
        if limit is not None and len(value) > limit:
            fail("maxProperties")
        for key in required:
            if key not in value:
                fail("required", key)
        for key, v in value.items():
            try:
                if names:
                    names(key)
                field = fields.get(key)
                if field is not None:
                    field(v)
                elif extra is False:
                    fail("additionalProperties", key)
                elif extra is not True:
                    extra(v)
            except _Invalid as exc:
                if not exc.path or exc.path[0] != key:
                    exc.path.insert(0, key)
                raise
        return True
    return check


def max_depth(raw: bytes) -> int:
    """Deepest nesting of [ and {. The brackets alone first (in C): brackets inside strings can
    only make that figure larger, so strings are stripped only when it exceeds the cap."""
    depth = _depth(raw.translate(None, _ALL_BUT_BRACKETS))
    return depth if depth <= MAX_DEPTH else _depth(
        _STRINGS.sub(b"", raw).translate(None, _ALL_BUT_BRACKETS))


def _depth(brackets: bytes) -> int:
    depth = deepest = 0
    for char in brackets:
        depth += 1 if char in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_json(raw: bytes, name: str, schema_name: str = EXTRACT_SCHEMA) -> dict:
    if len(raw) > MAX_BYTES:
        raise JsonRefused(f"{name} 超过 {MAX_BYTES // (1024 * 1024)} MB，不是本软件生成的文件。")
    if max_depth(raw) > MAX_DEPTH:
        raise JsonRefused(f"{name} 嵌套层数超过 {MAX_DEPTH} 层，不是本软件生成的文件。")
    try:
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise JsonRefused(f"{name} 不是 UTF-8 编码的文本。") from None
    except (ValueError, RecursionError):
        raise JsonRefused(f"{name} 不是完整的 JSON（可能被截断或损坏）。") from None
    try:
        _validator(schema_name)(value)
    except _Invalid as exc:
        where = shown("".join(p if p.startswith("[") else f".{p}" for p in exc.path).lstrip(".")
                      or "顶层", 80)
        raise JsonRefused(f"{name} 不符合格式：“{exc.title}”（{where}）"
                             f"{RULES.get(exc.rule, '不符合要求')}。") from None
    return value
