"""The trend upstream (issue 15 part 3): each branch across the quarters it has reported, read
from the upstream history; a correction replaces what it corrects; a tampered bundle adds
nothing. Expected figures are summed by hand from each bundle's extract."""
import shutil

import pytest

from desktop_app.core import orgs
from desktop_app.core.bundle import aggregate, trend
from desktop_app.core.bundle import inbox as inbox_mod
from desktop_app.core.bundle.build import build_bundle
from desktop_app.core.bundle.history import History
from desktop_app.core.meetings import records
from desktop_app.core.store import open_store
from tests.core.bundle_helpers import TODAY, registry_for, rewrite
from tests.core.trend_helpers import figures, make_inbox


@pytest.fixture(scope="module")
def inbox(demo_template, tmp_path_factory):
    return make_inbox(demo_template, tmp_path_factory.mktemp("trend"))


def _registry(inbox):
    return {**registry_for("DEMO-01", inbox.one), **registry_for("DEMO-02", inbox.two)}


def test_each_branch_across_its_quarters(inbox, tmp_path):
    history = History(tmp_path / "h.sqlite")
    aggregate.summarise(inbox.folder, _registry(inbox), history)
    found = list(trend.series(history))
    assert [(s.org_code, s.org_name) for s in found] == [("DEMO-01", "第一党支部"),
                                                         ("DEMO-02", "第二党支部")]
    one, two = found
    assert [(p.period, p.label, p.start, p.end) for p in one.points] == [
        ("2025Q2", "2025年第2季度", "2025-04-01", "2025-06-30"),
        ("2025Q3", "2025年第3季度", "2025-07-01", "2025-09-30")]
    for point in (*one.points, *two.points):
        bundle = inbox.folder / f"{point.identifier}.zip"
        assert (point.held, point.required, point.unmet, point.members) == figures(bundle)
        assert point.bundles == 1
    assert [p.period for p in two.points] == ["2025Q3"]
    assert one.points[1].required > 0 and one.points[1].members > 0
    assert [s.org_code for s in trend.series(history, "DEMO-02")] == ["DEMO-02"]
    assert list(trend.series(history, "NOPE")) == []
    text = trend.as_text(one)
    assert text.startswith("第一党支部（DEMO-01）：2 个期间\n期间\t三会一课 已开/应开")
    held, required, unmet, members = figures(inbox.folder / "DEMO-01-2025Q3.zip")
    assert f"2025年第3季度\t{held}/{required}\t{unmet}\t{members}\tDEMO-01-2025Q3" in text
    history.close()


def test_a_correction_replaces_the_figures_it_corrects(inbox, tmp_path):
    ledger = tmp_path / "one.sqlite"
    shutil.copy(inbox.ledger_one, ledger)
    store = open_store(ledger, actor="测试书记")
    org = orgs.by_code(store, "DEMO-01").id
    meeting = next(m for m in records.find(store, "2025-07-01", "2025-09-30", org_id=org)
                   if m.kind == "支委会")                   # the only one of its month
    store.update("meetings", meeting.id, {"status": records.PLANNED}, reason="会议实际未召开")
    folder = tmp_path / "later"
    folder.mkdir()
    correction = build_bundle(store, "DEMO-01", "2025Q3", folder / "c1.zip", inbox.one,
                              today=TODAY).path
    store.close()
    history = History(tmp_path / "h.sqlite")
    aggregate.summarise(inbox.folder, _registry(inbox), history)
    aggregate.summarise(folder, _registry(inbox), history)          # the next stick
    q3 = next(trend.series(history, "DEMO-01")).points[1]
    assert (q3.identifier, q3.bundles) == ("DEMO-01-2025Q3-C1", 2)
    assert (q3.held, q3.required, q3.unmet, q3.members) == figures(correction)
    held, required, unmet, members = figures(inbox.folder / "DEMO-01-2025Q3.zip")
    # that 支委会 counted for two rules: 支委会每月 and 每季度专题研究党建工作
    assert (q3.held, q3.required, q3.members) == (held - 2, required, members)
    assert "DEMO-01-2025Q3-C1（共收到 2 个包）" in trend.as_text(next(trend.series(history)))
    history.close()


def test_a_tampered_bundle_adds_no_figures(inbox, tmp_path):
    folder = tmp_path / "tampered"
    folder.mkdir()
    rewrite(inbox.folder / "DEMO-02-2025Q3.zip", folder / "DEMO-02-2025Q3.zip",
            lambda name, data: data.replace("逾期".encode(), "达标".encode())
            if name.endswith(".json") else data)
    history = History(tmp_path / "h.sqlite")
    aggregate.summarise(folder, _registry(inbox), history)
    assert list(trend.series(history)) == []
    history.close()


def test_a_history_kept_before_figures_were_fills_in_when_the_bundles_come_again(inbox, tmp_path):
    history = History(tmp_path / "h.sqlite")
    aggregate.summarise(inbox.folder, _registry(inbox), history)
    with history.conn:
        history.conn.execute("DELETE FROM figures")          # as an older version left it
    assert list(trend.series(history)) == []
    aggregate.summarise(inbox.folder, _registry(inbox), history)
    assert [len(s.points) for s in trend.series(history)] == [2, 1]
    history.close()


def test_checking_a_folder_reports_progress_and_stops_between_bundles(inbox, tmp_path):
    seen = []

    class Cancelled(Exception):
        """As the worker's progress raises once 取消 is pressed."""

    def progress(done, total, text):
        seen.append((done, total, text))
        if done == 2:
            raise Cancelled()
    with pytest.raises(Cancelled):
        inbox_mod.check_folder(inbox.folder, _registry(inbox), tmp_path / "h.sqlite", progress)
    assert seen == [(1, 3, "已校验 1/3 个实录包"), (2, 3, "已校验 2/3 个实录包")]
    checked = inbox_mod.check_folder(inbox.folder, _registry(inbox), tmp_path / "h.sqlite")
    assert [r.verdict.word for r in checked.summary.rows] == ["有效"] * 3
    assert sorted(checked.series) == ["DEMO-01", "DEMO-02"]
