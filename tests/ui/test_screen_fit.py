"""Every screen fits the smallest counter screen in Brazil (1024x768), with the app's own
style sheet (its paddings and fonts are what make a window grow).

A window cannot be smaller than its minimum size: a screen, panel or dialog whose minimum
is wider or taller than the monitor pushes buttons (F10 Pagar) and the status bar off it.
The budget is 1024x768 less Windows' 40 px taskbar and a 30 px title bar.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.app import apply_style
from posapp.core.pricing import Tender
from posapp.services.common.auth import Role, add_staff
from posapp.services.customers import adjustments
from posapp.services.customers import registry as customers
from posapp.services.sales import catalog
from posapp.ui.sale.screen import SaleScreen
from posapp.ui.shell import CASH, CUSTOMERS, DASHBOARD, SALE, SALES, SETTINGS, Shell
from tests.support import MANAGER_PIN, Shop
from tests.ui.test_shell import make_shell, sign_in

MakeShop = Callable[..., Shop]
BUDGET = QSize(1024, 768 - 40 - 30)
PROFESSIONALS = (
    "Juliana Cabeleireira",
    "Fernanda Manicure",
    "Patrícia Esteticista",
    "Roberta Maquiadora",
    "Luciana Depiladora",
    "Camila Colorista",
    "Beatriz Podóloga",
)
"""A salon's team: their buttons under the cart must wrap, not widen the window."""
LONG_NAME = "Shampoo hidratante reconstrução intensiva com queratina e óleo de argan 1 litro"


@pytest.fixture(autouse=True)
def _style(qapp: QApplication) -> Iterator[None]:
    apply_style(qapp)
    yield
    qapp.setStyleSheet("")
    stop_virtual_printers()


def needed(widget: QWidget) -> QSize:
    return widget.minimumSizeHint().expandedTo(widget.minimumSize())


def assert_fits(widget: QWidget, what: str) -> None:
    size = needed(widget)
    assert size.width() <= BUDGET.width() and size.height() <= BUDGET.height(), (
        f"{what} needs {size.width()}x{size.height()}, more than {BUDGET.width()}x{BUDGET.height()}"
    )


def assert_names_whole(screen: SaleScreen, how: str) -> None:
    """Every cart line is as tall as its wrapped product name needs."""
    table = screen.table
    name_width = table.columnWidth(0) - 12  # the cell's text margins
    for row in range(screen.model.rowCount()):
        name = screen.model.rows[row].item.name
        lines = table.fontMetrics().boundingRect(
            0, 0, name_width, 10_000, Qt.TextFlag.TextWordWrap, name
        )
        assert table.rowHeight(row) >= lines.height(), f"{name!r} is cut in the cart ({how})"


def assert_no_wrapped_label_cut(widget: QWidget, what: str) -> None:
    """Every visible word-wrapped label is as tall as its lines need at its width."""
    for label in widget.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            needs = label.heightForWidth(label.width())
            assert label.height() >= needs, (
                f"{what}: {label.objectName() or label.text()!r} is {label.height()} px "
                f"tall, its text needs {needs}"
            )


