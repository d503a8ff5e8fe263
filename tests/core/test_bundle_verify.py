"""Each way a bundle can be altered or forged is caught, with a Chinese message naming the file
and the right verdict (已被改动 / 完整但签名人未登记 / 无法读取)."""
import os
import stat
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.bundle import unzip
from desktop_app.core.bundle.verify import Verdict, verify_bundle
from desktop_app.core.demo import DemoSpec, generate
from desktop_app.core.store import open_store
from tests.core.bundle_helpers import (TOP, build_from_template, make_signed, registry_for,
                                       rewrite)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """A six-member, one-year demo ledger: verify reads only the bundle, so a small ledger does,
    and each mutation-testing run of this module builds it afresh (0.3 s, not 1.7 s, of CPU)."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    store = open_store(path, actor="测试书记")
    generate(store, DemoSpec(members=6, years=1, seed=7, last_year=2025))
    store.close()
    return path


@pytest.fixture(scope="module")
def signed(demo_template, tmp_path_factory):
    return make_signed(demo_template, tmp_path_factory)


def _problems(path, registry, verdict=None) -> str:
    report = verify_bundle(path, registry)
    assert not report.ok
    assert report.problems
    assert verdict is None or report.verdict is verdict
    return "\n".join(report.problems)


def test_edited_data_file(signed, tmp_path):
    def edit(name, data):
        if name.endswith("ledger-extract.json"):
            return data.replace('"held": 1'.encode(), '"held": 9'.encode(), 1)
        return data
    problems = _problems(rewrite(signed.path, tmp_path / "b.zip", edit), signed.registry,
                         Verdict.ALTERED)
    assert "data/ledger-extract.json 的内容被改动过" in problems


def test_same_size_edit_is_caught_by_checksum_not_just_oxum(signed, tmp_path):
    def edit(name, data):
        if name.endswith("ledger-extract.json"):
            return data.replace("达标".encode(), "逾期".encode(), 1)
        return data
    problems = _problems(rewrite(signed.path, tmp_path / "b.zip", edit), signed.registry)
    assert "data/ledger-extract.json 的内容被改动过（sha256 与清单不符）" in problems


def test_edited_manifest(signed, tmp_path):
    def edit(name, data):
        if name.endswith("/manifest-sha256.txt"):
            return bytes([data[0] ^ 1]) + data[1:] if data[:1] != b"0" else b"1" + data[1:]
        return data
    problems = _problems(rewrite(signed.path, tmp_path / "b.zip", edit), signed.registry,
                         Verdict.ALTERED)
    assert "manifest-sha256.txt 的内容被改动过" in problems


def test_edited_bag_info(signed, tmp_path):
    """bag-info.txt is covered by the signed tag manifest like the other two tag files: a label
    added after signing (the signature itself still holds) is found by its checksum."""
    def edit(name, data):
        return data + b"Contact-Name: X\n" if name.endswith("/bag-info.txt") else data
    problems = _problems(rewrite(signed.path, tmp_path / "b.zip", edit), signed.registry,
                         Verdict.ALTERED)
    assert problems == "bag-info.txt 的内容被改动过（sha256 与清单不符）。"


def test_data_and_manifests_rewritten_consistently_break_the_signature(signed, tmp_path):
    """Someone recomputes every checksum after editing: only the signature can tell."""
    import hashlib
    with zipfile.ZipFile(signed.path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    extract = files[f"{TOP}/data/ledger-extract.json"].replace("逾期".encode(), "达标".encode())
    files[f"{TOP}/data/ledger-extract.json"] = extract
    files[f"{TOP}/manifest-sha256.txt"] = (
        f"{hashlib.sha256(extract).hexdigest()}  data/ledger-extract.json\n".encode())
    info = files[f"{TOP}/bag-info.txt"].decode()
    info = "\n".join(f"Payload-Oxum: {len(extract)}.1" if line.startswith("Payload-Oxum") else line
                     for line in info.split("\n"))
    files[f"{TOP}/bag-info.txt"] = info.encode()
    tags = "".join(f"{hashlib.sha256(files[f'{TOP}/{n}']).hexdigest()}  {n}\n"
                   for n in ("bag-info.txt", "bagit.txt", "manifest-sha256.txt"))
    files[f"{TOP}/tagmanifest-sha256.txt"] = tags.encode()
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(forged, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    report = verify_bundle(forged, signed.registry)
    assert report.verdict is Verdict.ALTERED
    assert report.problems == ["签名无效：tagmanifest-sha256.txt、tagmanifest-sha256.txt.sig 或 "
                               "signing-key.pem 在签名后被改动过。"]


def test_every_single_bit_of_the_signature_and_key_files_matters(signed, tmp_path):
    """The old JSON signature file let a flipped bit in its fingerprint field or a key name pass;
    the two files now hold nothing but the key and the signature."""
    with zipfile.ZipFile(signed.path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    for name in (f"{TOP}/signing-key.pem", f"{TOP}/tagmanifest-sha256.txt.sig"):
        for position in range(0, len(files[name]), 7):
            for bit in (0, 5):
                data = bytearray(files[name])
                data[position] ^= 1 << bit
                path = tmp_path / "flip.zip"
                rewrite(signed.path, path, lambda n, d: bytes(data) if n == name else d)
                report = verify_bundle(path, signed.registry)
                assert report.verdict is Verdict.ALTERED, (name, position, bit)


def test_garbled_or_padded_key_file(signed, tmp_path):
    def pad(name, data):
        return data + b"\n" if name.endswith("signing-key.pem") else data
    assert "signing-key.pem 损坏或被改动过" in _problems(
        rewrite(signed.path, tmp_path / "b.zip", pad), signed.registry, Verdict.ALTERED)


def test_missing_signature(signed, tmp_path):
    def drop(name, data):
        return None if name.endswith(".sig") else data
    problems = _problems(rewrite(signed.path, tmp_path / "b.zip", drop), signed.registry,
                         Verdict.ALTERED)
    assert "缺少签名文件 tagmanifest-sha256.txt.sig" in problems


def test_extra_file_at_bag_root(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "b.zip", extra={f"{TOP}/readme.txt": b"hello"})
    problems = _problems(path, signed.registry, Verdict.ALTERED)
    assert "包根目录中有不应有的文件 readme.txt" in problems


def test_extra_payload_file(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "b.zip", extra={f"{TOP}/data/more.json": b"{}"})
    assert "data/more.json 不在清单中" in _problems(path, signed.registry)


def test_untrusted_key(demo_template, tmp_path, signed):
    stranger = Ed25519PrivateKey.generate()
    path = build_from_template(demo_template, tmp_path, "DEMO-01", "2025Q3", stranger)
    problems = _problems(path, signed.registry, Verdict.UNREGISTERED)   # registered: another key
    assert "不是登记的 DEMO-01 公钥" in problems
    report = verify_bundle(path, registry_for("DEMO-02", stranger))
    assert report.verdict is Verdict.UNREGISTERED and report.trusted is False
    assert "DEMO-01 的公钥没有登记为受信任" in report.problems[0]
    assert report.problems == [f"DEMO-01 的公钥没有登记为受信任（签名密钥指纹 {report.fingerprint}）："
                               "核对指纹后用 shilu trust add 登记。"]   # intact otherwise: only the trust fails
    assert (report.org_code, report.org_name, report.period) == ("DEMO-01", "第一党支部", "2025Q3")
    assert report.extract is None                     # the extract of an unknown signer unread


def test_truncated_zip(signed, tmp_path):
    data = signed.path.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 100):
        path = tmp_path / f"cut-{cut}.zip"
        path.write_bytes(data[:cut])
        assert "不是完整的 zip 压缩包" in _problems(path, signed.registry, Verdict.UNREADABLE)


def test_zip_with_parent_paths(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "b.zip", extra={f"{TOP}/../../evil.txt": b"x"})
    problems = _problems(path, signed.registry)
    assert "不安全的路径" in problems and "evil.txt" in problems
    assert not (tmp_path / "evil.txt").exists()
    absolute = rewrite(signed.path, tmp_path / "c.zip", extra={"/tmp/evil.txt": b"x"})
    assert "不安全的路径" in _problems(absolute, signed.registry)


def test_zip_with_a_symlink(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "b.zip")
    with zipfile.ZipFile(path, "a") as z:
        link = zipfile.ZipInfo(f"{TOP}/data/link")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "/etc/passwd")
    assert "是符号链接" in _problems(path, signed.registry)


def test_zip_bomb_and_too_many_entries(signed, tmp_path, monkeypatch):
    monkeypatch.setattr(unzip, "MAX_TOTAL_BYTES", 1024 * 1024)
    bomb = rewrite(signed.path, tmp_path / "bomb.zip",
                   extra={f"{TOP}/data/zeros.bin": bytes(2 * 1024 * 1024)})
    assert os.path.getsize(bomb) < os.path.getsize(signed.path) + 20_000
    assert "拒绝读取" in _problems(bomb, signed.registry, Verdict.UNREADABLE)
    many = rewrite(signed.path, tmp_path / "many.zip",
                   extra={f"{TOP}/data/{i}.txt": b"" for i in range(unzip.MAX_ENTRIES)})
    assert "超过上限" in _problems(many, signed.registry)


def test_two_top_folders(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "b.zip", extra={"other/bagit.txt": b"x"})
    assert "只有一个顶层文件夹" in _problems(path, signed.registry)


def test_not_a_zip_and_missing_file(signed, tmp_path):
    path = tmp_path / "b.zip"
    path.write_text("这不是压缩包", encoding="utf-8")
    assert "不是完整的 zip 压缩包" in _problems(path, signed.registry)
    assert "找不到或无法打开文件" in _problems(tmp_path / "none.zip", signed.registry)


def test_a_fifo_is_refused_without_waiting(signed, tmp_path):
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    assert "不是普通文件" in _problems(fifo, signed.registry, Verdict.UNREADABLE)


def test_a_bundle_of_the_old_format_is_named_as_such(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "old.zip", extra={f"{TOP}/shilu-signature.json": b"{}"})
    assert "旧版软件导出的包" in _problems(path, signed.registry, Verdict.UNREADABLE)


def _tiny_zip(path, names):
    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            z.writestr(f"T/{name}", "x")
    return path


def test_the_three_bagit_files_are_needed_and_enough_to_reach_the_signature(tmp_path):
    missing = _tiny_zip(tmp_path / "a.zip", ["bag-info.txt", "tagmanifest-sha256.txt"])
    report = verify_bundle(missing, {})
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "压缩包中没有 BagIt 包的 bagit.txt、bag-info.txt 和 tagmanifest-sha256.txt，不是工作实录包。"])
    exactly = _tiny_zip(tmp_path / "b.zip", ["bagit.txt", "bag-info.txt", "tagmanifest-sha256.txt"])
    report = verify_bundle(exactly, {})
    assert (report.verdict, report.problems) == (Verdict.ALTERED, [
        "缺少签名文件 signing-key.pem：此包未签名或签名被删除。"])


def test_the_report_sentence_names_the_sender_and_each_problem(tmp_path):
    from desktop_app.core.bundle.verify import VerifyReport
    altered = VerifyReport(tmp_path / "x.zip", Verdict.ALTERED, "DEMO-01", "第一党支部", "2025Q3",
                           problems=["甲", "乙"])
    assert altered.describe() == "已被改动：第一党支部（DEMO-01）2025Q3\n  - 甲\n  - 乙"
    assert VerifyReport(tmp_path / "x.zip", problems=["坏"]).describe() == "无法读取：x.zip\n  - 坏"
    valid = VerifyReport(tmp_path / "x.zip", Verdict.VALID, "DEMO-01", "第一党支部", "2025Q3",
                         fingerprint="ab12")
    assert valid.describe() == "有效：第一党支部（DEMO-01）2025Q3，签名密钥指纹 ab12，已登记为受信任。"
    assert (valid.ok, valid.trusted, altered.ok, altered.trusted) == (True, True, False, False)
    assert [(v.word, v.exit_code) for v in Verdict] == [
        ("有效", 0), ("完整但签名人未登记", 3), ("已被改动", 4), ("无法读取", 5)]
