"""`shilu board ITEM --org CODE [--year Y|--period P] -o OUT.pdf`: print a disclosure board for
the 公开栏; `shilu disclosure --org CODE --year Y`: the disclosure checklist with each status;
`shilu disclosure text ITEM --org CODE --file F` and `shilu disclosure commitments --org CODE
--year Y --file F`: fill an entered item (责任清单, 十大红线 = item 4, 办事指南 …) or the year's
先锋承诺 from a text file, so every board can be filled without the window."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from desktop_app.core import orgs
from desktop_app.core.dates import parse_date
from desktop_app.core.disclosure import boards, commitments, items, texts
from desktop_app.core.durable import ExportWriteError
from desktop_app.core.exports import board_pdf
from desktop_app.core.exports.fonts import FontMissingError
from desktop_app.core.store import StoreError


def register(subparsers) -> None:
    board = subparsers.add_parser("board", help="打印党务公开栏（PDF，A4 竖版或 A3 横版海报）")
    board.add_argument("item", help="公开事项序号或代码，如 6 或 jx18-06")
    board.add_argument("--org", required=True, help="组织代码")
    when = board.add_mutually_exclusive_group()
    when.add_argument("--year", type=int, help="年度，如 2025")
    when.add_argument("--period", help="期间：2025、2025H1、2025Q3（先锋指数、党费等按期公开的事项）")
    board.add_argument("--posted-on", help="公开日期（默认今天）")
    board.add_argument("--paper", choices=tuple(board_pdf.PAPERS), default="A4",
                       help="纸张：A4（竖版）或 A3（横版海报）")
    board.add_argument("-o", "--output", type=Path, required=True, help="输出文件：.pdf")
    board.set_defaults(func=run_board, reads_only=True)

    listing = subparsers.add_parser("disclosure", help="党务公开清单：各事项已公开、待更新或未公开；"
                                                       "录入公开内容和先锋承诺")
    listing.add_argument("--org", help="组织代码")
    listing.add_argument("--year", type=int, help="年度，如 2025")
    listing.add_argument("--today", help="按哪天判断是否需要更新（默认今天）")
    listing.set_defaults(func=run_checklist)
    actions = listing.add_subparsers(dest="action", metavar="ACTION")
    text = actions.add_parser("text", help="从文本文件录入某一公开事项的内容（如 4 十大红线、13 办事指南）")
    text.add_argument("item", help="公开事项序号或代码，如 13 或 jx18-13")
    text.add_argument("--org", required=True, help="组织代码")
    text.add_argument("--file", type=Path, required=True, help="文本文件（UTF-8 或 GBK）")
    text.add_argument("--on", help="录入日期（默认今天）")
    text.set_defaults(func=run_text)
    promises = actions.add_parser(
        "commitments", help="从文本文件录入年度先锋承诺：“党组织：承诺”或“姓名：一句话承诺”，每行一条")
    promises.add_argument("--org", required=True, help="组织代码")
    promises.add_argument("--year", type=int, required=True, help="年度，如 2025")
    promises.add_argument("--file", type=Path, required=True, help="文本文件（UTF-8 或 GBK）")
    promises.add_argument("--on", help="录入日期（默认今天）")
    promises.set_defaults(func=run_commitments)


def run_board(store, args) -> int:
    if args.output.suffix.lower() != ".pdf":
        print(f"错误：输出文件 {args.output} 的扩展名应为 .pdf", file=sys.stderr)
        return 2
    org = orgs.by_code(store, args.org)
    item = items.find(store, org.id, args.item)
    posted_on = _date(args.posted_on) or date.today().isoformat()
    year = args.year if args.year or args.period else int(posted_on[:4])
    board = boards.build(store, org.id, item, boards.period_for(item, args.period, year),
                         posted_on)
    try:
        path = board_pdf.write_pdf(board, args.output, args.paper)
    except (ExportWriteError, FontMissingError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(f"已导出：{path}")
    if board.personal_data:
        print(f"本公开栏公开的个人信息：{board.personal_data}")
    return 0


def run_text(store, args) -> int:
    org = orgs.by_code(store, args.org)
    item = items.find(store, org.id, args.item)
    saved = texts.save(store, org.id, item, _read(args.file),
                       _date(args.on) or date.today().isoformat())
    print(f"已录入“{item.title}”（{saved.written_on}，共 {len(saved.body)} 字）")
    return 0


def run_commitments(store, args) -> int:
    org = orgs.by_code(store, args.org)
    on = _date(args.on) or date.today().isoformat()
    ours, theirs = [], []
    for line in _read(args.file).splitlines():
        label, sep, body = line.replace(":", "：").partition("：")
        if sep and label.strip() == "党组织":
            ours.append(body)
        else:
            theirs.append(line)
    by_member = commitments.parse_member_lines(store, org.id, "\n".join(theirs), on)
    item = next((i for i in items.items_for(store, org.id) if i.data == "commitments"), None)
    made = commitments.replace(store, org.id, args.year, ours, by_member, on, item)
    print(f"已录入{org.name}{args.year}年先锋承诺：党组织 {len(made.organisation)} 项，"
          f"党员 {len(made.members)} 人")
    return 0


def _read(path: Path) -> str:
    """A text file as typed on Windows (UTF-8, with or without BOM, or GBK) or anywhere else."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StoreError(f"文件 {path} 不是文本文件（应为 UTF-8 或 GBK 编码的 .txt）")


def run_checklist(store, args) -> int:
    from desktop_app.core.disclosure import checklist
    if not args.org or not args.year:
        print("错误：请用 --org 和 --year 指定组织和年度，如 shilu disclosure --org DEMO --year 2025",
              file=sys.stderr)
        return 2
    org = orgs.by_code(store, args.org)
    today = _date(args.today) or date.today().isoformat()
    statuses = checklist.checklist(store, org.id, args.year, today)
    print(f"{org.name} {args.year}年 党务公开清单（截至 {checklist.as_of(args.year, today)}）")
    if not statuses:
        print("本组织的规则档案没有列出公开事项。")
        return 0
    for s in statuses:
        review = ""
        if s.review:
            review = f"；审查：{s.review.reviewer} {s.review.reviewed_on}"
        elif items.needs_review(s.item):
            review = "；须经居务监督委员会审查"
        print(f"{s.item.number:>3}. [{s.status}] {s.item.title}")
        print(f"       {s.item.board}公开 · {s.frequency} · {items.KINDS[s.item.kind]}"
              f" · {s.reason}{review}")
    counts = {k: sum(s.status == k for s in statuses)
              for k in (checklist.POSTED, checklist.STALE, checklist.NOT_POSTED)}
    print("合计：" + "，".join(f"{k} {v} 项" for k, v in counts.items()))
    return 0


def _date(value: str | None) -> str | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise StoreError(f"日期无法识别：{exc}") from exc
