"""Verified by others' tools (issue 15 part 5): a fresh bundle, unzipped, is accepted by
`python -m bagit --validate` and its signature by `openssl pkeyutl -verify -rawin`; one changed
byte makes both refuse."""
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.core.bundle_helpers import TOP, make_signed


@pytest.fixture(scope="module")
def unpacked(demo_template, tmp_path_factory):
    signed = make_signed(demo_template, tmp_path_factory)
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(signed.path) as archive:
        archive.extractall(folder)
    return folder / TOP


def _openssl(bag):
    return subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signing-key.pem",
                           "-rawin", "-in", "tagmanifest-sha256.txt", "-sigfile",
                           "tagmanifest-sha256.txt.sig"], cwd=bag, capture_output=True, text=True)


def _bagit(bag):
    return subprocess.run([sys.executable, "-m", "bagit", "--validate", str(bag)],
                          capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl 不在此机器上：无法用它核对签名")
def test_openssl_verifies_the_signature(unpacked, tmp_path):
    result = _openssl(unpacked)
    assert result.returncode == 0 and "Signature Verified Successfully" in result.stdout
    changed = tmp_path / "changed"
    shutil.copytree(unpacked, changed)
    manifest = changed / "tagmanifest-sha256.txt"
    manifest.write_bytes(manifest.read_bytes().replace(b"bagit.txt", b"bagit.tXt"))
    assert _openssl(changed).returncode != 0


def test_bagit_validates_the_bag(unpacked, tmp_path):
    result = _bagit(unpacked)
    assert result.returncode == 0, result.stderr
    assert "is valid" in result.stderr
    changed = tmp_path / "changed"
    shutil.copytree(unpacked, changed)
    extract = changed / "data" / "ledger-extract.json"
    extract.write_bytes(extract.read_bytes().replace(b'"held": 1', b'"held": 2', 1))
    assert _bagit(changed).returncode != 0
