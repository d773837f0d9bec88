"""The Pix dialog and the card details at checkout, on real widgets (pytest-qt), against
our PSP on 127.0.0.1: a dynamic Pix closes by itself when paid, time up goes back to the
other tenders, a static code on screen decodes with its CRC, card details go with the
tenders to checkout."""

from __future__ import annotations

import io
from collections.abc import Callable

import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from db.models import PixCharge
from hardware.emulator.render_png import render_receipt
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from payments import brcode
from payments.card import CardKind
from payments.testing.psp_server import PspServer
from posapp.core.pricing import Tender
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.late_pix import late_payments, settle_charges
from posapp.services.payments.tenders import pix_in
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.history import sale_detail
from posapp.services.sales.printing import PrintService
from posapp.ui.sale.card_dialog import CardDialog
from posapp.ui.sale.payment_dialog import PaymentDialog
from posapp.ui.sale.pix_dialog import PixDialog
from posapp.ui.sale.tender_details import TenderDetails
from tests.payments.conftest import STORE_KEY, psp, psp_certificates  # noqa: F401
from tests.services.payments_support import CIELO, configure_pix
from tests.support import Shop

Maker = Callable[..., Shop]


def shown_qr(dialog: PixDialog) -> str:
    """What a phone's camera reads off the dialog's QR."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    dialog.qr.pixmap().toImage().save(buffer, "PNG")  # type: ignore[call-overload]
    image = Image.open(io.BytesIO(bytes(buffer.data().data())))
    (found,) = zxingcpp.read_barcodes(image)
    return found.text


def dynamic_dialog(qtbot: QtBot, shop: Shop, server: PspServer, timeout_s: float) -> PixDialog:
    """The shop's Pix set up with our PSP, and its dialog for R$ 80,00."""
    configure_pix(shop, server)
    dialog = PixDialog(
        shop.station,
        8_000,
        shop.cashier_id,
        dynamic=True,
        timeout_s=timeout_s,
        poll_interval_s=0.05,
    )
    qtbot.addWidget(dialog)
    return dialog


def paid_by_pix_in_the_dialog(
    qtbot: QtBot, shop: Shop, server: PspServer, amount: int
) -> tuple[PaymentDialog, TenderDetails]:
    """The payment dialog of a sale of `amount` with the whole of it typed as Pix, and the
    customer's Pix paid through our PSP: the tenders went to checkout."""
    configure_pix(shop, server)
    server.auto_pay_after_s = 0.2
    payment = PaymentDialog(amount, None)
    qtbot.addWidget(payment)
    hook = TenderDetails(shop.station, lambda: shop.cashier_id, pix_poll_interval_s=0.05)
    payment.complete_tenders = hook
    payment.fields[Tender.PIX].setText(f"{amount // 100},{amount % 100:02d}")
    with qtbot.waitSignal(payment.submitted, timeout=10_000):
        payment.submit()
    return payment, hook


def test_a_dynamic_pix_closes_by_itself_when_the_psp_says_paid(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    psp.auto_pay_after_s = 0.5
    dialog = dynamic_dialog(qtbot, shop, psp, timeout_s=10)
    with qtbot.waitSignal(dialog.accepted, timeout=8_000):
        dialog.open()
        qtbot.waitUntil(lambda: dialog.code_text != "", timeout=5_000)
        assert dialog.isVisible() and dialog.state.text() == "Aguardando o pagamento…"
        code = brcode.parse(shown_qr(dialog))  # CRC and fields checked
        assert code.dynamic and code.amount_centavos == 8_000
        assert code.url is not None and code.url in dialog.copy_paste.text()
    assert dialog.tender is not None and dialog.tender.dynamic
    (txid,) = psp.charges
    assert dialog.tender.txid == txid
    assert dialog.tender.end_to_end_id == psp.charges[txid].payments[0]["endToEndId"]
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["corte"])],
        payments=[TenderRequest(Tender.PIX, 8_000, pix=dialog.tender)],
    )
    sale = checkout(shop.station, request)
    with shop.station.read() as session:
        recorded = pix_in(session, sale.sale_id)
    assert recorded is not None and recorded.end_to_end_id == dialog.tender.end_to_end_id


