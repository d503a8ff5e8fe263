"""City scale (issue 15 part 6): `aggregate` over 100, 1,000 and 10,000 bundles — seconds and
peak memory. Target: 10,000 in under 60 s and under 200 MB, memory flat in the number of bundles.

One real bundle is built from the demo ledger, then copied as N distinct branches (B00001 …),
each re-signed in memory, so every bundle is fully verified (checksums, signature, schema) and
recorded in a fresh upstream history, then the summary workbook written. Each size runs in one
process per pass, so each peak RSS is its own: the anchor (every bundle unzipped, nothing
checked: what the disk and zlib alone cost, measured in the same run), `aggregate` in one process
(`--jobs 1`) and with its default worker processes (one per CPU, at most 2), whose CPU time is
counted too. Run by hand: `python bench/bench_aggregate.py [100 1000 10000]`."""
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

SIZES = [100, 1_000, 10_000]


def make_inbox(folder: Path, count: int, key) -> None:
    from desktop_app.core.bundle import bag, signature
    from desktop_app.core.bundle.build import build_bundle
    from desktop_app.core.demo import DemoSpec, generate
    from desktop_app.core.store import open_store
    from tests.attack.bundle_generators import pack, take_apart
    store = open_store(folder / "ledger.sqlite")
    generate(store, DemoSpec(members=40, years=2, seed=7, last_year=2025))
    built = build_bundle(store, "DEMO-01", "2025Q3", folder / "seed.zip", key, today="2026-01-15")
    store.close()
    top, files = take_apart(built.path)
    extract = json.loads(files["data/ledger-extract.json"])
    info = files["bag-info.txt"].decode()
    inbox = folder / "inbox"
    inbox.mkdir()
    for n in range(count):
        code = f"B{n:05d}"
        extract["organisation"]["code"] = code
        payload = {"ledger-extract.json": json.dumps(extract, ensure_ascii=False).encode(),
                   "说明.txt": files["data/说明.txt"], "摘要.pdf": files["data/摘要.pdf"]}
        labels = dict(line.split(": ", 1) for line in info.splitlines())
        labels.pop("Payload-Oxum")
        labels["Shilu-Organization-Code"] = code
        labels["External-Identifier"] = f"{code}-2025Q3"
        bagged = bag.make(payload, labels)
        signature.sign(bagged, key)
        (inbox / f"{code}-2025Q3.zip").write_bytes(pack(f"{code}-2025Q3", bagged))
    (folder / "seed.zip").unlink()


def run(mode: str, folder: Path, public_text: str) -> None:
    """In a child process: one pass over the inbox, its figures printed as one JSON line."""
    before, started = cpu_seconds(), time.perf_counter()
    if mode == "anchor":
        count = anchor(folder / "inbox")
    else:
        count = aggregate_inbox(folder, public_text, int(mode))
    print(json.dumps({"count": count, "wall": time.perf_counter() - started,
                      "cpu": cpu_seconds() - before, "rss": peak_mb(),
                      "worker_rss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def measure(mode: str, folder: Path, public_text: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--run", mode, str(folder), public_text],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def show(what: str, got: dict, base: dict) -> None:
    memory = f"peak RSS {got['rss']:4.0f} MB" + (
        f" + {got['worker_rss']:.0f} MB per worker" if got["worker_rss"] else "")
    print(f"{got['count']:>6} bundles  {what:<22} {got['wall']:6.1f} s wall "
          f"({got['wall'] / base['wall']:4.1f}× anchor) {got['cpu']:6.1f} s CPU "
          f"({got['cpu'] / got['count'] * 1000:4.1f} ms each, {got['cpu'] / base['cpu']:4.1f}× anchor)"
          f"  {memory}", flush=True)


def anchor(inbox: Path) -> int:
    """The same-run anchor: every member of every bundle read and inflated, nothing checked."""
    count = 0
    for path in sorted(inbox.iterdir()):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                archive.read(info)
        count += 1
    return count


def aggregate_inbox(folder: Path, public_text: str, workers: int) -> int:
    from desktop_app.core.bundle import aggregate
    from desktop_app.core.bundle.history import History
    from desktop_app.core.bundle.trust import TrustedKey
    inbox = folder / "inbox"
    registry = {p.name.split("-")[0]: TrustedKey(p.name.split("-")[0], public_text, "", "")
                for p in inbox.iterdir()}
    for old in folder.glob("history.sqlite*"):
        old.unlink()
    history = History(folder / "history.sqlite")
    summary = aggregate.summarise(inbox, registry, history, workers=workers)
    history.close()
    aggregate.write_xlsx(summary, folder / "summary.xlsx")
    assert summary.counts()[aggregate.Verdict.VALID] == len(summary.rows), "a bundle failed"
    return len(summary.rows)


def cpu_seconds() -> float:
    """CPU time of this process and of the workers it has waited for."""
    own, workers = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not carried over from the
    parent through exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    if sys.argv[1:2] == ["--run"]:
        run(sys.argv[2], Path(sys.argv[3]), sys.argv[4])
        return
    from desktop_app.core.bundle import keys
    from desktop_app.core.bundle.verify_pool import POOL_FROM, default_workers
    key = Ed25519PrivateKey.generate()
    workers = default_workers()
    print(f"Target: 10,000 bundles in under 60 s wall and 200 MB; {os.cpu_count()} CPUs here, "
          f"{workers} workers by default (from {POOL_FROM} bundles). On a shared machine compare "
          "CPU and the ratios to the anchor, not wall alone.", flush=True)
    for count in [int(a) for a in sys.argv[1:]] or SIZES:
        folder = Path(tempfile.mkdtemp(prefix=f"bench-aggregate-{count}-"))
        try:
            make_inbox(folder, count, key)
            public = keys.public_text(key.public_key())
            base = measure("anchor", folder, public)
            show("anchor: unzip only", base, base)
            show("aggregate, 1 process", measure("1", folder, public), base)
            if workers > 1 and count >= POOL_FROM:
                show(f"aggregate, {workers} workers", measure(str(workers), folder, public), base)
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
