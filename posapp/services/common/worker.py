"""The background loop that runs a cycle (sync, messages) off the GUI thread, out of a sale's way.

`BackgroundWorker` calls an injected `cycle()` on its own daemon thread, reports each
outcome to an injected callback (from that thread: a Qt caller hops to the GUI
thread with a signal), then sleeps:

- after a success, `interval` seconds, cut short by `wake()` (called after each sale,
  so what was just sold goes out within moments);
- after a failure (the cycle raised, or `failed(result)` says so), the back-off's
  delay. A `wake()` then does not cut the wait short: a counter that is offline
  would otherwise hammer the network once per sale. It is remembered, though, and
  the next cycle runs as soon as the back-off allows.

`stop()` sets a flag the sleep wakes on and joins the thread; a cycle in flight
finishes first, bounded by the client's timeouts, so stop() returns within about a
second unless a network call is in progress.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from posapp.services.common.backoff import Backoff

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[R]):
    """One cycle's outcome: its result, or the exception it raised."""

    result: R | None
    error: BaseException | None
    failed: bool
    next_attempt_in: float


class BackgroundWorker(Generic[R]):
    def __init__(
        self,
        cycle: Callable[[], R],
        report: Callable[[Outcome[R]], None],
        *,
        backoff: Backoff | None = None,
        interval: float = 30.0,
        failed: Callable[[R], bool] = lambda _result: False,
        name: str = "posapp-sync",
    ) -> None:
        self._cycle = cycle
        self._report = report
        self.backoff = backoff or Backoff()
        self.interval = interval
        self._failed = failed
        self._name = name
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.cycles = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        with self._lock:
            if self.running:
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name=self._name, daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Ask for a cycle soon (after a sale). Never blocks."""
        self._wake.set()

    def stop(self, timeout: float = 1.0) -> bool:
        """Stop and join; True when the thread ended within `timeout` seconds."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            result: R | None = None
            error: BaseException | None = None
            try:
                result = self._cycle()
                failed = self._failed(result)
            except Exception as raised:  # reported, never fatal to the loop
                error, failed = raised, True
            self.cycles += 1
            delay = self.backoff.failed() if failed else self.interval
            if not failed:
                self.backoff.succeeded()
            with contextlib.suppress(Exception):  # a broken listener must not stop the sync
                self._report(Outcome(result, error, failed, delay))
            self._sleep(delay, wakeable=not failed)

    def _sleep(self, delay: float, *, wakeable: bool) -> None:
        deadline = time.monotonic() + delay
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if wakeable:
                if self._wake.wait(left):
                    return
            else:
                self._stop.wait(left)