def test_time_up_cancels_the_charge_and_goes_back_to_the_other_tenders(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    dialog = dynamic_dialog(qtbot, shop, psp, timeout_s=0.4)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=8_000)
    assert dialog.isVisible() and dialog.tender is None
    assert dialog.state.text().startswith("Tempo esgotado: a cobrança Pix foi cancelada.")
    (charge,) = psp.charges.values()
    assert charge.status == "REMOVIDA_PELO_USUARIO_RECEBEDOR"
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)


def test_the_cashier_leaving_cancels_the_charge_before_the_dialog_closes(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    dialog = dynamic_dialog(qtbot, shop, psp, timeout_s=30)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.code_text != "", timeout=5_000)
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    (charge,) = psp.charges.values()
    assert charge.status == "REMOVIDA_PELO_USUARIO_RECEBEDOR" and dialog.tender is None


def test_a_static_code_on_screen_decodes_with_its_crc_and_pago_confirms_it(
    qtbot: QtBot, make_shop: Maker
) -> None:
    shop = make_shop()
    configure_pix(shop)
    dialog = PixDialog(shop.station, 4_990, shop.cashier_id, dynamic=False)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.paid_button.isEnabled, timeout=5_000)
    text = shown_qr(dialog)
    assert text == dialog.copy_paste.text() and brcode.verify_crc(text)
    code = brcode.parse(text)
    assert (code.amount_centavos, code.key, code.name) == (4_990, STORE_KEY, "SALAO BELEZA PURA")
    with qtbot.waitSignal(dialog.accepted, timeout=2_000):
        qtbot.keyClick(dialog, Qt.Key.Key_F10)
    assert dialog.tender is not None and dialog.tender.txid == code.txid
    assert not dialog.tender.dynamic


def test_the_payment_dialog_asks_the_card_then_the_pix_and_checkout_records_both(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    psp.auto_pay_after_s = 0.3
    payment = PaymentDialog(11_500, None)
    qtbot.addWidget(payment)
    hook = TenderDetails(shop.station, lambda: shop.cashier_id, pix_poll_interval_s=0.05)
    payment.complete_tenders = hook
    payment.fields[Tender.CREDIT].setText("80,00")
    payment.fields[Tender.PIX].setText("35,00")
    with qtbot.waitSignal(payment.submitted, timeout=10_000) as submitted:
        payment.submit()
        qtbot.waitUntil(lambda: isinstance(hook.open_dialog, CardDialog), timeout=5_000)
        card = hook.open_dialog
        assert isinstance(card, CardDialog)
        card.slip.setPlainText("CIELO\nMASTERCARD CREDITO\n3 PARCELAS\nNSU: 445566\nAUT: 9A8B7C")
        qtbot.mouseClick(card.read_button, Qt.MouseButton.LeftButton)
        card.integration.setCurrentIndex(card.integration.findData("1"))
        card.submit()
    tenders = submitted.args[0]
    assert [(t.tender, t.amount) for t in tenders] == [(Tender.CREDIT, 8_000), (Tender.PIX, 3_500)]
    credit, pix = tenders
    assert credit.card is not None and credit.card.kind is CardKind.CREDIT
    assert (credit.card.brand, credit.card.instalments, credit.card.nsu) == ("02", 3, "445566")
    assert (credit.card.authorization, credit.card.acquirer_cnpj) == ("9A8B7C", CIELO)
    assert pix.pix is not None and pix.pix.dynamic and pix.pix.end_to_end_id
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["corte"]), LineRequest(shop.items["manicure"])],
        payments=tenders,
    )
    sale = checkout(shop.station, request)
    detail = sale_detail(shop.station, sale.sale_id)
    assert [p.card for p in detail.payments if p.tender == "credit"] == [credit.card]


