"""The last receipt as the paper shows it: beside the cart, and whole in a dialog (F12).

The preview PNG is drawn at the printer's dots (384 or 576 px wide, 24 px
characters). Beside the cart it is fitted to the panel's width but never
shrunk below `READABLE_SCALE`, and scrolls; the dialog shows the whole receipt
at the largest readable size the screen allows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

READABLE_SCALE = 0.7
"""24 px receipt characters stay at least 16-17 px tall on screen."""
MIN_PREVIEW_HEIGHT = 220


def scaled(pixmap: QPixmap, width: int) -> QPixmap:
    """The receipt at `width` (never above its own size nor below the readable scale)."""
    if pixmap.isNull() or pixmap.width() == 0:
        return pixmap
    target = max(min(width, pixmap.width()), int(pixmap.width() * READABLE_SCALE))
    if target == pixmap.width():
        return pixmap
    return pixmap.scaledToWidth(target, Qt.TransformationMode.SmoothTransformation)


class ReceiptPreview(QScrollArea):
    """A scrolling receipt fitted to the panel's width; `label` holds what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptScroll")
        self.original = QPixmap()
        self.label = QLabel()
        self.label.setObjectName("receiptPreview")
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setMinimumHeight(MIN_PREVIEW_HEIGHT)
        self.setVisible(False)

    def show_png(self, png: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.original = pixmap
        self.setVisible(not pixmap.isNull())
        self._fit()

    def clear(self) -> None:
        if self.original.isNull():  # nothing shown (the first scan of every sale asks)
            return
        self.original = QPixmap()
        self.label.clear()
        self.setVisible(False)

    def _fit(self) -> None:
        if self.original.isNull():
            return
        width = self.viewport().width() - 4
        self.label.setPixmap(scaled(self.original, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ReceiptDialog(QDialog):
    """The whole receipt, as large as the screen allows and never below the readable scale."""

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(self.tr("Recibo"))
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setObjectName("receiptWhole")
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.label)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("Fechar"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeReceipt")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        room = self._room()
        fit = min(1.0, room.height() / max(pixmap.height(), 1))
        scale = max(fit, READABLE_SCALE)
        shown = (
            pixmap
            if scale >= 1.0
            else pixmap.scaledToWidth(
                int(pixmap.width() * scale), Qt.TransformationMode.SmoothTransformation
            )
        )
        self.label.setPixmap(shown)
        self.resize(
            min(shown.width() + 60, room.width()), min(shown.height() + 90, room.height() + 90)
        )

    def _room(self) -> QSize:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(800, 600)
        area = screen.availableGeometry()
        return QSize(area.width() - 40, area.height() - 140)
