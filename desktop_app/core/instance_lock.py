"""One instance per ledger: a lock file beside it says who has it open, so a second opener is told.

Why a hand-made lock file (created exclusively: a hard link, or O_CREAT|O_EXCL) rather than
`filelock`/`portalocker`: an OS lock is released on a crash, but it carries no "who" (and on
Windows a locked file cannot even be read by the second opener), while the secretary needs to hear
"张三 在 PC-01 上于 09:12 打开". The file holds user, host, pid and start time. A lock left by a crash
is recognised as stale: on the same PC when its process is gone (psutil, which also tells a reused
pid by its start time — and on Windows `os.kill(pid, 0)` would terminate the process rather than
probe it); from another PC (a shared folder) when the holder has not refreshed the file for
`stale_after`.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop_app.core import durable
from desktop_app.core.store import LedgerUnavailable, StoreError

STALE_AFTER = timedelta(hours=12)
UNREADABLE_GRACE_SECONDS = 30  # a lock file still being written by its creator is not stale


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    started: str                    # ISO local time the ledger was opened
    process_started: float | None   # the holder process's start time, to tell a reused pid

    def describe(self, today: date | None = None) -> str:
        """"张三 在 PC-01 上于 09:12 打开" (with the date when it was not today)."""
        opened = datetime.fromisoformat(self.started)
        when = f"{opened:%H:%M}" if opened.date() == (today or date.today()) else \
            f"{opened.month}月{opened.day}日 {opened:%H:%M}"
        return f"{self.user} 在 {self.host} 上于 {when} 打开"


class LedgerInUse(LedgerUnavailable):
    """Someone else has the ledger open; `holder` says who (None if the lock file is unreadable)."""

    def __init__(self, holder: Holder | None):
        who = holder.describe() if holder else "另一个窗口刚刚打开了它"
        super().__init__(f"账本正在使用中：{who}。请先关闭那边的实录再打开，以免两处同时修改。")
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def holder_of(db_path: Path) -> Holder | None:
    """Who holds the lock now (None if nobody, or the file cannot be read)."""
    return _read(lock_path(db_path))


class InstanceLock:
    """`with InstanceLock(db, user="张三"):` — or `acquire()` / `release()`; `refresh()` now and then."""

    def __init__(self, db_path: Path, user: str | None = None, stale_after: timedelta = STALE_AFTER):
        self.path = lock_path(db_path)
        self.user = user or _login_name()
        self.stale_after = stale_after
        self.held = False
        self.took_over: Holder | None = None

    def acquire(self) -> "InstanceLock":
        """Take the lock, taking over a stale one; raise `LedgerInUse` naming the holder otherwise."""
        _remove_leftovers(self.path)
        for _ in range(3):
            try:
                created = self._create()
            except OSError as exc:
                raise StoreError(f"无法在 {self.path.parent} 中建立账本锁：{durable.describe_error(exc)}。") from exc
            if created:
                self.held = True
                return self
            holder = _read(self.path)
            if not self._is_stale(holder):
                raise LedgerInUse(holder)
            self._take_over(holder)
        raise LedgerInUse(_read(self.path))

    def _create(self) -> bool:
        """Create the lock complete or not at all: write a temp file, then hard-link it to the lock
        name (exclusive and atomic), so a crash never leaves a half-written lock. Where there are no
        hard links (a FAT USB stick), fall back to O_CREAT|O_EXCL and then write."""
        content = json.dumps(asdict(self._me()), ensure_ascii=False).encode("utf-8")
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        _write(temp, os.O_CREAT | os.O_TRUNC, content)
        try:
            os.link(temp, self.path)
            return True
        except FileExistsError:
            return False
        except OSError:
            try:
                _write(self.path, os.O_CREAT | os.O_EXCL, content)
                return True
            except FileExistsError:
                return False
        finally:
            temp.unlink(missing_ok=True)

    def refresh(self) -> None:
        """Show that the holder is alive (for openers on other PCs of a shared folder)."""
        if self.held:
            os.utime(self.path)

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()

    def _me(self) -> Holder:
        import psutil   # here, not at the top: only a write takes the lock (~30 ms of imports)
        return Holder(user=self.user, host=_host(), pid=os.getpid(),
                      started=datetime.now().isoformat(timespec="seconds"),
                      process_started=psutil.Process().create_time())

    def _is_stale(self, holder: Holder | None) -> bool:
        try:
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return True
        if holder is None:
            return age > UNREADABLE_GRACE_SECONDS
        if holder.host != _host():
            return age > self.stale_after.total_seconds()
        return not _process_alive(holder)

    def _take_over(self, judged: Holder | None) -> None:
        """Move the stale file aside; if a live opener replaced it meanwhile, put theirs back."""
        aside = self.path.with_name(f"{self.path.name}.{os.getpid()}.stale.tmp")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        found = _read(aside)
        if found is not None and found != judged:
            os.replace(aside, self.path)
            raise LedgerInUse(found)
        self.took_over = judged
        aside.unlink(missing_ok=True)


def _process_alive(holder: Holder) -> bool:
    import psutil
    try:
        process = psutil.Process(holder.pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        if holder.process_started is None:
            return True
        return abs(process.create_time() - holder.process_started) < 1.0
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True


def _write(path: Path, flags: int, content: bytes) -> None:
    fd = os.open(path, flags | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _remove_leftovers(path: Path) -> None:
    """Temp files of openers killed mid-way (older than a minute: nobody is still using them)."""
    for leftover in path.parent.glob(f"{path.name}.*.tmp"):
        try:
            if time.time() - leftover.stat().st_mtime > 60:
                leftover.unlink()
        except OSError:
            continue


def _read(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(**data)
    except (OSError, ValueError, TypeError):
        return None


def _host() -> str:
    import socket
    return socket.gethostname()


def _login_name() -> str:
    import getpass
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "未知用户"


class WriterGuard:
    """The command line's single-writer rule, given to `open_store(writer=…)`: the first write
    takes the ledger's lock (refused with `LedgerInUse` while the app or another command has it)
    and checks that the file is still the one opened — a restore that replaced it meanwhile would
    otherwise take the write into the replaced, unlinked file, lost."""

    def __init__(self, db_path: Path, user: str | None = None):
        self.db_path = Path(db_path)
        self.lock = InstanceLock(db_path, user)
        self.opened = _identity(self.db_path)

    def ensure(self) -> None:
        if self.lock.held:
            return
        self.lock.acquire()
        if _identity(self.db_path) != self.opened:
            self.lock.release()
            raise LedgerUnavailable(f"账本 {self.db_path.name} 在本命令运行期间被替换（例如刚从备份恢复），"
                             "本次没有写入任何内容。请重新运行命令。")

    def release(self) -> None:
        self.lock.release()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino
