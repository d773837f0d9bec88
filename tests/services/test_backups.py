"""Backups: taken online, once a day, kept for the settings' days; restore refuses unsound files."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from db.backup import backup_time, backups_folder
from db.engine import make_engine
from db.migrate import alembic_config, upgrade
from db.models import AuditLog, Sale
from posapp.core.errors import NotAuthorized
from posapp.services.admin.backups import (
    CorruptBackup,
    NotAPosappDatabase,
    backup_now,
    daily_backup,
    prune_backups,
    restore,
    run_daily,
)
from posapp.services.common.counter_settings import load_settings, save_settings
from posapp.services.common.station import open_station
from posapp.services.loyalty.verify import verify
from tests.services.admin_support import last_audit
from tests.support import CASHIER_PIN, MANAGER_PIN, MovableClock, Shop

MakeShop = Callable[..., Shop]
CPF = "529.982.247-25"


def _sale_uuids(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT uuid FROM sale ORDER BY id")]


def _ring(shop: Shop, customer: int, count: int) -> None:
    for _ in range(count):
        shop.sell("shampoo", "corte", customer=customer, cash=11_000)
        shop.clock.advance(minutes=5)


def test_restore_brings_back_every_sale_and_passes_verify(make_shop: MakeShop) -> None:
    shop = make_shop()
    maria = shop.enrol("Maria Silva", cpf=CPF)
    _ring(shop, maria, 3)
    saved = backup_now(shop.station, "test")
    kept = _sale_uuids(shop.station.path)
    _ring(shop, maria, 2)
    path = shop.station.path
    shop.station.close()

    result = restore(path, saved, MANAGER_PIN, clock=shop.clock)

    assert result.sales == 3
    assert _sale_uuids(path) == kept
    assert len(_sale_uuids(result.previous_saved_to)) == 5
    station = open_station(path, shop.clock)
    try:
        assert verify(station) == []
        with station.read() as session:
            assert session.scalar(select(func.count(Sale.id))) == 3
            actions = session.scalars(select(AuditLog.action)).all()
        assert "db.restore" in actions
    finally:
        station.close()


@pytest.fixture
def closed_shop(make_shop: MakeShop) -> tuple[Shop, Path]:
    shop = make_shop()
    _ring(shop, shop.enrol("Maria Silva", cpf=CPF), 2)
    good = backup_now(shop.station, "good")
    shop.station.close()
    return shop, good


def _refused(shop: Shop, file: Path, pin: str, error: type[Exception]) -> None:
    path = shop.station.path
    before = _rows(path)
    with pytest.raises(error):
        restore(path, file, pin, clock=shop.clock)
    assert _rows(path) == before  # nothing replaced (a refused PIN is audited, by design)
    assert not list(path.parent.glob("*.restore"))


def _rows(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = [line for line in connection.iterdump() if '"audit_log"' not in line]
    connection.close()
    return rows


def test_restore_refuses_a_garbage_file(closed_shop: tuple[Shop, Path], tmp_path: Path) -> None:
    shop, _ = closed_shop
    garbage = tmp_path / "fotos.sqlite"
    garbage.write_bytes(os.urandom(64 * 1024))
    _refused(shop, garbage, MANAGER_PIN, NotAPosappDatabase)


def test_restore_refuses_a_sqlite_file_that_is_not_posapp(
    closed_shop: tuple[Shop, Path], tmp_path: Path
) -> None:
    shop, _ = closed_shop
    other = tmp_path / "outro.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE agenda (id INTEGER PRIMARY KEY, nome TEXT)")
    _refused(shop, other, MANAGER_PIN, NotAPosappDatabase)


def test_restore_refuses_a_truncated_copy(closed_shop: tuple[Shop, Path], tmp_path: Path) -> None:
    shop, good = closed_shop
    data = good.read_bytes()
    broken = tmp_path / "cortado.sqlite"
    broken.write_bytes(data[: len(data) // 2])
    _refused(shop, broken, MANAGER_PIN, CorruptBackup)


def test_restore_refuses_a_cashier_pin(closed_shop: tuple[Shop, Path]) -> None:
    shop, good = closed_shop
    _refused(shop, good, CASHIER_PIN, NotAuthorized)
    assert not list(backups_folder(shop.station.path).glob("*before-restore*"))


def test_daily_backup_is_taken_once_per_local_day(make_shop: MakeShop) -> None:
    shop = make_shop()
    shop.clock.moment = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # 09:00 in São Paulo
    first = daily_backup(shop.station)
    assert first is not None and first.is_file()
    shop.clock.advance(hours=14)  # 23:00 in São Paulo, still the 2nd
    assert daily_backup(shop.station) is None
    shop.clock.advance(hours=2)  # 01:00 on the 3rd
    second = daily_backup(shop.station)
    assert second is not None and second != first
    assert len(list(backups_folder(shop.station.path).glob("*daily*"))) == 2


def test_old_backups_go_after_the_settings_days_never_the_newest(
    make_shop: MakeShop, clock: MovableClock
) -> None:
    shop = make_shop()
    assert load_settings(shop.station).backup_keep_days == 30
    oldest = backup_now(shop.station, "a")
    clock.advance(days=10)
    middle = backup_now(shop.station, "b")
    clock.advance(days=25)
    assert prune_backups(shop.station) == [oldest]
    assert middle.is_file()

    save_settings(
        shop.station,
        load_settings(shop.station).with_changes(backup_keep_days=7),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    clock.advance(days=100)
    assert prune_backups(shop.station) == []  # the newest (and only) backup stays
    assert middle.is_file()


def test_a_backup_without_a_time_in_its_name_ages_by_its_file_time(
    make_shop: MakeShop, clock: MovableClock
) -> None:
    shop = make_shop()
    backup_now(shop.station, "newest")
    stray = backups_folder(shop.station.path) / f"{shop.station.path.stem}-copia.sqlite"
    stray.write_bytes(b"")
    old = clock().timestamp() - 40 * 86_400
    os.utime(stray, (old, old))
    assert prune_backups(shop.station) == [stray]


# -- pre-migration backups, the daily run for the app, and its failures ----------------


def test_pruning_takes_the_backups_a_migration_wrote_once_they_are_old(
    make_shop: MakeShop, clock: MovableClock
) -> None:
    shop = make_shop()
    path = shop.station.path
    shop.station.close()
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "-1")
    finally:
        engine.dispose()
    migrated = upgrade(path)  # what a new posapp does at start: a backup, then the migration
    assert migrated.backup is not None and migrated.backup.is_file()
    assert migrated.backup.parent == backups_folder(path)

    written = backup_time(migrated.backup)
    clock.moment = written + timedelta(days=10)
    station = open_station(path, clock)
    try:
        assert prune_backups(station) == []  # 10 days old, kept for 30
        clock.moment = written + timedelta(days=31)
        assert prune_backups(station) == []  # old, but the newest backup there is: kept
        newest = backup_now(station, "manual")
        assert prune_backups(station) == [migrated.backup]
        assert not migrated.backup.exists() and newest.is_file()
    finally:
        station.close()


def test_pruning_leaves_the_backups_of_a_database_whose_name_starts_alike(
    make_shop: MakeShop, clock: MovableClock
) -> None:
    shop = make_shop()
    stem = shop.station.path.stem
    other = backups_folder(shop.station.path) / f"{stem}-2-20250101T000000000000Z-daily.sqlite"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(b"")
    own = backup_now(shop.station, "old")
    clock.advance(days=40)
    backup_now(shop.station, "new")
    assert prune_backups(shop.station) == [own]
    assert other.exists()


def test_the_daily_run_says_why_a_backup_failed_and_audits_it(
    make_shop: MakeShop, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shop = make_shop()

    def full(_source: Path, _destination: Path) -> Path:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("posapp.services.admin.backups.backup_database", full)
    run = run_daily(shop.station)

    assert run.made is None and run.failure is not None
    text = run.failure.message("pt_BR")
    assert text.startswith("A cópia de segurança de hoje não foi feita: o disco está cheio")
    assert str(backups_folder(shop.station.path)) in text
    assert "the disk is full" in run.failure.message("en")
    assert "o disco está cheio" in caplog.text
    row, details = last_audit(shop, "db.backup_failed")
    assert row.staff_id is None
    assert "o disco está cheio" in details["reason"]
    assert "database or disk is full" in details["error"]
    shop.sell("shampoo", cash=3_000)  # the counter sells on


def test_a_backups_folder_that_cannot_be_written_fails_the_run_not_the_counter(
    make_shop: MakeShop,
) -> None:
    shop = make_shop()
    folder = backups_folder(shop.station.path)
    folder.write_bytes(b"not a folder")  # e.g. a file in the way, or a folder we may not use
    run = run_daily(shop.station)
    assert run.failure is not None
    assert "não foi possível criar o arquivo da cópia" in run.failure.message("pt_BR")
    _, details = last_audit(shop, "db.backup_failed")
    assert "backups" in details["error"]
    folder.unlink()
    again = run_daily(shop.station)  # once the folder can be used, the next check backs up
    assert again.failure is None and again.made is not None and again.made.is_file()
