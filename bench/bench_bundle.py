"""How long a signed bundle takes: export (rules check, bag, sign, zip, seal) and verify, on the
300-member 10-year ledger; and aggregating a folder of bundles. Run by hand:
`python bench/bench_bundle.py`. The cached ledger is copied first: exporting seals the period."""
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger import bench_ledger, timed  # noqa: E402

from desktop_app.core import orgs  # noqa: E402
from desktop_app.core.bundle import aggregate, keys  # noqa: E402
from desktop_app.core.bundle.build import build_bundle  # noqa: E402
from desktop_app.core.bundle.trust import TrustedKey  # noqa: E402
from desktop_app.core.bundle.verify import verify_bundle  # noqa: E402
from desktop_app.core.store import open_store  # noqa: E402



def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    ledger = work / "ledger.sqlite"
    shutil.copy(bench_ledger(), ledger)
    store = open_store(ledger, actor="bench")
    last = store.query_one("SELECT max(held_on) AS d FROM meetings")["d"][:4]
    branches = [o.code for o in orgs.all_orgs(store) if o.kind == "党支部"]
    print(f"{len(branches)} branches, last year {last}")
    public = timed("keys: init (encrypt private key)", lambda: keys.init_key(work / "keys", "bench-pass"))
    private = timed("keys: load (decrypt)", lambda: keys.load_private(work / "keys", "bench-pass"))
    registry = {code: TrustedKey(code, keys.public_text(public), keys.fingerprint(public), "")
                for code in branches}
    inbox = work / "inbox"
    inbox.mkdir()
    for period in (str(int(last) - 1), f"{last}Q3"):
        for code in branches:
            built = timed(f"export {code} {period}",
                          lambda: build_bundle(store, code, period, inbox / f"{code}-{period}.zip",
                                               private))
            report = timed(f"verify {code} {period} ({built.path.stat().st_size // 1024} KB)",
                           lambda: verify_bundle(built.path, registry))
            assert report.ok, report.problems
    summary = timed(f"aggregate {len(list(inbox.glob('*.zip')))} bundles (verify all)",
                    lambda: aggregate.summarise(inbox, registry))
    timed("aggregate: xlsx", lambda: aggregate.write_xlsx(summary, work / "summary.xlsx"))
    store.close()
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
