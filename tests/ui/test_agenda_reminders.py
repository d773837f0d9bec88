"""The running counter sends a booked client's reminder by e-mail the day before: the
message keeper queues it with the day's messages and delivers it to a loopback SMTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.agenda.booking import book
from posapp.ui.message_keeper import MessageKeeper
from tests.messaging.conftest import SmtpFactory, smtp_server  # noqa: F401  (fixture)
from tests.salon.salon_support import MONDAY, at, open_salon
from tests.services.messages_support import configure, email_settings, rows
from tests.ui.ui_support import make_context


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_the_day_before_reminder_is_queued_once_and_sent(
    tmp_path: Path,
    smtp_server: SmtpFactory,  # noqa: F811
    qtbot: QtBot,
) -> None:
    inbox, port = smtp_server()
    salon = open_salon(tmp_path / "salon.sqlite")
    shop = salon.shop
    configure(shop, email_settings(port))
    book(
        shop.station,
        staff_id=shop.cashier_id,
        professional_id=salon.rita,
        starts_at=at(MONDAY + timedelta(days=1), 10),
        item_ids=[shop.items["corte"]],
        customer_id=salon.ana,
    )
    shop.clock.moment = at(MONDAY, 10)
    context = make_context(shop)
    window = QWidget()
    keeper = MessageKeeper(context, window, delivery_interval=30.0)
    try:
        keeper.start()
        qtbot.waitUntil(lambda: keeper.last is not None, timeout=10_000)
        qtbot.waitUntil(
            lambda: any("seu horário" in str(m["Subject"]) for m in inbox.messages()),
            timeout=15_000,
        )
        keeper.check()
        qtbot.waitUntil(keeper.jobs.idle, timeout=10_000)
    finally:
        keeper.stop()
        qtbot.waitUntil(keeper.jobs.idle, timeout=10_000)
        context.printing.close()
        window.deleteLater()
    reminders = [r for r in rows(shop) if r.kind == "appointment_reminder"]
    assert [r.status for r in reminders] == ["sent"]
    subject = next(str(m["Subject"]) for m in inbox.messages() if "horário" in str(m["Subject"]))
    assert subject == "Loja Teste: seu horário terça-feira, 3 de março de 2026, 10:00"
    body = next(m for m in inbox.messages() if "horário" in str(m["Subject"])).get_body(("plain",))
    assert body is not None and "Corte feminino com Rita" in body.get_content()
