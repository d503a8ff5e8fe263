"""What `verify_bundle` says about a good bundle, and about bundles that are signed correctly but
are not what this software writes: each refusal with its verdict and its exact words (mutation
survivors of `bundle/verify`, issue #17). The odd bundles are re-signed here with `bag.make` and
`signature.sign`, so the signature holds and the check after it is the one that speaks."""
import hashlib
import json
import os
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.core.bundle import bag, keys, signature
from desktop_app.core.bundle import verify as verify_module
from desktop_app.core.bundle.layout import SIGNED_FILE, TAG_FILES
from desktop_app.core.bundle.verify import Verdict, VerifyReport, verify_bundle
from desktop_app.core.demo import DemoSpec, generate
from desktop_app.core.store import open_store
from tests.core.bundle_helpers import TOP, make_signed, rewrite

EXTRACT = "data/ledger-extract.json"


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """A DEMO-01 2025Q3 bundle from a six-member, one-year demo ledger."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    store = open_store(path, actor="测试书记")
    generate(store, DemoSpec(members=6, years=1, seed=7, last_year=2025))
    store.close()
    return make_signed(path, tmp_path_factory)


def _files(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n[len(TOP) + 1:]: z.read(n) for n in z.namelist() if not n.endswith("/")}


def _info(files) -> dict[str, str]:
    lines = files["bag-info.txt"].decode("utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines)


def _resigned(signed, target, *, payload=None, info=None, bagit=None, key=None):
    """The bundle rebuilt as a bag with its payload and bag-info changed, then signed again."""
    old = _files(signed.path)
    body = {p[5:]: d for p, d in old.items() if p.startswith("data/")}
    labels = {k: v for k, v in _info(old).items() if k != "Payload-Oxum"}
    files = bag.make(payload(body) if payload else body, info(labels) if info else labels)
    if bagit is not None:
        files["bagit.txt"] = bagit
        files[SIGNED_FILE] = "".join(f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n"
                                     for n in TAG_FILES).encode()
    signature.sign(files, key or signed.key)
    with zipfile.ZipFile(target, "w") as z:
        for name, data in files.items():
            z.writestr(f"{TOP}/{name}", data)
    return target


def _extract_with(change):
    def payload(body):
        extract = json.loads(body["ledger-extract.json"])
        change(extract)
        return {**body, "ledger-extract.json": json.dumps(extract, ensure_ascii=False).encode()}
    return payload


def test_a_good_bundle_is_valid_with_its_sender_key_digest_and_extract(signed):
    files = _files(signed.path)
    report = verify_bundle(signed.path, signed.registry)
    assert (report.verdict, report.ok, report.trusted, report.problems) == (
        Verdict.VALID, True, True, [])
    assert (report.org_code, report.org_name, report.period, report.identifier) == (
        "DEMO-01", "第一党支部", "2025Q3", "DEMO-01-2025Q3")
    fingerprint = keys.fingerprint(signed.key.public_key())
    assert report.fingerprint == fingerprint
    assert report.digest == hashlib.sha256(files[SIGNED_FILE]).hexdigest()
    assert report.extract == json.loads(files[EXTRACT])
    assert report.describe() == (f"有效：第一党支部（DEMO-01）2025Q3，签名密钥指纹 {fingerprint}，"
                                 "已登记为受信任。")


def test_the_organisation_name_shown_is_the_extracts(signed, tmp_path):
    """bag-info's Source-Organization names the sender until the extract is read; then the
    extract's name is the one reported."""
    path = _resigned(signed, tmp_path / "b.zip",
                     info=lambda labels: {**labels, "Source-Organization": "别的名字"})
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.org_name) == (Verdict.VALID, "第一党支部")


