"""The Agenda screen: its model passes Qt's model tester; a block dragged by the mouse moves
the appointment, its lower edge dragged lengthens it; a clash is said in pt_BR; a booking
made in the dialog appears; a manager's statement is saved as CSV and PDF."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from db.models import Item
from db.salon_models import Appointment
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from payments.card import CardDetails, CardKind
from posapp.core.agenda import DayHours, OutsideWorkingHours, Status
from posapp.core.pricing import Tender
from posapp.services.admin.staff_changes import add_member, deactivate
from posapp.services.agenda import book_reads
from posapp.services.agenda.arrival import arrive
from posapp.services.agenda.booking import book, set_status
from posapp.services.agenda.hours import set_week
from posapp.services.common.auth import Role, StaffRef
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.sales.checkout import CheckoutRequest, TenderRequest, checkout
from posapp.services.sales.parking import parked, recall
from posapp.services.sales.printing import PrintService
from posapp.services.salon.rules import set_rule
from posapp.services.salon.split import DAY, statement
from posapp.ui.agenda import screen as screen_module
from posapp.ui.agenda.model import COLOURS, STATUS_ROLE, UUID_ROLE, AgendaModel
from posapp.ui.agenda.screen import AgendaScreen
from posapp.ui.context import UiContext
from tests.salon.salon_support import MONDAY, ZONE, Salon, at, open_salon
from tests.support import MANAGER_PIN
from tests.ui.ui_support import make_context, type_text

NINE = 4  # the 09:00 row: 08:00 is row 0, four 15-minute rows an hour


@pytest.fixture
def salon(tmp_path: Path) -> Salon:
    return open_salon(tmp_path / "salon.sqlite")


def _book(
    salon: Salon, hh: int, mm: int = 0, pro: int | None = None, who: int | None = None
) -> str:
    return book(
        salon.shop.station,
        staff_id=salon.shop.cashier_id,
        professional_id=pro or salon.paula,
        starts_at=at(MONDAY, hh, mm),
        item_ids=[salon.shop.items["manicure"]],
        customer_id=who or salon.ana,
    )


def _screen(salon: Salon, qtbot: QtBot) -> AgendaScreen:
    screen = AgendaScreen(make_context(salon.shop))
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    screen.show()
    qtbot.waitExposed(screen)
    settle(screen, qtbot)
    return screen


def settle(screen: AgendaScreen, qtbot: QtBot) -> None:
    """The book is read and written off the GUI thread: wait for the answers."""
    qtbot.waitUntil(screen.idle, timeout=10_000)


def _point(screen: AgendaScreen, row: int, column: int, *, bottom: bool = False) -> QPoint:
    rect = screen.view.visualRect(screen.model.index(row, column))
    return QPoint(rect.center().x(), rect.bottom() - 2 if bottom else rect.top() + 5)


def _drag(screen: AgendaScreen, qtbot: QtBot, start: QPoint, end: QPoint) -> None:
    viewport = screen.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    settle(screen, qtbot)


def test_the_agenda_model_passes_the_model_tester(salon: Salon, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    _book(salon, 9)
    done = _book(salon, 10, pro=salon.rita)
    set_status(salon.shop.station, done, staff_id=salon.shop.cashier_id, status=Status.NO_SHOW)
    model = AgendaModel(ZONE)
    model.show_day(
        MONDAY,
        book_reads.professionals(salon.shop.station),
        book_reads.day(salon.shop.station, MONDAY),
    )
    qtmodeltester.check(model)
    assert model.columnCount() == 2 and model.rowCount() == 13 * 4
    rita_column = [c.professional_id for c in model.columns].index(salon.rita)
    cell = model.index(NINE + 4, rita_column)
    assert model.data(cell, STATUS_ROLE) == "no_show"
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) == QColor(COLOURS[Status.NO_SHOW])
    assert model.data(cell).startswith("10:00 Ana Lima\nManicure\nNão veio")
    assert model.headerData(NINE, Qt.Orientation.Vertical) == "09:00"


def test_dragging_a_block_moves_it_and_its_edge_lengthens_it(salon: Salon, qtbot: QtBot) -> None:
    uuid = _book(salon, 9)
    screen = _screen(salon, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    assert screen.view.rowSpan(NINE, paula) == 3  # 40 minutes: three rows

    _drag(screen, qtbot, _point(screen, NINE, paula), _point(screen, NINE + 8, paula))
    (moved,) = book_reads.day(salon.shop.station, MONDAY)
    assert moved.starts_at == at(MONDAY, 11) and moved.minutes == 40
    assert screen.message.text() == "Horário movido."

    bottom = _point(screen, NINE + 8 + 2, paula, bottom=True)  # the block's last row
    _drag(screen, qtbot, bottom, _point(screen, NINE + 8 + 3, paula))
    (longer,) = book_reads.day(salon.shop.station, MONDAY)
    assert longer.uuid == uuid and longer.minutes == 60
    assert screen.view.rowSpan(NINE + 8, paula) == 4


def test_a_drag_onto_another_booking_is_refused_in_portuguese(salon: Salon, qtbot: QtBot) -> None:
    _book(salon, 9)
    _book(salon, 14, who=salon.bruno)
    screen = _screen(salon, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    fourteen = NINE + 5 * 4
    _drag(screen, qtbot, _point(screen, fourteen, paula), _point(screen, NINE + 1, paula))
    assert screen.message.text() == (
        "Paula Manicure já tem um horário das 09:00 às 09:40 (Ana Lima). Escolha outro."
    )
    assert {v.starts_at for v in book_reads.day(salon.shop.station, MONDAY)} == {
        at(MONDAY, 9),
        at(MONDAY, 14),
    }
    assert screen.model.data(screen.model.index(fourteen, paula), UUID_ROLE) is not None


def test_a_booking_made_in_the_dialog_appears_and_arrival_parks_it(
    salon: Salon, qtbot: QtBot
) -> None:
    screen = _screen(salon, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    screen.view.setCurrentIndex(screen.model.index(NINE + 8, paula))
    dialog = screen.new_booking()
    type_text(dialog.search_box, "Ana", qtbot)
    assert dialog.results.count() == 1 and dialog.customer_id == salon.ana
    names = [dialog.services.item(n).text() for n in range(dialog.services.count())]
    dialog.services.item(
        names.index(next(n for n in names if n.startswith("Manicure")))
    ).setCheckState(Qt.CheckState.Checked)
    dialog.try_book()
    assert dialog.booked_uuid is not None and not dialog.isVisible()
    settle(screen, qtbot)
    (made,) = book_reads.day(salon.shop.station, MONDAY)
    assert made.starts_at == at(MONDAY, 11) and made.professional_id == salon.paula
    assert screen.model.data(screen.model.index(NINE + 8, paula), UUID_ROLE) == made.uuid

    screen.view.setCurrentIndex(screen.model.index(NINE + 8, paula))
    screen.arrived_button.click()
    settle(screen, qtbot)
    assert "Recuperar" in screen.message.text()
    assert screen.model.data(screen.model.index(NINE + 8, paula), STATUS_ROLE) == "arrived"

    again = screen.new_booking()
    again.customer_id = salon.bruno
    manicure = next(
        n for n in range(again.services.count()) if again.services.item(n).text().startswith("Mani")
    )
    again.services.item(manicure).setCheckState(Qt.CheckState.Checked)
    again.starts.setDateTime(
        again.starts.dateTime().addSecs(int(timedelta(minutes=10).total_seconds()))
    )
    again.try_book()
    assert again.isVisible() and "já tem um horário" in again.problem.text()


def test_a_manager_saves_a_statement_as_csv_and_pdf(
    salon: Salon, qtbot: QtBot, tmp_path: Path
) -> None:
    set_rule(salon.shop.station, manager_pin=MANAGER_PIN, staff_id=salon.rita, share_bps=4_000)
    screen = _screen(salon, qtbot)
    assert screen.statements_button.isVisible()
    dialog = screen.open_statements()
    csv_path = dialog.save("csv", tmp_path / "extrato.csv")
    pdf_path = dialog.save("pdf", tmp_path / "extrato.pdf")
    assert csv_path is not None and csv_path.read_text(encoding="utf-8-sig").startswith(
        "Data;Venda"
    )
    assert pdf_path is not None and pdf_path.read_bytes().startswith(b"%PDF")
    last = dialog.table.item(5, 0)
    assert last is not None and last.text() == "A pagar"


def test_a_manager_sets_a_partner_share_and_a_tip_reaches_the_statement(
    salon: Salon, qtbot: QtBot
) -> None:
    station, shop = salon.shop.station, salon.shop
    uuid = _book(salon, 9)
    screen = _screen(salon, qtbot)
    rules = screen.open_rules()
    rules.ask_pin = lambda _parent, _action: MANAGER_PIN
    rules.professional.setCurrentIndex(rules.professional.findData(salon.paula))
    rules.mode.setCurrentIndex(1)  # cota-parte
    rules.share.setValue(60.0)
    rules.card_fees.setChecked(True)
    assert rules.save_rule() and rules.message.text() == "Percentual salvo."
    rules.fees["credit"].setValue(3.0)
    assert rules.save_fees()
    refused = screen.open_rules()
    refused.ask_pin = lambda _parent, _action: "5555"  # nobody's PIN
    assert not refused.save_rule() and refused.message.text() != ""

    shop.clock.moment = at(MONDAY, 9)
    arrive(station, uuid, staff_id=shop.cashier_id)
    cart = parked(station)[0]
    checkout(
        station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=list(recall(station, cart.id, shop.cashier_id).lines),
            payments=[
                TenderRequest(
                    Tender.CREDIT, 3_500, card=CardDetails(CardKind.CREDIT, "01", nsu="1")
                )
            ],
            customer_id=salon.ana,
        ),
    )
    screen.refresh()
    settle(screen, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    screen.view.setCurrentIndex(screen.model.index(NINE, paula))
    screen.tip()
    settle(screen, qtbot)
    tip = screen.tip_dialog
    assert tip is not None
    tip.amount.setValue(10.0)
    tip.tender.setCurrentIndex(tip.tender.findData("pix"))
    tip.save()
    assert screen.message.text() == "Gorjeta registrada."
    made = statement(station, salon.paula, MONDAY, DAY).professional
    # (3 500 - 105 of credit fee) x 60 % = 2 037; the R$ 10,00 tip paid in full
    assert (made.share, made.tips, made.to_pay) == (2_037, 1_000, 3_037)


def test_the_dialog_books_a_visit_with_two_professionals(salon: Salon, qtbot: QtBot) -> None:
    screen = _screen(salon, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    rita = [c.professional_id for c in screen.model.columns].index(salon.rita)
    screen.view.setCurrentIndex(screen.model.index(NINE, paula))
    dialog = screen.new_booking()
    dialog.customer_id = salon.ana

    def check(word: str) -> None:
        for n in range(dialog.services.count()):
            if dialog.services.item(n).text().startswith(word):
                dialog.services.item(n).setCheckState(Qt.CheckState.Checked)

    assert not dialog.add_part()  # nothing checked yet: said, not added
    check("Manicure")
    assert dialog.add_part() and dialog.parts_list.item(0).text() == "Paula Manicure: Manicure"
    dialog.professional.setCurrentIndex(dialog.professional.findData(salon.rita))
    check("Corte")
    dialog.try_book()
    assert not dialog.isVisible()
    settle(screen, qtbot)
    views = sorted(book_reads.day(salon.shop.station, MONDAY), key=lambda v: v.starts_at)
    assert [(v.professional_id, v.starts_at) for v in views] == [
        (salon.paula, at(MONDAY, 9)),
        (salon.rita, at(MONDAY, 9, 40)),
    ]
    assert len({v.group_uuid for v in views}) == 1
    assert screen.model.data(screen.model.index(NINE + 2, rita), UUID_ROLE) == views[1].uuid


def test_a_professional_who_has_left_still_has_the_statement_of_her_work(
    salon: Salon, qtbot: QtBot
) -> None:
    """Rita does a manicure on Monday (40 % of R$ 35,00) and leaves on Tuesday
    (deactivated): the month's statements still list her, with R$ 14,00 to pay."""
    station, shop = salon.shop.station, salon.shop
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.rita, share_bps=4_000)
    uuid = _book(salon, 9, pro=salon.rita)
    shop.clock.moment = at(MONDAY, 9)
    cart = recall(station, arrive(station, uuid, staff_id=shop.cashier_id).parked_id,
                  shop.cashier_id)  # fmt: skip
    checkout(station, CheckoutRequest(staff_id=shop.cashier_id, lines=list(cart.lines),
             payments=[TenderRequest(Tender.CASH, 3_500)], customer_id=salon.ana))  # fmt: skip
    shop.clock.moment = at(MONDAY + timedelta(days=1), 9)
    deactivate(station, salon.rita, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    screen = _screen(salon, qtbot)
    assert salon.rita not in [c.professional_id for c in screen.model.columns]
    dialog = screen.open_statements()
    found = dialog.professional.findData(salon.rita)
    assert found >= 0
    dialog.professional.setCurrentIndex(found)
    dialog.span.setCurrentIndex(dialog.span.findData("month"))
    assert dialog.current is not None and dialog.current.professional.to_pay == 1_400


def test_appointments_before_8_or_after_21_are_shown_in_the_book(
    salon: Salon, qtbot: QtBot
) -> None:
    """Rita works 07:00 to 22:00 on Mondays: Ana's manicure at 07:30 and Bruno's corte at
    21:00 (to 22:00) are in her column, the grid running from 07:00 to 22:00 that day;
    a day without them keeps 08:00 to 21:00."""
    station = salon.shop.station
    set_week(station, salon.rita, {0: DayHours(7 * 60, 22 * 60)}, MANAGER_PIN)
    early = _book(salon, 7, 30, pro=salon.rita)
    late = book(station, staff_id=salon.shop.cashier_id, professional_id=salon.rita,
                starts_at=at(MONDAY, 21), item_ids=[salon.shop.items["corte"]],
                customer_id=salon.bruno)  # fmt: skip
    screen = _screen(salon, qtbot)
    model = screen.model
    rita = [c.professional_id for c in model.columns].index(salon.rita)
    assert model.rows == 15 * 4
    assert model.headerData(0, Qt.Orientation.Vertical) == "07:00"
    assert model.data(model.index(2, rita), UUID_ROLE) == early
    assert model.data(model.index(14 * 4, rita), UUID_ROLE) == late
    assert model.span_of(model.appointment_at(14 * 4, rita)) == 4  # type: ignore[arg-type]
    assert model.moment(2, rita) == at(MONDAY, 7, 30)
    model.show_day(MONDAY + timedelta(days=1), [], [])
    assert (model.rows, model.headerData(0, Qt.Orientation.Vertical)) == (13 * 4, "08:00")


def test_chegou_says_which_booked_service_is_no_longer_sold(salon: Salon, qtbot: QtBot) -> None:
    uuid = _book(salon, 9)
    with salon.shop.station.write() as session:
        manicure = session.get(Item, salon.shop.items["manicure"])
        assert manicure is not None
        manicure.active = False
    screen = _screen(salon, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    screen.view.setCurrentIndex(screen.model.index(NINE, paula))
    assert screen.view.selected_uuid() == uuid
    screen.arrived_button.click()
    settle(screen, qtbot)
    assert screen.message.text() == (
        "Cliente chegou: o carrinho está em Recuperar (F6) na tela de venda. "
        "Fora do catálogo, não foi ao carrinho: Manicure."
    )


def test_a_slot_shows_the_booking_holding_it_not_the_no_show_before_it(
    salon: Salon, qtbot: QtBot
) -> None:
    """Bruno did not come at 09:00; Ana was booked into his time. The 09:00 block is Ana's
    whatever order the book is read in (a counter pulls the chain's bookings in any
    order)."""
    station = salon.shop.station
    missed = _book(salon, 9, who=salon.bruno)
    set_status(station, missed, staff_id=salon.shop.cashier_id, status=Status.NO_SHOW)
    ana = _book(salon, 9)
    views = book_reads.day(station, MONDAY)
    model = AgendaModel(ZONE)
    for order in (views, list(reversed(views))):
        model.show_day(MONDAY, book_reads.professionals(station), order)
        paula = [c.professional_id for c in model.columns].index(salon.paula)
        assert model.data(model.index(NINE, paula), UUID_ROLE) == ana


def test_the_statement_prints_on_the_receipt_printer(salon: Salon, qtbot: QtBot) -> None:
    printer = virtual_printer("agenda-statement")
    try:
        settings = CounterSettings(printer_uri="virtual://agenda-statement")
        context = UiContext(
            salon.shop.station,
            PrintService(salon.shop.station, settings, timeout=3.0),
            settings,
            staff=StaffRef(salon.shop.manager_id, "Marta Gerente", Role.MANAGER),
        )
        screen = AgendaScreen(context)
        qtbot.addWidget(screen)
        settle(screen, qtbot)
        dialog = screen.open_statements()
        dialog.professional.setCurrentIndex(dialog.professional.findData(salon.rita))
        dialog.print_statement()
        (paper,) = printer.wait_for_receipts(1)
        text = "\n".join(paper.lines)
        assert "Extrato do profissional" in text and "Rita Cabeleireira" in text
        assert "A pagar" in text
        context.printing.close()
    finally:
        stop_virtual_printers()


def test_a_manager_sets_the_week_and_a_day_off_and_bookings_follow(
    salon: Salon, qtbot: QtBot
) -> None:
    screen = _screen(salon, qtbot)
    hours = screen.open_hours()
    hours.ask_pin = lambda _parent, _action: MANAGER_PIN
    hours.professional.setCurrentIndex(hours.professional.findData(salon.rita))
    works, start, end, break_start, _break_end = hours.rows[0]  # Monday as set up: 09-18
    assert works.isChecked() and start.time().hour() == 9 and break_start.time().hour() == 12
    start.setTime(start.time().addSecs(60 * 60))  # Mondays from 10:00
    assert hours.save_week() and hours.message.text() == "Horários salvos."
    with pytest.raises(OutsideWorkingHours):
        _book(salon, 9, pro=salon.rita)
    _book(salon, 10, pro=salon.rita)
    hours.day_off.setDate(hours.day_off.date().addDays(1))  # Tuesday
    assert hours.save_day_off() and hours.message.text() == "Folga marcada."
    with pytest.raises(OutsideWorkingHours) as off:
        book(
            salon.shop.station,
            staff_id=salon.shop.cashier_id,
            professional_id=salon.rita,
            starts_at=at(MONDAY + timedelta(days=1), 10),
            item_ids=[salon.shop.items["manicure"]],
            customer_id=salon.ana,
        )
    assert "dia de folga" in off.value.message("pt_BR")
    end.setTime(start.time().addSecs(-60))  # ends before it starts: said, nothing saved
    assert not hours.save_week() and "Confira os horários" in hours.message.text()


def test_the_grid_menu_takes_a_booking_through_its_steps(salon: Salon, qtbot: QtBot) -> None:
    uuid = _book(salon, 9)
    screen = _screen(salon, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    screen.view.setCurrentIndex(screen.model.index(NINE, paula))
    screen.status_actions[Status.IN_SERVICE].trigger()
    settle(screen, qtbot)
    assert "não pode mais mudar para em atendimento" in screen.message.text()
    screen.arrived_button.click()
    settle(screen, qtbot)
    screen.view.setCurrentIndex(screen.model.index(NINE, paula))
    screen.status_actions[Status.IN_SERVICE].trigger()
    settle(screen, qtbot)
    screen.view.setCurrentIndex(screen.model.index(NINE, paula))
    screen.status_actions[Status.DONE].trigger()
    settle(screen, qtbot)
    (done,) = book_reads.day(salon.shop.station, MONDAY)
    assert (done.uuid, done.status) == (uuid, Status.DONE)
    assert screen.model.data(screen.model.index(NINE, paula), STATUS_ROLE) == "done"


def test_a_hairdresser_added_in_gerencia_is_a_column_at_once(salon: Salon, qtbot: QtBot) -> None:
    screen = _screen(salon, qtbot)
    assert "Bia Cabeleireira" not in [c.title for c in screen.model.columns]
    bia = add_member(
        salon.shop.station,
        "Bia Cabeleireira",
        Role.PROFESSIONAL,
        "5678",
        staff_id=salon.shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    qtbot.waitUntil(lambda: bia.id in [c.professional_id for c in screen.model.columns])
    screen.week_button.click()
    assert screen.professional.findData(bia.id) >= 0
    deactivate(salon.shop.station, bia.id, staff_id=salon.shop.manager_id, manager_pin=MANAGER_PIN)
    qtbot.waitUntil(lambda: screen.professional.findData(bia.id) < 0)


def test_the_book_is_read_and_written_off_the_gui_thread(
    salon: Salon, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the day also closes the sold bookings (a write): a busy counter's disk must
    not freeze the window."""
    uuid = _book(salon, 9)
    threads: list[str] = []

    def noted(call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            threads.append(threading.current_thread().name)
            return call(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(book_reads, "day", noted(book_reads.day))
    monkeypatch.setattr(screen_module, "set_status", noted(set_status))
    screen = _screen(salon, qtbot)
    paula = [c.professional_id for c in screen.model.columns].index(salon.paula)
    assert screen.model.data(screen.model.index(NINE, paula), UUID_ROLE) == uuid
    screen.view.setCurrentIndex(screen.model.index(NINE, paula))
    screen.confirm_button.click()
    settle(screen, qtbot)
    assert screen.model.data(screen.model.index(NINE, paula), STATUS_ROLE) == "confirmed"
    assert len(threads) == 3 and threading.main_thread().name not in threads


def test_the_week_shows_one_professionals_days_and_follows_the_choice(
    salon: Salon, qtbot: QtBot
) -> None:
    monday = _book(salon, 9)
    station, cashier = salon.shop.station, salon.shop.cashier_id
    wednesday = book(
        station,
        staff_id=cashier,
        professional_id=salon.paula,
        starts_at=at(MONDAY + timedelta(days=2), 10),
        item_ids=[salon.shop.items["manicure"]],
        customer_id=salon.bruno,
    )
    ritas = _book(salon, 11, pro=salon.rita)
    screen = _screen(salon, qtbot)
    screen.week_button.click()
    assert screen.professional.isEnabled()
    screen.professional.setCurrentIndex(screen.professional.findData(salon.paula))
    settle(screen, qtbot)
    assert [c.day for c in screen.model.columns] == [MONDAY + timedelta(days=n) for n in range(7)]
    assert {(row, column, a.uuid) for row, column, a in screen.model.placed()} == {
        (NINE, 0, monday),
        (NINE + 4, 2, wednesday),
    }
    screen.professional.setCurrentIndex(screen.professional.findData(salon.rita))
    settle(screen, qtbot)
    assert [a.uuid for _row, _column, a in screen.model.placed()] == [ritas]
    screen.next.click()  # the next week: nobody booked
    settle(screen, qtbot)
    assert screen.model.columns[0].day == MONDAY + timedelta(days=7)
    assert screen.model.placed() == []


def _booked_at_the_other_counter(salon: Salon, hh: int, mm: int, minutes: int, name: str) -> str:
    """A booking of Paula another counter made while both were offline, as the sync's pull
    writes it here (this counter's own booking refuses the clash)."""
    made = str(uuid.uuid4())
    starts = at(MONDAY, hh, mm)
    with salon.shop.station.write() as session:
        session.add(
            Appointment(
                uuid=made,
                group_uuid=made,
                customer_id=None,
                client_name=name,
                professional_id=salon.paula,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=minutes),
                status=Status.BOOKED.value,
                services_json="[]",
                created_at=starts,
                updated_at=starts,
            )
        )
    return made


def _shown(screen: AgendaScreen) -> dict[str, tuple[int, str]]:
    """Each block on screen: uuid -> (row, column title)."""
    return {
        a.uuid: (row, screen.model.columns[column].title)
        for row, column, a in screen.model.placed()
    }


def test_two_counters_booking_paula_at_once_both_bookings_stay_in_sight(
    salon: Salon, qtbot: QtBot
) -> None:
    """Ana booked at 10:00 for an hour here, Clara at 10:30 and Bia at 10:00 at the other
    counter, all offline: the book showed one block and hid the others under its span,
    and those clients came unannounced. Now they stand side by side in lanes marked ⚠,
    each one a block the receptionist can select and move or cancel."""
    ana = _book(salon, 10)  # manicure, 40 minutes: 10:00-10:40
    clara = _booked_at_the_other_counter(salon, 10, 30, 30, "Clara Nunes")
    bia = _booked_at_the_other_counter(salon, 10, 0, 15, "Bia Lopes")
    rita_alone = _book(salon, 10, pro=salon.rita)
    screen = _screen(salon, qtbot)

    ten = NINE + 4
    columns = screen.model.columns
    paula = next(i for i, c in enumerate(columns) if c.professional_id == salon.paula)
    lane = paula + 1
    assert (columns[lane].professional_id, columns[lane].lane) == (salon.paula, 1)
    assert [c.professional_id for c in columns].count(salon.paula) == 2
    name = columns[paula].title
    assert columns[lane].title == f"{name} ⚠"
    shown = _shown(screen)
    assert shown[ana] == (ten, name)
    assert shown[bia] == (ten, f"{name} ⚠")
    assert shown[clara] == (ten + 2, f"{name} ⚠")  # after Bia's 15 minutes, same lane
    assert "⚠" not in shown[rita_alone][1]
    tip = screen.model.headerData(lane, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Horários ao mesmo tempo (marcados em dois caixas): remarque um deles."
    assert screen.view.rowSpan(ten, paula) == 3  # Ana's 40 minutes
    assert screen.view.rowSpan(ten + 2, lane) == 2  # Clara's 30, drawn, not under Ana's

    screen.view.setCurrentIndex(screen.model.index(ten + 2, lane))
    assert screen.view.selected_uuid() == clara
    screen.change(Status.CANCELLED)
    settle(screen, qtbot)
    assert clara not in _shown(screen)
    assert _shown(screen)[bia] == (ten, f"{name} ⚠")


def test_finished_visits_that_overlapped_both_stay_in_the_history(salon: Salon) -> None:
    """Two clients served at once (booked at two counters) are both in the day's book once
    done; a no-show under a booking holding its time stays hidden, as before."""
    station = salon.shop.station
    first = _book(salon, 9)
    second = _booked_at_the_other_counter(salon, 9, 0, 40, "Clara Nunes")
    for done in (first, second):
        for status in (Status.ARRIVED, Status.IN_SERVICE, Status.DONE):
            set_status(station, done, staff_id=salon.shop.cashier_id, status=status)
    model = AgendaModel(ZONE)
    model.show_day(MONDAY, book_reads.professionals(station), book_reads.day(station, MONDAY))
    placed = {a.uuid: (row, model.columns[column].title) for row, column, a in model.placed()}
    assert placed[first][0] == placed[second][0] == NINE
    assert {placed[first][1], placed[second][1]} == {"Paula Manicure", "Paula Manicure ⚠"}


def test_a_salon_opening_at_630_shows_its_early_slots_empty_and_bookable(
    salon: Salon, qtbot: QtBot
) -> None:
    """Paula works from 06:30 on Mondays and nobody is booked before 08:00 yet: the book
    started at 08:00, so the receptionist had no 06:30 slot to click. Tuesday (no early
    hours) still starts at 08:00; Paula's week view starts at 06:00 too."""
    station = salon.shop.station
    set_week(station, salon.paula, {0: DayHours(6 * 60 + 30, 18 * 60)}, MANAGER_PIN)
    screen = _screen(salon, qtbot)
    model = screen.model
    assert model.headerData(0, Qt.Orientation.Vertical) == "06:00"
    paula = [c.professional_id for c in model.columns].index(salon.paula)
    screen.view.setCurrentIndex(model.index(2, paula))  # the 06:30 slot, empty
    dialog = screen.new_booking()
    type_text(dialog.search_box, "Ana", qtbot)
    names = [dialog.services.item(n).text() for n in range(dialog.services.count())]
    dialog.services.item(
        names.index(next(n for n in names if n.startswith("Manicure")))
    ).setCheckState(Qt.CheckState.Checked)
    dialog.try_book()
    assert dialog.booked_uuid is not None
    settle(screen, qtbot)
    (made,) = book_reads.day(station, MONDAY)
    assert made.starts_at == at(MONDAY, 6, 30)
    assert model.data(model.index(2, paula), UUID_ROLE) == made.uuid

    screen.step(1)
    settle(screen, qtbot)
    assert model.headerData(0, Qt.Orientation.Vertical) == "08:00"
    screen.set_mode(screen_module.WEEK_VIEW)
    screen.professional.setCurrentIndex(screen.professional.findData(salon.paula))
    settle(screen, qtbot)
    assert model.headerData(0, Qt.Orientation.Vertical) == "06:00"