def test_leaving_the_card_dialog_goes_back_to_the_payment_dialog(
    qtbot: QtBot, make_shop: Maker
) -> None:
    shop = make_shop()
    configure_pix(shop)
    payment = PaymentDialog(8_000, None)
    qtbot.addWidget(payment)
    hook = TenderDetails(shop.station, lambda: shop.cashier_id)
    payment.complete_tenders = hook
    payment.fields[Tender.DEBIT].setText("80,00")
    sent: list[object] = []
    payment.submitted.connect(sent.append)
    payment.submit()
    qtbot.waitUntil(lambda: isinstance(hook.open_dialog, CardDialog), timeout=5_000)
    card = hook.open_dialog
    assert isinstance(card, CardDialog)
    card.brand.setCurrentIndex(card.brand.findData("06"))
    card.nsu.setText("12 34")
    card.submit()
    assert card.isVisible() and card.error.text().startswith('Cartão: NSU inválido(a): "12 34".')
    card.reject()
    qtbot.waitUntil(lambda: not payment.busy, timeout=2_000)
    assert sent == [] and payment.result() != QDialog.DialogCode.Accepted.value


def test_a_printed_static_code_decodes_with_its_crc(qtbot: QtBot, make_shop: Maker) -> None:
    shop = make_shop()
    configure_pix(shop)
    printer = virtual_printer("pix-qr-test", paper_dots=576)
    printing = PrintService(shop.station, CounterSettings(printer_uri="virtual://pix-qr-test"))
    try:
        hook = TenderDetails(shop.station, lambda: shop.cashier_id, printing=printing)
        payment = PaymentDialog(3_500, None)
        qtbot.addWidget(payment)
        payment.complete_tenders = hook
        payment.fields[Tender.PIX].setText("35,00")
        payment.submit()
        qtbot.waitUntil(lambda: isinstance(hook.open_dialog, PixDialog), timeout=5_000)
        dialog = hook.open_dialog
        assert isinstance(dialog, PixDialog)
        qtbot.waitUntil(dialog.print_button.isEnabled, timeout=5_000)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        (paper,) = printer.wait_for_receipts(1)
        image = render_receipt(paper, paper_dots=576)
        (found,) = zxingcpp.read_barcodes(image)
        assert found.text == dialog.code_text and brcode.verify_crc(found.text)
        code = brcode.parse(found.text)
        assert (code.amount_centavos, code.key) == (3_500, STORE_KEY)
        lines = [line.strip() for line in paper.lines]
        assert "PAGUE COM PIX" in lines and f"txid {code.txid}" in lines
        with qtbot.waitSignal(payment.submitted, timeout=2_000) as submitted:
            qtbot.keyClick(dialog, Qt.Key.Key_F10)
        (tender,) = submitted.args[0]
        assert tender.pix is not None and tender.pix.txid == code.txid
    finally:
        printing.close()
        stop_virtual_printers()


def test_a_static_code_the_printer_could_not_print_says_why(qtbot: QtBot, make_shop: Maker) -> None:
    shop = make_shop()
    configure_pix(shop)
    printer = virtual_printer("pix-qr-out", paper_dots=576)
    printer.set_status(paper_out=True)
    printing = PrintService(shop.station, CounterSettings(printer_uri="virtual://pix-qr-out"))
    try:
        hook = TenderDetails(shop.station, lambda: shop.cashier_id, printing=printing)
        payment = PaymentDialog(3_500, None)
        qtbot.addWidget(payment)
        payment.complete_tenders = hook
        payment.fields[Tender.PIX].setText("35,00")
        payment.submit()
        qtbot.waitUntil(lambda: isinstance(hook.open_dialog, PixDialog), timeout=5_000)
        dialog = hook.open_dialog
        assert isinstance(dialog, PixDialog)
        qtbot.waitUntil(dialog.print_button.isEnabled, timeout=5_000)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "sem papel" in dialog.state.text(), timeout=5_000)
        assert printer.printed() == [] and dialog.print_button.isEnabled()
        with qtbot.waitSignal(payment.submitted, timeout=2_000):  # the QR on screen still serves
            qtbot.keyClick(dialog, Qt.Key.Key_F10)
    finally:
        printing.close()
        stop_virtual_printers()


