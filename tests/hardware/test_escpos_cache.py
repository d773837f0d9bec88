"""python-escpos keeps its capability cache in our cache folder and leaves no temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _start(cache: Path, temporary: Path) -> None:
    env = dict(os.environ, POSAPP_CACHE_DIR=str(cache), TMPDIR=str(temporary))
    env.pop("ESCPOS_CAPABILITIES_PICKLE_DIR", None)
    code = (
        "import hardware.layout, escpos.printer; "
        "print(len(escpos.printer.Dummy().profile.profile_data))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert int(done.stdout) > 0  # the printer profile was read from the capabilities


@pytest.mark.slow
def test_the_second_start_reads_the_pickled_capabilities_and_no_temporary_folder_is_left(
    tmp_path: Path,
) -> None:
    cache, temporary = tmp_path / "cache", tmp_path / "tmp"
    temporary.mkdir()
    _start(cache, temporary)
    [pickled] = (cache / "escpos").glob("*.capabilities.pickle")
    first = pickled.stat().st_mtime_ns
    _start(cache, temporary)
    assert pickled.stat().st_mtime_ns == first  # read back, not parsed and written again
    assert list(temporary.iterdir()) == []
