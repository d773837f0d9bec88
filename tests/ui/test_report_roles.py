"""Caixa by role: a professional's X is their own production, with no Z; a cashier's X has
no per-person sections; a manager's has everyone's production."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.common.auth import Role, StaffRef
from posapp.ui.cash.screen import CashScreen
from tests.services.test_report_access import serve
from tests.support import Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def cash_screen(shop: Shop, qtbot: QtBot, staff: StaffRef) -> CashScreen:
    context = make_context(shop, staff=None)
    screen = CashScreen(context)
    qtbot.addWidget(screen)
    screen.show()
    context.staff = staff
    context.events.staff_changed.emit()
    qtbot.waitUntil(screen.idle)
    return screen


def table(screen: CashScreen) -> list[tuple[str, str, str]]:
    model = screen.model
    return [
        tuple(str(model.index(r, c).data()) for c in range(3))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def test_a_professional_sees_their_production_and_no_store_figures(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    serve(shop, shop.professional_id, "manicure")
    serve(shop, shop.manager_id, "corte")
    paula = StaffRef(shop.professional_id, "Paula Manicure", Role.PROFESSIONAL)
    screen = cash_screen(shop, qtbot, paula)
    assert screen.x_button.text() == "Minha produção"
    assert not screen.z_button.isVisible() and not screen.z_table.isVisible()
    screen.x_button.click()
    qtbot.waitUntil(lambda: screen.production is not None)
    rows = table(screen)
    assert rows[1:] == [
        ("Serviços", "Manicure", "1 × R$ 35,00"),
        ("Serviços", "Total", "1 × R$ 35,00"),
    ]
    text = " ".join(" ".join(r) for r in rows)
    assert "Corte" not in text and "Marta" not in text and "80,00" not in text
    assert screen.report is None and not screen.print_button.isEnabled()
    screen.context.printing.close()


def test_a_cashiers_x_has_the_takings_and_a_managers_everyones_production(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    serve(shop, shop.professional_id, "manicure")
    carlos = StaffRef(shop.cashier_id, "Carlos Caixa", Role.CASHIER)
    screen = cash_screen(shop, qtbot, carlos)
    screen.x_button.click()
    qtbot.waitUntil(lambda: screen.report is not None)
    assert screen.report is not None and screen.report.net == 3_500
    assert not any(r[1] == "Paula Manicure" for r in table(screen))

    screen.context.staff = StaffRef(shop.manager_id, "Marta Gerente", Role.MANAGER)
    screen.context.events.staff_changed.emit()
    screen.x_button.click()
    qtbot.waitUntil(lambda: screen.report is not None)
    assert any(r[1] == "Paula Manicure" for r in table(screen))
    screen.context.printing.close()