@pytest.fixture
def salon(make_shop: MakeShop, qtbot: QtBot) -> Iterator[tuple[Shop, Shell]]:
    shop = make_shop("salon")
    with shop.station.write() as session:
        catalog.add_item(session, name=LONG_NAME, price=12_990, sku="SHAMPOO-LONGO")
        for number, name in enumerate(PROFESSIONALS):
            add_staff(session, name, Role.PROFESSIONAL, f"{3000 + number}", shop.clock())
    maria = shop.enrol("Maria Aparecida dos Santos Souza Albuquerque", cpf="529.982.247-25")
    adjustments.adjust(
        shop.station,
        customer_id=maria,
        units=2_440,
        reason="teste",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    name = f"fit-{uuid.uuid4().hex[:8]}"
    virtual_printer(name)
    shell = make_shell(shop, qtbot, printer=f"virtual://{name}")
    sign_in(shell, qtbot)
    qtbot.waitUntil(lambda: shell.context.staff is not None)
    yield shop, shell
    shell.context.printing.close()


def test_the_sale_screen_and_its_payment_fit_before_and_after_a_sale(
    salon: tuple[Shop, Shell], qtbot: QtBot
) -> None:
    shop, shell = salon
    screen = shell.screens[SALE]
    assert isinstance(screen, SaleScreen)
    qtbot.waitUntil(screen.idle, timeout=5_000)
    assert_fits(shell, "the sale screen, empty")

    for word in (LONG_NAME.split()[0], "Corte", "Manicure", "Batom"):
        for item in catalog.search_items(shop.station, word, limit=1):
            screen.add_item(item)
    screen.attach_customer(customers.search(shop.station, "Albuquerque")[0])
    qtbot.waitUntil(lambda: screen.idle() and screen.account is not None, timeout=5_000)
    assert_fits(shell, "the sale screen with a customer and four lines")
    assert_names_whole(screen, "rung up")
    for row in screen.model.rows:
        if row.is_service:
            screen.set_line_professional(shop.professional_id)

    screen.pay()
    qtbot.waitUntil(lambda: screen.payment_dialog is not None, timeout=5_000)
    dialog = screen.payment_dialog
    assert dialog is not None
    assert_fits(dialog, "the payment dialog")
    qtbot.waitUntil(dialog.isVisible, timeout=2_000)
    qtbot.wait(100)  # laid out
    assert_no_wrapped_label_cut(dialog, "the payment dialog")
    dialog.fill_remaining(Tender.CASH)
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    qtbot.waitUntil(screen.idle, timeout=10_000)
    sale = screen.last_sale
    assert sale is not None
    screen.offer_nps(sale.uuid, sale.number)
    screen.change_label.setVisible(True)
    assert screen.last_sale_label.text() != ""
    assert_fits(shell, "the sale screen after a sale (last sale, satisfaction, receipt)")


def test_a_long_name_is_whole_as_the_thirtieth_line_and_after_a_recall(
    salon: tuple[Shop, Shell], qtbot: QtBot
) -> None:
    """Each line is measured as it comes in and a recalled cart all at once (the rows are
    no longer all re-measured on every scan)."""
    shop, shell = salon
    screen = shell.screens[SALE]
    assert isinstance(screen, SaleScreen)
    qtbot.waitUntil(screen.idle, timeout=5_000)
    with shop.station.write() as session:
        for number in range(29):
            catalog.add_item(session, name=f"Grampo {number:02d}", price=12_990, sku=f"G-{number}")
    for item in catalog.search_items(shop.station, "Grampo", limit=29):
        screen.add_item(item)
    (long_item,) = catalog.search_items(shop.station, LONG_NAME.split()[0], limit=1)
    screen.add_item(long_item)
    qtbot.waitUntil(screen.idle, timeout=5_000)
    assert screen.model.rowCount() == 30
    assert screen.table.rowHeight(29) > screen.table.rowHeight(0)
    assert_names_whole(screen, "the 30th line")

    screen.park()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=5_000)
    screen.open_recall()
    qtbot.waitUntil(lambda: screen.parked_dialog is not None, timeout=5_000)
    dialog = screen.parked_dialog
    assert dialog is not None
    dialog.choose()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 30, timeout=5_000)
    assert_names_whole(screen, "recalled")


@pytest.mark.parametrize("name", [CUSTOMERS, SALES, CASH, SETTINGS, DASHBOARD])
def test_every_other_screen_fits(salon: tuple[Shop, Shell], qtbot: QtBot, name: str) -> None:
    shop, shell = salon
    shop.sell("corte", "shampoo", cash=11_000)
    shell.show_screen(name)
    screen = shell.current
    qtbot.waitUntil(lambda: getattr(screen, "idle", lambda: True)(), timeout=10_000)
    assert_fits(shell, f"the {name} screen")
    tabs = getattr(screen, "tabs", None)
    if tabs is not None:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.waitUntil(lambda: getattr(screen, "idle", lambda: True)(), timeout=10_000)
            assert_fits(shell, f"the {name} screen's tab {tabs.tabText(index)}")
