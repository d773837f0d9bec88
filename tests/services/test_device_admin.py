"""Printer, paper, drawer and scanner settings: checked, saved with a PIN, a test page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.core.errors import InvalidSetting, NotAuthorized
from posapp.services.admin.devices import (
    check_device_settings,
    print_test_page,
    printer_profiles,
    save_device_settings,
)
from posapp.services.common.counter_settings import CounterSettings, load_settings
from posapp.services.sales.printing import PrintService
from tests.services.admin_support import everything, last_audit
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_settings_are_saved_with_a_managers_pin_and_audited(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    new = CounterSettings(
        printer_uri="tcp://192.168.0.50:9100",
        paper_mm=58,
        printer_profile="TM-T20II",
        drawer_pin=5,
        scanner_suffix="Tab",
        scanner_max_gap_ms=30,
    )
    before = everything(shop)
    with pytest.raises(NotAuthorized):
        save_device_settings(shop.station, new, staff_id=shop.cashier_id, manager_pin=CASHIER_PIN)
    assert everything(shop) == before
    save_device_settings(shop.station, new, staff_id=shop.cashier_id, manager_pin=MANAGER_PIN)
    assert load_settings(shop.station) == new
    row, details = last_audit(shop, "settings.change")
    assert (row.staff_id, row.authorized_by_id) == (shop.cashier_id, shop.manager_id)
    assert details["changed"]["paper_mm"] == [80, 58]
    assert details["changed"]["drawer_pin"] == [2, 5]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"paper_mm": 76}, "Configuração inválida: papel de 76 mm (use 58 ou 80)."),
        ({"drawer_pin": 3}, "Configuração inválida: pino da gaveta 3 (use 2 ou 5)."),
        ({"printer_uri": "lpt://1"}, "Configuração inválida: Impressora lpt://1: endereço"),
        ({"printer_profile": "Nada-9000"}, "Configuração inválida: Impressora virtual://: modelo"),
        ({"scanner_max_gap_ms": 0}, "Configuração inválida: o intervalo do leitor"),
    ],
)
def test_bad_settings_are_refused_in_pt_br(
    make_shop: MakeShop, changes: dict[str, object], message: str
) -> None:
    shop = make_shop("salon")
    bad = CounterSettings().with_changes(**changes)
    with pytest.raises(InvalidSetting) as refused:
        save_device_settings(shop.station, bad, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert refused.value.message().startswith(message)
    with pytest.raises(InvalidSetting):
        check_device_settings(bad)


def test_the_profiles_include_the_brazilian_printers() -> None:
    names = printer_profiles()
    assert "default" in names and "Bematech-MP4200TH" in names


def test_the_test_page_reaches_the_printer_and_reads_back(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    printing = PrintService(shop.station, CounterSettings())
    try:
        settings = CounterSettings(printer_uri="virtual://admin-test", paper_mm=58)
        outcome = print_test_page(printing, settings)
        assert outcome.printed and outcome.bytes_sent > 0 and outcome.error() is None
        (page,) = virtual_printer("admin-test").wait_for_receipts(1)
        text = "\n".join(page.lines)
        assert "Página de teste" in text and "virtual://admin-test" in text
        assert "Papel: 58 mm" in text and "São João" in text
        assert page.qr_payloads == ["https://posapp.example/teste?acentuação=ção"]

        refused = print_test_page(printing, settings.with_changes(printer_uri="tcp://127.0.0.1:9"))
        assert not refused.printed and refused.error() is not None
        assert refused.error().startswith("Impressora tcp://127.0.0.1:9")  # type: ignore[union-attr]
    finally:
        printing.close()
