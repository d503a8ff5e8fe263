"""Open the main window and every dialog on a 1366×768 offscreen screen and print their sizes.

Run as a script by test_screen_fit.py with QT_SCALE_FACTOR set (Qt applies the factor at start-up,
so each factor needs its own process). Prints one JSON object: the screen's available logical
size and, per window, its minimumSizeHint and the frame size it opened at.
"""
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop_app.core import members, orgs
from desktop_app.core.rules.engine import profile_for
from desktop_app.core.scoring import pioneer
from desktop_app.core.demo import DemoSpec, generate
from desktop_app.core.meetings import kinds
from desktop_app.core.store import open_store
from desktop_app.ui.context import AppContext
from desktop_app.ui.worker import Worker


def windows(ctx):
    """(name, factory) for the main window and each dialog, built on the demo ledger."""
    from desktop_app.ui.appraisal_dialog import AppraisalDialog
    from desktop_app.ui.backup_dialog import BackupDialog
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.meeting_editor import new_record_editor
    from desktop_app.ui.member_dialog import MemberDialog
    from desktop_app.ui.member_event_dialog import MemberEventDialog
    from desktop_app.ui.passphrase_dialog import PassphraseDialog
    from desktop_app.ui.pioneer_entry_dialog import PioneerEntryDialog
    from desktop_app.ui.pioneer_exempt_dialog import PioneerExemptDialog
    from desktop_app.ui.roster_import_dialog import RosterImportDialog
    from desktop_app.ui.settings_dialog import SettingsDialog
    from desktop_app.ui.study_entry_dialog import StudyEntryDialog
    from desktop_app.ui.study_opening_dialog import StudyOpeningDialog
    from desktop_app.ui.wizard import FirstRunWizard

    store = ctx.store
    branch = next(o for o in orgs.all_orgs(store) if o.kind == "党支部")
    someone = members.expected_on(store, branch.id, "2025-12-31")[0]
    sheet = pioneer.sheet_of(profile_for(store, branch.id))
    _, span = pioneer.half_year("2025H2")
    return [
        ("主窗口", lambda: MainWindow(ctx)),
        ("会议记录", lambda: new_record_editor(ctx, None, branch.id, kinds.BRANCH_MEETING,
                                               "2025-12-20")),
        ("党员信息", lambda: MemberDialog(ctx, someone.id)),
        ("新党员", lambda: MemberDialog(ctx)),
        ("组织关系变动", lambda: MemberEventDialog(ctx, someone.id)),
        ("民主评议", lambda: AppraisalDialog(ctx, branch.id, 2025)),
        ("备份", lambda: BackupDialog(ctx)),
        ("导入花名册", lambda: RosterImportDialog(ctx)),
        ("学时录入", lambda: StudyEntryDialog(ctx, branch.id)),
        ("学时期初", lambda: StudyOpeningDialog(ctx, branch.id, 2025)),
        ("先锋指数录入", lambda: PioneerEntryDialog(ctx, sheet, branch.id, "2025H2", span.end,
                                                 someone.id, someone.name)),
        ("先锋指数免评", lambda: PioneerExemptDialog(ctx, sheet, branch.id, "2025H2", span,
                                                 someone.id, someone.name)),
        ("设置", lambda: SettingsDialog()),
        ("口令", lambda: PassphraseDialog(None, "设口令", confirm=True)),
        ("首次使用向导", lambda: FirstRunWizard(ctx)),
    ]


def main() -> None:
    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    store = open_store(folder / "ledger.sqlite", actor="测试书记")
    generate(store, DemoSpec(members=40, years=1, seed=7, last_year=2025))
    worker = Worker()
    ctx = AppContext(store, worker, today=lambda: "2025-12-31")
    screen = app.primaryScreen().availableGeometry()
    report = {"screen": [screen.width(), screen.height()], "windows": {}}
    for name, make in windows(ctx):
        window = make()
        if hasattr(window, "show_sized"):
            window.show_sized()
        else:
            window.show()
        app.processEvents()
        hint, frame = window.minimumSizeHint(), window.frameGeometry()
        report["windows"][name] = {"min": [hint.width(), hint.height()],
                                   "frame": [frame.x(), frame.y(), frame.width(), frame.height()]}
        window.close()
        window.deleteLater()
        app.processEvents()
    worker.wait_idle()
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
