"""The sign-in's first read (sqlite3 only): what it shows for a store set up, and None,
so the counter starts the long way, for anything the long way must explain or repair."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from posapp.core.roles import Role, StaffRef
from posapp.services.admin.staff import list_staff
from posapp.services.admin.staff_changes import deactivate
from posapp.services.common.counter_settings import change_language
from posapp.services.common.doorway import Doorway, read_doorway
from posapp.services.common.station import open_station
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def test_a_store_set_up_shows_its_name_language_and_active_staff_by_name(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    path = shop.station.path
    deactivate(
        shop.station, shop.professional_id, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    change_language(shop.station, "en", staff_id=shop.manager_id, manager_pin=MANAGER_PIN)

    early = read_doorway(path, demo=True)

    assert early == Doorway(
        store_name="Loja Teste",
        language="en",
        people=tuple(list_staff(shop.station)),  # the same people, in the same order
        demo=True,
    )
    assert StaffRef(shop.cashier_id, "Carlos Caixa", Role.CASHIER) in early.people
    assert shop.professional_id not in {person.id for person in early.people}


def test_no_file_no_store_an_old_schema_or_a_damaged_file_start_the_long_way(
    make_shop: MakeShop, tmp_path: Path
) -> None:
    assert read_doorway(tmp_path / "missing.sqlite") is None

    empty = open_station(tmp_path / "new.sqlite")  # migrated, no store yet
    empty.close()
    assert read_doorway(tmp_path / "new.sqlite") is None

    shop = make_shop("pharmacy")
    path = shop.station.path
    assert read_doorway(path) is not None
    with sqlite3.connect(path) as raw:
        (head,) = raw.execute("SELECT version_num FROM alembic_version").fetchone()
        raw.execute("UPDATE alembic_version SET version_num = '0001'")
    assert read_doorway(path) is None  # an upgrade (and its backup) comes first
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = ?", (head,))
        raw.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('counter', '{broken')")
    assert read_doorway(path) is None

    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    assert read_doorway(garbage) is None
