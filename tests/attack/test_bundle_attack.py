"""Hostile bundles (issue 11 part 4 and 6): every crafted or mutated bundle is refused with a
named Chinese reason — never a traceback, never the catch-all, never a raw control character —
and a bundle is 有效 only when what it carries is exactly what was signed.

The default run tries a few hundred mutations; the 10,000-mutation run is marked `attack_full`:
    pytest tests/attack -m attack_full -p no:cacheprovider
"""
import json
import os
import re
import tempfile
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.bundle.text import UNSAFE
from desktop_app.core.bundle.verify import Verdict, verify_bundle
from tests.attack.bundle_generators import (EXTRACT_PATH, extract_of, get, NEST, pack,
                                            paths_in, put, resign, take_apart, with_extract,
                                            wrong_kind)
from tests.core.bundle_helpers import make_signed

CJK = re.compile("[\u4e00-\u9fff]")
DEFAULT_EXAMPLES = 150      # per mutation family, three families in the default run
FULL_EXAMPLES = 10_000      # tampered bundles: the issue's figure
FULL_OTHER_EXAMPLES = 2_000    # damaged zips and crafted re-signed extracts, each


@pytest.fixture(scope="module")
def signed(demo_template, tmp_path_factory):
    return make_signed(demo_template, tmp_path_factory)


@pytest.fixture(scope="module")
def parts(signed):
    return take_apart(signed.path)


def _verify(signed, data: bytes):
    handle, name = tempfile.mkstemp(suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return verify_bundle(name, signed.registry)
    finally:
        os.unlink(name)


def _assert_refused_well(report) -> None:
    assert report.verdict is not Verdict.VALID
    assert report.problems, report
    for problem in report.problems:
        assert CJK.search(problem), problem                       # worded in Chinese
        assert not UNSAFE.search(problem), problem                # no raw control characters
        assert "意外错误" not in problem, problem                  # a named reason, not the catch-all
    assert not UNSAFE.search(report.describe().replace("\n", ""))     # lines are its own


# --- mutation families ---------------------------------------------------------------------
def _member_mutation(draw, files: dict[str, bytes]) -> dict[str, bytes]:
    """Change what one file in the bag holds, or the set of files (never re-signed)."""
    files = dict(files)
    names = sorted(files)
    kind = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate", "drop", "add",
                                 "rename", "swap"]))
    name = draw(st.sampled_from(names))
    data = bytearray(files[name])
    if kind in ("flip", "set", "insert", "delete", "truncate") and not data:
        kind = "add"
    if kind == "flip":
        at = draw(st.integers(0, len(data) - 1))
        data[at] ^= 1 << draw(st.integers(0, 7))
    elif kind == "set":
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255).filter(lambda b: b != data[at]))
    elif kind == "insert":
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=16))
    elif kind == "delete":
        at = draw(st.integers(0, len(data) - 1))
        del data[at:at + draw(st.integers(1, 16))]
    elif kind == "truncate":
        data = data[:draw(st.integers(0, len(data) - 1))]
    if kind in ("flip", "set", "insert", "delete", "truncate"):
        files[name] = bytes(data)
    elif kind == "drop":
        del files[name]
    elif kind == "add":
        where = draw(st.sampled_from(["", "data/", "extra/", "data/sub/"]))
        files[where + draw(st.sampled_from(["x.txt", "readme.txt", "bagit.txt.bak", "说明 2.txt",
                                            ".hidden", "a\x1bb"]))] = draw(st.binary(max_size=64))
    elif kind == "rename":
        files[name + draw(st.sampled_from([".old", "x", " "]))] = files.pop(name)
    else:
        other = draw(st.sampled_from(names))
        files[name], files[other] = files[other], files[name]
    return files


@st.composite
def tampered(draw, parts):
    top, files = parts
    changed = files
    while changed == files:
        changed = _member_mutation(draw, files)
    return changed, pack(top, changed)


