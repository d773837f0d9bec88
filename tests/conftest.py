from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Anything that runs outside a test's own fixture (session fixtures, child processes
# started at collection) still never touches the real user's machine config; the folder
# goes when the run ends (one per pytest process, many in a mutation run).
os.environ["POSAPP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="posapp-machine-config-")

from tests.support import MovableClock, Shop, open_shop

pytest_plugins = ["tests.cloud_fixtures"]

atexit.register(shutil.rmtree, os.environ["POSAPP_CONFIG_DIR"], ignore_errors=True)


@pytest.fixture(autouse=True)
def _machine_config_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test gets its own machine config folder: none writes to the real user's."""
    folder = tmp_path_factory.mktemp("machine-config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POSAPP_CONFIG_DIR", str(folder))
        yield folder


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def make_shop(tmp_path: Path, clock: MovableClock) -> Iterator[object]:
    opened: list[Shop] = []

    def _make(program: object = "salon") -> Shop:
        shop = open_shop(tmp_path / f"shop{len(opened)}.sqlite", program, clock)  # type: ignore[arg-type]
        opened.append(shop)
        return shop

    yield _make
    for shop in opened:
        shop.station.close()
