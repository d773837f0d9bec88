"""Run service calls off the GUI thread and hand the result back on it (Anki's CollectionOp).

    run_in_background(self, lambda: checkout(station, request),
                      on_success=self.sale_done, on_failure=self.show_error)

The call runs on Qt's thread pool; `on_success` / `on_failure` run on the GUI
thread, and not at all if `parent` was deleted meanwhile. A `PosError` (or a
hardware error) reaches `on_failure` as it is, so the screen can show
`error.message(locale)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")


class _Bridge(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, call: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self.call = call
        self.bridge = bridge

    @Slot()
    def run(self) -> None:
        try:
            result = self.call()
        except Exception as error:  # every failure goes back to the screen
            self.bridge.failed.emit(error)
        else:
            self.bridge.succeeded.emit(result)


_pending: set[_Bridge] = set()


def run_in_background(
    parent: QObject,
    call: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None] | None = None,
) -> None:
    bridge = _Bridge(parent)
    _pending.add(bridge)

    def done(result: object) -> None:
        _pending.discard(bridge)
        on_success(result)  # type: ignore[arg-type]
        bridge.deleteLater()

    def failed(error: object) -> None:
        _pending.discard(bridge)
        if on_failure is not None:
            on_failure(error)  # type: ignore[arg-type]
        bridge.deleteLater()

    bridge.succeeded.connect(done)
    bridge.failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(call, bridge))


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """For tests and shutdown: wait until every background call has finished."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
