"""`shilu demo`: write a synthetic ledger (deterministic by seed) into the database."""
import sys

from desktop_app.core.demo import DemoSpec, generate


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="生成演示账本（合成数据）")
    parser.add_argument("--members", type=int, default=60, help="党员人数")
    parser.add_argument("--years", type=int, default=2, help="年数（到今年为止）")
    parser.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同账本）")
    parser.set_defaults(func=run)


def run(store, args) -> int:
    if store.query_one("SELECT id FROM organisations LIMIT 1"):
        print("错误：该账本已有数据，演示数据只能写入空账本。", file=sys.stderr)
        return 1
    built = generate(store, DemoSpec(members=args.members, years=args.years, seed=args.seed))
    print(f"已生成演示账本：{len(built.branch_ids)} 个党支部，{len(built.member_ids)} 名党员，"
          f"{args.years} 年记录。")
    return 0