def test_an_unforeseen_error_is_unreadable_with_its_kind_and_no_extract(signed, monkeypatch):
    def broken(files):
        raise RuntimeError("boom")
    monkeypatch.setattr(verify_module.signature, "check", broken)
    report = verify_bundle(signed.path, signed.registry)
    assert (report.verdict, report.extract) == (Verdict.UNREADABLE, None)
    assert report.problems == ["读取时出现意外错误（RuntimeError），此包不能使用。"]


def test_a_bag_of_another_bagit_version_is_unreadable_not_altered(signed, tmp_path):
    path = _resigned(signed, tmp_path / "b.zip", bagit=b"BagIt-Version: 0.97\n"
                                                       b"Tag-File-Character-Encoding: UTF-8\n")
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "bagit.txt 不是 BagIt 1.0、UTF-8 编码的声明，不是本软件生成的包。"])


@pytest.mark.parametrize("label", ["Shilu-Organization-Code", "Shilu-Period",
                                   "External-Identifier"])
def test_bag_info_without_code_period_or_identifier_is_unreadable(signed, tmp_path, label):
    path = _resigned(signed, tmp_path / "b.zip",
                     info=lambda labels: {k: v for k, v in labels.items() if k != label})
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "bag-info.txt 没有组织代码或期间，不是本软件生成的包。"])


def test_a_signed_bag_without_the_extract_is_unreadable(signed, tmp_path):
    path = _resigned(signed, tmp_path / "b.zip", payload=lambda body: {
        k: v for k, v in body.items() if k != "ledger-extract.json"})
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "缺少数据文件 data/ledger-extract.json。"])
    assert report.extract is None


def test_a_signed_extract_that_is_not_json_is_unreadable(signed, tmp_path):
    path = _resigned(signed, tmp_path / "b.zip",
                     payload=lambda body: {**body, "ledger-extract.json": b'{"organisation": '})
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "data/ledger-extract.json 不是完整的 JSON（可能被截断或损坏）。"])


@pytest.mark.parametrize("change, label, claimed, found", [
    (lambda e: e["organisation"].update(code="DEMO-02"), "Shilu-Organization-Code", "DEMO-01",
     "DEMO-02"),
    (lambda e: e["period"].update(text="2025Q2"), "Shilu-Period", "2025Q3", "2025Q2"),
])
def test_an_extract_that_disagrees_with_bag_info_is_unreadable(signed, tmp_path, change, label,
                                                                claimed, found):
    path = _resigned(signed, tmp_path / "b.zip", payload=_extract_with(change))
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        f"bag-info.txt 的 {label}（{claimed}）与 ledger-extract.json（{found}）不一致。"])
    assert report.extract is None


def test_a_folder_beside_data_is_altered_and_named(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "b.zip", extra={f"{TOP}/extra/x.txt": b"x"})
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.ALTERED, [
        "包中有不应有的文件夹 extra/x.txt（未经签名的附加内容）。"])
    two = rewrite(signed.path, tmp_path / "c.zip",
                  extra={f"{TOP}/zz/y.txt": b"y", f"{TOP}/extra/x.txt": b"x"})
    assert verify_bundle(two, signed.registry).problems == [
        "包中有不应有的文件夹 extra/x.txt（未经签名的附加内容）。"]


def test_an_old_format_bundle_is_told_to_export_again(signed, tmp_path):
    path = rewrite(signed.path, tmp_path / "old.zip", extra={f"{TOP}/shilu-signature.json": b"{}"})
    report = verify_bundle(path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "这是旧版软件导出的包（shilu-signature.json），签名方式已更新：请支部用新版软件重新导出。"])


def test_a_missing_file_is_named(signed, tmp_path):
    report = verify_bundle(tmp_path / "没有这个包.zip", signed.registry)
    assert report.verdict is Verdict.UNREADABLE
    assert report.problems == ["找不到或无法打开文件 没有这个包.zip。"]
    assert report.describe() == "无法读取：没有这个包.zip\n  - 找不到或无法打开文件 没有这个包.zip。"


