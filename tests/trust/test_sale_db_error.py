"""Issue 13: a database error during a sale shows the cashier a sentence in their
language, never SQLAlchemy text, SQL or parameters; those go to the app's log file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Sale
from posapp.app import configure_log_file
from posapp.core.pricing import Tender
from tests.support import Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def test_a_database_error_at_checkout_is_a_sentence_and_its_sql_goes_to_the_log(
    counters: Callable[[str], Counter],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("POSAPP_LOG_DIR", str(tmp_path / "logs"))
    log_path = configure_log_file()
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    connection = sqlite3.connect(shop.station.path)  # the disk starts failing sale inserts
    connection.execute(
        "CREATE TRIGGER failing_disk BEFORE INSERT ON sale "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O failure on sale'); END"
    )
    connection.commit()
    connection.close()

    scan(screen, "7896004700014")  # Dipirona, R$ 12,50
    settle(screen, qtbot)
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fields[Tender.CASH].setText("20,00")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    shown = dialog.error.text() or screen.message.text()
    assert shown.startswith("O banco de dados não aceitou a gravação; nada desta operação")
    for leak in ("INSERT", "sqlite3", "sqlalchemy", "disk I/O failure", "[parameters"):
        assert leak not in shown
    with shop.station.read() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 0
    logged = log_path.read_text(encoding="utf-8")
    assert "disk I/O failure on sale" in logged and "INSERT INTO sale" in logged
