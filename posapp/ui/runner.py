"""Run service calls off the GUI thread and hand the result back on it (Anki's CollectionOp).

    run_in_background(self, lambda: checkout(station, request),
                      on_success=self.sale_done, on_failure=self.show_error)

The call runs on a worker thread; `on_success` / `on_failure` run on the GUI
thread, and not at all if `parent` was deleted meanwhile. A `PosError` (or a
hardware error) reaches `on_failure` as it is, so the screen can show
`error.message(locale)`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot
from sqlalchemy.exc import SQLAlchemyError

from posapp.core.errors import PosError
from posapp.services.machine.database_file import StorageFailed

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Bridge(QObject):
    """Lives on the GUI thread; the worker's signals reach its slots through the event loop."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        parent: QObject,
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None,
    ) -> None:
        super().__init__(parent)
        self.on_success = on_success
        self.on_failure = on_failure
        self.succeeded.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _done(self, result: object) -> None:
        _pending.discard(self)
        self.on_success(result)
        self.deleteLater()

    @Slot(object)
    def _failed(self, error: object) -> None:
        _pending.discard(self)
        if self.on_failure is not None and isinstance(error, Exception):
            self.on_failure(error)
        self.deleteLater()


_pending: set[_Bridge] = set()
_running: set[Future[None]] = set()
_workers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="posapp-ui-work")
"""Plain Python worker threads: the call needs no Qt; only the answer crosses back."""


def run_in_background(
    parent: QObject,
    call: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[Exception], None] | None = None,
    *,
    busy: bool = True,
) -> None:
    """`busy=False` for a periodic refresh the cashier did not ask for (the status bar's
    sync line): it does not light the busy bar."""
    bridge = _Bridge(parent, on_success, on_failure)
    if busy:
        _pending.add(bridge)
    # A screen closed before its answer arrived takes its bridge with it: forget it too.
    bridge.destroyed.connect(lambda *_: _pending.discard(bridge))
    _running.add(_workers.submit(_work, call, bridge))


class Jobs:
    """One screen's background calls: started through it, counted until they answer.

    `idle()` tells tests and shutdown that every answer has landed; a call whose
    caller gives no `on_failure` reports to the screen's own failure handler.
    """

    def __init__(self, owner: QObject, on_failure: Callable[[Exception], None]) -> None:
        self.owner = owner
        self.on_failure = on_failure
        self.count = 0

    def run(
        self,
        call: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        self.count += 1

        def ok(result: T) -> None:
            self.count -= 1
            on_success(result)

        def failed(error: Exception) -> None:
            self.count -= 1
            (on_failure or self.on_failure)(error)

        run_in_background(self.owner, call, ok, failed)

    def idle(self) -> bool:
        return self.count == 0


def pending_count() -> int:
    """How many background calls have not answered yet (the busy indicator shows it)."""
    return len(_pending)


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """For tests and shutdown: wait until every background call has finished."""
    running = list(_running)
    done, not_done = wait(running, timeout=timeout_ms / 1000)
    _running.difference_update(done)
    return not not_done


def _work(call: Callable[[], Any], bridge: _Bridge) -> None:
    try:
        result = call()
    except Exception as error:  # every failure goes back to the screen
        delivered = _answer(bridge.failed, for_people(error))
    else:
        delivered = _answer(bridge.succeeded, result)
    if not delivered:
        _pending.discard(bridge)


def for_people(error: Exception) -> Exception:
    """A database error becomes a sentence for the screen; its SQL goes to the log file."""
    if isinstance(error, PosError) or not isinstance(error, (SQLAlchemyError, sqlite3.Error)):
        return error
    log.error("database error in a background job", exc_info=error)
    return StorageFailed()


def _answer(signal: Any, value: object) -> bool:
    try:
        signal.emit(value)
    except RuntimeError:  # the screen that asked is gone: nobody to tell
        return False
    return True
