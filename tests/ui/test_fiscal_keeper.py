"""The fiscal keeper: the DANFE for the print queue, and a sale's note issued after a sale."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.models import Item
from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, make_a1_pkcs12
from hardware.emulator.virtual import stop_virtual_printers
from posapp.ui.context import UiContext
from posapp.ui.fiscal_keeper import FiscalKeeper
from posapp.ui.sale import SaleScreen
from posapp.ui.sales.screen import SalesScreen
from tests.invoices.conftest import PASSWORD, fill_tax_data, set_up_nfce
from tests.support import Shop
from tests.ui.sale_support import paid_in_cash, scan, settle
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@contextmanager
def _pharmacy_with_nfce(
    make_shop: MakeShop, tmp_path: Path
) -> Iterator[tuple[Shop, UiContext, list[str], LocalSefaz]]:
    """A pharmacy with NFC-e on against our local SEFAZ; the status lines said, in order."""
    shop = make_shop("pharmacy")
    shop.clock.moment = datetime.now(UTC)
    fill_tax_data(shop)
    a1_bytes = make_a1_pkcs12(PASSWORD)
    a1 = A1Certificate.from_pkcs12(a1_bytes, PASSWORD)
    context = make_context(shop, staff="cashier")
    statuses: list[str] = []
    context.events.status.connect(statuses.append)
    with LocalSefaz(a1.cert_pem(), tmp_path, hang_s=5) as sefaz:
        set_up_nfce(shop, a1_bytes, sefaz)
        yield shop, context, statuses, sefaz


def test_after_a_sale_the_keeper_issues_its_note_and_says_when_sefaz_is_out(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path
) -> None:
    with _pharmacy_with_nfce(make_shop, tmp_path) as (shop, context, statuses, sefaz):
        keeper = FiscalKeeper(context)
        keeper.start()
        try:
            assert context.invoicer is keeper.invoicer
            assert context.printing.sale_paper is not None
            invoicer = keeper.invoicer
            sale = shop.sell("dipirona", cash=1_250)
            context.events.sale_committed.emit(sale.sale_id)

            def authorised() -> bool:
                note = invoicer.note(sale.sale_id)
                return note is not None and note.record.status == "authorised"

            qtbot.waitUntil(authorised, timeout=10_000)

            sefaz.set_mode("down")
            offline = shop.sell("shampoo", cash=3_000)
            context.events.sale_committed.emit(offline.sale_id)
            qtbot.waitUntil(
                lambda: any("SEFAZ sem resposta" in text for text in statuses), timeout=10_000
            )
            pending = invoicer.note(offline.sale_id)
            assert pending is not None and pending.record.status == "pending"
        finally:
            keeper.stop()
            context.printing.close()
    assert context.invoicer is None and context.printing.sale_paper is None


def test_the_keeper_says_when_a_sales_note_cannot_be_built(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path
) -> None:
    """The shampoo's NCM mistyped after the sale: the status line sends the manager to
    Gerência > Fiscal (before: only a warning in the log, every minute)."""
    with _pharmacy_with_nfce(make_shop, tmp_path) as (shop, context, statuses, _sefaz):
        sale = shop.sell("shampoo", cash=3_000)
        with shop.station.write() as session:
            session.get(Item, shop.items["shampoo"]).ncm = "3305100"  # a digit short
        keeper = FiscalKeeper(context)
        keeper.start()
        try:
            context.events.sale_committed.emit(sale.sale_id)
            qtbot.waitUntil(
                lambda: any("sem nota por dado inválido" in text for text in statuses),
                timeout=10_000,
            )
            assert "Gerência > Fiscal" in statuses[-1]
            assert keeper.invoicer.note(sale.sale_id) is None
        finally:
            keeper.stop()
            context.printing.close()


def test_the_cashier_is_told_at_the_counter_when_the_paper_has_no_nfce(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path
) -> None:
    """The shampoo's NCM was mistyped in the catalogue: its sale's NFC-e cannot be built,
    and the paper the customer takes is not fiscal. The sale screen says so, and why, while
    the customer is still there (before: a warning in the log, and "Recibo impresso.")."""
    with _pharmacy_with_nfce(make_shop, tmp_path) as (shop, context, statuses, _sefaz):
        with shop.station.write() as session:
            session.get(Item, shop.items["shampoo"]).ncm = "3305100"  # a digit short
        keeper = FiscalKeeper(context)
        keeper.start()
        screen = SaleScreen(context)
        qtbot.addWidget(screen)
        screen.show()
        try:
            scan(screen, "7891000100103")
            settle(screen, qtbot)
            sale = paid_in_cash(screen, qtbot, "30,00")
            qtbot.waitUntil(lambda: screen.last_print is not None, timeout=10_000)
            told = screen.message.text()
            assert told.startswith("Recibo impresso, mas falta nota fiscal:")
            assert f"A NFC-e da venda {sale.sale_id} não foi emitida" in told and "NCM" in told
            assert told.endswith("Chame o gerente (Gerência > Fiscal).")
            assert told in statuses
            settle(screen, qtbot)
        finally:
            keeper.stop()
            context.printing.close()


def test_a_reprint_from_vendas_says_the_note_sefaz_rejected_is_still_missing(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path
) -> None:
    with _pharmacy_with_nfce(make_shop, tmp_path) as (shop, context, _statuses, sefaz):
        sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
        sale = shop.sell("shampoo", cash=3_000).sale_id
        keeper = FiscalKeeper(context)
        keeper.start()
        screen = SalesScreen(context)
        qtbot.addWidget(screen)
        screen.show()
        try:
            qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
            screen.table.selectRow(0)
            qtbot.waitUntil(lambda: screen.detail is not None and screen.idle())
            with qtbot.waitSignal(context.events.printer_state, timeout=15_000):
                screen.reprint()
            assert screen.message.text() == (
                "Cupom impresso, mas falta nota fiscal: A NFC-e da venda "
                f"{sale} foi rejeitada pela SEFAZ (778: Rejeição: Informado NCM inexistente)."
            )
            qtbot.waitUntil(screen.idle)
        finally:
            keeper.stop()
            context.printing.close()
