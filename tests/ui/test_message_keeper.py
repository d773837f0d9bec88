"""The running app's customer messages: the day's scheduler at start-up (once per local day
across restarts), delivery to a real SMTP server on loopback, woken by a sale; nothing for
a counter that does not send or a demo database; stopped with the app."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.app import build
from posapp.core.presets import preset
from posapp.services.messages.config import mark_demo_database
from posapp.ui.context import UiContext
from posapp.ui.message_keeper import MessageKeeper
from tests.messaging.conftest import SmtpFactory, smtp_server  # noqa: F401  (fixture)
from tests.services.messages_support import configure, email_settings, rows
from tests.support import Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]
START = datetime.datetime(2026, 3, 2, 13, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def keepers(qtbot: QtBot) -> Iterator[Callable[[UiContext], MessageKeeper]]:
    made: list[tuple[MessageKeeper, UiContext]] = []
    windows: list[QWidget] = []

    def start(context: UiContext) -> MessageKeeper:
        window = QWidget()
        windows.append(window)
        keeper = MessageKeeper(context, window, delivery_interval=30.0)
        keeper.start()
        qtbot.waitUntil(lambda: keeper.last is not None, timeout=10_000)
        made.append((keeper, context))
        return keeper

    yield start
    for keeper, context in made:
        keeper.stop()
        qtbot.waitUntil(keeper.jobs.idle, timeout=10_000)
        context.printing.close()
    for window in windows:
        window.deleteLater()


def kinds(shop: Shop) -> list[tuple[str, str]]:
    return [(r.kind, r.status) for r in rows(shop)]


def enrol_bela(shop: Shop) -> int:
    return shop.enrol(
        "Bela Nunes", cpf="529.982.247-25", email="bela@ex.com", marketing_consent=True
    )


def salon(make_shop: MakeShop) -> Shop:
    return make_shop(preset("salon").with_changes(expiry_days=40))  # reminders after 30 days


def test_the_days_reminder_is_enqueued_once_across_two_starts_and_delivered(
    make_shop: MakeShop,
    keepers: Callable[[UiContext], MessageKeeper],
    smtp_server: SmtpFactory,  # noqa: F811
    qtbot: QtBot,
) -> None:
    inbox, port = smtp_server()
    shop = salon(make_shop)
    configure(shop, email_settings(port))
    bela = shop.enrol(
        "Bela Nunes", cpf="529.982.247-25", email="bela@ex.com", marketing_consent=True
    )
    shop.sell("corte", customer=bela, pix=8_000)  # R$ 8,00 of cashback

    shop.clock.moment = START + datetime.timedelta(days=30)  # 30 idle days
    context = make_context(shop)
    said: list[str] = []
    context.events.status.connect(said.append)
    first = keepers(context)
    assert first.last is not None and first.last.sends
    assert first.last.run is not None and first.last.run.ran and first.last.run.enqueued == 1
    assert "Mensagens do dia programadas: 1" in said
    assert first.worker is not None and first.worker.running
    # The worker's first cycle sends what was waiting: welcome, cashback, the reminder.
    qtbot.waitUntil(lambda: len(inbox.messages()) == 3, timeout=15_000)
    qtbot.waitUntil(lambda: all(status == "sent" for _, status in kinds(shop)), timeout=5_000)
    assert kinds(shop) == [
        ("welcome", "sent"),
        ("cashback_credited", "sent"),
        ("balance_reminder", "sent"),
    ]
    assert "Loja Teste: você tem R$ 8,00 de cashback" in [
        str(m["Subject"]) for m in inbox.messages()
    ]

    # A sale wakes the worker: its message goes out long before the 30 s interval.
    shop.sell("corte", customer=bela, pix=8_000)
    context.events.sale_committed.emit(0)
    try:
        qtbot.waitUntil(lambda: len(inbox.messages()) == 4, timeout=10_000)
    except TimeoutError:  # say what the outbox and the worker saw
        found = [(r.kind, r.status, r.reason, r.reason_detail) for r in rows(shop)]
        raise AssertionError(f"not delivered: {found}; last cycle {first.last_cycle}") from None

    started = time.monotonic()
    first.stop()
    assert time.monotonic() - started < 2.0
    assert first.worker is None and not first.timer.isActive()

    # The app started again the same day: the day has run, nothing new.
    again = keepers(make_context(shop))
    assert again.last is not None and again.last.run is not None and not again.last.run.ran
    # And the next day (the clock moved): the scheduler runs, the reminder is not repeated.
    shop.clock.moment += datetime.timedelta(days=1)
    again.check()
    qtbot.waitUntil(
        lambda: (
            again.last is not None
            and again.last.run is not None
            and again.last.run.day == datetime.date(2026, 4, 2)
        ),
        timeout=10_000,
    )
    assert again.last is not None and again.last.run is not None and again.last.run.ran
    assert [kind for kind, _ in kinds(shop)].count("balance_reminder") == 1


def test_a_counter_that_does_not_send_schedules_and_leaves_delivery_to_the_endpoint(
    make_shop: MakeShop,
    keepers: Callable[[UiContext], MessageKeeper],
    smtp_server: SmtpFactory,  # noqa: F811
    qtbot: QtBot,
) -> None:
    inbox, port = smtp_server()
    shop = salon(make_shop)
    configure(shop, email_settings(port, counter_sends=False))
    bela = shop.enrol(
        "Bela Nunes", cpf="529.982.247-25", email="bela@ex.com", marketing_consent=True
    )
    shop.sell("corte", customer=bela, pix=8_000)
    shop.clock.moment = START + datetime.timedelta(days=30)
    keeper = keepers(make_context(shop))
    assert keeper.last is not None and not keeper.last.sends and keeper.worker is None
    found = rows(shop)
    assert [r.kind for r in found] == ["welcome", "cashback_credited", "balance_reminder"]
    assert {(r.status, r.reason) for r in found} == {("queued", "endpoint")}

    # Switched to sending here: the next sale starts the worker (no hour to wait).
    configure(shop, email_settings(port))
    sale = shop.sell("corte", customer=bela, pix=8_000)
    keeper.context.events.sale_committed.emit(sale.sale_id)
    qtbot.waitUntil(lambda: keeper.worker is not None, timeout=10_000)
    qtbot.waitUntil(lambda: len(inbox.messages()) == 1, timeout=10_000)
    assert [str(m["Subject"]) for m in inbox.messages()] == [
        "Loja Teste: você ganhou R$ 8,00 de cashback"
    ]  # messages left for the endpoint stay there


def test_a_demo_database_is_never_scheduled(
    make_shop: MakeShop, keepers: Callable[[UiContext], MessageKeeper]
) -> None:
    shop = salon(make_shop)
    configure(shop, email_settings(9))
    with shop.station.write() as session:
        mark_demo_database(session)
    bela = shop.enrol(
        "Bela Nunes", cpf="529.982.247-25", email="bela@ex.com", marketing_consent=True
    )
    shop.sell("corte", customer=bela, pix=8_000)
    shop.clock.moment = START + datetime.timedelta(days=30)
    keeper = keepers(make_context(shop))
    assert keeper.last is not None and keeper.last.run is None and not keeper.last.sends
    assert keeper.worker is None
    assert "balance_reminder" not in [r.kind for r in rows(shop)]


@pytest.fixture
def app_style(qapp: QApplication) -> Iterator[None]:
    """build() styles the whole QApplication: later tests get it back as it was."""
    before = qapp.styleSheet()
    yield
    qapp.setStyleSheet(before)


def test_the_app_starts_the_keeper_and_stops_it_on_close(
    make_shop: MakeShop, qtbot: QtBot, app_style: None
) -> None:
    shop = make_shop()
    database = shop.station.path
    shop.station.close()
    counter = build(database)
    qtbot.addWidget(counter.window)
    keeper = counter.messages
    try:
        assert isinstance(keeper, MessageKeeper) and keeper.timer.isActive()
        qtbot.waitUntil(lambda: keeper.last is not None, timeout=10_000)
        assert keeper.last is not None and not keeper.last.sends  # messages are off
    finally:
        counter.close()
    assert keeper is not None and not keeper.timer.isActive() and keeper.worker is None
