"""Hot reads outside the session: fresh after each commit, closed with the station."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from posapp.services.common import lookups
from posapp.services.customers import registry as customers
from tests.support import Shop

MakeShop = Callable[..., Shop]


def _open_handles(path: Path) -> int:
    fds = Path("/proc/self/fd")
    return sum(1 for fd in fds.iterdir() if os.path.realpath(fd) == str(path.resolve()))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs Linux's /proc")
def test_a_search_sees_the_last_enrolment_and_closing_the_station_lets_go_of_the_file(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    path = Path(shop.station.path)
    before = _open_handles(path)
    assert customers.search(shop.station, "Bianca") == []
    shop.enrol("Bianca Prado", phone="(21) 99876-5432")
    assert [c.name for c in customers.search(shop.station, "Bianca")] == ["Bianca Prado"]
    elsewhere: list[object] = []
    station = shop.station
    worker = threading.Thread(target=lambda: elsewhere.extend(customers.search(station, "bia")))
    worker.start()
    worker.join()
    assert len(elsewhere) == 1
    assert _open_handles(path) == before + 2  # one read connection per thread
    shop.station.close()
    assert _open_handles(path) < before
    assert lookups.rows(shop.station, "SELECT name FROM customer") == [("Bianca Prado",)]
