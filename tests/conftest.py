from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support import MovableClock, Shop, open_shop


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
