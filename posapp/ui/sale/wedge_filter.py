"""A keyboard-wedge scanner on a QLineEdit: key presses go to hardware's WedgeDetector.

The filter holds key presses while a burst may be forming. A burst that ends in
the suffix is a scan (`scanned`); anything else is handed back to the line
edit as typed text, or as `typed_enter` for a person's Enter.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from hardware.scanner.events import Scan
from hardware.scanner.wedge import Typed, WedgeConfig, WedgeDetector, WedgeEvent
from posapp.services.common.counter_settings import CounterSettings
from posapp.ui.sale.wedge_keys import SKIP, wedge_key

_KEY_PRESS = QEvent.Type.KeyPress


def wedge_config(settings: CounterSettings) -> WedgeConfig:
    return WedgeConfig(
        prefix=settings.scanner_prefix,
        suffix=settings.scanner_suffix or "Enter",
        max_gap=settings.scanner_max_gap_ms / 1000,
    )


class WedgeFilter(QObject):
    scanned = Signal(str)
    """A whole scan: the code without prefix and suffix."""
    typed_enter = Signal()
    """Enter pressed by a person (not the end of a burst)."""

    def __init__(
        self,
        line_edit: QLineEdit,
        config: WedgeConfig,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(line_edit)
        self.line_edit = line_edit
        self.detector = WedgeDetector(config)
        self.clock = clock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(config.max_gap * 1000) + 5))
        self._timer.timeout.connect(self.flush)
        line_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.line_edit or event.type() != _KEY_PRESS:
            return False
        assert isinstance(event, QKeyEvent)
        key = wedge_key(event)
        if key is SKIP:  # Shift, AltGr, a dead key: part of the next character
            return False
        if key is None:
            # Not a key a scanner types: first hand back anything held, then let it through.
            self.flush(force=True)
            return False
        self._handle(self.detector.feed(key, self.clock()))
        if self.detector._keys:  # keys held: a burst may still be forming
            self._timer.start()
        return True

    def flush(self, force: bool = False) -> None:
        """Hand back keys held for longer than a scan's gap (or all of them when forced)."""
        if force and self.detector._keys:
            self._handle([self.detector._release()])
            return
        self._handle(self.detector.flush(self.clock()))
        if self.detector._keys:
            self._timer.start()

    def _handle(self, events: list[WedgeEvent]) -> None:
        for event in events:
            if isinstance(event, Scan):
                self.scanned.emit(event.code)
            elif isinstance(event, Typed):
                for key in event.keys:
                    if key == "Enter":
                        self.typed_enter.emit()
                    elif len(key) == 1:
                        self.line_edit.insert(key)
