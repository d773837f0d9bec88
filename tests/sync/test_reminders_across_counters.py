"""Balance reminders in a chain: a purchase at any counter is the customer's last visit,
and the counters that remind them write the same message, which the endpoint sends once.
Real SQLite counters, real `posapp-cloud serve` over PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from posapp.services.messages.scheduler import run_message_scheduler
from tests.services.messages_support import configure, email_settings, rows
from tests.support import MovableClock
from tests.sync.conftest import Counter, Network, converge

IDLE_DAYS = 30
ZONE = ZoneInfo("America/Sao_Paulo")


def reminding(counter: Counter) -> None:
    """E-mail on, reminders after 30 idle days, left to the chain's endpoint."""
    configure(
        counter.shop,
        email_settings(1, counter_sends=False, reminder_idle_days=IDLE_DAYS),
    )


def reminders(counter: Counter) -> list[str]:
    run_message_scheduler(counter.station, force=True)
    return [m.idempotency_key for m in rows(counter.shop, "balance_reminder")]


def test_a_purchase_at_the_other_counter_is_the_last_visit_and_the_reminder_is_one_message(
    network: Network, clock: MovableClock
) -> None:
    a, b = network.make("A"), network.make("B")
    reminding(a)
    reminding(b)
    maria = a.shop.enrol(
        "Maria Souza", cpf="529.982.247-25", email="maria@example.com", marketing_consent=True
    )
    a.sell("dipirona", customer=maria, cash=1_250)
    converge(a, b)
    maria_uuid = a.customer_uuid(maria)

    clock.advance(days=20)
    b.sell("dipirona", customer=b.customer_id(maria_uuid), cash=1_250)
    converge(a, b)

    clock.advance(days=IDLE_DAYS - 20)  # 30 days after A, 10 after B
    assert reminders(a) == []  # she came to B ten days ago: nothing to remind her of
    assert reminders(b) == []

    clock.advance(days=20)  # 30 days after her visit to B
    [at_a] = reminders(a)
    [at_b] = reminders(b)
    visit_at_b = (clock.moment - timedelta(days=IDLE_DAYS)).astimezone(ZONE).date()
    assert at_a == at_b == f"balance_reminder:{maria_uuid}:{visit_at_b.isoformat()}"
