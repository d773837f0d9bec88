"""The counter's Pix upkeep, against our PSP on 127.0.0.1: a Pix paid after the cashier
gave up is found by itself and said on the status bar; without a PSP nothing is asked."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from payments.testing.psp_server import PspServer
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.late_pix import late_payments
from posapp.services.payments.sale_pix_refund import NOT_DONE, TO_SEND, return_now
from posapp.services.sales import refunds
from posapp.ui.pix_keeper import PixKeeper
from tests.payments.conftest import psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix, pix_sale
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def window(qtbot: QtBot) -> QWidget:
    """The keeper's parent, as the main window is in the app (Qt deletes it with it)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent


def test_a_late_pix_is_found_by_itself_and_said_on_the_status_bar(
    make_shop: MakeShop,
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station) as pix:
        pending = pix.start(2_000, shop.cashier_id)
        pix.give_up(pending)
    psp.pay_late(pending.txid)
    context = make_context(shop)
    said: list[str] = []
    context.events.status.connect(said.append)
    parent = window(qtbot)
    keeper = PixKeeper(context, parent)
    with qtbot.waitSignal(keeper.ran, timeout=10_000) as ran:
        keeper.start()
    keeper.stop()
    assert ran.args[0].found == 1
    assert said == ["Pix recebido sem venda: 1 a devolver em Gerência > Pagamentos"]
    assert [(row.txid, row.amount) for row in late_payments(shop.station)] == [
        (pending.txid, 2_000)
    ]
    with qtbot.waitSignal(keeper.ran, timeout=10_000) as again:
        keeper.check()
    assert again.args[0].found == 0 and len(said) == 1  # said once
    context.printing.close()


def test_without_a_psp_the_keeper_asks_nothing(make_shop: MakeShop, qtbot: QtBot) -> None:
    shop = make_shop()
    configure_pix(shop)  # static Pix only
    context = make_context(shop)
    said: list[str] = []
    context.events.status.connect(said.append)
    parent = window(qtbot)
    keeper = PixKeeper(context, parent)
    with qtbot.waitSignal(keeper.ran, timeout=10_000) as ran:
        keeper.check()
    assert ran.args[0] is None  # None is also what a failed check gives: hence the next line
    assert said == []  # no "Verificação de Pix falhou": nothing was tried
    context.printing.close()


def test_a_failed_check_is_said_in_portuguese_and_tried_again_later(
    make_shop: MakeShop,
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    shop = make_shop()
    certificate = tmp_path / "cliente.pem"
    certificate.write_bytes(psp.certificates.client_cert.read_bytes())
    configure_pix(shop, psp, psp_cert_file=str(certificate))
    certificate.write_text("not a certificate")  # replaced by something unreadable
    context = make_context(shop)
    said: list[str] = []
    context.events.status.connect(said.append)
    parent = window(qtbot)
    keeper = PixKeeper(context, parent)
    with qtbot.waitSignal(keeper.ran, timeout=10_000) as ran:
        keeper.check()
    assert ran.args[0] is None
    (text,) = said
    assert text.startswith(
        "Verificação de Pix falhou: Não foi possível ler o certificado do cliente Pix"
    )
    with qtbot.waitSignal(keeper.ran, timeout=10_000):  # the next tick tries again
        keeper.check()
    assert len(said) == 2
    context.printing.close()


def test_a_refunds_pix_the_bank_did_not_return_is_said_on_the_status_bar(
    make_shop: MakeShop,
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    """A void's Pix share left to send (the PSP was out of reach) goes with the upkeep; when
    the SPI does not carry it out, the status bar says to return it another way."""
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, _e2eid = pix_sale(shop, psp, "corte")
    configure_pix(shop, psp, psp_base_url="https://127.0.0.1:9/api/v2")  # nobody there
    done = refunds.void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    assert return_now(shop.station, done.refund_id).status == TO_SEND  # type: ignore[union-attr]
    configure_pix(shop, psp)
    psp.refund_status = "NAO_REALIZADO"
    context = make_context(shop)
    said: list[str] = []
    context.events.status.connect(said.append)
    parent = window(qtbot)
    keeper = PixKeeper(context, parent)
    with qtbot.waitSignal(keeper.ran, timeout=10_000) as ran:
        keeper.check()
    assert [r.status for r in ran.args[0].refused] == [NOT_DONE]
    assert len(said) == 1 and said[0].startswith(
        "Pix: o banco não realizou a devolução de R$ 80,00"
    )
    assert said[0].endswith("devolva por outro meio.")
    context.printing.close()
