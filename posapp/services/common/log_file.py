"""The app's log file: where technical details go that the user is not shown.

A database error at the counter is told to the user as a sentence in their language;
the SQL, its parameters and the traceback are written here instead, for support.
The file is `posapp.log` in the OS user's log folder (platformdirs; `POSAPP_LOG_DIR`
moves it), rotated at 1 MB with 5 old files kept.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

ENV = "POSAPP_LOG_DIR"
FILE_NAME = "posapp.log"


def log_dir() -> Path:
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    return platformdirs.user_log_path("posapp", appauthor=False)


def configure_log_file() -> Path:
    """Send posapp's warnings and errors to the log file (once per process); its path."""
    path = log_dir() / FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
