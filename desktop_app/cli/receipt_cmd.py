"""回执 (signed review receipts) on the command line.

At the upstream office: `shilu review BUNDLE.zip --pass|--return --comment 意见
[--item meeting:12=意见 …] [-o 回执.json] [--reviewer 单位]` — verifies the bundle, then signs the
receipt with this installation's key (the ledger's, `shilu keys init`, or without a ledger the
workstation's, `shilu upstream key init`).
At the branch: `shilu receipt trust UPSTREAM.pem` (after comparing the fingerprint),
`shilu receipt import 回执.json`, `shilu receipt list`, `shilu receipt done ID`.
Exit codes: 0 done, 1 refused, 2 bad input.
"""
from __future__ import annotations

from pathlib import Path

from desktop_app.cli.bundle_cmd import fail, open_history, passphrase, registry


def register(subparsers) -> None:
    review = subparsers.add_parser("review", help="上级：审核工作实录包并签发回执（通过或退回）")
    review.add_argument("bundle", type=Path, help="工作实录包（.zip）")
    decision = review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--pass", dest="decision", action="store_const", const="通过", help="通过")
    decision.add_argument("--return", dest="decision", action="store_const", const="退回",
                          help="退回（须写审核意见）")
    review.add_argument("--comment", default="", help="总体审核意见")
    review.add_argument("--item", action="append", default=[], metavar="REF=意见",
                        help="对具体会议或检查项的意见，如 meeting:12=缺少记录 或 finding:jx-11-lesson=…")
    review.add_argument("--reviewer", default="上级党组织", help="审核单位名称")
    review.add_argument("-o", "--output", type=Path, help="回执文件（默认：包旁的 回执-包编号.json）")
    review.add_argument("--passphrase", help="签名密钥口令（也可用环境变量 SHILU_PASSPHRASE）")
    review.add_argument("--trusted", type=Path, help="受信任公钥登记表（默认在用户数据目录）")
    review.add_argument("--history", type=Path, help="上级收包记录（默认在用户数据目录）")
    review.set_defaults(func=run_review, on_path=True)

    receipt = subparsers.add_parser("receipt", help="支部：登记上级公钥、导入上级回执")
    commands = receipt.add_subparsers(dest="receipt_command", required=True)
    trust = commands.add_parser("trust", help="登记上级的公钥（核对指纹后）")
    trust.add_argument("public_key", type=Path, help="上级交来的公钥文件（.pem）")
    trust.set_defaults(func=run_trust)
    load = commands.add_parser("import", help="导入上级回执：显示意见；退回则重新开放该期间")
    load.add_argument("file", type=Path, help="回执文件（.json）")
    load.set_defaults(func=run_import)
    listing = commands.add_parser("list", help="列出已导入的回执（编号、日期、包、结论、意见）")
    listing.set_defaults(func=run_list)
    done = commands.add_parser("done", help="回执已处理：不再列在首页待办中")
    done.add_argument("receipt_id", type=int, help="回执编号（receipt list 第一列）")
    done.set_defaults(func=run_done)


def _items(pairs: list[str]) -> dict[str, str]:
    from desktop_app.core.bundle import BundleError
    found = {}
    for pair in pairs:
        ref, equals, text = pair.partition("=")
        if not equals or not text.strip():
            raise BundleError(f"--item {pair} 应写成 记录=意见，如 meeting:12=缺少会议记录。")
        found[ref.strip()] = text
    return found


def run_review(db_path: Path, args) -> int:
    from desktop_app.core.bundle import keys, receipt
    from desktop_app.core.bundle.verify import verify_bundle
    from desktop_app.core.errors import WordedError
    try:
        items = _items(args.item)
        report = verify_bundle(args.bundle, registry(args))
        seen = open_history(args)
        try:
            flags = seen.record(report)
        finally:
            seen.close()
        print(report.describe())
        for flag in flags:
            print(f"  ! {flag}")
        folder = keys.reviewer_folder(db_path)
        if not keys.has_key(folder):
            return fail("本机还没有为回执签名的密钥：上级工作台用 shilu upstream key init 生成"
                        "（本单位也有账本的，用 shilu keys init）。", 1)
        out = args.output or args.bundle.resolve().parent / f"回执-{report.identifier}.json"
        if out.exists():            # a receipt already signed is the office's record: kept
            return fail(f"{out} 已存在（此前签发的回执），没有覆盖：另给文件名用 -o。", 1)
        private = keys.load_private(folder, passphrase(args))
        receipt.write(report, args.decision, args.comment, items, args.reviewer, private, out)
    except WordedError as exc:
        return fail(exc, 1)
    print(f"已签发回执（{args.decision}）：{out}")
    print(f"签名密钥指纹 {keys.fingerprint(private.public_key())}；请把回执交回该支部导入。")
    return 0


def run_trust(store, args) -> int:
    from desktop_app.core.bundle import keys
    from desktop_app.core.bundle.receipt_import import register_upstream_key
    public = keys.read_public_file(args.public_key)
    replaced = register_upstream_key(store, public)
    if replaced:
        print(f"注意：原登记的上级公钥（指纹 {replaced}）已被替换。")
    print(f"已登记上级公钥，指纹 {keys.fingerprint(public)}（请与上级当面或电话核对）。")
    return 0


def run_import(store, args) -> int:
    from desktop_app.core.bundle.receipt_import import import_receipt
    from desktop_app.core.errors import WordedError
    try:
        got = import_receipt(store, args.file)
    except WordedError as exc:
        return fail(exc, 1)
    print(f"已导入回执：{got.bundle} {got.decision}（{got.reviewer}）")
    print(f"审核意见：{got.comment or '（无）'}")
    for c in got.comments:
        print(f"  {c.label}（{c.ref}）：{c.comment}")
    if got.reopened_from:
        print(f"该包被退回：{got.reopened_from} 起的期间已重新开放，修改后请重新导出（将作为更正包）。"
              "退回原因已记入审计日志。")
    return 0


def run_list(store, args) -> int:
    from desktop_app.core.bundle.receipt_import import open_receipts
    rows = store.query("SELECT * FROM receipts ORDER BY reviewed_on, id")
    if not rows:
        print("还没有导入回执。")
    pending = {r["id"] for r in open_receipts(store)}
    for r in rows:
        print(f"{r['id']}\t{r['reviewed_on']}\t{r['bundle_identifier']}\t{r['decision']}\t{r['comment']}"
              + ("\t待处理" if r["id"] in pending else ""))
    return 0


def run_done(store, args) -> int:
    from desktop_app.core.bundle.receipt_import import mark_done, open_receipts
    if args.receipt_id not in {r["id"] for r in open_receipts(store)}:
        return fail(f"没有待处理的第 {args.receipt_id} 号回执（用 shilu receipt list 查看编号）。", 1)
    mark_done(store, args.receipt_id)
    print(f"第 {args.receipt_id} 号回执已处理，不再列在首页待办中。")
    return 0
