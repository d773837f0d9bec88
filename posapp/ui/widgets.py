"""Small widget helpers every screen uses the same way."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """Give a widget the object name the style sheet and the tests find it by."""
    widget.setObjectName(name)
    return widget


def read_only_table(
    name: str, model: Any, *, stretch_last: bool = True, word_wrap: bool = True
) -> QTableView:
    """A table of rows to pick one from: whole-row selection, no editing, no grid."""
    table = named(QTableView(), name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(word_wrap)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setStretchLastSection(stretch_last)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setHighlightSections(False)
    return table


def show_message(label: QLabel, text: str, *, error: bool = False) -> None:
    """A line in the screen itself (not a modal), styled as an error or as information."""
    label.setText(text)
    label.setProperty("role", "error" if error else "info")
    label.style().unpolish(label)
    label.style().polish(label)


def file_field(
    field: QLineEdit, button: QPushButton, caption: str, file_filter: str = ""
) -> QWidget:
    """A file's path, typed or chosen: `button` opens the system's file chooser at the
    path typed (titled `caption`, showing `file_filter`) and puts the chosen path in `field`."""
    row = QWidget()
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(field, 1)
    box.addWidget(button)

    def choose() -> None:
        path, _ = QFileDialog.getOpenFileName(row, caption, field.text(), file_filter)
        if path:
            field.setText(path)

    button.clicked.connect(choose)
    return row
