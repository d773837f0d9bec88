"""Impressões: what the virtual printer printed, newest first, each paper at full size.

With no printer yet (`virtual://…`), "Página de teste impressa" or "Relatório impresso"
would leave nothing to see. This window shows every paper the counter's virtual
printer has received since posapp opened, newest at the top, at the printer's own
dots (1:1): the wizard's test page and the reports open it, and it follows new papers
while it is open.
"""

from __future__ import annotations

from io import BytesIO

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from hardware.emulator.decoder import Receipt
from hardware.emulator.render_png import render_receipt
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import virtual_printer
from hardware.errors import HardwareError
from hardware.uri import parse_printer_uri

POLL_MS = 300
"""How often an open window looks for new papers (the printer is in this process)."""

_windows: dict[str, PrintedWindow] = {}


def virtual_name(printer_uri: str) -> str | None:
    """The virtual printer's name, or None for a real printer."""
    try:
        uri = parse_printer_uri(printer_uri)
    except HardwareError:
        return None
    return uri.name if uri.scheme == "virtual" else None


def paper_pixmap(receipt: Receipt, paper_dots: int) -> QPixmap:
    """One paper as the printer's dots draw it (PNG through Pillow, at 1:1)."""
    image = render_receipt(receipt, paper_dots)
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class PrintedWindow(QWidget):
    """A top-level window over one virtual printer; `papers` are the labels, newest first."""

    def __init__(self, server: EmulatorServer, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("printedWindow")
        self.setWindowTitle(self.tr("Impressões (impressora virtual)"))
        self.server = server
        self.shown = 0
        self.papers: list[QLabel] = []
        self.empty = QLabel(self.tr("Nada impresso ainda."))
        self.empty.setObjectName("printedEmpty")
        self.column = QWidget()
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setSpacing(16)
        self.column_layout.addWidget(self.empty)
        self.column_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("printedScroll")
        scroll.setWidget(self.column)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        note = QLabel(
            self.tr("Sem impressora instalada, o posapp imprime aqui. A mais recente fica no alto.")
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        self.resize(server.paper_dots + 120, 800)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Add the papers printed since the last look, on top."""
        printed = self.server.printed()
        for receipt in printed[self.shown :]:
            label = QLabel()
            label.setObjectName("printedPaper")
            label.setPixmap(paper_pixmap(receipt, self.server.paper_dots))
            label.setToolTip("\n".join(receipt.lines))
            label.setProperty("paperText", "\n".join(receipt.lines))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.column_layout.insertWidget(0, label)
            self.papers.insert(0, label)
        self.shown = len(printed)
        self.empty.setVisible(not self.papers)


def show_printed(printer_uri: str, parent: QWidget | None = None) -> PrintedWindow | None:
    """Open (or raise) the window of the virtual printer `printer_uri` names; None when
    the counter prints on a real printer, whose paper the cashier can see."""
    name = virtual_name(printer_uri)
    if name is None:
        return None
    window = _windows.get(name)
    if window is not None:
        try:
            window.refresh()
            window.show()
            window.raise_()
            return window
        except RuntimeError:  # its parent was closed and took it along
            del _windows[name]
    window = PrintedWindow(virtual_printer(name), parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    _windows[name] = window
    window.show()
    window.raise_()
    return window
