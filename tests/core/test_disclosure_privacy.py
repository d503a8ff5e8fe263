"""Public boards never carry an ID number or a personal mobile, however it is written (full-width
digits, spaces, hyphens, dots); an office landline for a 咨询电话 stays allowed."""
import dataclasses
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.disclosure import boards, items, privacy, texts
from desktop_app.core.exports import board_pdf
from desktop_app.core.idcard import check_digit
from desktop_app.core.store import StoreError
from tests.core.disclosure_helpers import community

FIXTURE = Path(__file__).parent.parent / "fixtures" / "board-text-with-hidden-ids.txt"
SEPARATORS = [" ", "  ", "-", "－", ".", "．", "\u3000", "·", "—", " - "]


def test_case_file_hidden_ids_are_refused_and_the_landline_stays(store):
    """cases/print/board-text-with-hidden-ids.txt: both hidden IDs named; 0573-8200000 allowed."""
    town = community(store)
    guide = items.find(store, town.root, 13)          # 社区便民服务办事指南: no contacts
    body = FIXTURE.read_text(encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        texts.save(store, town.root, guide, body, "2025-06-01")
    message = str(refused.value)
    assert "身份证号“３３０１０２１９９００１０１１２３４”" in message
    assert "身份证号“330102 19900101 1234”" in message
    assert "0573" not in message
    assert texts.current(store, town.root, guide.id) is None
    landline_only = "\n".join(line for line in body.splitlines() if "身份证" not in line
                              and "备用" not in line)
    texts.save(store, town.root, guide, landline_only, "2025-06-01")
    board = boards.build(store, town.root, guide, boards.period_for(guide, None, 2025),
                         "2025-06-02")
    assert any("0573-8200000" in s for s in board.strings())


def test_a_board_is_checked_again_when_printed(store):
    """Text that got into the ledger before the check tightened is stopped at print time."""
    town = community(store)
    pact = items.find(store, town.root, 14)
    store.insert("disclosure_texts", {"org_id": town.root, "item_id": pact.id,
                                      "written_on": "2025-01-01", "body": "联系 139 0000 1111"})
    with pytest.raises(StoreError, match="公开栏“社区公约”含有手机号码“139 0000 1111”"):
        boards.build(store, town.root, pact, boards.period_for(pact, None, 2025), "2025-06-02")


@pytest.mark.parametrize("text", ["办公室电话：0573-8200000", "咨询电话 0573 82000000",
                                  "2025.06.01-2025.12.31 每周一 8:30-17:00", "金额 1,234.50 元",
                                  "第 3 项，共 12 人，2025 年"])
def test_ordinary_numbers_pass(text):
    assert privacy.problems(text, contacts_allowed=False) == []


def test_mobiles_pass_only_where_contacts_are_published():
    assert privacy.problems("网格员 138-0000-0001", contacts_allowed=True) == []
    assert privacy.problems("网格员 138-0000-0001", contacts_allowed=False) == \
        ["手机号码“138-0000-0001”"]
    assert privacy.problems("赵 33040219800101123X", contacts_allowed=True) == \
        ["身份证号“33040219800101123X”"]


FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)} | {"X": "Ｘ"}


def obfuscate(draw, number: str) -> str:
    out = []
    for n, ch in enumerate(number):
        if n and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(FULL_WIDTH[ch] if draw(st.booleans()) else ch)
    return "".join(out)


@st.composite
def hidden_id(draw):
    region = draw(st.sampled_from(["330402", "110105", "440305", "510107"]))
    born = draw(st.dates(min_value=date(1930, 1, 1),
                         max_value=date(2012, 12, 31)))
    first17 = f"{region}{born:%Y%m%d}{draw(st.integers(0, 999)):03d}"
    return obfuscate(draw, first17 + check_digit(first17))


@st.composite
def hidden_mobile(draw):
    number = f"1{draw(st.sampled_from('3456789'))}{draw(st.integers(0, 10**9 - 1)):09d}"
    prefix = draw(st.sampled_from(["", "+86 ", "86", "（+86）"]))
    return prefix + obfuscate(draw, number)


@st.composite
def office_landline(draw):
    area = draw(st.sampled_from(["0573", "0571", "010", "021"]))
    local = f"{draw(st.integers(2, 8))}{draw(st.integers(0, 10**6 - 1)):06d}"
    return area + draw(st.sampled_from(["-", " ", "－", ""])) + local


WORDS = st.sampled_from(["", "联系人王某某，", "证件：", "如有疑问请联系。", "（请勿外传）"])


@settings(max_examples=300, deadline=None)
@given(WORDS, hidden_id(), WORDS)
def test_any_written_form_of_an_id_is_caught(before, number, after):
    assert privacy.problems(before + number + after, contacts_allowed=True)[0].startswith("身份证号")


@settings(max_examples=300, deadline=None)
@given(WORDS, hidden_mobile(), WORDS)
def test_any_written_form_of_a_mobile_is_caught(before, number, after):
    found = privacy.problems(before + number + after, contacts_allowed=False)
    assert found and found[0].startswith("手机号码")


@settings(max_examples=200, deadline=None)
@given(WORDS, office_landline(), WORDS)
def test_office_landlines_are_allowed(before, number, after):
    assert privacy.problems(before + number + after, contacts_allowed=False) == []


def test_the_pdf_writer_checks_a_board_it_is_handed(store, tmp_path):
    """A board assembled elsewhere (not through boards.build) is still checked as it prints."""
    town = community(store)
    pact = items.find(store, town.root, 14)
    board = boards.Board(pact, "和平社区党委", "2025-06-02", None,
                         (boards.Text(("联系人 ３３０４０２１９８００１０１１２３Ｘ",)),), None)
    with pytest.raises(StoreError, match="身份证号"):
        board_pdf.write_pdf(board, tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()
    fine = dataclasses.replace(board, blocks=(boards.Text(("咨询电话 0573-8200000",)),))
    assert board_pdf.write_pdf(fine, tmp_path / "b.pdf").exists()
