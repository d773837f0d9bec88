"""One thread for all device I/O.

pyusb, python-escpos and pyserial objects are not meant to be shared between
threads, and a blocked printer must never freeze the screen. So every device
call is queued to one worker thread (as Electrum's `runs_in_hwd_thread`);
callers get a `concurrent.futures.Future` and stay responsive. Scanners are
polled from the same thread with short reads (`every()`), interleaved with
print jobs, so no two device calls ever race.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hardware.errors import DeviceThreadStopped

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(order=True)
class _Periodic:
    due: float
    seq: int
    interval: float = field(compare=False)
    fn: Callable[[], Any] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        self.cancelled = True


class PeriodicHandle:
    def __init__(self, task: _Periodic) -> None:
        self._task = task

    def cancel(self) -> None:
        self._task.cancel()


class DeviceThread:
    def __init__(self, name: str = "posapp-devices") -> None:
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = (
            queue.SimpleQueue()
        )
        self._periodic: list[_Periodic] = []
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def in_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Queue fn(*args, **kwargs) on the device thread; result or error go to the Future."""
        future: Future[T] = Future()
        with self._lock:
            if self._stopped:
                future.set_exception(DeviceThreadStopped())
                return future
            self._queue.put((future, lambda: fn(*args, **kwargs)))
        return future

    def call(self, fn: Callable[..., T], *args: Any, timeout: float | None = None) -> T:
        """Run on the device thread and wait (for CLIs and tests; the UI uses submit)."""
        if self.in_thread():
            return fn(*args)
        return self.submit(fn, *args).result(timeout)

    def every(self, interval: float, fn: Callable[[], Any]) -> PeriodicHandle:
        """Run fn on the device thread every `interval` seconds until cancelled."""
        task = _Periodic(time.monotonic(), next(self._seq), interval, fn)
        self.submit(self._add_periodic, task)
        return PeriodicHandle(task)

    def _add_periodic(self, task: _Periodic) -> None:
        heapq.heappush(self._periodic, task)

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            self._queue.put(None)
        if not self.in_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            wait: float | None = None
            while self._periodic:
                task = self._periodic[0]
                if task.cancelled:
                    heapq.heappop(self._periodic)
                    continue
                wait = max(0.0, task.due - time.monotonic())
                if wait == 0.0:
                    heapq.heappop(self._periodic)
                    try:
                        task.fn()
                    except Exception:
                        log.exception("periodic device task failed")
                    task.due = time.monotonic() + task.interval
                    if not task.cancelled:
                        heapq.heappush(self._periodic, task)
                    continue
                break
            try:
                item = self._queue.get(timeout=wait)
            except queue.Empty:
                continue
            if item is None:
                self._drain()
                return
            future, call = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call())
            except BaseException as exc:
                future.set_exception(exc)

    def _drain(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                item[0].set_exception(DeviceThreadStopped())
