"""The favourites and services as big tiles on the sale screen: one tap, one line.

A salon sells the same dozen services all day; a tile (name and price, touch-sized) adds
the line without typing or scanning. The manager marks an item as a favourite in
Gerência > Catálogo; the tiles follow at once (`Change.CATALOG`). No favourites: no tiles.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from posapp.core.money import format_money
from posapp.services.sales.catalog import ItemView
from posapp.ui.flow_layout import FlowLayout

TILE_WIDTH, TILE_HEIGHT = 150, 72
"""A finger's target with room for two lines of name and the price."""


class FavouriteTiles(QWidget):
    """Emits `chosen` with the item of the tile tapped."""

    chosen = Signal(object)

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("favouriteTiles")
        self.lang = locale
        self.items: list[ItemView] = []
        self.tiles: list[QPushButton] = []
        self.flow = FlowLayout(self)
        self.setVisible(False)

    def set_items(self, items: Sequence[ItemView]) -> None:
        for tile in self.tiles:
            self.flow.removeWidget(tile)
            tile.deleteLater()
        self.items = list(items)
        self.tiles = [self._tile(item) for item in self.items]
        for tile in self.tiles:
            self.flow.addWidget(tile)
        self.setVisible(bool(self.tiles))
        self.updateGeometry()

    def _tile(self, item: ItemView) -> QPushButton:
        price = format_money(item.price, self.lang)
        tile = QPushButton(f"{self._wrapped(item.name, tile_chars=18)}\n{price}")
        tile.setObjectName("favouriteTile")
        tile.setProperty("itemId", item.id)
        tile.setFixedSize(TILE_WIDTH, TILE_HEIGHT)
        tile.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the scanner's keys
        tile.setToolTip(f"{item.name} — {price}")
        tile.setStyleSheet("font-size: 14px; font-weight: bold; padding: 2px;")
        tile.clicked.connect(lambda _=False, chosen=item: self.chosen.emit(chosen))
        return tile

    @staticmethod
    def _wrapped(name: str, tile_chars: int) -> str:
        """The name on at most two lines of the tile, "…" when even that is too short."""
        lines: list[str] = [""]
        for word in name.split():
            candidate = f"{lines[-1]} {word}".strip()
            if len(candidate) <= tile_chars or not lines[-1]:
                lines[-1] = candidate
            elif len(lines) < 2:
                lines.append(word)
            else:
                lines[-1] = f"{lines[-1][: tile_chars - 1]}…"
                break
        return "\n".join(
            line if len(line) <= tile_chars else f"{line[: tile_chars - 1]}…" for line in lines
        )
