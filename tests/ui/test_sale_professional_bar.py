"""The professional of a service line: one tap or one Alt+number, kept at once, the last
one offered first; a professional added in Gerência is offered without a restart."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from posapp.services.admin.staff_changes import add_member
from posapp.services.common.auth import Role
from posapp.ui.sale.cart_model import PROFESSIONAL
from tests.support import MANAGER_PIN, Shop
from tests.ui.sale_support import Counter, counter_factory, settle

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def ring_up(counter: Counter, words: str, qtbot: QtBot) -> None:
    screen = counter.screen
    screen.enter_text(words)
    settle(screen, qtbot)
    screen.results.itemActivated.emit(screen.results.item(0))
    settle(screen, qtbot)


def names(counter: Counter) -> list[str]:
    return [b.text() for b in counter.screen.professional_bar.buttons]


def test_one_tap_names_the_line_at_once_and_moves_to_the_next_service(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    screen = counter.screen
    ring_up(counter, "manicure", qtbot)
    ring_up(counter, "corte", qtbot)
    screen.table.selectRow(0)
    paula = next(b for b in screen.professional_bar.buttons if "Paula" in b.text())
    qtbot.mouseClick(paula, Qt.MouseButton.LeftButton)
    assert screen.model.index(0, PROFESSIONAL).data() == "Paula Manicure"
    assert screen.current_row() == 1  # the next service still waiting
    assert names(counter)[0] == "1  Paula Manicure"  # the last one chosen comes first

    qtbot.keyClick(screen.input, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert screen.model.index(1, PROFESSIONAL).data() == "Paula Manicure"
    screen.pay()  # nothing asks for a professional any more: the payment opens
    qtbot.waitUntil(lambda: screen.payment_dialog is not None, timeout=5_000)
    assert screen.payment_dialog is not None
    screen.payment_dialog.reject()


def test_a_name_picked_in_the_cell_list_is_kept_without_enter(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    screen = counter.screen
    ring_up(counter, "manicure", qtbot)
    index = screen.model.index(0, PROFESSIONAL)
    screen.table.setCurrentIndex(index)
    screen.table.edit(index)
    editor = screen.table.viewport().findChild(QComboBox, "professionalCombo")
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findText("Paula Manicure"))
    editor.activated.emit(editor.currentIndex())  # what a click in the open list does
    assert screen.model.index(0, PROFESSIONAL).data() == "Paula Manicure"
    assert screen.model.rows[0].professional_id == counter.shop.professional_id


def test_a_professional_added_in_gerencia_is_offered_at_once(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    shop, screen = counter.shop, counter.screen
    assert not any("Bia" in text for text in names(counter))
    with qtbot.waitSignal(counter.context.events.changed) as changed:
        add_member(
            shop.station,
            "Bia Cabeleireira",
            Role.PROFESSIONAL,
            "5678",
            staff_id=shop.manager_id,
            manager_pin=MANAGER_PIN,
        )
    qtbot.waitUntil(lambda: any("Bia" in text for text in names(counter)), timeout=5_000)
    assert changed.args is not None
    ring_up(counter, "corte", qtbot)
    bia = next(b for b in screen.professional_bar.buttons if "Bia" in b.text())
    qtbot.mouseClick(bia, Qt.MouseButton.LeftButton)
    assert screen.model.index(0, PROFESSIONAL).data() == "Bia Cabeleireira"


def test_a_service_imported_while_the_search_is_open_shows_in_it(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    from posapp.services.admin.csv_io import import_catalog

    counter = counters("salon")
    shop, screen = counter.shop, counter.screen
    screen.input.setText("escova")
    screen.on_enter()  # the cashier's Enter on the words
    settle(screen, qtbot)
    assert screen.results.count() == 0 and "Nada encontrado" in screen.message.text()
    csv = b"tipo;nome;preco\r\nservico;Escova progressiva;150,00\r\n"
    import_catalog(shop.station, csv, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    qtbot.waitUntil(lambda: screen.results.count() == 1, timeout=5_000)
    assert screen.results.item(0).text().startswith("Escova progressiva")


def test_a_name_picked_in_the_cell_list_comes_first_in_the_bar_and_the_list(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    screen = counter.screen
    ring_up(counter, "manicure", qtbot)
    ring_up(counter, "corte", qtbot)
    assert names(counter)[0] != "1  Paula Manicure"  # by name: Ana, Marta, Paula
    index = screen.model.index(0, PROFESSIONAL)
    screen.table.setCurrentIndex(index)
    screen.table.edit(index)
    editor = screen.table.viewport().findChild(QComboBox, "professionalCombo")
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findText("Paula Manicure"))
    editor.activated.emit(editor.currentIndex())
    assert names(counter)[0] == "1  Paula Manicure"
    qtbot.waitUntil(lambda: screen.table.viewport().findChild(QComboBox) is None)
    second = screen.model.index(1, PROFESSIONAL)
    screen.table.setCurrentIndex(second)
    screen.table.edit(second)
    editor = screen.table.viewport().findChild(QComboBox, "professionalCombo")
    assert isinstance(editor, QComboBox)
    assert editor.itemText(1) == "Paula Manicure"  # after "(ninguém)", the last one chosen


def test_a_program_changed_in_gerencia_reprices_the_open_carts_earning(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    from posapp.services.admin import store as store_admin
    from posapp.services.customers import registry

    counter = counters("salon")
    shop, screen = counter.shop, counter.screen
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")
    screen.attach_customer(registry.account(shop.station, maria).summary)
    ring_up(counter, "corte", qtbot)
    qtbot.waitUntil(lambda: screen.quote is not None and screen.idle(), timeout=5_000)
    assert screen.quote is not None and screen.quote.earn_units == 800  # 10 % of R$ 80,00
    program = store_admin.edit_program(store_admin.current_program(shop.station), earn_bps=500)
    store_admin.change_program(
        shop.station, program, staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )
    qtbot.waitUntil(
        lambda: screen.quote is not None and screen.quote.earn_units == 400, timeout=5_000
    )
