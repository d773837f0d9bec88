"""Work around a PySide6 6.12 reference-count bug on CPython 3.11.

`Signal.emit()` (and some virtual calls back into Python, e.g. `processEvents()`
with a window shown) drop a reference to `True` or `None` they never took.
Before Python 3.12 these singletons are not immortal, so after a few thousand
signals a counter ends in "Fatal Python error: bool_dealloc" (found by
bench/scan.py; ten thousand `emit()`s of a plain `Signal(int)` are enough).
Giving them an enormous reference count makes the stray decrements harmless.
Python 3.12+ makes them immortal, so nothing is done there.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
_HEADROOM = 1 << 40


def pin_singletons() -> None:
    """Once per process: give None, True and False 2**40 extra references."""
    global _PINNED
    if _PINNED or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _PINNED = True
