"""What a service call changed, announced where it changes (Electrum's `trigger_callback`).

A service that writes something a screen shows (staff, catalogue, program, store,
devices, settings) calls `station.changes.announce(Change.STAFF)` once its unit of
work is committed. The window's `UiContext` listens and re-emits the set on its
`Events.changed` signal, so every screen that shows that thing redraws at once,
whichever screen (or command) made the change: no restart, no hand-written emits in
the screen that asked.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from typing import Concatenate, ParamSpec, Protocol, TypeVar


class Change(StrEnum):
    """A kind of thing several screens show."""

    STAFF = "staff"
    """Someone added, deactivated, or given another role (sign-in tiles, Profissional)."""
    CATALOG = "catalog"
    """Items or services added or changed (the sale's search)."""
    PROGRAM = "program"
    """The loyalty program, its tiers or campaigns (program texts, receipts)."""
    STORE = "store"
    """The store's name, CNPJ, address or phone (window title, receipts)."""
    DEVICES = "devices"
    """Printer, scanner, paper (the printer line, test pages)."""
    SETTINGS = "settings"
    """This counter's other settings, such as its language."""


Listener = Callable[[frozenset[Change]], None]
log = logging.getLogger(__name__)


class ChangeHub:
    """The listeners of one station; `announce` may be called from any thread."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` with each announced set; the answer stops it."""
        with self._lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def announce(self, *changes: Change) -> None:
        """Tell every listener, after the commit: a listener's failure never undoes a write."""
        if not changes:
            return
        kinds = frozenset(changes)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(kinds)
            except Exception:  # the write is committed: a screen's trouble must not undo it
                log.exception("a listener of %s failed", sorted(kinds))


class Announcing(Protocol):
    """What `announces` needs of its first argument: the station's hub."""

    @property
    def changes(self) -> ChangeHub: ...


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=Announcing)


def announces(
    *kinds: Change,
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """Mark a service call as changing `kinds`: once it returns (its work committed), the
    station it was given announces them. A call that raises changed nothing and says nothing."""

    def decorate(call: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        @functools.wraps(call)
        def wrapper(station: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            result = call(station, *args, **kwargs)
            station.changes.announce(*kinds)
            return result

        return wrapper

    return decorate
