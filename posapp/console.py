"""The command line's output on a Windows console.

A Windows console, or output redirected to a file from one, is in the ANSI or
OEM code page (cp1252, cp850), which cannot encode every character posapp
prints ('→' in the self-test, '✓'). Those print as '?' rather than end the
command with a UnicodeEncodeError traceback. UTF-8 output is left alone.
"""

from __future__ import annotations

import io
import sys


def never_fail_on_encoding() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = str(getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and not encoding.startswith("utf"):
            stream.reconfigure(errors="replace")
