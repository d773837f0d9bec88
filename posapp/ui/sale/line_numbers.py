"""The cart's line numbers: a vertical header as wide as two digits from the first line.

Qt's own header drops its size hint whenever a line comes in and measures every line's
number again (a style option, the model's header data and the style's size for each)
the next time the table lays itself out, which a scan's `selectRow` does at once (about a
third of it on the 30th line, bench.scan). Here the width for "99" is measured
once (for "999" once a cart has a hundred lines; again only when the style or font
changes), and the lines no longer shift right when the tenth comes in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

FEWEST_DIGITS = 2


class LineNumbers(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self._hints: dict[int, QSize] = {}
        """By number of digits."""

    def sizeHint(self) -> QSize:
        digits = max(len(str(self.count())), FEWEST_DIGITS)
        hint = self._hints.get(digits)
        if hint is None:
            hint = self._hints[digits] = self._measure("9" * digits)
        return hint

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._hints.clear()
        super().changeEvent(event)

    def _measure(self, widest: str) -> QSize:
        """What `QHeaderView.sectionSizeFromContents` gives a section numbered `widest`
        (its font bold, as Qt measures a section that may be highlighted)."""
        self.ensurePolished()
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.section = 0
        option.text = widest
        font = QFont(self.font())
        font.setBold(True)
        option.fontMetrics = QFontMetrics(font)
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_HeaderSection, option, QSize(), self
        )
