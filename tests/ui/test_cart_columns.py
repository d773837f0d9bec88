"""The cart's columns and quotes as the cashier sees them, now that a scan measures only
its own line and quotes after the line is drawn: every amount whole however wide, names
re-wrapped when the window changes, and F10 paying what the cart says at that moment."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.services.sales import catalog
from posapp.ui.sale.cart_model import DESCRIPTION, QUANTITY, TOTAL, UNIT_PRICE
from tests.support import Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]
LONG_NAME = "Shampoo hidratante reconstrução intensiva com queratina 1 litro"


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def amounts_whole(counter: Counter) -> None:
    """Each amount cell is at least as wide as Qt measures its text (nothing cut to "…")."""
    table, model = counter.screen.table, counter.screen.model
    for row in range(model.rowCount()):
        for column in (QUANTITY, UNIT_PRICE, TOTAL):
            index = model.index(row, column)
            need = table.sizeHintForIndex(index).width()
            assert table.columnWidth(column) >= need, (
                f"{index.data()!r} needs {need} px, its column is {table.columnWidth(column)}"
            )


def blood_pressure_monitor(shop: Shop, price: int) -> catalog.ItemView:
    with shop.station.write() as session:
        catalog.add_item(session, name="Aparelho de pressão", price=price, sku="PRESSAO")
    (device,) = catalog.search_items(shop.station, "Aparelho", limit=1)
    return device


def test_a_wide_amount_widens_its_column_and_the_columns_stay_put_between_sales(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    device = blood_pressure_monitor(shop, 1_234_567)
    scan(screen, "7891000100103")
    settle(screen, qtbot)
    usual = screen.table.columnWidth(TOTAL)
    amounts_whole(counter)

    screen.add_item(device, 999)  # more than ten million reais in one line
    settle(screen, qtbot)
    assert screen.model.index(1, TOTAL).data() == "R$ 12.333.324,33"
    assert screen.table.columnWidth(TOTAL) > usual
    amounts_whole(counter)
    wide = screen.table.columnWidth(TOTAL)

    screen.model.clear()
    settle(screen, qtbot)
    scan(screen, "7891000100103")
    settle(screen, qtbot)
    assert screen.table.columnWidth(TOTAL) == wide  # no column jumps between sales
    amounts_whole(counter)


def test_a_narrower_window_wraps_a_long_name_and_a_wider_one_unwraps_it(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    with shop.station.write() as session:
        catalog.add_item(session, name=LONG_NAME, price=12_990, sku="SHAMPOO-LONGO")
    (item,) = catalog.search_items(shop.station, "Shampoo hidratante", limit=1)
    scan(screen, "7891000100103")
    screen.add_item(item)
    settle(screen, qtbot)
    table = screen.table
    metrics = table.fontMetrics()

    def wrapped_height() -> int:
        width = table.columnWidth(DESCRIPTION) - 12  # the cell's text margins
        flags = Qt.TextFlag.TextWordWrap
        return metrics.boundingRect(0, 0, width, 10_000, flags, LONG_NAME).height()

    screen.resize(1900, 800)
    qtbot.wait(100)  # laid out
    one_line = table.rowHeight(0)
    assert wrapped_height() == metrics.height()  # the long name fits on one line here...
    assert table.rowHeight(1) == one_line  # ...and its line is as short as the others

    screen.resize(1024, 700)
    qtbot.wait(100)
    assert wrapped_height() > metrics.height()  # it wraps at this width...
    assert table.rowHeight(1) >= wrapped_height()  # ...and its line grew to show it whole

    screen.resize(1900, 800)
    qtbot.waitUntil(lambda: table.rowHeight(1) == one_line, timeout=2_000)


def test_f10_right_after_a_quantity_change_pays_the_new_total(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    screen = counter.screen
    scan(screen, "7896004700014")  # Dipirona 500 mg, R$ 12,50
    settle(screen, qtbot)
    assert screen.total_label.text() == "Total: R$ 12,50"

    assert screen.model.setData(screen.model.index(0, QUANTITY), "3")
    screen.pay()  # before the new quote is back
    qtbot.waitUntil(lambda: screen.payment_dialog is not None, timeout=5_000)
    dialog = screen.payment_dialog
    assert dialog is not None
    assert dialog.total == 3_750
    assert screen.total_label.text() == "Total: R$ 37,50"
    dialog.reject()


def test_a_scan_burst_is_quoted_once_after_its_lines_are_in(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    screen = counter.screen
    quoted: list[int] = []
    real = screen.requote

    def counting() -> None:
        quoted.append(screen.model.rowCount())
        real()

    screen.requote = counting  # type: ignore[method-assign]
    for code in ("7891000100103", "7896004700014", "7896004700014"):
        scan(screen, code)
    assert quoted == []  # nothing quoted while the scans were being handled
    settle(screen, qtbot)
    assert quoted == [2]
    assert screen.total_label.text() == "Total: R$ 55,00"


def test_line_numbers_stay_whole_and_the_lines_do_not_move_right_at_the_tenth_line(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    """The line-number column is measured once for two digits (three from the 100th
    line), not again at every scan: each number still fits as Qt measures it, and the
    lines stay where they were when the 10th comes in."""
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    with shop.station.write() as session:
        for n in range(100):
            catalog.add_item(session, name=f"Item {n:03d}", price=100 + n, sku=f"LN-{n:03d}")
    items = catalog.search_items(shop.station, "Item", limit=100)
    header = screen.table.verticalHeader()

    def numbers_whole() -> None:
        need = max(header.sectionSizeFromContents(row).width() for row in range(header.count()))
        assert header.width() >= need, f"line {header.count()} needs {need} px"

    screen.add_item(items[0])
    settle(screen, qtbot)
    numbers_whole()
    first_line_left = screen.table.viewport().mapTo(screen, screen.table.rect().topLeft()).x()
    for item in items[1:10]:
        screen.add_item(item)
    settle(screen, qtbot)
    assert screen.model.rowCount() == 10
    numbers_whole()
    assert screen.table.viewport().mapTo(screen, screen.table.rect().topLeft()).x() == (
        first_line_left
    )
    for item in items[10:]:
        screen.add_item(item)
    settle(screen, qtbot)
    assert screen.model.rowCount() == 100
    numbers_whole()
    assert header.width() > header.sectionSizeFromContents(98).width()  # "100" is wider than "99"


def test_amounts_stay_whole_after_the_table_font_grows(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    """Widths (the amounts', the line numbers') are measured once per text and font: a
    larger font measures them again."""
    counter = counters("pharmacy")
    screen = counter.screen
    device = blood_pressure_monitor(counter.shop, 123_456)
    screen.add_item(device)
    settle(screen, qtbot)
    amounts_whole(counter)

    screen.table.setStyleSheet("font-size: 60px;")
    screen.add_item(device)  # the same line, two of them: its price text as before
    settle(screen, qtbot)
    assert screen.model.index(0, QUANTITY).data() == "2"
    amounts_whole(counter)
    numbers = screen.table.verticalHeader()
    assert numbers.width() >= numbers.sectionSizeFromContents(0).width()  # "1" at 60 px too
