"""Aggregating a folder of bundles at the upstream office: two good, one tampered, and every
other kind of file that can sit in a folder on a stick, each listed as skipped."""
import json
import os
import shutil
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook

from desktop_app.core.bundle import BundleError, aggregate
from desktop_app.core.bundle.verify import Verdict
from desktop_app.core.bundle.trust import TrustedKey
from tests.core.bundle_helpers import build_from_template, registry_for, rewrite


@pytest.fixture(scope="module")
def inbox(demo_template, tmp_path_factory):
    """Bundles from DEMO-01 (2025Q3, and 2025Q4 tampered) and DEMO-02 (2025Q3), each branch with
    its own key, all registered."""
    work = tmp_path_factory.mktemp("work")
    folder = tmp_path_factory.mktemp("inbox")
    one, two = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    registry: dict[str, TrustedKey] = {**registry_for("DEMO-01", one), **registry_for("DEMO-02", two)}
    good_one = build_from_template(demo_template, work, "DEMO-01", "2025Q3", one)
    good_two = build_from_template(demo_template, work, "DEMO-02", "2025Q3", two)
    bad = build_from_template(demo_template, work, "DEMO-01", "2025Q4", one)
    for path in (good_one, good_two):
        shutil.copy(path, folder / path.name)

    def boast(name, data):
        return data.replace("逾期".encode(), "达标".encode()) if name.endswith(".json") else data
    rewrite(bad, folder / bad.name, boast)
    return folder, registry, {p.name: p for p in (good_one, good_two)}


def _extract(path):
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read(next(n for n in z.namelist() if n.endswith("ledger-extract.json"))))


def test_table_of_two_good_and_one_tampered(inbox):
    folder, registry, originals = inbox
    rows = aggregate.summarise(folder, registry).rows
    assert [(r.org_code, r.period, r.valid) for r in rows] == [
        ("DEMO-01", "2025Q3", True), ("DEMO-01", "2025Q4", False), ("DEMO-02", "2025Q3", True)]
    for row in (rows[0], rows[2]):
        extract = _extract(originals[row.file])
        assert row.by_status == extract["findings_by_status"]
        assert row.held == sum(r["held"] for r in extract["requirements"])
        assert row.required == sum(r["required"] for r in extract["requirements"])
        assert row.required > 0 and sum(row.by_status.values()) == len(extract["findings"])
    tampered = rows[1]
    assert tampered.by_status == {} and tampered.held is None
    assert "DEMO-01-2025Q4.zip" in tampered.note and "data/ledger-extract.json 的内容被改动过" in tampered.note
    assert tampered.verdict is Verdict.ALTERED
    text = aggregate.as_text(aggregate.summarise(folder, registry))
    assert "共 3 个包：有效 2，完整但签名人未登记 0，已被改动 1，无法读取 0。" in text
    assert text.splitlines()[2].split("\t")[:4] == ["DEMO-01", "第一党支部", "2025Q4", "已被改动"]


def test_xlsx_has_the_same_rows(inbox, tmp_path):
    folder, registry, _ = inbox
    summary = aggregate.summarise(folder, registry)
    rows = summary.rows
    out = tmp_path / "summary.xlsx"
    aggregate.write_xlsx(summary, out)
    sheet = load_workbook(out).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == list(aggregate.HEADERS)
    assert [v[:4] for v in values[1:]] == [["DEMO-01", "第一党支部", "2025Q3", "有效"],
                                           ["DEMO-01", "第一党支部", "2025Q4", "已被改动"],
                                           ["DEMO-02", "第二党支部", "2025Q3", "有效"]]
    good = rows[0]
    assert values[1][4:9] == [*(good.by_status[s] for s in aggregate.STATUSES),
                              f"{good.held}/{good.required}"]
    assert values[2][4:9] == [None] * 5
    assert [p.name for p in tmp_path.iterdir()] == ["summary.xlsx"]     # no temp left behind


def test_missing_folder(tmp_path):
    with pytest.raises(BundleError, match="找不到文件夹"):
        aggregate.summarise(tmp_path / "none", {})


def test_every_other_file_is_listed_as_skipped_and_a_fifo_does_not_hang(inbox, tmp_path):
    folder, registry, originals = inbox
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    good = originals["DEMO-01-2025Q3.zip"]
    shutil.copy(good, mixed / "UPPER.ZIP")                  # any case of .zip is a bundle
    shutil.copy(good, mixed / ".hidden.zip")
    (mixed / "notes.txt").write_text("x", encoding="utf-8")
    (mixed / "folder.zip").mkdir()
    os.symlink(good, mixed / "link.zip")
    os.mkfifo(mixed / "pipe.zip")
    (mixed / "bad\x1b[2J.zip").write_bytes(b"PK not a zip")
    summary = aggregate.summarise(mixed, registry)
    assert [(r.file, r.verdict) for r in summary.rows] == [
        ("bad\\x1b[2J.zip", Verdict.UNREADABLE), ("UPPER.ZIP", Verdict.VALID)]
    assert sorted((s.file, s.reason) for s in summary.skipped) == [
        (".hidden.zip", "隐藏文件，未校验"), ("folder.zip", "是文件夹，未校验"),
        ("link.zip", "是快捷方式（符号链接），未校验"), ("notes.txt", "不是 .zip 文件，未校验"),
        ("pipe.zip", "不是普通文件（管道或设备），未校验")]
    text = aggregate.as_text(summary)
    assert "跳过 5 个文件" in text and "\x1b" not in text


def test_each_branch_across_periods(inbox, tmp_path):
    folder, registry, originals = inbox
    summary = aggregate.summarise(folder, registry)
    periods, table = aggregate.trend(summary)
    assert periods == ["2025Q3"]                                # the tampered Q4 is not counted
    one = next(r for r in summary.rows if r.org_code == "DEMO-01" and r.valid)
    unmet = sum(n for s, n in one.by_status.items() if s in ("逾期", "缺失"))
    assert table["第一党支部（DEMO-01）"] == {
        "2025Q3": f"会议 {one.held}/{one.required}；未达标 {unmet} 项；在册 {one.members} 人"}
    out = tmp_path / "s.xlsx"
    aggregate.write_xlsx(summary, out)
    sheet = load_workbook(out)["各支部趋势"]
    assert [c.value for c in sheet[1]] == ["支部", "2025Q3"]
    assert sheet.max_row == 3


def test_a_skipped_file_named_like_a_formula_stays_text(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "=HYPERLINK(1).txt").write_text("x", encoding="utf-8")
    (folder / "bad.zip").write_bytes(b"not a zip")
    summary = aggregate.summarise(folder, {})
    out = tmp_path / "s.xlsx"
    aggregate.write_xlsx(summary, out)
    cell = load_workbook(out)["跳过的文件"]["A2"]
    assert cell.value == "=HYPERLINK(1).txt" and cell.data_type == "s" and cell.quotePrefix
