"""Receipts through the print queue to a real emulated printer, and back as text."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import select

from db.models import AuditLog
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.core.errors import AccountLocked, NotAuthorized, WrongPin
from posapp.services.admin import staff
from posapp.services.common.counter_settings import CounterSettings, load_settings, save_settings
from posapp.services.sales import parking
from posapp.services.sales.checkout import LineRequest
from posapp.services.sales.printing import FAILED, PrintService
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    server = virtual_printer("queue-test", paper_dots=384)
    yield server
    stop_virtual_printers()


def lines_of(server: EmulatorServer, count: int = 1) -> list[str]:
    (receipt, *_) = server.wait_for_receipts(count)[-1:]
    return list(receipt.lines)


def test_a_sale_receipt_prints_with_its_voucher_qr_and_opens_the_drawer_for_cash(
    make_shop: MakeShop, emulator: EmulatorServer
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.sell("batom", customer=maria, pix=4_990)
    sale = shop.sell("vestido", customer=maria, cash=20_000)
    service = PrintService(
        shop.station, CounterSettings(printer_uri="virtual://queue-test", paper_mm=58)
    )
    try:
        outcome = service.print_sale(sale.sale_id).result(timeout=10)
        assert outcome.printed
        (paper,) = emulator.wait_for_receipts(1)
        text = list(paper.lines)
        assert "Venda nº 000002" in text
        assert any(line.startswith("Vestido midi") and line.endswith("R$ 200,00") for line in text)
        assert all(len(line) <= 32 for line in text)
        assert "VALE R$ 24,99" in text
        assert paper.qr_payloads == [sale.vouchers_issued[0].qr]
        assert [pulse.pin for pulse in paper.pulses] == [2]
        assert service.queue() == []
        assert service.last_sale_id() == sale.sale_id

        # F7 later: the same paper marked as a copy, and the drawer stays shut.
        assert service.print_sale(sale.sale_id).result(timeout=10).printed
        (_, again) = emulator.wait_for_receipts(2)
        assert again.lines[0] == "2ª VIA" and list(again.lines[1:]) == text
        assert again.pulses == [] and again.qr_payloads == paper.qr_payloads
    finally:
        service.close()


def test_a_printer_out_of_paper_keeps_the_receipt_in_the_queue_until_it_prints(
    make_shop: MakeShop, emulator: EmulatorServer
) -> None:
    shop = make_shop("salon")
    sale = shop.sell("corte", pix=8_000)
    service = PrintService(shop.station, CounterSettings(printer_uri="virtual://queue-test"))
    try:
        emulator.set_status(paper_out=True)
        failed = service.print_sale(sale.sale_id).result(timeout=10)
        assert not failed.printed and "sem papel" in (failed.error("pt_BR") or "")
        (queued,) = service.queue()
        assert (queued.status, queued.ref_id) == (FAILED, sale.sale_id)
        assert emulator.printed() == []

        emulator.set_status(paper_out=False)
        (retried,) = [f.result(timeout=10) for f in service.retry_failed()]
        assert retried.printed and service.queue() == []
        printed = lines_of(emulator)
        assert "Corte feminino" in "\n".join(printed)
        assert "2ª VIA" not in printed  # the first paper that came out is the original
    finally:
        service.close()


def test_receipts_in_english_and_the_preview_is_a_picture(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    sale = shop.sell("corte", customer=carla, pix=8_000)
    service = PrintService(shop.station, CounterSettings(language="en", printer_uri="virtual://x"))
    try:
        receipt = service.receipt("sale", sale.sale_id)
        texts = [getattr(block, "left", getattr(block, "text", "")) for block in receipt.blocks]
        assert "Cashback earned" in texts and "Cashback balance" in texts
        png = service.preview_png("slip", carla)
        assert png.startswith(b"\x89PNG")
    finally:
        service.close()
        stop_virtual_printers()


def test_parked_sales_come_back_as_they_were(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    lines = [LineRequest(shop.items["corte"], professional_id=shop.professional_id)]
    parked_id = parking.park(
        shop.station,
        label="Carla - escova",
        staff_id=shop.cashier_id,
        lines=lines,
        customer_id=carla,
    )
    (listed,) = parking.parked(shop.station)
    assert (listed.label, listed.customer_name) == ("Carla - escova", "Carla Dias")
    cart = parking.recall(shop.station, parked_id, shop.cashier_id)
    assert cart.lines == tuple(lines) and cart.customer_id == carla
    assert parking.parked(shop.station) == []


def test_settings_need_a_manager_and_are_audited(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    new = CounterSettings().with_changes(paper_mm=58, printer_uri="tcp://127.0.0.1:9100")
    with pytest.raises(NotAuthorized):
        save_settings(shop.station, new, staff_id=shop.cashier_id, manager_pin=CASHIER_PIN)
    assert load_settings(shop.station) == CounterSettings()
    save_settings(shop.station, new, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN)
    assert load_settings(shop.station).paper_mm == 58
    with shop.station.read() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.action == "settings.change")).one()
        assert row.authorized_by_id == shop.manager_id and "paper_mm" in row.details


def test_five_wrong_pins_lock_the_account_even_though_each_sign_in_fails(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    assert staff.sign_in(shop.station, shop.cashier_id, CASHIER_PIN).name == "Carlos Caixa"
    for _ in range(5):
        with pytest.raises(WrongPin):
            staff.sign_in(shop.station, shop.cashier_id, "0000")
    with pytest.raises(AccountLocked):
        staff.sign_in(shop.station, shop.cashier_id, CASHIER_PIN)
    shop.clock.advance(minutes=6)
    assert staff.sign_in(shop.station, shop.cashier_id, CASHIER_PIN).id == shop.cashier_id
