"""说明.txt inside every bundle (issue 15 part 4): what the bundle is, for the person who opens it,
how to check it by hand with tools that are not Shilu, and what personal data it carries."""
from __future__ import annotations

from desktop_app.core.bundle.layout import EXTRACT, PUBLIC_KEY, SIGNATURE, SIGNED_FILE, SUMMARY_PDF
from desktop_app.core.exports.book import PERSONAL_DATA as BOOK_PERSONAL_DATA


def text(extract: dict, book: str | None = None) -> str:
    """`book`: the data/ name of the year's 《工作实录》 when the bundle carries it."""
    org, period, head = extract["organisation"], extract["period"], extract["continuity"]
    parent = org["parent"]
    previous = head["previous"]
    correction = extract["correction"]
    lines = [
        f"工作实录包：{org['name']}（{org['code']}）{period['label']}"
        + ("——更正包" if correction else ""),
        "",
        "这是什么",
        f"  {org['name']}用“工作实录”软件导出、用本支部的签名密钥签名的报送材料，"
        f"报送{parent['name'] if parent else '上级党组织'}。",
        f"  期间：{period['start']} 至 {period['end']}；生成于 {extract['generated_on']}。",
        f"  data/{SUMMARY_PDF}：一页摘要，可直接打印。",
        f"  data/{EXTRACT}：报送数据（字段说明见软件的 resources/schemas/ledger-extract.schema.json，"
        "金额单位为元）。",
        *([f"  data/{book}：{period['end'][:4]} 年度《工作实录》全本，供年度检查（一月）查阅；"
           "含个人信息，见文末。"] if book else []),
        "",
        "如何自己核对（不用本软件）",
        "  1. 文件是否完整、是否被改动：python -m bagit --validate 本文件夹",
        f"  2. 签名是否正确：openssl pkeyutl -verify -pubin -inkey {PUBLIC_KEY} -rawin "
        f"-in {SIGNED_FILE} -sigfile {SIGNATURE}",
        "     显示 Signature Verified Successfully 即签名正确。",
        f"  3. 是谁签的：签名公钥 {PUBLIC_KEY} 的指纹须与该支部当面或电话核对过、已登记的指纹一致；"
        "签名正确但公钥未登记，只能说明包未被改动，不能说明是谁发的。",
        "",
        "连续性",
        f"  导出时账本审计链共 {head['audit_entries']} 条，链头 {head['audit_head']}；"
        f"封存截至 {head['sealed_through']}。",
        ("  上一个报送包：" + (f"{previous['id']}（审计链 {previous['audit_entries']} 条，"
                             f"链头 {previous['audit_head']}）" if previous else "无（首次报送）")),
    ]
    if correction:
        lines += ["", f"更正：本包更正 {correction['of']}，更正的记录共 {len(correction['records'])} 条"
                  + ("：" if correction["records"] else "（记录没有改动，重新导出）。")]
        lines += [f"  {r['ref']}（{r['action']}，{r['on']}）：{r['reason']}" for r in correction["records"]]
    lines += ["", "个人信息", f"  data/{EXTRACT}：{extract['personal_data']}"]
    if book:
        lines += [f"  data/{book}：含个人信息——{BOOK_PERSONAL_DATA}。请按含个人信息的材料保管，"
                  "只交上级党组织，不公开、不转发；年检后不需保留的，请删除。"]
    lines.append("")
    return "\n".join(lines)
