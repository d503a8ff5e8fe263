"""Verify many bundles for `aggregate`, in order, on every CPU: `reports(paths, registry, workers)`
yields one VerifyReport per path, in the order given (so the upstream history sees them in the
same order whatever the number of workers).

Each report carries only the parts of its extract that the history and a summary row read
(SUMMARY_KEYS): a worker sends back a few hundred bytes, not the whole extract, and the serial
path trims the same way so both give the same rows. Work goes out in chunks and at most a few
chunks wait at once, so memory stays flat however many bundles the folder holds.

Workers are started with "spawn" (never fork: the window calls this from a worker thread), which
costs about half a second each, so below POOL_FROM bundles the work stays in this process.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Iterator

from desktop_app.core.bundle.trust import TrustedKey
from desktop_app.core.bundle.verify import VerifyReport, verify_bundle

SUMMARY_KEYS = ("organisation", "period", "correction", "continuity", "findings_by_status",
                "requirements", "roster")
POOL_FROM = 300        # bundles
CHUNK = 50             # bundles per task
MAX_WORKERS = 2       # each holds 35–50 MB: two keep a 10,000-bundle run under 200 MB in all

_registry: dict[str, TrustedKey] = {}


def default_workers() -> int:
    """One per CPU this process may use, at most MAX_WORKERS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:             # Windows, macOS
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_WORKERS))


def reports(paths: list[Path], registry: dict[str, TrustedKey],
            workers: int | None = None) -> Iterator[VerifyReport]:
    workers = default_workers() if workers is None else workers
    done = 0
    if workers > 1 and len(paths) >= POOL_FROM:
        try:
            for report in _pooled(paths, registry, workers):
                yield report
                done += 1
        except (BrokenProcessPool, OSError):
            pass            # workers could not start or died: the rest are verified here
    for path in paths[done:]:
        yield _trimmed(verify_bundle(path, registry))


def _pooled(paths: list[Path], registry: dict[str, TrustedKey],
            workers: int) -> Iterator[VerifyReport]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_remember,
                             initargs=(registry,)) as pool:
        waiting = deque()
        for start in range(0, len(paths), CHUNK):
            waiting.append(pool.submit(_verify_chunk, paths[start:start + CHUNK]))
            if len(waiting) > 2 * workers:
                yield from waiting.popleft().result()
        while waiting:
            yield from waiting.popleft().result()


def _remember(registry: dict[str, TrustedKey]) -> None:
    global _registry
    _registry = registry


def _verify_chunk(paths: list[Path]) -> list[VerifyReport]:
    return [_trimmed(verify_bundle(path, _registry)) for path in paths]


def _trimmed(report: VerifyReport) -> VerifyReport:
    if report.extract is not None:
        report.extract = {key: report.extract[key] for key in SUMMARY_KEYS}
    return report