@st.composite
def zip_bytes(draw, data: bytes):
    """Byte mutations of the zip itself (headers, central directory, compressed streams)."""
    raw = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(raw) - 1))
        raw[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        raw = raw[:draw(st.integers(0, len(raw)))] + draw(st.binary(max_size=32))
    return bytes(raw)


@st.composite
def crafted_by_key_holder(draw, parts, key):
    """The extract changed in a way its schema refuses, then everything re-signed with the
    trusted key: only the schema and the bag-info comparison stand in the way."""
    top, files = parts
    extract = extract_of(files)
    paths = [p for p in paths_in(extract) if get(extract, p) is not None]
    kind = draw(st.sampled_from(["kind", "control", "drop", "add", "nest"]))
    depth = 0
    path = draw(st.sampled_from(paths))
    if kind == "kind":
        put(extract, path, wrong_kind(get(extract, path), draw(st.integers(0, 3)),
                                      draw(st.text(max_size=8))))
    elif kind == "control":
        strings = [p for p in paths if isinstance(get(extract, p), str)]
        path = draw(st.sampled_from(strings))
        old = get(extract, path)
        at = draw(st.integers(0, len(old)))
        bad = draw(st.sampled_from(["\x00", "\x1b[2J", "\x07", "\r", "\u202e", "\x85", "\u2028"]))
        put(extract, path, old[:at] + bad + old[at:])
    elif kind == "drop":
        required = [p for p in paths if isinstance(p[-1], str) and p[0] != "findings_by_status"]
        path = draw(st.sampled_from(required))
        del get(extract, path[:-1])[path[-1]]
    elif kind == "add":
        holders = [p for p in [()] + paths if isinstance(get(extract, p), dict)
                   and p[:1] != ("findings_by_status",)]
        get(extract, draw(st.sampled_from(holders)))[draw(st.sampled_from(["extra", "名字", "x y"]))] = 1
    else:
        put(extract, path, NEST)
        depth = draw(st.integers(20, 100_000))
    changed = resign(with_extract(files, extract, depth), key)
    return changed, pack(top, changed)


def _run_tampering(signed, parts, examples):
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=tampered(parts))
    def run(case):
        _, data = case
        _assert_refused_well(_verify(signed, data))
    run()


def _run_zip_bytes(signed, parts, examples):
    top, files = parts
    original = signed.path.read_bytes()

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=zip_bytes(original))
    def run(data):
        report = _verify(signed, data)
        if report.ok:           # a change the bag does not carry (a timestamp in a zip header)
            assert take_apart_bytes(data) == files
        else:
            _assert_refused_well(report)
    run()


def take_apart_bytes(data: bytes):
    handle, name = tempfile.mkstemp(suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return take_apart(name)[1]
    finally:
        os.unlink(name)


def _run_crafted(signed, parts, examples):
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=crafted_by_key_holder(parts, signed.key))
    def run(case):
        report = _verify(signed, case[1])
        assert report.verdict is Verdict.UNREADABLE, report.problems
        _assert_refused_well(report)
    run()


def test_tampered_bundles_are_refused(signed, parts):
    _run_tampering(signed, parts, DEFAULT_EXAMPLES)


def test_damaged_zips_are_refused_or_unchanged(signed, parts):
    _run_zip_bytes(signed, parts, DEFAULT_EXAMPLES)


def test_crafted_extracts_signed_by_the_trusted_key_are_refused(signed, parts):
    _run_crafted(signed, parts, DEFAULT_EXAMPLES)


@pytest.mark.attack_full
def test_ten_thousand_mutations(signed, parts, capsys):
    """The figure for the closing note: 10,000 tampered bundles, 100 % refused with a named
    reason, and 2,000 each of damaged zips and crafted extracts re-signed with the trusted key."""
    for name, run, count in (("tampered", _run_tampering, FULL_EXAMPLES),
                             ("zip bytes", _run_zip_bytes, FULL_OTHER_EXAMPLES),
                             ("crafted, re-signed", _run_crafted, FULL_OTHER_EXAMPLES)):
        started = time.perf_counter()
        run(signed, parts, count)
        with capsys.disabled():
            print(f"\n{name}: {count} mutations refused (or unchanged), 0 tracebacks, "
                  f"{time.perf_counter() - started:.0f} s")


# --- the inputs that reached users as tracebacks (issue 11) --------------------------------
def _crafted(signed, parts, change_extract=None, change_files=None, depth=0):
    top, files = parts
    files = dict(files)
    if change_extract:
        extract = extract_of(files)
        change_extract(extract)
        files = with_extract(files, extract, depth)
    if change_files:
        change_files(files)
    return _verify(signed, pack(top, resign(files, signed.key)))


