"""Putting a file in place of another, the way Windows allows it.

On Windows a file cannot be replaced or deleted while any process has it
open without FILE_SHARE_DELETE: SQLite, another posapp window, and the
antivirus or backup program that opens every new file for a moment after it
is written. So the callers close every handle of their own first (engines
disposed, connections closed), and what is still held by someone else is
tried again with a growing pause (about 6 s in all) before giving up with a
message that says what to do. `os.replace` is atomic on both systems: the
target is either the old file or the new one.

Only a sharing violation (Windows' winerror 5, 32 or 33 on a PermissionError)
is tried again; anything else is raised at once, as on Linux, where a
PermissionError means the folder's permissions and waiting does not help.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from posapp.core.errors import PosError

ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION = 5, 32, 33
_HELD = (ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION)
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2)


class FileInUse(PosError):
    code = "file_in_use"
    pt_BR = (
        "O arquivo {path} está em uso por outro programa (outra janela do posapp, o antivírus "
        "ou um programa de cópia de segurança). Feche o posapp em todas as janelas, espere "
        "um pouco e tente de novo; nada foi substituído."
    )
    en = (
        "The file {path} is in use by another program (another posapp window, the antivirus "
        "or a backup program). Close posapp everywhere, wait a moment and try again; nothing "
        "was replaced."
    )


def held_by_another_process(error: OSError) -> bool:
    """Windows' answer when another process has the file open."""
    return isinstance(error, PermissionError) and getattr(error, "winerror", None) in _HELD


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _retrying(
    action: Callable[[], None],
    shown: Path,
    delays: Sequence[float],
    sleep: Callable[[float], None] | None,
) -> None:
    for delay in (*delays, None):
        try:
            action()
            return
        except OSError as error:
            if not held_by_another_process(error):
                raise
            if delay is None:
                raise FileInUse(path=shown) from error
            (sleep or _sleep)(delay)


def replace_file(
    source: Path,
    target: Path,
    *,
    delays: Sequence[float] = RETRY_DELAYS,
    sleep: Callable[[float], None] | None = None,
) -> None:
    """os.replace(source, target), tried again while another process holds either file."""
    _retrying(lambda: os.replace(source, target), target, delays, sleep)


def remove_file(
    path: Path,
    *,
    delays: Sequence[float] = RETRY_DELAYS,
    sleep: Callable[[float], None] | None = None,
) -> None:
    """Delete `path` if it exists, tried again while another process holds it."""
    _retrying(lambda: path.unlink(missing_ok=True), path, delays, sleep)
