"""The sale screen's code field, which also reads a keyboard-wedge scanner.

Each key press goes to hardware's WedgeDetector first, which holds keys while a burst may
be forming. A burst that ends in the suffix is a scan (`scanned`); anything else is handed
back to the field as typed text, or as `typed_enter` for a person's Enter.

The presses come from `keyPressEvent`, not an event filter: a filter is called into Python
for every event of the field (a scanned key is three: the shortcut check, the press and
the release), `keyPressEvent` for the press alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from hardware.scanner.events import Scan
from hardware.scanner.wedge import Typed, WedgeConfig, WedgeDetector, WedgeEvent
from posapp.services.common.counter_settings import CounterSettings
from posapp.ui.sale.wedge_keys import SKIP, wedge_key


def wedge_config(settings: CounterSettings) -> WedgeConfig:
    return WedgeConfig(
        prefix=settings.scanner_prefix,
        suffix=settings.scanner_suffix or "Enter",
        max_gap=settings.scanner_max_gap_ms / 1000,
    )


class ScanField(QLineEdit):
    scanned = Signal(str)
    """A whole scan: the code without prefix and suffix."""
    typed_enter = Signal()
    """Enter pressed by a person (not the end of a burst)."""

    def __init__(
        self,
        config: WedgeConfig,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = WedgeDetector(config)
        self.clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(config.max_gap * 1000) + 5))
        self._timer.timeout.connect(self.flush)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._take(event):
            super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab belongs to the scanner (its suffix, or nothing when a person types it), as
        the field's other keys do: Qt asks this before the key press is delivered. Shift+Tab
        moves on, after handing back any keys held."""
        if forward:
            return False
        self.flush(force=True)
        return super().focusNextPrevChild(forward)

    def flush(self, force: bool = False) -> None:
        """Hand back keys held for longer than a scan's gap (or all of them when forced)."""
        self._handle(self.detector.flush(self.clock(), force))
        if self.detector.holding:
            self._timer.start()

    def _take(self, event: QKeyEvent) -> bool:
        """Whether the key press is taken (held or scanned); if not, the field handles it."""
        key = wedge_key(event)
        if key is SKIP:  # Shift, AltGr, a dead key: part of the next character
            return False
        if key is None:
            # Not a key a scanner types: first hand back anything held, then let it through.
            self.flush(force=True)
            return False
        self._handle(self.detector.feed(key, self.clock()))
        if self.detector.holding:  # a burst may still be forming
            self._timer.start()
        return True

    def _handle(self, events: list[WedgeEvent]) -> None:
        for event in events:
            if isinstance(event, Scan):
                self.scanned.emit(event.code)
            elif isinstance(event, Typed):
                for key in event.keys:
                    if key == "Enter":
                        self.typed_enter.emit()
                    elif len(key) == 1:
                        self.insert(key)