def test_deeply_nested_json_is_refused_before_parsing(signed, parts):
    report = _crafted(signed, parts, lambda e: e.__setitem__("meetings", NEST), depth=100_000)
    assert report.verdict is Verdict.UNREADABLE and "嵌套层数超过 12 层" in report.problems[0]


@pytest.mark.parametrize("change, reason", [
    (lambda e: e["organisation"].__setitem__("code", 12), "“组织代码”（organisation.code）类型不对"),
    (lambda e: e.__setitem__("period", ["2025Q3"]), "“报送期间”（period）类型不对"),
    (lambda e: e["organisation"].__setitem__("name", "第一\x1b[2J党支部"),
     "“组织名称”（organisation.name）格式不对"),
    (lambda e: e.pop("requirements"), "（requirements）缺少必填项"),
    (lambda e: e.__setitem__("requirements", {"held": 3}), "“三会一课应开与已开”（requirements）类型不对"),
    (lambda e: e["requirements"][0].pop("held"), "（requirements[0].held）缺少必填项"),
    (lambda e: e["requirements"][0].__setitem__("held", "3"), "“已开次数”（requirements[0].held）类型不对"),
])
def test_each_crafted_extract_from_the_issue_has_its_reason(signed, parts, change, reason):
    report = _crafted(signed, parts, change_extract=change)
    assert report.verdict is Verdict.UNREADABLE
    assert reason in report.problems[0]
    _assert_refused_well(report)


def test_a_foreign_tag_file_encoding_is_refused_without_decoding(signed, parts):
    def codec(files):
        files["bagit.txt"] = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: zlib_codec\n"
    report = _crafted(signed, parts, change_files=codec)
    assert report.verdict is Verdict.UNREADABLE
    assert "不是 BagIt 1.0、UTF-8 编码的声明" in report.problems[0]


def test_a_control_character_in_bag_info_never_reaches_the_terminal(signed, parts):
    def name(files):
        files["bag-info.txt"] = files["bag-info.txt"].replace(
            "Source-Organization: 第一党支部".encode(), "Source-Organization: 第一\x1b]0;x\x07党支部".encode())
    report = _crafted(signed, parts, change_files=name)
    assert report.verdict is Verdict.UNREADABLE and "bag-info.txt 含有控制字符" in report.problems[0]
    _assert_refused_well(report)


def test_bag_info_and_extract_must_agree(signed, parts):
    def other(files):
        files["bag-info.txt"] = files["bag-info.txt"].replace(b"Shilu-Period: 2025Q3",
                                                              b"Shilu-Period: 2025Q4")
    report = _crafted(signed, parts, change_files=other)
    assert report.verdict is Verdict.UNREADABLE and "不一致" in report.problems[0]


def test_a_large_unsigned_bundle_is_refused_before_its_extract_is_parsed(signed, parts, monkeypatch):
    """Issue 11: a 97 KB unsigned bundle drove verify to 1.8 GB by parsing its extract first."""
    from desktop_app.core.bundle import verify as verify_module
    top, files = parts
    files = {**files, EXTRACT_PATH: b"[" * 10_000_000 + b"]" * 10_000_000}
    del files["tagmanifest-sha256.txt.sig"]
    parsed = []
    monkeypatch.setattr(verify_module, "parse_json", lambda *a: parsed.append(a))
    report = _verify(signed, pack(top, files))
    assert report.verdict is Verdict.ALTERED and "缺少签名文件" in report.problems[0]
    assert parsed == []


def test_an_untrusted_signer_never_has_its_extract_read(signed, parts, monkeypatch):
    from desktop_app.core.bundle import verify as verify_module
    top, files = parts
    stranger = Ed25519PrivateKey.generate()
    parsed = []
    monkeypatch.setattr(verify_module, "parse_json", lambda *a: parsed.append(a))
    report = _verify(signed, pack(top, resign(with_extract(files, {"a": NEST}, 50), stranger)))
    assert report.verdict is Verdict.UNREGISTERED and parsed == []


def test_a_valid_extract_still_passes_after_a_round_trip_through_the_generators(signed, parts):
    """The generators themselves are sound: re-signing an unchanged extract gives 有效."""
    top, files = parts
    report = _verify(signed, pack(top, resign(with_extract(files, extract_of(files)), signed.key)))
    assert report.ok, report.problems
    assert json.loads(files[EXTRACT_PATH])["organisation"]["code"] == "DEMO-01"
