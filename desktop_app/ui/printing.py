"""打印 means print: the app's own PDF, shown in Qt's print preview, sent through the system's
print dialog; "另存为 PDF" sits beside 打印 in the preview's toolbar.

QtPdf is not in pyside6-essentials, so pages are rasterised with pypdfium2 (PDFium, the engine
of Chrome's PDF viewer) at up to RENDER_DPI and drawn onto the printer's full paper: the PDF
already has its own margins, and its first page sets the paper size and orientation.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Callable

import pypdfium2
from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, QSizeF, Qt
from PySide6.QtGui import QAction, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QToolBar, QWidget

from desktop_app.core.durable import ExportWriteError, write_atomically
from desktop_app.ui import export_actions
from desktop_app.ui.context import AppContext
from desktop_app.ui.screen_fit import resize_within

# Dots per inch the pages are rendered at: sharp text on paper, and a preview that opens quickly.
RENDER_DPI = 200
POINTS_PER_INCH = 72


def page_image(pdf: pypdfium2.PdfDocument, index: int, dpi: float) -> QImage:
    """Page `index` of `pdf` as an RGB image at `dpi`."""
    picture = pdf[index].render(scale=dpi / POINTS_PER_INCH).to_pil().convert("RGB")
    return QImage(picture.tobytes(), picture.width, picture.height, 3 * picture.width,
                  QImage.Format.Format_RGB888).copy()


def paper_of(pdf: pypdfium2.PdfDocument) -> QPageLayout:
    """The first page's size (points) as a full-paper layout, landscape when wider than tall."""
    width, height = pdf[0].get_size()
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width > height \
        else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def paint(pdf: pypdfium2.PdfDocument, printer: QPrinter) -> int:
    """Draw every page onto `printer`, each scaled to the paper; returns the page count."""
    dpi = min(printer.resolution(), RENDER_DPI)
    painter = QPainter(printer)
    try:
        for index in range(len(pdf)):
            if index:
                printer.newPage()
            image = page_image(pdf, index, dpi)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), size), image)
    finally:
        painter.end()
    return len(pdf)


class PrintPreview(QPrintPreviewDialog):
    """The preview of one PDF, with 打印 (the system print dialog) and 另存为 PDF."""

    def __init__(self, pdf_path: Path, stem: str, parent: QWidget | None = None,
                 on_saved=None):
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        super().__init__(self.printer, parent)
        self.pdf_path, self.stem, self.on_saved = Path(pdf_path), stem, on_saved
        self.pdf = pypdfium2.PdfDocument(str(self.pdf_path))
        self.printer.setFullPage(True)
        self.printer.setPageLayout(paper_of(self.pdf))
        self.printer.setDocName(stem)
        self.setWindowTitle(f"打印预览 — {stem}")
        self.paintRequested.connect(lambda printer: paint(self.pdf, printer))
        self.save_action = QAction("另存为 PDF…", self)
        self.save_action.triggered.connect(self.save_as)
        # 打印 and 另存为 PDF in words, first in the toolbar (a narrow window never hides them
        # behind »); 打印 opens the system print dialog through the preview's own print action.
        self.print_action = QAction("打印…", self)
        toolbar = self.findChild(QToolBar)
        own_print = next((a for a in toolbar.actions()
                          if a.text() == QCoreApplication.translate("QPrintPreviewDialog", "Print")),
                         None) if toolbar is not None else None
        if own_print is not None:
            self.print_action.triggered.connect(own_print.trigger)
            first = toolbar.actions()[0]
            toolbar.insertAction(first, self.print_action)
            toolbar.insertAction(first, self.save_action)
            toolbar.insertSeparator(first)
        resize_within(self, 1000, 760)
        self.finished.connect(lambda _: self.pdf.close())

    def save_as(self) -> Path | None:
        """Copy the printout to where the secretary chooses (written durably)."""
        target = export_actions.ask_path(self, "另存为 PDF", self.stem, (".pdf",))
        if target is None:
            return None
        try:
            with write_atomically(target) as temp:
                shutil.copyfile(self.pdf_path, temp)
        except ExportWriteError as exc:
            QMessageBox.warning(self, "另存为 PDF", str(exc))
            return None
        if self.on_saved is not None:
            self.on_saved(target)
        return target


def print_pdf(ctx: AppContext, parent: QWidget, title: str, stem: str,
              write: Callable[[Path], Path], on_saved: Callable[[Path], None] | None = None,
              on_shown: Callable[[], None] | None = None):
    """Write the printout to a temporary PDF on the worker, then open its print preview (the
    temporary folder goes when the preview closes). `on_saved(path)` after 另存为 PDF;
    `on_shown()` when the preview opens."""
    folder = Path(tempfile.mkdtemp(prefix="shilu-print-"))
    target = folder / f"{export_actions.safe_name(stem)}.pdf"

    def show(_written) -> None:
        preview = PrintPreview(target, stem, parent, on_saved)
        preview.finished.connect(lambda _: shutil.rmtree(folder, ignore_errors=True))
        parent.print_preview = preview
        preview.open()
        if on_shown is not None:
            on_shown()

    ctx.worker.run(parent, f"正在准备{title}", lambda progress: write(target), show)
