"""File dialogs start where that kind of file was last put, and show USB sticks first."""
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop_app.ui import file_dialogs


def test_each_kind_of_file_starts_in_its_last_folder(tmp_path, monkeypatch):
    exports = tmp_path / "文件" / "导出"
    exports.mkdir(parents=True)
    asked = []

    def save_dialog(parent, title, start, filters):
        asked.append(start)
        return str(exports / "签到表.pdf"), filters
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(file_dialogs, "removable_drives", lambda: [])
    path, _ = file_dialogs.save_file(None, "export", "保存", "签到表.pdf", "PDF 文件 (*.pdf)")
    assert path == exports / "签到表.pdf"
    assert asked == [str(Path.home() / "签到表.pdf")]              # first time: home
    file_dialogs.save_file(None, "export", "保存", "会议记录.pdf", "PDF 文件 (*.pdf)")
    assert asked[1] == str(exports / "会议记录.pdf")                # then where the last one went
    assert file_dialogs.start_folder("roster") == Path.home()      # another kind keeps its own


def test_backups_open_on_the_usb_stick_listed_first(qtbot, tmp_path, monkeypatch):
    usb = tmp_path / "media" / "li" / "KINGSTON"
    usb.mkdir(parents=True)
    monkeypatch.setattr(file_dialogs, "removable_drives", lambda: [usb])
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        seen["folder"] = Path(dialog.directory().absolutePath())
        seen["sidebar"] = [url.toLocalFile() for url in dialog.sidebarUrls()]
        dialog.reject()
    QTimer.singleShot(300, look)
    assert file_dialogs.open_file(None, "backup", "选择备份文件", "实录备份 (*.zip)") is None
    assert seen["folder"] == usb
    assert seen["sidebar"][0] == str(usb) and str(Path.home()) in seen["sidebar"]


def test_removable_drives_are_told_by_where_linux_mounts_them():
    assert file_dialogs.is_removable("/media/li/KINGSTON")
    assert file_dialogs.is_removable("/run/media/li/U盘")
    assert not file_dialogs.is_removable("/")
    assert not file_dialogs.is_removable("/home")
