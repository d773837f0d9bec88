"""Devices belong to the computer (its config file), the store's settings to the database."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

from db.models import Setting
from posapp.services.admin.backups import backup_now
from posapp.services.common.counter_settings import CounterSettings, load_settings, save_settings
from posapp.services.common.station import open_station
from posapp.services.machine.settings import (
    DEVICE_KEYS,
    ENV,
    config_dir,
    config_file,
    read_machine_config,
)
from tests.services.admin_support import everything
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]

USB = CounterSettings(
    printer_uri="usb://04b8:0e15",
    paper_mm=58,
    printer_profile="TM-T20II",
    drawer_pin=5,
    scanner_prefix="]E0",
    scanner_suffix="Tab",
    scanner_max_gap_ms=80,
    language="en",
    receipt_footer="Volte sempre!",
    backup_keep_days=12,
)


def _devices(settings: CounterSettings) -> dict[str, object]:
    return {k: getattr(settings, k) for k in DEVICE_KEYS}


def _row(shop: Shop) -> dict[str, object]:
    with shop.station.read() as session:
        row = session.get(Setting, "counter")
        assert row is not None
        value: dict[str, object] = json.loads(row.value)
        return value


def _save(shop: Shop, new: CounterSettings) -> None:
    save_settings(shop.station, new, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)


def test_devices_live_in_the_config_file_and_never_in_the_database(make_shop: MakeShop) -> None:
    shop = make_shop()
    _save(shop, USB)

    written = json.loads(config_file().read_text(encoding="utf-8"))
    assert written["devices"] == _devices(USB)
    row = _row(shop)
    assert not DEVICE_KEYS & row.keys()
    assert (row["language"], row["receipt_footer"], row["backup_keep_days"]) == (
        "en",
        "Volte sempre!",
        12,
    )
    assert not list(config_file().parent.glob("*.tmp"))  # the temporary file was put in place
    path = shop.station.path
    shop.station.close()
    again = open_station(path, shop.clock)
    try:
        assert load_settings(again) == USB
    finally:
        again.close()


def test_a_database_copied_to_another_computer_gets_that_computers_devices(
    make_shop: MakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = make_shop()
    _save(shop, USB)
    copy = backup_now(shop.station, "para-o-caixa-2")

    monkeypatch.setenv(ENV, str(tmp_path / "second-pc"))
    second = open_station(copy, shop.clock)
    try:
        seen = load_settings(second)
    finally:
        second.close()
    assert _devices(seen) == _devices(CounterSettings())  # no old USB printer
    assert (seen.language, seen.receipt_footer, seen.backup_keep_days) == (
        "en",
        "Volte sempre!",
        12,
    )


def _old_row(shop: Shop, settings: CounterSettings) -> None:
    """A database from before the split: the devices inside the `setting` row."""
    from dataclasses import asdict

    with shop.station.write() as session:
        session.merge(Setting(key="counter", value=json.dumps(asdict(settings))))


def test_devices_in_an_old_database_move_into_the_file_once(
    make_shop: MakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = make_shop()
    _old_row(shop, USB)
    assert not config_file().exists()

    assert load_settings(shop.station) == USB
    assert read_machine_config().devices == _devices(USB)
    assert not DEVICE_KEYS & _row(shop).keys()
    assert _row(shop)["backup_keep_days"] == 12

    monkeypatch.setenv(ENV, str(tmp_path / "other-pc"))  # the same database, later, elsewhere
    assert _devices(load_settings(shop.station)) == _devices(CounterSettings())


def test_a_machine_with_its_own_file_keeps_its_devices_over_an_old_databases(
    make_shop: MakeShop,
) -> None:
    shop = make_shop()
    _save(shop, CounterSettings(printer_uri="tcp://10.0.0.9:9100"))
    _old_row(shop, USB)  # e.g. an old backup restored on this computer

    seen = load_settings(shop.station)
    assert seen.printer_uri == "tcp://10.0.0.9:9100"
    assert seen.paper_mm == 80
    assert seen.backup_keep_days == 12  # the store's half does come from the database
    assert not DEVICE_KEYS & _row(shop).keys()


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ('{"format": "posapp.machine/1", "devices": {"paper_mm": 58,', "JSON"),
        ("[1, 2]", "devices"),
        ('{"devices": {"paper_mm": "58", "printer_uri": "tcp://10.0.0.9:9100"}}', "paper_mm"),
    ],
)
def test_an_unreadable_config_file_gives_defaults_and_says_so(
    make_shop: MakeShop, content: str, detail: str, caplog: pytest.LogCaptureFixture
) -> None:
    shop = make_shop()
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text(content, encoding="utf-8")

    seen = load_settings(shop.station)

    assert seen.paper_mm == 80
    problem = read_machine_config().problem
    assert problem is not None
    text = problem.message("pt_BR")
    assert str(config_file()) in text and detail in text
    assert "usando impressora e leitor padrão" in text
    assert "using the default printer and scanner" in problem.message("en")
    assert "não puderam ser lidas" in caplog.text

    _save(shop, seen.with_changes(paper_mm=58))  # saving writes a sound file again
    assert read_machine_config().problem is None
    assert load_settings(shop.station).paper_mm == 58
    corrupt = config_file().with_name("machine.json.corrupt")
    assert corrupt.read_text(encoding="utf-8") == content


def test_a_failed_file_write_leaves_the_old_file_and_the_database_as_they_were(
    make_shop: MakeShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = make_shop()
    _save(shop, USB)
    before_file = config_file().read_bytes()
    before_db = everything(shop)

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        _save(shop, USB.with_changes(paper_mm=80, backup_keep_days=3))
    monkeypatch.undo()

    assert config_file().read_bytes() == before_file
    assert everything(shop) == before_db  # neither the row nor the audit was written
    assert not list(config_file().parent.glob("*.tmp"))


def test_without_the_override_the_file_is_in_platformdirs_user_config(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV)
    assert config_dir() == platformdirs.user_config_path("posapp", appauthor=False)
