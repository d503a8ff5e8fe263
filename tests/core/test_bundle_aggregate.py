"""Aggregating a folder of bundles at the upstream office: two good, one tampered."""
import json
import shutil
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook

from desktop_app.core.bundle import BundleError, aggregate
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
    rows = aggregate.summary_rows(aggregate.verify_folder(folder, registry))
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
    text = aggregate.as_text(rows)
    assert "共 3 个包：有效 2，无效 1。" in text
    assert text.splitlines()[2].split("\t")[:4] == ["DEMO-01", "第一党支部", "2025Q4", "无效"]


def test_xlsx_has_the_same_rows(inbox, tmp_path):
    folder, registry, _ = inbox
    rows = aggregate.summary_rows(aggregate.verify_folder(folder, registry))
    out = tmp_path / "summary.xlsx"
    aggregate.write_xlsx(rows, out)
    sheet = load_workbook(out).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == list(aggregate.HEADERS)
    assert [v[:4] for v in values[1:]] == [["DEMO-01", "第一党支部", "2025Q3", "有效"],
                                           ["DEMO-01", "第一党支部", "2025Q4", "无效"],
                                           ["DEMO-02", "第二党支部", "2025Q3", "有效"]]
    good = rows[0]
    assert values[1][4:9] == [*(good.by_status[s] for s in aggregate.STATUSES),
                              f"{good.held}/{good.required}"]
    assert values[2][4:9] == [None] * 5
    assert [p.name for p in tmp_path.iterdir()] == ["summary.xlsx"]     # no temp left behind


def test_missing_folder(tmp_path):
    with pytest.raises(BundleError, match="找不到文件夹"):
        aggregate.verify_folder(tmp_path / "none", {})
