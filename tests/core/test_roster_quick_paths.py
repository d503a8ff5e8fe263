"""The shortcuts the 20,000-row import takes (bench/bench_roster.py) give what the full checks
give: each shortcut below is checked where it could part from the long way round."""
from desktop_app.core import members, phones
from desktop_app.core.members import Member
from desktop_app.core.roster import columns, sheet
from desktop_app.core.roster.cells import is_placeholder
from desktop_app.core.roster.rows import date_value, read_row
from tests.core.test_roster_kinds import HEAD, ROW_A, ROW_B, ledger, plan_of, write_xlsx  # noqa: F401


def test_a_repeated_header_is_found_by_its_name_label_however_it_is_written(ledger, tmp_path):
    # The name cell of a repeated header is looked up only when it holds 名 (or an OOXML escape
    # that may hide one): every label of the name column does.
    assert all("名" in label for label in columns.COLUMNS["name"])
    escaped = "_x005F_x59D3__x005F_x540D_"      # cleaned once: _x59D3__x540D_; once more: 姓名
    for label in ("姓 名", "党员姓名", "*姓名", escaped):
        header = [label if h == "姓名" else h for h in HEAD]
        plan = plan_of(ledger, write_xlsx(tmp_path / "r.xlsx", [HEAD, ROW_A, header, ROW_B]))
        assert [a.row for a in plan.adds] == [2, 4], label
        assert [s.number for s in plan.skipped] == [3], label


def test_placeholders_are_found_whatever_they_start_with():
    # Only a cell starting as a placeholder can start is matched against the list (cells are
    # NFKC already: （无） has become (无)).
    for text in ("(无)", "[无]", " — ", "—— ——", "…", "、", "∕", "N/A", "NA。", "null", "空白",
                 "没有", "无此项", "不详", "未填", "暂无", "無"):
        assert is_placeholder(text) is True, text
    for text in ("无党派", "Nobody", "不详细", "2001-07-01", "张三"):
        assert is_placeholder(text) is False, text


def test_an_iso_date_cell_reads_as_the_long_way_reads_it():
    assert date_value("2001-07-01") == "2001-07-01"
    assert date_value("2001-07-1.") == "2001-07-01"        # not ISO: trailing dot undone
    assert date_value("2001-07-01 00:00:00") == "2001-07-01"
    for bad in ("2001-02-29", "2001-13-01"):
        try:
            date_value(bad)
        except ValueError as exc:
            assert "不存在" in str(exc)
        else:
            raise AssertionError(bad)


def _read(cells: dict) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    read_row(cells, "2025-07-01", lambda f, r: problems.append((f, r)), lambda f, r: None)
    return problems


def test_eighteen_years_after_29_february_is_28_february():
    # Born 2000-02-29: 18 on 2018-02-28 (2018 has no 29 February), so 入党 on 2018-02-27 is too
    # early and on 2018-02-28 is not; born 1996-02-29, 18 on 2014-02-28.
    base = {"name": "张三", "birth_date": "2000-02-29"}
    assert [f for f, _ in _read(base | {"joined_on": "2018-02-27"})] == ["joined_on"]
    assert _read(base | {"joined_on": "2018-02-28"}) == []
    assert [f for f, _ in _read(base | {"joined_on": "2018-02-28", "confirmed_on": "2020-03-01"})] \
        == ["confirmed_on"]      # more than two years: 2020-02-28 is the last day


def test_cross_checks_are_what_validate_adds_to_normal_fields():
    member = Member("张三", birth_date="1980-01-01", joined_on="2005-07-01",
                    confirmed_on="2004-07-01", phone="138 0000 000x")
    assert members.cross_checks(member) == [("confirmed_on", "转正日期不能早于入党日期"),
                                            ("phone", phones.HINT)]
    assert members.validate(member) == members.cross_checks(member)
    early = Member("李四", birth_date="1980-01-01", joined_on="1980-01-01")
    assert members.cross_checks(early) == [("joined_on", "入党日期不能早于出生日期")]


def test_short_texts_are_cleaned_once_and_alike(ledger, tmp_path):
    # The same short text down a column is cleaned once; each row still gets its own value.
    rows = [HEAD + ["民族"], ROW_A + ["\u3000汉族\u200b"], ROW_B + ["\u3000汉族\u200b"]]
    read = sheet.read_sheet(write_xlsx(tmp_path / "r.xlsx", rows))
    assert [r.cells["ethnicity"] for r in read.rows] == ["汉族", "汉族"]


def test_groups_of_the_same_name_are_told_apart_by_their_branch(store, tmp_path):
    from desktop_app.core import orgs
    root = orgs.create(store, "SQ", "某社区党委", "党委")
    for n, branch in enumerate(("第一党支部", "第二党支部"), 1):
        orgs.create(store, f"SQ-0{n}-1", "第一党小组",  "党小组",
                    orgs.create(store, f"SQ-0{n}", branch, "党支部", root))
    rows = [HEAD + ["所在党支部", "党小组"], ROW_A + ["第二党支部", "第一党小组"],
            ROW_B + ["第一党支部", "第一党小组"], [3, "丙三", None, None, "2012-07-01", "2013-07-01",
                                               None, "第二党支部", "第二党小组"]]
    plan = plan_of(store, write_xlsx(tmp_path / "r.xlsx", rows))
    assert [(a.branch, a.group) for a in plan.adds] == [
        ("第二党支部", "第一党小组"), ("第一党支部", "第一党小组"), ("第二党支部", "第二党小组")]
    assert plan.new_orgs == ["第二党支部 › 第二党小组"]
    from desktop_app.core.roster.apply import apply_import
    apply_import(store, plan, "2025-07-01")
    placed = store.query("SELECT m.name, p.name AS branch, o.name AS grp FROM members m "
                         "JOIN memberships s ON s.member_id = m.id JOIN organisations o ON "
                         "o.id = s.org_id JOIN organisations p ON p.id = o.parent_id ORDER BY m.id")
    assert [(r["name"], r["branch"], r["grp"]) for r in placed] == [
        ("甲一", "第二党支部", "第一党小组"), ("乙二", "第一党支部", "第一党小组"),
        ("丙三", "第二党支部", "第二党小组")]
