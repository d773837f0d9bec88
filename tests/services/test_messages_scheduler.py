"""The daily scheduler on a clock the test moves: reminders after N idle days, expiry
warnings before expiry, birthdays, campaign announcements; nothing enqueued or sent twice."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from posapp.core.campaigns import Campaign
from posapp.core.presets import preset
from posapp.services.loyalty.campaigns import create_campaign
from posapp.services.messages.config import senders
from posapp.services.messages.delivery import deliver_due
from posapp.services.messages.log import message_log, reason_words
from posapp.services.messages.scheduler import run_message_scheduler
from tests.messaging.conftest import SmtpFactory, smtp_server  # noqa: F401  (fixture)
from tests.services.messages_support import configure, email_settings, rows
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]
SCHEDULED = ("balance_reminder", "cashback_expiring", "birthday", "campaign")


def scheduled(shop: Shop) -> list[tuple[str, str]]:
    return [(r.kind, r.status) for r in rows(shop) if r.kind in SCHEDULED]


def test_reminders_expiry_warnings_and_birthdays_come_on_their_day_and_only_once(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    inbox, port = smtp_server()
    shop = make_shop(preset("salon").with_changes(expiry_days=40))  # reminders after 30 days
    settings = configure(shop, email_settings(port, expiry_warning_days=7))
    channels = senders(settings)
    bela = shop.enrol(
        "Bela Nunes",
        cpf="529.982.247-25",
        email="bela@example.com",
        marketing_consent=True,
        birthday=datetime.date(1990, 4, 6),
    )
    silent = shop.enrol("Sem Consentimento", phone="11 97777-6666")
    shop.sell("corte", customer=bela, pix=8_000)  # 2 March: R$ 8,00, expiring on 11 April
    shop.sell("corte", customer=silent, pix=8_000)

    def day(offset: int) -> list[tuple[str, str]]:
        shop.clock.moment = datetime.datetime(2026, 3, 2, 13, tzinfo=datetime.UTC) + (
            datetime.timedelta(days=offset)
        )
        run = run_message_scheduler(shop.station)
        assert run.ran and run.day == datetime.date(2026, 3, 2) + datetime.timedelta(offset)
        deliver_due(shop.station, channels)
        return scheduled(shop)

    assert day(0) == []
    assert day(29) == []  # 29 idle days: not yet
    assert day(30) == [("balance_reminder", "sent")]
    assert day(32) == [("balance_reminder", "sent")]  # same idle period: not again
    assert day(33) == [("balance_reminder", "sent"), ("cashback_expiring", "sent")]  # 7 days left
    assert day(34) == [("balance_reminder", "sent"), ("cashback_expiring", "sent")]
    assert day(35) == [
        ("balance_reminder", "sent"),
        ("cashback_expiring", "sent"),
        ("birthday", "sent"),
    ]

    # The same day again: the stored last run stops it; forced, the keys do.
    again = run_message_scheduler(shop.station)
    assert not again.ran
    forced = run_message_scheduler(shop.station, force=True)
    assert forced.ran and forced.due == 3 and forced.enqueued == 0  # reminder, warning, birthday
    deliver_due(shop.station, channels)
    subjects = sorted(str(m["Subject"]) for m in inbox.messages())
    assert subjects == sorted(
        [
            "Loja Teste: bem-vindo(a) ao nosso programa de cashback",
            "Loja Teste: você ganhou R$ 8,00 de cashback",
            "Loja Teste: você tem R$ 8,00 de cashback",
            "Loja Teste: R$ 8,00 do seu cashback vence em 11 de abril de 2026",
            "Feliz aniversário, Bela!",
        ]
    )
    reminder = next(m for m in inbox.messages() if "você tem" in str(m["Subject"]))
    body = reminder.get_body(("plain",))
    assert body is not None  # the usual service is offered
    assert "Que tal agendar o próximo horário de Corte feminino?" in body.get_content()
    assert all(r.customer_id == bela for r in rows(shop) if r.kind in SCHEDULED)


def test_the_store_sets_n_and_a_new_visit_starts_a_new_idle_period(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    _inbox, port = smtp_server()
    shop = make_shop("salon")
    configure(shop, email_settings(port, reminder_idle_days=10))
    ciro = shop.enrol(
        "Ciro Alves", cpf="529.982.247-25", email="c@example.com", marketing_consent=True
    )
    shop.sell("corte", customer=ciro, pix=8_000)
    shop.clock.advance(days=9)
    run_message_scheduler(shop.station)
    assert scheduled(shop) == []
    shop.clock.advance(days=1)
    run_message_scheduler(shop.station)
    assert scheduled(shop) == [("balance_reminder", "queued")]
    shop.sell("manicure", customer=ciro, pix=3_500)  # a visit: the idle count starts again
    shop.clock.advance(days=10)
    run_message_scheduler(shop.station)
    assert scheduled(shop) == [("balance_reminder", "queued")] * 2
    keys = [r.idempotency_key for r in rows(shop, "balance_reminder")]
    assert keys[0].endswith(":2026-03-02") and keys[1].endswith(":2026-03-12")


def test_a_campaign_is_announced_two_days_ahead_once_per_customer(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    _inbox, port = smtp_server()
    shop = make_shop("salon")
    configure(shop, email_settings(port))
    shop.enrol("Dani Reis", cpf="529.982.247-25", email="d@example.com", marketing_consent=True)
    create_campaign(
        shop.station,
        Campaign(
            "consumidor_2026",
            "Dia do Consumidor",
            datetime.date(2026, 3, 6),
            datetime.date(2026, 3, 15),
            multiplier_bps=20_000,
        ),
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    run_message_scheduler(shop.station)  # 2 March: 4 days ahead, too early
    assert scheduled(shop) == []
    shop.clock.advance(days=2)  # 4 March
    run_message_scheduler(shop.station)
    shop.clock.advance(days=1)
    run_message_scheduler(shop.station)
    [row] = rows(shop, "campaign")
    assert row.idempotency_key.endswith(":consumidor_2026") and row.status == "queued"
    assert '"campaign_name": "Dia do Consumidor"' in row.facts_json


def test_an_expiry_warning_still_waiting_after_the_expiry_is_dropped_not_sent(
    make_shop: MakeShop,
    smtp_server: SmtpFactory,  # noqa: F811
) -> None:
    """The counter was switched off (or the SMTP server down) from the day the warning was
    written until after the cashback expired: 'vence em 11 de abril' must not arrive on
    the 13th."""
    inbox, port = smtp_server()
    shop = make_shop(preset("salon").with_changes(expiry_days=40))
    settings = configure(shop, email_settings(port, expiry_warning_days=7))
    bela = shop.enrol(
        "Bela Nunes", cpf="529.982.247-25", email="bela@example.com", marketing_consent=True
    )
    shop.sell("corte", customer=bela, pix=8_000)  # 2 March: R$ 8,00, expiring on 11 April
    deliver_due(shop.station, senders(settings))
    shop.clock.advance(days=33)  # 4 April: the warning is written...
    run_message_scheduler(shop.station)
    assert [(r.kind, r.status) for r in rows(shop, "cashback_expiring")] == [
        ("cashback_expiring", "queued")
    ]
    shop.clock.advance(days=9)  # ...and the counter sends again on 13 April
    deliver_due(shop.station, senders(settings))
    [warning] = rows(shop, "cashback_expiring")
    assert (warning.status, warning.reason) == ("skipped", "outdated")
    assert warning.reason_detail == (
        "A mensagem não saiu a tempo: falava de 11/04/2026, que já passou."
    )
    assert not [m for m in inbox.messages() if "vence" in str(m["Subject"])]
    [logged] = [m for m in message_log(shop.station) if m.kind == "cashback_expiring"]
    assert reason_words(logged, "en") == (
        "The message did not go out in time: it spoke of 11/04/2026, which has passed."
    )
