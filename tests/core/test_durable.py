"""Durable writes: a finished file has the user's usual permissions; a failed one leaves nothing."""
import errno
import os
import stat

import pytest

from desktop_app.core import durable
from desktop_app.core.durable import ExportWriteError, write_atomically


def test_finished_file_gets_ordinary_permissions_not_mkstemps_owner_only(tmp_path):
    target = tmp_path / "台账.xlsx"
    with write_atomically(target) as temp:
        temp.write_bytes(b"data")
    assert target.read_bytes() == b"data"
    assert stat.S_IMODE(target.stat().st_mode) == durable.FILE_MODE
    assert durable.FILE_MODE & stat.S_IRGRP  # readable beyond the owner under a usual umask
    assert list(tmp_path.iterdir()) == [target]


def test_full_disk_leaves_nothing_under_the_final_name(tmp_path, monkeypatch):
    target = tmp_path / "book.pdf"

    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportWriteError, match="磁盘已满"):
        with write_atomically(target) as temp:
            temp.write_bytes(b"half")
    assert list(tmp_path.iterdir()) == []
