"""The 附件 tab of the meeting editor: thumbnails of the photos and scans on a record, files
chosen but not yet saved, and files taken off. Nothing is written until the editor saves, and
then inside its transaction (`write`)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from desktop_app.core.meetings import attachments
from desktop_app.core.store import Store
from desktop_app.ui import file_dialogs

KEY_ROLE = Qt.ItemDataRole.UserRole
FILE_FILTER = "图片或 PDF (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.pdf);;所有文件 (*)"


class AttachmentList:
    def __init__(self, store: Store, listing: QListWidget, root: Path | None = None):
        self.store = store
        self.listing = listing
        self.root = root            # None: the data dir's attachment store
        self.meeting_id: int | None = None
        self.pending: list[Path] = []
        self.removed: set[int] = set()

    def show(self, meeting_id: int | None) -> None:
        self.meeting_id = meeting_id
        self.listing.clear()
        file_icon = self.listing.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for att in attachments.of_meeting(self.store, meeting_id) if meeting_id else []:
            if att.id not in self.removed:
                thumb = attachments.thumbnail(att, self.root)
                self._add(QIcon(str(thumb)) if thumb else file_icon, att.filename, ("saved", att.id))
        for path in self.pending:
            pixmap = QPixmap(str(path))
            self._add(QIcon(pixmap) if not pixmap.isNull() else file_icon,
                      f"{path.name}\n（保存后附上）", ("pending", str(path)))

    def choose(self, parent: QWidget) -> None:
        names = file_dialogs.open_files(parent, "attachment", "选择照片或扫描件", FILE_FILTER)
        self.pending += [n for n in names if n not in self.pending]
        self.show(self.meeting_id)

    def remove_current(self) -> None:
        item = self.listing.currentItem()
        if item is None:
            return
        where, key = item.data(KEY_ROLE)
        if where == "pending":
            self.pending.remove(Path(key))
        else:
            self.removed.add(key)
        self.show(self.meeting_id)

    def write(self, meeting_id: int, reason: str | None = None) -> None:
        """Inside the editor's transaction: detach the removed, store and attach the chosen
        (`reason`: the 更正原因 of a sealed record)."""
        for attachment_id in self.removed:
            attachments.remove(self.store, attachment_id, reason=reason or "从会议记录中移除附件")
        for path in self.pending:
            attachments.add(self.store, meeting_id, path, self.root, reason=reason)

    def _add(self, icon: QIcon, text: str, key: tuple) -> None:
        item = QListWidgetItem(icon, text)
        item.setData(KEY_ROLE, key)
        self.listing.addItem(item)
