"""Run service calls off the GUI thread and hand the result back on it (Anki's CollectionOp).

    run_in_background(self, lambda: checkout(station, request),
                      on_success=self.sale_done, on_failure=self.show_error)

The call runs on a worker thread; `on_success` / `on_failure` run on the GUI
thread, and not at all if `parent` was deleted meanwhile. A `PosError` (or a
hardware error) reaches `on_failure` as it is, so the screen can show
`error.message(locale)`.

Every answer, from a worker or from the device thread (`hand_over`), crosses to the
GUI thread through one `_Mailbox` that is never deleted: a thread other than the GUI's
never touches a screen's Qt objects, which the GUI thread may be destroying at that
very moment (signalling one of them then crashed the app).

Nor does a worker ever hold the last reference to a screen: the screen, its callbacks
and the call itself stay in `_waiting` on the GUI thread, the worker is given a number,
and it lets go of the call (and of the error's frames) before it posts the answer. Had
the worker held them, a worker the system paused just after posting could drop a closed
screen's last reference, and Python would destroy that Qt widget on the worker thread
while the GUI thread painted (a segfault seen once in CI, in Gerência's tests).
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from sqlalchemy.exc import SQLAlchemyError

from posapp.core.errors import PosError
from posapp.services.machine.database_file import StorageFailed

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Mailbox(QObject):
    """Lives on the GUI thread for the whole process; letters posted from any thread are
    opened there, in order."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._open, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _open(self, letter: Callable[[], None]) -> None:
        letter()


_mailbox_lock = threading.Lock()
_mailbox: _Mailbox | None = None


def _the_mailbox() -> _Mailbox:
    global _mailbox
    with _mailbox_lock:
        if _mailbox is None:
            box = _Mailbox()
            app = QCoreApplication.instance()
            if app is not None and box.thread() is not app.thread():
                box.moveToThread(app.thread())
            _mailbox = box
        return _mailbox


def alive(owner: QObject) -> bool:
    """Whether `owner`'s Qt object still exists (ask on the GUI thread only)."""
    return shiboken6.isValid(owner)


def hand_over(owner: QObject, deliver: Callable[..., None], *args: Any) -> None:
    """From any thread: `deliver(*args)` runs on the GUI thread, unless `owner` was
    deleted by then (its screen closed: nobody to tell)."""

    def letter() -> None:
        if alive(owner):
            deliver(*args)

    _the_mailbox().posted.emit(letter)


def when_done(owner: QObject, future: Future[T], deliver: Callable[[Future[T]], None]) -> None:
    """From the GUI thread: `deliver(future)` runs on the GUI thread once `future` is done,
    unless `owner` was deleted by then. Answered as a background call is (`_waiting`, by
    number): a Future keeps its done callbacks, and the thread that ran it (the device
    thread keeps its last job) would otherwise hold a closed screen and destroy it there."""
    number = next(_numbers)
    _waiting[number] = _Call(owner, lambda: future, deliver, None, None, busy=False)
    future.add_done_callback(partial(_post_done, number))


def _post_done(number: int, future: Future[Any]) -> None:
    _the_mailbox().posted.emit(partial(_answered, number, True, future))


@dataclass(eq=False)
class _Call:
    """One background call on its way back to `owner` (held on the GUI thread only)."""

    owner: QObject
    call: Callable[[], Any]
    on_success: Callable[[Any], None]
    on_failure: Callable[[Exception], None] | None
    settled: Callable[[], None] | None
    """Run on the GUI thread when the call is over, whether or not `owner` still exists."""
    busy: bool


_waiting: dict[int, _Call] = {}
"""Calls not answered yet, by number: written on the GUI thread; a worker only reads its
own call from it."""
_numbers = itertools.count(1)
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
    settled: Callable[[], None] | None = None,
) -> None:
    """`busy=False` for a periodic refresh the cashier did not ask for (the status bar's
    sync line): it does not light the busy bar. `settled` runs on the GUI thread once the
    call is over, even if `parent` was deleted meanwhile (bookkeeping, never a screen)."""
    _the_mailbox()
    number = next(_numbers)
    _waiting[number] = _Call(parent, call, on_success, on_failure, settled, busy)
    running = _workers.submit(_work, number)
    _running.add(running)
    running.add_done_callback(_running.discard)


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
        run_in_background(
            self.owner, call, on_success, on_failure or self.on_failure, settled=self._settled
        )

    def _settled(self) -> None:
        """A call is over: counted down even when the screen was closed before its answer
        came (its answer is then dropped, but `idle()` must not wait for it forever)."""
        self.count -= 1

    def idle(self) -> bool:
        return self.count == 0


def pending_count() -> int:
    """How many background calls have not answered yet (the busy indicator shows it); a
    screen closed before its answer arrived no longer counts."""
    return sum(1 for waiting in _waiting.values() if waiting.busy and alive(waiting.owner))


def wait_for_background(timeout_ms: int = 10_000) -> bool:
    """For tests and shutdown: wait until every background call has finished."""
    _done, not_done = wait(list(_running), timeout=timeout_ms / 1000)
    return not not_done


def _work(number: int) -> None:
    call = _waiting[number].call
    outcome: object
    try:
        outcome, succeeded = call(), True
    except Exception as error:  # every failure goes back to the screen
        outcome, succeeded = _without_frames(for_people(error)), False
    del call
    _the_mailbox().posted.emit(partial(_answered, number, succeeded, outcome))


def _without_frames(error: Exception) -> Exception:
    """The error (and those it was raised from) without its traceback: the frames hold the
    call's closure, often a screen, which the worker must not keep alive."""
    seen: set[int] = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        link.__traceback__ = None
        link = link.__cause__ or link.__context__
    return error


def _answered(number: int, succeeded: bool, outcome: Any) -> None:
    waiting = _waiting.pop(number)
    if waiting.settled is not None:
        waiting.settled()
    if not alive(waiting.owner):
        return
    if succeeded:
        waiting.on_success(outcome)
    elif waiting.on_failure is not None:
        waiting.on_failure(outcome)


def for_people(error: Exception) -> Exception:
    """A database error becomes a sentence for the screen; its SQL goes to the log file."""
    if isinstance(error, PosError) or not isinstance(error, (SQLAlchemyError, sqlite3.Error)):
        return error
    log.error("database error in a background job", exc_info=error)
    return StorageFailed()
