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
from tests.invoices.conftest import PASSWORD, fill_tax_data, set_up_nfce
from tests.support import Shop
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
