"""Refund and void receipts through the print queue to the emulator, decoded back to text."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest

from hardware.emulator.decoder import decode
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from hardware.escpos_render import render_bytes
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.sales.printing import PRINTED, REFUND, PrintService
from posapp.services.sales.receipts import refund_receipt
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    server = virtual_printer("refund-receipt", paper_dots=384)
    yield server
    stop_virtual_printers()


def print_refund(station: Station, refund_id: int, paper_mm: int = 58) -> PrintService:
    service = PrintService(
        station, CounterSettings(printer_uri="virtual://refund-receipt", paper_mm=paper_mm)
    )
    outcome = service.print_refund(refund_id).result(timeout=10)
    assert outcome.printed and outcome.kind == REFUND
    return service


def test_a_partial_refund_with_cash_back_prints_what_came_back_and_from_where(
    make_shop: MakeShop, emulator: EmulatorServer
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)  # +R$ 8,00
    # R$ 115,00: R$ 8,00 of cashback, R$ 50,00 cash, R$ 57,00 PIX; earns R$ 10,70
    sale = shop.sell("corte", "manicure", customer=carla, cashback=800, cash=5_000, pix=5_700)
    shop.clock.advance(minutes=20)
    manicure = _line_id(shop, sale.sale_id, "Manicure")
    done = refund(
        shop.station,
        RefundRequest(
            sale.sale_id, shop.cashier_id, MANAGER_PIN, "cliente desistiu", {manicure: 1}
        ),
    )
    # R$ 35,00 back: 35 x 8 / 115 = R$ 2,43 as cashback, R$ 32,57 in money, all of it
    # from the drawer (the sale took R$ 50,00 in cash); the manicure earned R$ 3,26.
    assert (done.money_back, done.loyalty_share, done.cashback_reversed) == (3_257, 243, 326)
    service = print_refund(shop.station, done.refund_id)
    try:
        (paper,) = emulator.wait_for_receipts(1)
        text = list(paper.lines)
        assert "COMPROVANTE DE DEVOLUÇÃO" in text
        assert _row(text, "Venda nº 000002") == "02/03/2026 10:00"
        assert "Em 02/03/2026 10:20" in text
        assert _row(text, "Manicure") == "R$ 35,00"
        assert "  1 x R$ 35,00" in text
        assert "Corte feminino" not in "\n".join(text)  # not returned, not printed
        assert _row(text, "Devolvido em dinheiro") == "R$ 32,57"
        assert _row(text, "  Dinheiro (do caixa)") == "R$ 32,57"
        assert not any(line.startswith("  Estorno") for line in text)
        assert _row(text, "Pago com cashback/vale") == "R$ 2,43"
        assert _row(text, "Cashback devolvido") == "R$ 2,43"
        assert _row(text, "Cashback estornado") == "R$ 3,26"
        assert "Motivo: cliente desistiu" in text
        assert "Feito por: Carlos Caixa" in text
        assert "Autorizado por: Marta Gerente" in text
        # 8,00 - 8,00 + 10,70 after the sale; + 2,43 - 3,26 after the refund
        assert _row(text, "Saldo de cashback agora") == "R$ 9,87"
        assert all(len(line) <= 32 for line in text)
        assert [pulse.pin for pulse in paper.pulses] == [2]  # cash left the drawer

        # a reprint, later and after another sale, is the same paper marked as a copy,
        # and the drawer stays shut
        shop.clock.advance(hours=2)
        shop.sell("corte", customer=carla, pix=8_000)
        again = service.print_refund(done.refund_id).result(timeout=10)
        assert again.printed
        (_, second) = emulator.wait_for_receipts(2)
        assert second.lines[0] == "2ª VIA" and _filled(second.lines[1:]) == _filled(text)
        assert second.pulses == []
        assert service.queue() == []
    finally:
        service.close()


def test_a_void_that_reopens_a_voucher_prints_it_and_the_card_gets_the_money(
    make_shop: MakeShop, emulator: EmulatorServer
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    sale = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    done = void(shop.station, sale.sale_id, shop.manager_id, MANAGER_PIN, "lançada errada")
    assert done.vouchers_reopened == (voucher.code,)
    service = print_refund(shop.station, done.refund_id, paper_mm=80)
    try:
        (paper,) = emulator.wait_for_receipts(1)
        text = list(paper.lines)
        assert "CANCELAMENTO DE VENDA" in text
        assert _row(text, "Shampoo 300 ml") == "R$ 30,00"
        assert _row(text, "Devolvido em dinheiro") == "R$ 10,00"
        assert _row(text, "  Estorno PIX") == "R$ 10,00"
        assert not any("Dinheiro (do caixa)" in line for line in text)
        assert _row(text, "Pago com cashback/vale") == "R$ 20,00"
        assert _row(text, "Cashback estornado") == "R$ 1,00"
        assert f"Vale reaberto: {voucher.code}" in text
        assert "Motivo: lançada errada" in text
        assert "Feito por: Marta Gerente" in text
        assert any(line.startswith("Cliente: Maria Silva ***.982.247-**") for line in text)
        assert paper.pulses == []  # no cash: the drawer stays shut
        assert max(len(line) for line in text) > 32  # laid out for 80 mm
        with shop.station.read() as session:
            from db.models import PrintJob

            (job,) = session.query(PrintJob).all()
            assert (job.kind, job.ref_id, job.status) == (REFUND, done.refund_id, PRINTED)
    finally:
        service.close()


def test_the_refund_receipt_in_english(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    sale = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    done = void(shop.station, sale.sale_id, shop.manager_id, MANAGER_PIN, "wrong sale")
    receipt = refund_receipt(shop.station, done.refund_id, CounterSettings(language="en"))
    [paper] = decode(render_bytes(receipt).data)
    text = list(paper.lines)
    assert "SALE CANCELLED" in text
    assert _row(text, "Paid back in money") == "R$10.00"
    assert f"Voucher reopened: {voucher.code}" in text
    assert "Approved by: Marta Gerente" in text


def test_cashback_already_spent_is_explained_on_the_receipt(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    sale = shop.sell("corte", customer=carla, pix=8_000)  # +R$ 8,00
    shop.sell("manicure", customer=carla, cashback=800, pix=2_700)  # spends it, +R$ 2,70
    done = refund(
        shop.station, RefundRequest(sale.sale_id, shop.manager_id, MANAGER_PIN, "insatisfeita")
    )
    assert done.clawback == 530
    receipt = refund_receipt(shop.station, done.refund_id, CounterSettings(paper_mm=80))
    [paper] = decode(render_bytes(receipt).data)
    text = list(paper.lines)
    assert _row(text, "Retido do dinheiro") == "-R$ 5,30"
    joined = " ".join(text)
    assert "O cashback ganho nestes itens (R$ 8,00) já tinha sido usado; R$ 5,30 foi" in joined
    assert _row(text, "Devolvido em dinheiro") == "R$ 74,70"
    assert _row(text, "  Estorno PIX") == "R$ 74,70"
    assert _row(text, "Saldo de cashback agora") == "R$ 0,00"


def _row(lines: list[str], left: str) -> str:
    """The right-hand side of the row that starts with `left` (exactly one such row)."""
    (line,) = [line for line in lines if line.startswith(left + " ")]
    return line[len(left) :].strip()


def _line_id(shop: Shop, sale_id: int, description: str) -> int:
    from db.models import SaleLine

    with shop.station.read() as session:
        line = session.query(SaleLine).filter_by(sale_id=sale_id, description=description).one()
        return line.id


def _filled(lines: Sequence[str]) -> list[str]:
    """The printed lines without the blank ones (feeds may fall differently on a copy)."""
    return [line for line in lines if line.strip()]
