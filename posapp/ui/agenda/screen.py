"""The Agenda (Ctrl+7): the day by professional or one professional's week; new bookings,
moves and lengths by hand, "Chegou" (the booking becomes a cart: Recuperar on the sale
screen), confirmations, no-shows, cancellations; managers open the statements.

The book is read and written on the runner's worker threads (reading it also closes the
bookings whose sale went through, a write), never on the GUI thread; a professional
added or let go in Gerência is a column at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.core.agenda import Status
from posapp.core.errors import PosError
from posapp.services.agenda import book_reads
from posapp.services.agenda.arrival import Arrival, arrive
from posapp.services.agenda.book_reads import AppointmentView, Professional
from posapp.services.agenda.booking import lengthen, move, set_status
from posapp.services.agenda.hours import working_span
from posapp.services.common.changes import Change
from posapp.services.salon.tips import sale_id_of
from posapp.ui.agenda.booking_dialog import BookingDialog
from posapp.ui.agenda.hours_dialog import HoursDialog
from posapp.ui.agenda.model import AgendaModel
from posapp.ui.agenda.rules_dialog import RulesDialog
from posapp.ui.agenda.statements import StatementsDialog
from posapp.ui.agenda.tip_dialog import TipDialog
from posapp.ui.agenda.view import AgendaView
from posapp.ui.context import UiContext
from posapp.ui.runner import Jobs
from posapp.ui.widgets import named

DAY_VIEW, WEEK_VIEW = "day", "week"


class AgendaScreen(QWidget):
    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaScreen")
        self.context = context
        self.zone = ZoneInfo(context.settings.timezone)
        self.mode = DAY_VIEW
        self.professionals: list[Professional] = []
        self.jobs = Jobs(self, self._failed)
        self._generation = 0
        self.tip_dialog: TipDialog | None = None
        self.model = AgendaModel(self.zone, context.locale)
        self.view = AgendaView(self.model)
        self.view.moved.connect(self.move_to)
        self.view.resized.connect(self.resize_to)
        today = context.station.now().astimezone(self.zone).date()

        top = QHBoxLayout()
        self.previous = named(QPushButton("◀"), "agendaPrevious")
        self.next = named(QPushButton("▶"), "agendaNext")
        self.day = named(QDateEdit(QDate(today.year, today.month, today.day)), "agendaDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd dd/MM/yyyy")
        self.day_button = named(QPushButton(self.tr("Dia")), "agendaDayView")
        self.week_button = named(QPushButton(self.tr("Semana")), "agendaWeekView")
        group = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            group.addButton(button)
        self.day_button.setChecked(True)
        self.professional = named(QComboBox(), "agendaProfessional")
        self.professional.setEnabled(False)
        for widget in (self.previous, self.day, self.next, self.day_button, self.week_button):
            top.addWidget(widget)
        top.addWidget(self.professional)
        top.addStretch(1)
        self.new_button = named(QPushButton(self.tr("Novo horário")), "agendaNew")
        self.statements_button = named(QPushButton(self.tr("Extratos")), "agendaStatements")
        self.rules_button = named(QPushButton(self.tr("Comissões")), "agendaRules")
        self.hours_button = named(QPushButton(self.tr("Horários")), "agendaHours")
        top.addWidget(self.new_button)

        actions = QHBoxLayout()
        self.arrived_button = named(QPushButton(self.tr("Chegou")), "agendaArrived")
        self.confirm_button = named(QPushButton(self.tr("Confirmar")), "agendaConfirm")
        self.no_show_button = named(QPushButton(self.tr("Não veio")), "agendaNoShow")
        self.cancel_button = named(QPushButton(self.tr("Cancelar horário")), "agendaCancel")
        self.tip_button = named(QPushButton(self.tr("Gorjeta")), "agendaTip")
        for button in (
            self.arrived_button,
            self.confirm_button,
            self.no_show_button,
            self.cancel_button,
            self.tip_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.statements_button, self.rules_button, self.hours_button):
            actions.addWidget(button)
        # the other steps of a booking, on the grid's context menu (right click)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.status_actions: dict[Status, QAction] = {}
        for status, text in (
            (Status.CONFIRMED, self.tr("Confirmar")),
            (Status.IN_SERVICE, self.tr("Em atendimento")),
            (Status.DONE, self.tr("Concluído sem venda")),
            (Status.NO_SHOW, self.tr("Não veio")),
            (Status.CANCELLED, self.tr("Cancelar horário")),
        ):
            action = QAction(text, self.view)
            action.triggered.connect(lambda _checked=False, wanted=status: self.change(wanted))
            self.view.addAction(action)
            self.status_actions[status] = action
        self.message = named(QLabel(), "agendaMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.day.dateChanged.connect(self.refresh)
        self.day_button.clicked.connect(lambda: self.set_mode(DAY_VIEW))
        self.week_button.clicked.connect(lambda: self.set_mode(WEEK_VIEW))
        self.professional.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_booking)
        self.statements_button.clicked.connect(self.open_statements)
        self.rules_button.clicked.connect(self.open_rules)
        self.hours_button.clicked.connect(self.open_hours)
        self.tip_button.clicked.connect(self.tip)
        self.arrived_button.clicked.connect(self.arrived)
        self.confirm_button.clicked.connect(lambda: self.change(Status.CONFIRMED))
        self.no_show_button.clicked.connect(lambda: self.change(Status.NO_SHOW))
        self.cancel_button.clicked.connect(lambda: self.change(Status.CANCELLED))
        context.events.staff_changed.connect(self._staff_changed)
        context.events.sale_committed.connect(lambda _sale: self.refresh())
        context.events.sync_changed.connect(self.refresh)
        context.events.changed.connect(self.on_changed)
        self._staff_changed()
        self.load_professionals()

    def idle(self) -> bool:
        return self.jobs.idle()

    def _failed(self, error: Exception) -> None:
        self.message.setText(
            error.message(self.context.locale) if isinstance(error, PosError) else str(error)
        )

    def on_changed(self, changes: frozenset[Change]) -> None:
        if Change.STAFF in changes:
            self.load_professionals()

    def load_professionals(self) -> None:
        """The book's columns (and the week view's list), then the book."""
        station = self.context.station
        self.jobs.run(lambda: book_reads.professionals(station), self._set_professionals)

    def _set_professionals(self, professionals: list[Professional]) -> None:
        self.professionals = professionals
        chosen = self.professional.currentData()
        self.professional.blockSignals(True)
        self.professional.clear()
        for pro in professionals:
            self.professional.addItem(pro.name, pro.id)
        self.professional.setCurrentIndex(max(0, self.professional.findData(chosen)))
        self.professional.blockSignals(False)
        self.refresh()

    # -- what is shown -------------------------------------------------------------------

    def shown_day(self) -> date:
        picked = self.day.date()
        return date(picked.year(), picked.month(), picked.day())

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.professional.setEnabled(mode == WEEK_VIEW)
        self.refresh()

    def step(self, direction: int) -> None:
        days = 7 if self.mode == WEEK_VIEW else 1
        self.day.setDate(self.day.date().addDays(direction * days))

    def refresh(self) -> None:
        """Read the book again (the answer to the last ask wins), keeping the booking that
        was selected selected."""
        self._generation += 1
        generation, station, on = self._generation, self.context.station, self.shown_day()
        professionals = self.professionals
        if self.mode == DAY_VIEW:
            ids = [p.id for p in professionals]
            self.jobs.run(
                lambda: (book_reads.day(station, on), working_span(station, ids, [on])),
                lambda found: self._show(
                    generation, partial(self.model.show_day, on, professionals), *found
                ),
            )
        elif professionals:
            monday = on - timedelta(days=on.weekday())
            pro = professionals[max(0, self.professional.currentIndex())]
            week = [monday + timedelta(days=n) for n in range(7)]
            self.jobs.run(
                lambda: (book_reads.week(station, monday), working_span(station, [pro.id], week)),
                lambda found: self._show(
                    generation, partial(self.model.show_week, monday, pro), *found
                ),
            )

    def _show(
        self,
        generation: int,
        show: Callable[[list[AppointmentView], tuple[int, int] | None], None],
        found: list[AppointmentView],
        working: tuple[int, int] | None,
    ) -> None:
        if generation != self._generation:
            return  # a later ask (another day, another view) is on its way
        kept = self.view.selected_uuid()
        show(found, working)
        for row, column, appointment in self.model.placed():
            if appointment.uuid == kept:
                self.view.setCurrentIndex(self.model.index(row, column))

    def _staff_changed(self) -> None:
        staff = self.context.staff
        self.statements_button.setVisible(staff is not None and staff.is_manager)
        self.rules_button.setVisible(staff is not None and staff.is_manager)
        self.hours_button.setVisible(staff is not None and staff.is_manager)

    # -- what the hand does ---------------------------------------------------------------

    def _staff_id(self) -> int | None:
        return self.context.staff.id if self.context.staff is not None else None

    def _attempt(
        self,
        done: str,
        call: Callable[[], object],
        said: Callable[[Any], str] | None = None,
    ) -> None:
        """Write on a worker thread; then say what happened (`done`, or what `said` makes of
        the result) and read the book again."""

        def succeeded(result: object) -> None:
            self.message.setText(said(result) if said is not None else done)
            self.refresh()

        def refused(error: Exception) -> None:
            self._failed(error)
            self.refresh()

        self.jobs.run(call, succeeded, refused)

    def move_to(self, uuid: str, row: int, column: int) -> None:
        staff_id = self._staff_id()
        if staff_id is None:
            return
        target = self.model.columns[column]
        starts = self.model.moment(row, column)
        self._attempt(
            self.tr("Horário movido."),
            lambda: move(
                self.context.station,
                uuid,
                staff_id=staff_id,
                starts_at=starts,
                professional_id=target.professional_id,
            ),
        )

    def resize_to(self, uuid: str, minutes: int) -> None:
        staff_id = self._staff_id()
        if staff_id is None:
            return
        self._attempt(
            self.tr("Duração alterada."),
            lambda: lengthen(self.context.station, uuid, staff_id=staff_id, minutes=minutes),
        )

    def change(self, status: Status) -> None:
        uuid, staff_id = self.view.selected_uuid(), self._staff_id()
        if uuid is None or staff_id is None:
            self.message.setText(self.tr("Escolha um horário na agenda."))
            return
        self._attempt(
            self.tr("Horário atualizado."),
            lambda: set_status(self.context.station, uuid, staff_id=staff_id, status=status),
        )

    def arrived(self) -> None:
        uuid, staff_id = self.view.selected_uuid(), self._staff_id()
        if uuid is None or staff_id is None:
            self.message.setText(self.tr("Escolha um horário na agenda."))
            return
        done = self.tr("Cliente chegou: o carrinho está em Recuperar (F6) na tela de venda.")

        def said(arrival: Arrival) -> str:
            if not arrival.left_out:
                return done
            gone = self.tr("Fora do catálogo, não foi ao carrinho: %1.")
            return f"{done} {gone.replace('%1', ', '.join(arrival.left_out))}"

        self._attempt(done, lambda: arrive(self.context.station, uuid, staff_id=staff_id), said)

    def new_booking(self) -> BookingDialog:
        index = self.view.currentIndex()
        row = index.row() if index.isValid() else 8
        column = index.column() if index.isValid() else 0
        starts = self.model.moment(max(row, 0), column) if self.model.columns else None
        pro = self.model.columns[column].professional_id if self.model.columns else None
        dialog = BookingDialog(
            self.context,
            self.professionals,
            starts or self.context.station.now(),
            pro,
            self,
        )
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def tip(self) -> None:
        """A tip for the selected appointment's professional, once its sale closed it."""
        index = self.view.currentIndex()
        found = self.model.appointment_at(index.row(), index.column()) if index.isValid() else None
        if found is None or not found.sale_uuid:
            self._no_tip()
            return
        station, sale_uuid, professional_id = (
            self.context.station,
            found.sale_uuid,
            found.professional_id,
        )
        self.jobs.run(
            lambda: sale_id_of(station, sale_uuid),
            lambda sale_id: self._open_tip(sale_id, professional_id),
        )

    def _no_tip(self) -> None:
        self.message.setText(self.tr("A gorjeta vai com a venda: escolha um horário concluído."))

    def _open_tip(self, sale_id: int | None, professional_id: int) -> None:
        if sale_id is None:
            self._no_tip()
            return
        dialog = TipDialog(self.context, sale_id, professional_id, self)
        dialog.accepted.connect(lambda: self.message.setText(self.tr("Gorjeta registrada.")))
        self.tip_dialog = dialog
        dialog.open()

    def open_hours(self) -> HoursDialog:
        dialog = HoursDialog(self.context, self.professionals, self.shown_day(), self)
        dialog.open()
        return dialog

    def open_rules(self) -> RulesDialog:
        dialog = RulesDialog(self.context, self.professionals, self)
        dialog.open()
        return dialog

    def open_statements(self) -> StatementsDialog:
        dialog = StatementsDialog(self.context, self.professionals, self.shown_day(), self)
        dialog.open()
        return dialog
