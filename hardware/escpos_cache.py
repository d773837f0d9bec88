"""python-escpos's capability database, cached in a folder of ours that outlives the process.

`escpos.capabilities` parses its YAML (~0.1 s) unless it finds a pickle from an
earlier run in `ESCPOS_CAPABILITIES_PICKLE_DIR`; without that variable it pickles
into a new `tempfile.mkdtemp()` folder at every import (and it calls `mkdtemp()`
even when the variable is set), so nothing is ever reused and one empty folder per
run is left in the temporary directory. `prepare()` points the variable at
platformdirs' cache folder (`POSAPP_CACHE_DIR` moves it) and makes that module's
import, whenever and through whichever module it happens, create no folder.

`hardware/__init__.py` calls it, so it is in place before any module of ours can
import escpos; escpos itself is still only imported on first use.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import platformdirs

VARIABLE = "ESCPOS_CAPABILITIES_PICKLE_DIR"
MODULE = "escpos.capabilities"


def cache_folder() -> Path:
    moved = os.environ.get("POSAPP_CACHE_DIR")
    base = Path(moved) if moved else platformdirs.user_cache_path("posapp", appauthor=False)
    return base / "escpos"


class _Loader(importlib.abc.Loader):
    """escpos.capabilities' own loader, run with `tempfile.mkdtemp` answering our folder."""

    def __init__(self, loader: importlib.abc.Loader, folder: Path) -> None:
        self.loader = loader
        self.folder = folder

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def __getattr__(self, name: str) -> Any:
        """Everything else is the wrapped loader's: `get_resource_reader` above all, through
        which escpos finds its capabilities.json (in a PyInstaller bundle, PyInstaller's
        loader is the only one that can open it)."""
        return getattr(self.loader, name)

    def exec_module(self, module: ModuleType) -> None:
        original = tempfile.mkdtemp
        folder = str(self.folder)
        tempfile.mkdtemp = lambda *_args, **_kwargs: folder  # type: ignore[assignment]
        try:
            self.loader.exec_module(module)
        finally:
            tempfile.mkdtemp = original


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, self.folder)
        return spec


def prepare() -> None:
    """Before escpos is first imported: the pickle folder set, and no temporary folder."""
    if MODULE in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    folder = Path(os.environ.get(VARIABLE) or cache_folder())
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # unwritable: escpos keeps its temporary folder and still works
    os.environ[VARIABLE] = str(folder)
    sys.meta_path.insert(0, _Finder(folder))
