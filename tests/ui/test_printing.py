"""打印 previews and prints our own PDF page by page; saved files offer 打开 / 打开所在文件夹."""
import pypdfium2
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QToolBar
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

from desktop_app.ui import export_actions, printing


def two_pages(path, size):
    """A two-page PDF of `size` with a page number on each page."""
    sheet = canvas.Canvas(str(path), pagesize=size)
    for number in (1, 2):
        sheet.setFont("Helvetica", 40)
        sheet.drawString(100, size[1] - 150, f"PAGE {number}")
        sheet.showPage()
    sheet.save()
    return path


def test_printing_draws_every_page_on_paper_of_the_pdfs_size(qtbot, tmp_path):
    source = two_pages(tmp_path / "plan.pdf", landscape(A3))
    pdf = pypdfium2.PdfDocument(str(source))
    layout = printing.paper_of(pdf)
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    assert layout.pageSize().id() == layout.pageSize().PageSizeId.A3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    printer.setPageLayout(layout)
    assert printing.paint(pdf, printer) == 2
    printed = pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))
    assert len(printed) == 2
    width, height = printed[0].get_size()
    assert abs(width - 1190.55) < 2 and abs(height - 841.89) < 2        # A3 landscape, points
    # The printed pages are pictures of the source pages: page 1 is not page 2.
    first, second = (printing.page_image(printed, i, 30) for i in (0, 1))
    assert first != second and not first.isNull()


def test_the_preview_offers_save_as_pdf_beside_print(qtbot, tmp_path, monkeypatch):
    source = two_pages(tmp_path / "签到表.pdf", A4)
    saved = []
    preview = printing.PrintPreview(source, "签到表_支部党员大会", None, saved.append)
    qtbot.addWidget(preview)
    assert preview.windowTitle() == "打印预览 — 签到表_支部党员大会"
    assert preview.save_action.text() == "另存为 PDF…"
    target = tmp_path / "存档" / "签到表.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(export_actions, "ask_path", lambda *a: target)
    preview.save_action.trigger()
    assert saved == [target] and target.read_bytes() == source.read_bytes()
    saved_pdf = pypdfium2.PdfDocument(str(target))      # read back without poppler (Windows)
    assert [page.get_textpage().get_text_range().strip() for page in saved_pdf] == \
        ["PAGE 1", "PAGE 2"]


def test_a_saved_file_offers_open_and_its_folder(qtbot, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    label = QLabel()
    qtbot.addWidget(label)
    path = tmp_path / "会议记录.pdf"
    export_actions.show_saved(label, path)
    assert "已保存：" in label.text() and ">打开<" in label.text() and ">打开所在文件夹<" in label.text()
    label.linkActivated.emit(QUrl.fromLocalFile(str(path)).toString())
    label.linkActivated.emit(QUrl.fromLocalFile(str(tmp_path)).toString())
    assert [u.toLocalFile() for u in opened] == [str(path), str(tmp_path)]
    export_actions.show_saved(label, path)              # shown again: still opens once per click
    label.linkActivated.emit(QUrl.fromLocalFile(str(path)).toString())
    assert len(opened) == 3


def test_print_in_words_opens_the_system_print_dialog(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QApplication
    preview = printing.PrintPreview(two_pages(tmp_path / "a.pdf", A4), "签到表", None)
    qtbot.addWidget(preview)
    toolbar_texts = [a.text() for a in preview.findChild(QToolBar).actions()[:2]]
    assert toolbar_texts == ["打印…", "另存为 PDF…"]
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog))
        dialog.reject()
    QTimer.singleShot(500, answer)
    preview.print_action.trigger()
    assert seen == [QPrintDialog]


def test_the_preview_shows_pages_at_screen_resolution_and_prints_them_sharp(qtbot, tmp_path,
                                                                           monkeypatch):
    # The preview keeps every page it shows as a picture: at 200 dpi an A3 page is 23 MB (an
    # 18-page A3 公开栏 took 600 MB); at 96 dpi it is 5 MB. Paper still gets 200 dpi.
    source = two_pages(tmp_path / "公开栏.pdf", landscape(A3))
    asked = []
    real = printing.page_image
    monkeypatch.setattr(printing, "page_image",
                        lambda pdf, index, dpi: asked.append(dpi) or real(pdf, index, dpi))
    preview = printing.PrintPreview(source, "公开栏", None)
    qtbot.addWidget(preview)
    preview.open()
    qtbot.waitUntil(lambda: len(asked) >= 2)
    assert asked == [96, 96]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    asked.clear()
    assert printing.paint(preview.pdf, printer) == 2
    assert asked == [200, 200]


def test_a_printout_that_fails_leaves_no_temporary_folder(qtbot, empty_ctx, tmp_path, monkeypatch):
    # e.g. a name no font can print: the secretary is told, and nothing stays in the temp folder.
    import tempfile

    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop_app.core.errors import WordedError
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    page = QWidget()
    qtbot.addWidget(page)

    def write(target):
        target.write_bytes(b"%PDF-1.4 half")            # a half-written printout, then the error
        raise WordedError("无法打印“李𱍐”")

    printing.print_pdf(empty_ctx, page, "公开栏", "公开栏04", write)
    qtbot.waitUntil(lambda: bool(told))
    assert told == ["无法打印“李𱍐”"] and list(tmp_path.glob("shilu-print-*")) == []
