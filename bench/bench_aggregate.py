"""City scale (issue 15 part 6): `aggregate` over 100, 1,000 and 10,000 bundles — seconds and
peak memory. Target: 10,000 in under 60 s and under 200 MB, memory flat in the number of bundles.

One real bundle is built from the demo ledger, then copied as N distinct branches (B00001 …),
each re-signed in memory, so every bundle is fully verified (checksums, signature, schema) and
recorded in a fresh upstream history. Each size runs in its own process so its peak RSS is its
own. Run by hand: `python bench/bench_aggregate.py [100 1000 10000]`."""
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
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


def run(folder: Path, public_text: str) -> None:
    """In a child process: aggregate the inbox, print seconds and peak RSS."""
    from desktop_app.core.bundle import aggregate
    from desktop_app.core.bundle.history import History
    from desktop_app.core.bundle.trust import TrustedKey
    inbox = folder / "inbox"
    registry = {p.name.split("-")[0]: TrustedKey(p.name.split("-")[0], public_text, "", "")
                for p in inbox.iterdir()}
    before, baseline = resource.getrusage(resource.RUSAGE_SELF), peak_mb()
    started = time.perf_counter()
    history = History(folder / "history.sqlite")
    summary = aggregate.summarise(inbox, registry, history)
    history.close()
    aggregate.write_xlsx(summary, folder / "summary.xlsx")
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    valid = summary.counts()[aggregate.Verdict.VALID]
    print(f"{len(summary.rows):>6} bundles: {seconds:6.1f} s wall, {cpu:6.1f} s CPU "
          f"({cpu / len(summary.rows) * 1000:4.1f} ms CPU each), peak RSS {peak_mb():4.0f} MB "
          f"(after imports and registry: {baseline:.0f} MB), {valid} 有效")


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not carried over from the
    parent through exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    if sys.argv[1:2] == ["--run"]:
        run(Path(sys.argv[2]), sys.argv[3])
        return
    from desktop_app.core.bundle import keys
    key = Ed25519PrivateKey.generate()
    for count in [int(a) for a in sys.argv[1:]] or SIZES:
        folder = Path(tempfile.mkdtemp(prefix=f"bench-aggregate-{count}-"))
        try:
            make_inbox(folder, count, key)
            subprocess.run([sys.executable, __file__, "--run", str(folder),
                            keys.public_text(key.public_key())], check=True)
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
