"""Issue 13: a database file the counter cannot use. Each case gets one line from the CLI
(exit 2, no traceback) and a pt_BR/English dialog in the GUI that offers the newest
backup; a zero-byte file is never taken for a new store."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Sale
from posapp import cli
from posapp.services.admin.backups import backup_now
from posapp.services.common.station import open_station
from posapp.services.machine.database_file import (
    DatabaseEmpty,
    DatabaseProblem,
    DatabaseReadOnly,
    DiskFull,
    classify,
)
from posapp.ui.database_problem import DatabaseProblemDialog
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def store_with_backup(make_shop: MakeShop) -> tuple[Path, Path]:
    shop = make_shop("salon")
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    shop.sell("corte", customer=bela, pix=8_000)
    backup = backup_now(shop.station, "manual")
    path = shop.station.path
    shop.station.close()
    return path, backup


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def not_sqlite(path: Path) -> None:
    path.write_bytes(os.urandom(40_000))


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def damaged_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(4096, len(data), 4096):  # every page but the header's
        data[at : at + 64] = os.urandom(64)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [zero_bytes, not_sqlite, truncated, damaged_pages])
def test_every_command_says_one_line_and_names_the_newest_backup(
    make_shop: MakeShop, capsys: pytest.CaptureFixture[str], damage: Callable[[Path], None]
) -> None:
    path, backup = store_with_backup(make_shop)
    for wal in path.parent.glob(path.name + "-*"):
        wal.unlink()
    damage(path)
    for argv in (
        ["db", "verify", "--db", str(path)],
        ["report", "x", "--db", str(path)],
        ["daily", "--db", str(path)],
    ):
        assert cli.main(argv) == 2, argv
        out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err + out, err
        assert str(backup) in lines[0] and "posapp db restore" in lines[0]


def test_the_backup_offered_is_this_stores_newest_by_the_time_in_its_name(
    tmp_path: Path,
) -> None:
    """A file copied later has a newer file time but not a newer backup; another store's
    backups in the same folder (loja-2) are never offered for this one."""
    path = tmp_path / "loja.sqlite"
    path.write_bytes(b"")
    folder = tmp_path / "backups"
    folder.mkdir()
    newest = folder / "loja-20260301T120000000000Z-manual.sqlite"
    copied_later = folder / "loja-20250101T120000000000Z-daily-2025-01-01.sqlite"
    other_store = folder / "loja-2-20261231T120000000000Z-manual.sqlite"
    for file in (newest, copied_later, other_store):
        file.write_bytes(b"SQLite format 3\x00")
    long_ago = 1_600_000_000
    os.utime(newest, (long_ago, long_ago))
    with pytest.raises(DatabaseEmpty) as refused:
        open_station(path)
    assert refused.value.backup == newest
    assert str(newest) in refused.value.message("pt_BR")


def test_a_zero_byte_file_is_never_taken_for_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "loja.sqlite"
    path.write_bytes(b"")
    with pytest.raises(DatabaseEmpty) as refused:
        open_station(path)
    assert "não será usado como uma loja nova" in refused.value.message("pt_BR")
    assert path.read_bytes() == b""  # nothing was created in it


def test_a_read_only_database_and_a_full_disk_say_so(make_shop: MakeShop) -> None:
    """The errors real SQLite raises (a read-only connection; a page limit as the full
    disk) become the sentence the user reads, with no SQL in it."""
    path, _ = store_with_backup(make_shop)
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            connection.execute("CREATE TABLE x (y)")
    finally:
        connection.close()
    problem = classify(raised.value, path)
    assert isinstance(problem, DatabaseReadOnly)
    assert "somente leitura" in problem.message("pt_BR") and "CREATE" not in problem.message()

    connection = sqlite3.connect(path)
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.OperationalError) as full:
            connection.execute("CREATE TABLE big (b)")
            connection.execute("INSERT INTO big VALUES (zeroblob(1000000))")
    finally:
        connection.close()
    problem = classify(full.value, path)
    assert isinstance(problem, DiskFull)
    assert "está cheio" in problem.message("pt_BR") and "is full" in problem.message("en")


def test_the_gui_dialog_offers_the_newest_backup_and_restores_it(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    path, backup = store_with_backup(make_shop)
    for wal in path.parent.glob(path.name + "-*"):
        wal.unlink()
    truncated(path)
    with pytest.raises(DatabaseProblem) as caught:
        open_station(path)
    dialog = DatabaseProblemDialog(caught.value)
    qtbot.addWidget(dialog)
    assert "está danificado" in dialog.text() or "não é um banco" in dialog.text()
    assert str(backup) in dialog.text()
    assert "backup" in dialog.informativeText().lower()  # English below
    assert dialog.restore_button is not None
    assert not dialog.restore_with("0000000")  # a wrong PIN: said, nothing replaced
    assert "PIN de gerente incorreto" in dialog.informativeText()
    assert dialog.restore_with(MANAGER_PIN)
    station = open_station(path)  # the store is back, with its sale
    try:
        with station.read() as session:
            assert session.scalar(select(func.count()).select_from(Sale)) == 1
    finally:
        station.close()
