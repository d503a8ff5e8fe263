"""Fuzzing the bundle verifier (issue 6, part 5): random byte mutations and truncations of a valid
bundle. The verifier always returns a report, never raises; it says "valid" only when the mutation
changed nothing the bundle carries (a timestamp or attribute in a zip header); it writes nothing
but its own temp folder, which it removes."""
import os
import shutil
import tempfile
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.bundle.verify import verify_bundle
from tests.core.bundle_helpers import make_signed


@pytest.fixture(scope="module")
def signed(demo_template, tmp_path_factory):
    return make_signed(demo_template, tmp_path_factory)


FUZZ = settings(max_examples=40, deadline=None)


def _contents(path) -> dict[str, bytes] | None:
    try:
        with zipfile.ZipFile(path) as z:
            return {i.filename: z.read(i) for i in z.infolist()}
    except Exception:   # any failure means "not the same contents": only compared, never trusted
        return None


def _check(signed, data: bytes) -> None:
    workdir = tempfile.mkdtemp(prefix="fuzz-")
    scratch = os.path.join(workdir, "tmp")
    os.mkdir(scratch)
    bundle = os.path.join(workdir, "bundle.zip")
    with open(bundle, "wb") as handle:
        handle.write(data)
    cwd, tempdir = os.getcwd(), tempfile.tempdir
    tempfile.tempdir = scratch          # the verifier's temp folder goes here, to be checked
    try:
        os.chdir(workdir)
        report = verify_bundle(bundle, signed.registry)
    finally:
        os.chdir(cwd)
        tempfile.tempdir = tempdir
    assert isinstance(report.problems, list)
    assert all(isinstance(p, str) and p for p in report.problems)
    if report.ok:
        assert _contents(bundle) == _contents(signed.path)
    else:
        assert report.problems
    assert sorted(os.listdir(workdir)) == ["bundle.zip", "tmp"]     # nothing written beside it
    assert os.listdir(scratch) == []                                # its temp folder removed
    shutil.rmtree(workdir)


@FUZZ
@given(mutations=st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 255)),
                          min_size=1, max_size=8),
       near_end=st.booleans())
def test_random_byte_mutations(signed, mutations, near_end):
    data = bytearray(signed.path.read_bytes())
    span = min(len(data), 400) if near_end else len(data)   # near_end: the central directory
    for position, value in mutations:
        data[len(data) - span + position % span] = value
    _check(signed, bytes(data))


@FUZZ
@given(cut=st.integers(0, 10 ** 6), tail=st.binary(max_size=64))
def test_truncations(signed, cut, tail):
    data = signed.path.read_bytes()
    cut %= len(data)
    _check(signed, data[:cut] + tail)
