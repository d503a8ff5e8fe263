"""`shilu audit verify`: integrity_check, schema and triggers, the hash chain, and the external
anchors (backups, anchor file) — see core/ledger_audit.py. Exit 0 sound, 1 problems found."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="审计日志")
    commands = parser.add_subparsers(dest="audit_command", required=True)
    verify = commands.add_parser("verify", help="校验账本：完整性、结构、审计链与外部锚点；被改动时指出何处")
    verify.set_defaults(func=run_verify)


def run_verify(store, args) -> int:
    from desktop_app.core import ledger_audit
    report = ledger_audit.check(store.conn, store.path)
    print(report.describe())
    return 0 if report.ok else 1
