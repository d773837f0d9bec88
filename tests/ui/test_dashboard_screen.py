"""Painel: the charts hold the day worked out by hand; managers only, Ctrl+6 in the shell."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.common.auth import Role, StaffRef
from posapp.ui.dashboard.screen import DashboardScreen
from posapp.ui.imports.panel import ImportExportDialog
from posapp.ui.shell import DASHBOARD, SALE, Shell
from tests.services.test_dashboard import two_days
from tests.support import MovableClock, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def points(series: object) -> list[tuple[float, float]]:
    return [(p.x(), p.y()) for p in series.points()]  # type: ignore[attr-defined]


def test_the_charts_show_the_two_days(
    make_shop: MakeShop, clock: MovableClock, qtbot: QtBot
) -> None:
    shop, _ = two_days(make_shop, clock)
    screen = DashboardScreen(make_context(shop))
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()  # loads
    qtbot.waitUntil(lambda: screen.board is not None and screen.idle())
    bars = [screen.hour_set.at(h) for h in range(screen.hour_set.count())]
    assert len(bars) == 24
    assert {h: v for h, v in enumerate(bars) if v} == {9: 49.90, 10: 12.50}
    assert screen.hour_axis.categories()[9] == "09"
    sales = points(screen.sales_series)
    assert len(sales) == 30
    assert sales[-2:] == [(28.0, 230.0), (29.0, 62.40)]
    assert all(y == 0 for _, y in sales[:-2])
    assert points(screen.earned_series)[-2:] == [(28.0, 20.0), (29.0, 2.99)]
    assert points(screen.spent_series)[-2:] == [(28.0, 0.0), (29.0, 20.0)]
    assert points(screen.liability_series)[-2:] == [(28.0, 20.0), (29.0, 2.99)]
    assert screen.days_axis.categories()[-2:] == ["01/03", "02/03"]
    assert screen.headline.text() == "Hoje: 2 vendas, R$ 62,40"
    assert [s.name() for s in screen.days_chart.series()] == [
        "Vendas (R$)",
        "Cashback ganho (R$)",
        "Cashback usado (R$)",
    ]
    # a sale rung elsewhere redraws the open screen
    shop.sell("dipirona", cash=1_250)
    screen.context.events.sale_committed.emit(0)
    qtbot.waitUntil(lambda: screen.board is not None and screen.board.today_sales == 3)
    qtbot.waitUntil(screen.idle)
    assert screen.hour_set.at(11) == 12.50
    screen.context.printing.close()


def test_a_cashier_sees_no_figures(make_shop: MakeShop, qtbot: QtBot) -> None:
    shop = make_shop("salon")
    screen = DashboardScreen(make_context(shop, staff="cashier"))
    qtbot.addWidget(screen)
    screen.show()
    assert screen.idle() and screen.board is None
    assert screen.message.text() == "O painel é só para gerentes."
    screen.context.printing.close()


def test_the_import_button_opens_the_csv_dialog(make_shop: MakeShop, qtbot: QtBot) -> None:
    shop = make_shop("salon")
    screen = DashboardScreen(make_context(shop))
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitUntil(lambda: screen.board is not None and screen.idle())
    screen.import_button.click()
    assert isinstance(screen.import_dialog, ImportExportDialog)
    assert screen.import_dialog.isVisible()
    screen.import_dialog.accept()
    screen.context.printing.close()


def test_the_shell_shows_the_painel_to_managers_only(make_shop: MakeShop, qtbot: QtBot) -> None:
    shop = make_shop("salon")
    shell = Shell(make_context(shop, staff=None))
    qtbot.addWidget(shell)
    shell.show()
    shell.signed_in(StaffRef(shop.cashier_id, "Carlos Caixa", Role.CASHIER))
    assert not shell.dashboard_button.isVisible()
    ctrl_6 = shell.shortcuts[DASHBOARD]
    assert ctrl_6.key().toString() == "Ctrl+6"
    ctrl_6.activated.emit()  # as the key press would, without needing the active window
    assert shell.current is shell.screens[SALE] and DASHBOARD not in shell.screens
    shell.show_screen(DASHBOARD)  # not even by hand
    assert shell.current is shell.screens[SALE] and DASHBOARD not in shell.screens
    shell.sign_out()
    shell.signed_in(StaffRef(shop.manager_id, "Marta Gerente", Role.MANAGER))
    assert shell.dashboard_button.isVisible()
    assert shell.dashboard_button.text() == "Painel"
    assert shell.dashboard_button.toolTip() == "Ctrl+6"
    ctrl_6.activated.emit()
    screen = shell.current
    assert isinstance(screen, DashboardScreen)
    assert shell.dashboard_button.isChecked()
    qtbot.waitUntil(lambda: screen.board is not None and screen.idle())
    shell.sign_out()
    assert not isinstance(shell.current, QLabel)
    for widget in shell.screens.values():
        idle = getattr(widget, "idle", None)
        if idle is not None:
            qtbot.waitUntil(idle, timeout=10_000)
    shell.context.printing.close()
