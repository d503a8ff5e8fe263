"""A bundle with the year's 《工作实录》 for the January inspection (issue 15 part 4):
`shilu export bundle --with-book` puts the book PDF in data/, listed in the manifest and so signed;
the bag verifies (ours and `python -m bagit`), a changed byte in the book makes it 已被改动, and
说明.txt and bag-info name the book and the personal data it carries."""
import io
import shutil
import subprocess
import sys
import zipfile
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.cli.main import main
from desktop_app.core import paths
from desktop_app.core.bundle import bag, keys
from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.bundle.verify import Verdict, verify_bundle
from desktop_app.core.exports import book
from tests.core.bundle_helpers import rewrite

TOP = "DEMO-01-2025Q4"
BOOK = "data/2025年度工作实录.pdf"


@dataclass(frozen=True)
class Exported:
    path: Path
    registry: dict
    said: str
    files: dict


@pytest.fixture(scope="module")
def exported(demo_template, tmp_path_factory) -> Exported:
    work = tmp_path_factory.mktemp("with-book")
    ledger = work / "ledger.sqlite"
    shutil.copy(demo_template, ledger)
    patch = pytest.MonkeyPatch()
    patch.setattr(paths, "data_dir", lambda: work / "data")
    patch.setenv("SHILU_PASSPHRASE", "支部口令2025")
    try:
        db = ["--db", str(ledger)]
        assert main([*db, "keys", "init"]) == 0
        out = work / f"{TOP}.zip"
        said = io.StringIO()
        with redirect_stdout(said):
            code = main([*db, "export", "bundle", "--org", "DEMO-01", "--period", "2025Q4",
                         "-o", str(out), "--with-book"])
        assert code == 0, said.getvalue()
        public = keys.load_public(keys.key_folder(ledger))
    finally:
        patch.undo()
    registry = {"DEMO-01": TrustedKey("DEMO-01", keys.public_text(public),
                                      keys.fingerprint(public), "2026-01-15")}
    with zipfile.ZipFile(out) as archive:
        files = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    return Exported(out, registry, said.getvalue(), files)


def test_the_book_is_in_the_bag_listed_in_the_manifest_and_the_bundle_verifies(exported):
    pdf = exported.files[BOOK]
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    manifest = exported.files["manifest-sha256.txt"].decode()
    assert f"{bag.sha256(pdf)}  {BOOK}\n" in manifest
    report = verify_bundle(exported.path, exported.registry)
    assert report.verdict is Verdict.VALID, report.problems
    assert "2025年度工作实录.pdf" in exported.said and "含个人信息" in exported.said


def test_bagit_validates_the_bag_with_the_book(exported, tmp_path):
    with zipfile.ZipFile(exported.path) as archive:
        archive.extractall(tmp_path)
    result = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(tmp_path / TOP)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "is valid" in result.stderr, result.stderr


def test_a_changed_byte_in_the_book_is_altered(exported, tmp_path):
    def retouch(name, data):
        if not name.endswith("工作实录.pdf"):
            return data
        at = len(data) // 2
        return data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]
    report = verify_bundle(rewrite(exported.path, tmp_path / "changed.zip", retouch),
                           exported.registry)
    assert report.verdict is Verdict.ALTERED
    assert report.problems == [f"{BOOK} 的内容被改动过（sha256 与清单不符）。"]


def test_the_readme_and_bag_info_name_the_book_and_its_personal_data(exported):
    readme = exported.files["data/说明.txt"].decode()
    assert "data/2025年度工作实录.pdf：2025 年度《工作实录》全本" in readme
    statement = readme.split("\n个人信息\n")[1]
    assert f"data/2025年度工作实录.pdf：含个人信息——{book.PERSONAL_DATA}" in statement
    assert "姓名" in book.PERSONAL_DATA and "data/ledger-extract.json：不含个人信息" in statement
    info = exported.files["bag-info.txt"].decode()
    personal = next(line for line in info.splitlines() if line.startswith("Shilu-Personal-Data: "))
    assert personal.startswith("Shilu-Personal-Data: 含个人信息：data/2025年度工作实录.pdf")