def test_a_psp_refusing_the_cashiers_cancel_is_said_in_portuguese(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    dialog = dynamic_dialog(qtbot, shop, psp, timeout_s=30)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.code_text != "", timeout=5_000)
    psp.client_secret = "trocado-no-psp"  # the store's credentials stop working
    psp.revoke_tokens()
    qtbot.waitUntil(lambda: not dialog._charge_open, timeout=10_000)  # the cancel came back
    assert dialog.state.text().startswith("O provedor Pix recusou as credenciais")
    assert dialog.tender is None
    (txid,) = psp.charges
    with shop.station.read() as session:  # left for the upkeep to settle
        assert session.get(PixCharge, txid).status == "waiting"  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.rejected, timeout=2_000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_a_pix_paid_in_the_payment_dialog_is_not_asked_for_again_at_another_amount(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """Checkout refused something after the customer paid R$ 80,00 by Pix; the cashier
    then typed Pix 50,00 + cash 30,00: a second charge was shown and paid."""
    shop = make_shop()
    payment, hook = paid_by_pix_in_the_dialog(qtbot, shop, psp, 8_000)
    payment.show_error("Abra o caixa antes de vender.")  # checkout refused; nothing written
    payment.fields[Tender.PIX].setText("50,00")
    payment.fields[Tender.CASH].setText("30,00")
    payment.submit()
    qtbot.waitUntil(
        lambda: not payment.busy or isinstance(hook.open_dialog, PixDialog), timeout=5_000
    )
    assert hook.open_dialog is None  # no second QR for the customer to pay
    assert payment.error.text().startswith(
        "O cliente já pagou um Pix de R$ 80,00 nesta venda: deixe o Pix em R$ 80,00"
    )
    assert len(psp.charges) == 1
    payment.fields[Tender.PIX].setText("80,00")
    payment.fields[Tender.CASH].setText("")
    with qtbot.waitSignal(payment.submitted, timeout=5_000) as submitted:
        payment.submit()
    (pix,) = submitted.args[0]
    assert pix.pix is not None and pix.pix.txid == next(iter(psp.charges))
    assert len(psp.charges) == 1


def test_a_pix_paid_while_the_cashier_fixes_the_sale_still_pays_it_after_the_upkeep(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    """Checkout refused something after the customer paid R$ 30,00 by Pix, and the fix
    took the cashier twelve minutes: the 15-minute upkeep took the paid charge for money
    no sale took (to return) and checkout then refused the Pix the customer had paid."""
    shop = make_shop()
    payment, _hook = paid_by_pix_in_the_dialog(qtbot, shop, psp, 3_000)
    payment.show_error("Abra o caixa antes de vender.")  # checkout refused; nothing written
    shop.clock.advance(minutes=12)
    with DynamicPix.open(shop.station) as upkeep:
        assert settle_charges(upkeep).found == 0
    assert late_payments(shop.station) == ()

    with qtbot.waitSignal(payment.submitted, timeout=5_000) as submitted:
        payment.submit()
    (pix,) = submitted.args[0]
    sale = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(shop.items["shampoo"])],
            payments=[pix],
        ),
    )
    assert sale.payments == (("pix", 3_000),) and len(psp.charges) == 1


def test_a_paid_pix_left_with_the_payment_dialog_is_returned_by_the_upkeep(
    qtbot: QtBot,
    make_shop: Maker,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    _payment, hook = paid_by_pix_in_the_dialog(qtbot, shop, psp, 3_000)
    hook.let_go()  # the sale screen does this when the payment dialog closes
    shop.clock.advance(minutes=12)
    with DynamicPix.open(shop.station) as upkeep:
        assert settle_charges(upkeep).found == 1
    (late,) = late_payments(shop.station)
    assert late.amount == 3_000 and not late.refunded
