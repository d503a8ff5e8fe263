"""`shilu audit verify`: walk the hash chain and compare the ledger against it."""
from desktop_app.core.store import audit


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="审计日志")
    commands = parser.add_subparsers(dest="audit_command", required=True)
    verify = commands.add_parser("verify", help="校验审计链；被改动时指出第一处断点")
    verify.set_defaults(func=run_verify)


def run_verify(store, args) -> int:
    result = audit.verify(store.conn)
    print(result.message)
    return 0 if result.ok else 1