def test_a_sender_without_name_or_period_is_shown_with_a_question_mark(tmp_path):
    report = VerifyReport(tmp_path / "x.zip", Verdict.ALTERED, "DEMO-01", problems=["甲"])
    assert report.describe() == "已被改动：?（DEMO-01）\n  - 甲"


def test_a_stranger_resigning_the_bundle_is_not_trusted(signed, tmp_path):
    path = _resigned(signed, tmp_path / "b.zip", key=Ed25519PrivateKey.generate())
    report = verify_bundle(path, signed.registry)
    assert report.verdict is Verdict.UNREGISTERED and report.extract is None


def test_a_file_of_exactly_64_mb_is_read_and_one_byte_more_is_refused(signed, tmp_path):
    """The cap is 64 MiB inclusive (sparse files: nothing is written to disk)."""
    exact, over = tmp_path / "exact.zip", tmp_path / "over.zip"
    for path, size in ((exact, 64 * 1024 * 1024), (over, 64 * 1024 * 1024 + 1)):
        with open(path, "wb") as handle:
            handle.truncate(size)
    report = verify_bundle(exact, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "exact.zip 不是完整的 zip 压缩包（可能复制时被截断或已损坏）。"])
    report = verify_bundle(over, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.UNREADABLE, [
        "over.zip 超过 64 MB，不是工作实录包。"])


def _open_flags(monkeypatch, bundle) -> list[int]:
    real_open, seen = os.open, []

    def spy(path, flags, *args, **kwargs):
        if str(path) == str(bundle):
            seen.append(flags)
        return real_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(verify_module.os, "open", spy)
    return seen


def test_the_bundle_is_opened_read_only_and_without_blocking(signed, monkeypatch):
    monkeypatch.delattr(os, "O_BINARY", raising=False)
    seen = _open_flags(monkeypatch, signed.path)
    assert verify_bundle(signed.path, signed.registry).verdict is Verdict.VALID
    assert seen == [os.O_RDONLY | os.O_NONBLOCK]


def test_on_windows_the_bundle_is_opened_binary_and_there_is_no_nonblocking_flag(
        signed, monkeypatch):
    """Windows has O_BINARY (0x8000; without it CRLF would be translated) and no O_NONBLOCK.
    0x8000 is harmless to Linux's open(), so the Windows flags can be tried here."""
    monkeypatch.delattr(os, "O_NONBLOCK")
    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    seen = _open_flags(monkeypatch, signed.path)
    report = verify_bundle(signed.path, signed.registry)
    assert (report.verdict, report.problems) == (Verdict.VALID, [])
    assert seen == [os.O_RDONLY | 0x8000]


def test_a_signed_bag_whose_payload_oxum_disagrees_is_altered(signed, tmp_path):
    """Signed by the trusted key, every checksum right, but bag-info says one byte more than data/
    holds (as another tool's bag might): the count and size are checked too."""
    def lie(labels):
        size, count = _info(_files(signed.path))["Payload-Oxum"].split(".")
        return {**labels, "Payload-Oxum": f"{int(size) + 1}.{count}"}

    def resigned(target):
        old = _files(signed.path)
        body = {p[5:]: d for p, d in old.items() if p.startswith("data/")}
        files = bag.make(body, {k: v for k, v in _info(old).items() if k != "Payload-Oxum"})
        labels = lie(_info(files))
        files["bag-info.txt"] = "".join(f"{k}: {v}\n" for k, v in sorted(labels.items())).encode()
        files[SIGNED_FILE] = "".join(f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n"
                                     for n in TAG_FILES).encode()
        signature.sign(files, signed.key)
        with zipfile.ZipFile(target, "w") as z:
            for name, data in files.items():
                z.writestr(f"{TOP}/{name}", data)
        return target
    report = verify_bundle(resigned(tmp_path / "oxum.zip"), signed.registry)
    assert (report.verdict, report.problems) == (
        Verdict.ALTERED, ["data/ 中的文件数或总大小与 bag-info.txt 所记不符。"])
