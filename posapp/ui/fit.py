"""Widgets that give way on a small screen instead of growing the window.

A label's minimum width is its whole text and a panel's minimum height is all its rows:
laid side by side on a 1024x768 counter they push the window past the screen. An
`ElidedLabel` shrinks to "…" with the whole text in its tooltip, and `scrolling` puts a
tall panel in a scroll area whose minimum is small.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

MIN_LABEL_WIDTH = 60


class ElidedLabel(QLabel):
    """One line that ends in "…" when narrower than its text; the tooltip has it whole."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_LABEL_WIDTH), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        if self.fontMetrics().horizontalAdvance(self.text()) <= rect.width():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect, int(self.alignment()), shown)


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area: as tall and wide as the window lets it be,
    scrolled when the screen is smaller than the widget needs."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def fit_to_screen(window: QWidget) -> None:
    """Open at the size the screen has for windows (its taskbar left out), maximised:
    never a fixed size larger than a 1024x768 or 1366x768 counter screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        window.setGeometry(area)
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


class WrappingDelegate(QStyledItemDelegate):
    """A table cell whose text wraps onto as many lines as its column's width needs.

    Qt measures a wrapped cell a little wider than it paints it, so a name just too long
    for two lines got two lines and an "…"; this measures with the painted width."""

    TEXT_MARGIN = 6
    """Qt's text margin on each side of a cell (QStyle.PM_FocusFrameHMargin + 1), and a
    pixel or two for the style sheet's padding."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QTableView):
            return hint
        width = self.text_width(view, index.column())
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if width <= 0 or not text:
            return hint
        lines = option.fontMetrics.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), lines.height() + 2 * self.TEXT_MARGIN))

    def text_width(self, view: QTableView, column: int) -> int:
        """The width a cell's text is painted in."""
        return view.columnWidth(column) - 2 * self.TEXT_MARGIN - 4

    def one_line(self, view: QTableView, column: int, text: str) -> bool:
        """Whether `text` fits on one line of `column` (no row needs measuring for it)."""
        return view.fontMetrics().horizontalAdvance(text) <= self.text_width(view, column)
