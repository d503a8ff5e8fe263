import shutil
from pathlib import Path

import pytest

from desktop_app.core import members
from desktop_app.core.meetings import attendance, records, search
from desktop_app.core.meetings.attendance import Mark
from desktop_app.core.meetings.records import Guest
from desktop_app.core.store import audit, migrations, open_store
from tests.core.meetings_helpers import build_branch


@pytest.fixture
def br(store):
    return build_branch(store)


def ids(hits):
    return sorted(h.meeting_id for h in hits)


def save(store, br, kind, on, **fields):
    meeting = records.new(store, br.branch, kind, on)
    for key, value in fields.items():
        setattr(meeting, key, value)
    return records.save(store, meeting)


def test_bigrams_and_query_expressions():
    assert search.grams("学习党章，PDF 2025") == (["学习", "习党", "党章", "pdf", "2025"],
                                                 ["学", "习", "党", "章"])
    assert search.match_expression("党章") == 'bi : "党章"'
    assert search.match_expression("党") == 'uni : "党"'
    assert search.match_expression("入党誓词 张三") == 'bi : "入党 党誓 誓词" AND bi : "张三"'
    assert search.match_expression(" ，。 ") is None


def test_finds_two_character_words_names_and_single_characters(store, br):
    a = save(store, br, "支部党员大会", "2025-03-10", minutes="集中学习党章总纲，重温入党誓词。")
    b = save(store, br, "支委会", "2025-04-08", topic="研究发展党员工作", minutes="讨论入党积极分子。")
    c = save(store, br, "其他", "2025-05-08", minutes="社区环境整治", guests=[Guest("欧阳明", "物业公司")])
    assert ids(search.search(store, "党章")) == [a]
    assert ids(search.search(store, "入党")) == [a, b]
    assert ids(search.search(store, "章总")) == [a]          # any two adjacent characters
    assert ids(search.search(store, "入党 积极分子")) == [b]  # every word must match
    assert ids(search.search(store, "张三")) == [a, b, c]     # the host, 书记
    assert ids(search.search(store, "欧阳明")) == [c]         # a 列席 guest
    assert ids(search.search(store, "章")) == [a]
    assert ids(search.search(store, "党章学习")) == []        # a phrase, not scattered characters
    hit = search.search(store, "党章")[0]
    assert (hit.kind, hit.org_name) == ("支部党员大会", "幸福社区党支部")
    assert "党章" in hit.excerpt


def test_index_follows_edits_deletes_and_renames(store, br):
    a = save(store, br, "支委会", "2025-03-10", minutes="研究垃圾分类宣传。")
    assert ids(search.search(store, "垃圾")) == [a]
    meeting = records.get(store, a)
    meeting.minutes = "研究老旧小区改造。"
    records.save(store, meeting)
    assert search.search(store, "垃圾") == []
    assert ids(search.search(store, "小区")) == [a]
    records.delete(store, a, "误录")
    assert search.search(store, "小区") == []
    records.restore(store, a)
    assert ids(search.search(store, "小区")) == [a]
    talk = records.new(store, br.branch, "谈心谈话", "2025-03-12")
    talk_id = records.save(store, talk, [Mark(br.ids["王芳"])])
    assert ids(search.search(store, "王芳")) == [talk_id]
    person = members.get(store, br.ids["王芳"])
    person.name = "王芳菲"
    members.save(store, person)
    assert ids(search.search(store, "芳菲")) == [talk_id]


def test_rebuild_gives_the_same_answers(store, br):
    a = save(store, br, "支委会", "2025-03-10", minutes="研究垃圾分类宣传。")
    before = ids(search.search(store, "分类"))
    search.rebuild(store)
    assert ids(search.search(store, "分类")) == before == [a]


def test_a_schema_2_ledger_gains_its_search_index_on_upgrade(tmp_path):
    """ledger_v2.sqlite: migrations 1-2 only, one 支部党员大会 with attendance and a follow-up."""
    copy = tmp_path / "v2.sqlite"
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures" / "ledger_v2.sqlite", copy)
    store = open_store(copy)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
        hits = search.search(store, "党章")
        assert [(h.title, h.org_name) for h in hits] == [("2024年3月支部党员大会", "旧版党支部")]
        assert [h.meeting_id for h in search.search(store, "周明")] == [hits[0].meeting_id]
        assert attendance.open_work(store) == []
        assert attendance.summary(store, hits[0].meeting_id).absent == 1
        assert audit.verify(store.conn).ok
    finally:
        store.close()
