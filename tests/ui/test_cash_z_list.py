"""Caixa: this terminal's past Z reports listed, reprinted as the very same paper, saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.models import AuditLog, PrintJob, ZReport
from hardware.emulator.decoder import decode
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from hardware.escpos_render import render_bytes
from posapp.services.cash import shifts
from posapp.services.cash.report_access import stored_z_for
from posapp.services.cash.report_output import report_csv, report_receipt
from posapp.services.cash.reports import z_report
from posapp.ui.cash.screen import CashScreen, ZListModel
from tests.support import MANAGER_PIN, MovableClock, Shop, open_shop
from tests.ui.ui_support import make_context


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def close_the_day(shop: Shop, *sales: int) -> None:
    """Open a shift, sell a corte per amount given (cash), close it and run the Z."""
    shifts.open_shift(shop.station, shop.cashier_id, 10_000)
    for cash in sales:
        shop.sell("corte", cash=cash)
    shifts.close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {10_000: 1 + len(sales)})
    z_report(shop.station, shop.cashier_id, MANAGER_PIN)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    """Two days closed with their Z: Monday one sale, Tuesday two."""
    shop = open_shop(tmp_path / "z.sqlite", "salon", MovableClock(), opening_float=None)
    close_the_day(shop, 10_000)
    shop.clock.advance(days=1)
    close_the_day(shop, 10_000, 10_000)
    shop.clock.advance(days=1)
    yield shop
    shop.station.close()


@pytest.fixture
def screen(shop: Shop, qtbot: QtBot) -> Iterator[CashScreen]:
    widget = CashScreen(make_context(shop, staff="cashier", printer="virtual://z-list"))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.idle)
    yield widget
    qtbot.waitUntil(widget.idle, timeout=10_000)
    widget.context.printing.close()


def rows(model: ZListModel) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def counts(shop: Shop) -> tuple[int, int]:
    with shop.station.read() as session:
        return session.query(ZReport).count(), session.query(AuditLog).count()


def test_a_cashier_sees_the_z_list_and_reprints_it_without_anyones_production(
    shop: Shop, screen: CashScreen, qtbot: QtBot, qtmodeltester: object
) -> None:
    assert rows(screen.z_model) == [
        ["0002", "03/03/2026", "2", "R$ 160,00", "Carlos Caixa"],
        ["0001", "02/03/2026", "1", "R$ 80,00", "Carlos Caixa"],
    ]
    qtmodeltester.check(screen.z_model)  # type: ignore[attr-defined]
    assert not screen.z_empty.isVisibleTo(screen)
    assert not screen.z_reprint_button.isEnabled()  # nothing chosen yet

    printer = virtual_printer("z-list")
    first = screen.context.printing.print_z(z_id_of(shop, 1)).result(timeout=10)  # the first print
    assert first.printed
    (original,) = printer.wait_for_receipts(1)

    shop.clock.advance(days=3)  # later, and after more sales
    shifts.open_shift(shop.station, shop.cashier_id, 0)
    shop.sell("manicure", cash=3_500)
    before = counts(shop)

    screen.z_table.selectRow(1)  # Monday's Z
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.number == 1)
    qtbot.waitUntil(screen.z_reprint_button.isEnabled)
    assert screen.model.index(0, 0).data() == "REDUÇÃO Z Nº 0001"  # its stored figures shown
    screen.z_reprint_button.click()  # a cashier, no PIN asked
    qtbot.waitUntil(lambda: screen.message.text().startswith("Relatório impresso"), timeout=20_000)
    (_, reprint) = printer.wait_for_receipts(2)
    # the cashier's copy: the stored figures, without each person's sales and production
    mine = stored_z_for(shop.station, shop.cashier_id, z_id_of(shop, 1))
    [expected] = decode(render_bytes(report_receipt(mine, "pt_BR", 80)).data)
    assert list(reprint.lines) == list(expected.lines)
    assert "Por atendente" in original.lines and "Por atendente" not in reprint.lines
    assert set(reprint.lines) <= set(original.lines)
    assert any("0001" in line for line in reprint.lines)
    assert counts(shop) == before  # no Z, no audit row: a reprint changes nothing
    with shop.station.read() as session:
        assert [j.kind for j in session.query(PrintJob).order_by(PrintJob.id)] == ["report"]


def test_a_past_z_is_saved_as_csv_and_pdf_from_its_stored_figures(
    shop: Shop, screen: CashScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    screen.z_table.selectRow(0)  # Tuesday's
    qtbot.waitUntil(screen.z_csv_button.isEnabled)
    csv_path, pdf_path = tmp_path / "z2.csv", tmp_path / "z2.pdf"
    screen.ask_path = lambda _parent, _caption, pattern: str(
        csv_path if "csv" in pattern else pdf_path
    )
    qtbot.mouseClick(screen.z_csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: csv_path.exists() and screen.message.text().startswith("CSV salvo"))
    # a cashier's copy: the takings, without each person's sales and production
    expected = report_csv(stored_z_for(shop.station, shop.cashier_id, z_id_of(shop, 2)), "pt_BR")
    assert "Por atendente" not in expected
    assert csv_path.read_bytes().decode("utf-8-sig") == expected.lstrip("\ufeff")
    assert "160,00" in expected
    qtbot.mouseClick(screen.z_pdf_button, Qt.MouseButton.LeftButton)
    assert pdf_path.read_bytes().startswith(b"%PDF")

    screen.x_button.click()  # another report shown: the Z's buttons wait for a Z again
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.kind == "X")
    assert not screen.z_reprint_button.isEnabled()


def test_a_terminal_with_no_z_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    shop = open_shop(tmp_path / "none.sqlite", "salon", opening_float=None)
    widget = CashScreen(make_context(shop, staff="cashier"))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.idle)
    try:
        assert widget.z_model.rowCount() == 0
        assert widget.z_empty.isVisibleTo(widget)
        assert widget.z_empty.text() == "Nenhuma redução Z ainda"
    finally:
        widget.context.printing.close()
        shop.station.close()


def z_id_of(shop: Shop, number: int) -> int:
    with shop.station.read() as session:
        return session.query(ZReport).filter_by(number=number).one().id
