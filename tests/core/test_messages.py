import datetime

import pytest

from posapp.core.campaigns import Campaign, birthday_month_campaign
from posapp.core.messages import (
    PLACEHOLDERS,
    Channel,
    CustomerState,
    Defer,
    Draft,
    DueMessage,
    ExpiringLot,
    MessageFacts,
    MessageKind,
    QuietHours,
    Reason,
    ScheduleRules,
    Send,
    Skip,
    Template,
    TemplateProblemCode,
    campaign_announcements,
    decide,
    default_template,
    due_today,
    facts_from_json,
    facts_to_json,
    message_key,
    offer_text,
    preview,
    render,
    resolve_template,
    sample_facts,
    validate_template,
)

D = datetime.date
T = datetime.time
TZ = datetime.timezone(datetime.timedelta(hours=-3))  # America/Sao_Paulo, no DST since 2019
QUIET = QuietHours(T(21, 0), T(8, 0))
EMAIL = Draft(MessageKind.VOUCHER_ISSUED, Channel.EMAIL, "maria@example.com")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 5, day, hour, minute, tzinfo=TZ)


# -- templates ---------------------------------------------------------------


@pytest.mark.parametrize("kind", list(MessageKind))
@pytest.mark.parametrize("locale", ["pt_BR", "en"])
@pytest.mark.parametrize("segment", ["salon", "pharmacy"])
def test_every_default_template_is_valid_and_fills_completely(
    kind: MessageKind, locale: str, segment: str
) -> None:
    template = default_template(kind, locale, segment)
    assert validate_template(kind, template) == []
    rendered = render(kind, template, sample_facts("Velluto", locale), locale, segment)
    assert not rendered.used_default
    assert "{" not in rendered.subject + rendered.text
    assert "Velluto" in rendered.subject + rendered.text


def test_voucher_message_carries_code_value_and_expiry_per_locale() -> None:
    facts = MessageFacts(
        "Velluto",
        "Maria Aparecida",
        voucher_code="7K3Q-M2XD-9PRT-V",
        voucher_value_centavos=123_456,
        voucher_expires_on=D(2026, 7, 3),
    )
    kind = MessageKind.VOUCHER_ISSUED
    pt = render(kind, default_template(kind, "pt_BR"), facts, "pt_BR")
    assert pt.subject == "Velluto: seu vale de R$ 1.234,56"
    assert pt.text.startswith("Olá, Maria! Você ganhou um vale de R$ 1.234,56.")
    assert "Código: 7K3Q-M2XD-9PRT-V" in pt.text and "3 de julho de 2026" in pt.text
    en = render(kind, default_template(kind, "en"), facts, "en")
    assert "R$1,234.56" in en.subject and "July 3, 2026" in en.text


def test_salon_balance_reminder_nudges_to_book_the_next_service() -> None:
    kind = MessageKind.BALANCE_REMINDER
    salon = default_template(kind, "pt_BR", "salon").text
    assert "agendar" in salon and "agendar" not in default_template(kind, "pt_BR", "pharmacy").text
    assert "book" in default_template(kind, "en", "salon").text


def test_unknown_placeholders_and_bad_braces_are_validation_errors_not_crashes() -> None:
    kind = MessageKind.WELCOME
    bad = Template("Oi {nome}", "Saldo {balance:>10} e {voucher_code} e {customer.__class__}")
    problems = validate_template(kind, bad)
    assert [(p.code, p.part, p.name) for p in problems] == [
        (TemplateProblemCode.UNKNOWN_PLACEHOLDER, "subject", "nome"),
        (TemplateProblemCode.FORMAT_SPEC, "text", "balance"),
        (TemplateProblemCode.UNKNOWN_PLACEHOLDER, "text", "voucher_code"),
        (TemplateProblemCode.UNKNOWN_PLACEHOLDER, "text", "customer.__class__"),
    ]
    assert problems[0].message("pt_BR").startswith("Assunto: o campo {nome} não existe")
    assert "{earn_rate}" in problems[0].message("pt_BR")
    assert (
        problems[1].message("en") == "Text: write the field as {balance} alone, without formatting."
    )
    braces = validate_template(kind, Template("ok", "Olá {customer"))
    assert [p.code for p in braces] == [TemplateProblemCode.BAD_BRACES]
    assert validate_template(kind, Template("ok", "  "))[0].code is TemplateProblemCode.EMPTY
    assert validate_template(kind, Template("{{literal}} {store}", "Olá, {customer}!")) == []


def test_render_falls_back_to_the_default_and_says_so() -> None:
    kind = MessageKind.BIRTHDAY
    facts = MessageFacts("Velluto", "Ana")
    rendered = render(kind, Template("Oi {nome}", "{idade} anos"), facts, "pt_BR")
    assert rendered.used_default
    assert rendered.subject == "Feliz aniversário, Ana!"
    assert rendered.problems[0].name == "nome"


def test_preview_shows_the_managers_text_with_sample_figures() -> None:
    kind = MessageKind.CASHBACK_CREDITED
    shown = preview(kind, Template("{store}", "Oi {customer}, +{amount} ({foo})"), "Bella", "pt_BR")
    assert shown.subject == "Bella"
    assert shown.text == "Oi Maria, +R$ 12,80 ({foo})"
    assert [p.name for p in shown.problems] == ["foo"]
    broken = preview(kind, Template("x", "Oi {customer"), "Bella")
    assert broken.text == "Oi {customer" and broken.problems


def test_resolve_template_prefers_the_managers_edit_per_language() -> None:
    edited = Template("Oi", "Oi {customer}")
    overrides = {(MessageKind.WELCOME, "pt_BR"): edited}
    assert resolve_template(MessageKind.WELCOME, "pt_BR", "", overrides) is edited
    assert resolve_template(MessageKind.WELCOME, "en", "", overrides) == default_template(
        MessageKind.WELCOME, "en"
    )


def test_points_programs_render_points_and_offers_read_naturally() -> None:
    facts = MessageFacts("Marca", "João", balance_centavos=1_250, points=True)
    values = facts.values("pt_BR")
    assert values["balance"] == "1.250 pontos"
    assert facts.values("en")["balance"] == "1,250 points"
    assert offer_text(20_000, 0, "pt_BR") == "cashback em dobro"
    assert offer_text(15_000, 500, "pt_BR") == "cashback 1,5x + R$ 5,00 de bônus"
    assert offer_text(10_000, 1_000, "en") == "a R$10.00 bonus"
    assert MessageFacts("x", "y", earn_rate_bps=1_250).values("pt_BR")["earn_rate"] == "12,5%"


def test_facts_survive_json_for_the_outbox() -> None:
    facts = sample_facts("Velluto")
    assert facts_from_json(facts_to_json(facts)) == facts


def test_every_kind_lists_its_placeholders() -> None:
    assert set(PLACEHOLDERS) == set(MessageKind)
    keys = set(sample_facts("x").values("pt_BR"))
    assert all(allowed <= keys for allowed in PLACEHOLDERS.values())


# -- policy ------------------------------------------------------------------


def test_no_consent_is_skipped_with_the_reason_kept() -> None:
    decision = decide(EMAIL, False, at(4, 14), QUIET, 0, 3)
    assert decision == Skip(Reason.NO_CONSENT)
    assert decision.reason.value == "no_consent"
    assert "LGPD" in decision.text("pt_BR") and "consented" in decision.text("en")


def test_a_message_whose_day_has_passed_is_dropped_and_says_which_day() -> None:
    def draft(kind: MessageKind) -> Draft:
        return Draft(kind, Channel.WHATSAPP, "+5511987654321")

    warning = MessageFacts("Loja", "Maria", amount_centavos=800, expires_on=D(2026, 5, 4))
    expiring = draft(MessageKind.CASHBACK_EXPIRING)
    assert decide(expiring, True, at(4, 20), QUIET, 0, 3, facts=warning) == Send()
    late = decide(expiring, True, at(5, 9), QUIET, 0, 3, facts=warning)
    assert late == Skip(Reason.OUTDATED, {"day": "04/05/2026"})
    assert late.text("pt_BR") == "A mensagem não saiu a tempo: falava de 04/05/2026, que já passou."
    visit = MessageFacts("Loja", "Maria", appointment_at=at(5, 9, 30))
    reminder = draft(MessageKind.APPOINTMENT_REMINDER)
    assert decide(reminder, True, at(5, 9, 29), QUIET, 0, 3, facts=visit) == Send()
    assert decide(reminder, True, at(5, 9, 30), QUIET, 0, 3, facts=visit) == Skip(
        Reason.OUTDATED, {"day": "05/05/2026 09:30"}
    )
    ended = MessageFacts("Loja", "Maria", campaign_ends=D(2026, 5, 3))
    over = decide(draft(MessageKind.CAMPAIGN), True, at(4, 9), QUIET, 0, 3, facts=ended)
    assert over == Skip(Reason.OUTDATED, {"day": "03/05/2026"})
    assert decide(EMAIL, True, at(4, 9), QUIET, 0, 3, facts=ended) == Send()  # no date of its own
    receipt = Draft(MessageKind.RECEIPT, Channel.EMAIL, "maria@example.com")
    assert decide(receipt, False, at(9, 9), QUIET, 0, 3, facts=warning) == Send()


def test_quiet_hours_defer_to_their_end() -> None:
    late = decide(EMAIL, True, at(4, 22, 30), QUIET, 0, 3)
    assert late == Defer(at(5, 8))
    early = decide(EMAIL, True, at(5, 7, 59), QUIET, 0, 3)
    assert early == Defer(at(5, 8))
    assert early.text("pt_BR") == "Horário de silêncio: a mensagem sai às 08:00."
    assert decide(EMAIL, True, at(5, 8), QUIET, 0, 3) == Send()
    assert decide(EMAIL, True, at(4, 20, 59), QUIET, 0, 3) == Send()
    lunch = QuietHours(T(12, 0), T(14, 0))
    assert decide(EMAIL, True, at(4, 13), lunch, 0, 3) == Defer(at(4, 14))
    assert decide(EMAIL, True, at(4, 13), QuietHours(T(0), T(0)), 0, 3) == Send()
    assert decide(EMAIL, True, at(4, 23), None, 0, 3) == Send()


def test_weekly_cap() -> None:
    assert isinstance(decide(EMAIL, True, at(4, 10), QUIET, 2, 3), Send)
    capped = decide(EMAIL, True, at(4, 10), QUIET, 3, 3)
    assert capped == Skip(Reason.WEEKLY_CAP, {"cap": "3"})
    assert capped.text("pt_BR") == "Limite de 3 mensagens por semana para este cliente atingido."
    assert isinstance(decide(EMAIL, True, at(4, 10), QUIET, 50, None), Send)
    assert isinstance(decide(EMAIL, True, at(4, 10), QUIET, 0, 0), Skip)


def test_no_contact_for_the_channel_and_demo_database() -> None:
    whatsapp = Draft(MessageKind.BALANCE_REMINDER, Channel.WHATSAPP, " ")
    skipped = decide(whatsapp, True, at(4, 10), QUIET, 0, 3)
    assert isinstance(skipped, Skip) and skipped.reason is Reason.NO_CONTACT
    assert skipped.text("pt_BR") == "O cliente não tem celular cadastrado."
    no_mail = decide(Draft(MessageKind.WELCOME, Channel.EMAIL, None), True, at(4, 10), None, 0, 3)
    assert no_mail.text("en") == "The customer has no e-mail address on file."
    demo = decide(EMAIL, True, at(4, 10), None, 0, 3, demo_database=True)
    assert demo == Skip(Reason.DEMO_DATABASE)


def test_skips_come_before_quiet_hours() -> None:
    """A message that will never go out is not parked until morning."""
    assert decide(EMAIL, False, at(4, 23), QUIET, 0, 3) == Skip(Reason.NO_CONSENT)
    assert isinstance(decide(EMAIL, True, at(4, 23), QUIET, 3, 3), Skip)


# -- the scheduler's selection -----------------------------------------------

RULES = ScheduleRules(reminder_idle_days=30, expiry_warning_days=7)


def kinds(due: list[DueMessage]) -> list[tuple[str, str]]:
    return [(m.kind.value, m.customer_id) for m in due]


def test_balance_reminder_after_n_idle_days_not_before() -> None:
    maria = CustomerState("c1", "Maria Silva", 4_200, last_visit=D(2026, 3, 1))
    assert due_today([maria], D(2026, 3, 30), RULES, "Bella") == []  # 29 days
    due = due_today([maria], D(2026, 3, 31), RULES, "Bella")  # 30 days
    assert kinds(due) == [("balance_reminder", "c1")]
    assert due[0].idempotency_key == "balance_reminder:c1:2026-03-01"
    assert due[0].facts.days_idle == 30 and due[0].facts.balance_centavos == 4_200
    # a day missed by the scheduler is caught up under the same key
    later = due_today([maria], D(2026, 4, 2), RULES, "Bella")
    assert [m.idempotency_key for m in later] == ["balance_reminder:c1:2026-03-01"]
    # a new visit starts a new idle period
    back = CustomerState("c1", "Maria Silva", 4_200, last_visit=D(2026, 4, 5))
    assert due_today([back], D(2026, 5, 5), RULES, "Bella")[0].idempotency_key.endswith(
        "2026-04-05"
    )


def test_no_reminder_without_a_balance_or_a_visit() -> None:
    broke = CustomerState("c2", "João", 0, last_visit=D(2026, 1, 1))
    never = CustomerState("c3", "Ana", 500, last_visit=None)
    assert due_today([broke, never], D(2026, 5, 1), RULES, "Bella") == []


def test_expiry_warning_d_days_before_expiry() -> None:
    lots = (
        ExpiringLot(D(2026, 6, 10), 300),
        ExpiringLot(D(2026, 6, 10), 200),
        ExpiringLot(D(2026, 6, 20), 999),
        ExpiringLot(D(2026, 6, 9), 0),  # spent already
    )
    ana = CustomerState("c4", "Ana", 1_499, last_visit=D(2026, 6, 1), lots=lots)
    assert due_today([ana], D(2026, 6, 2), RULES, "Bella") == []  # 8 days before
    due = due_today([ana], D(2026, 6, 3), RULES, "Bella")
    assert kinds(due) == [("cashback_expiring", "c4")]
    assert due[0].idempotency_key == "cashback_expiring:c4:2026-06-10"
    assert due[0].facts.amount_centavos == 500 and due[0].facts.expires_on == D(2026, 6, 10)
    assert due_today([ana], D(2026, 6, 10), RULES, "Bella") == []  # expired today: too late
    both = due_today([ana], D(2026, 6, 13), RULES, "Bella")
    assert [m.idempotency_key for m in both] == ["cashback_expiring:c4:2026-06-20"]


def test_birthday_on_the_day_and_29_february() -> None:
    lia = CustomerState("c5", "Lia", 0, None, birthday=D(1990, 5, 10))
    leap = CustomerState("c6", "Léo", 0, None, birthday=D(2000, 2, 29))
    assert due_today([lia], D(2026, 5, 9), RULES, "Bella") == []
    due = due_today([lia], D(2026, 5, 10), RULES, "Bella")
    assert [m.idempotency_key for m in due] == ["birthday:c5:2026"]
    assert due_today([lia], D(2026, 5, 11), RULES, "Bella") == []
    assert kinds(due_today([leap], D(2026, 2, 28), RULES, "Bella")) == [("birthday", "c6")]
    assert kinds(due_today([leap], D(2028, 2, 29), RULES, "Bella")) == [("birthday", "c6")]
    assert due_today([leap], D(2028, 2, 28), RULES, "Bella") == []


def test_a_clock_moved_day_by_day_sends_each_message_once() -> None:
    """The scheduler run twice a day for 60 days: the keys repeat, never the messages."""
    customers = [
        CustomerState(
            "c1",
            "Maria",
            4_200,
            D(2026, 3, 1),
            D(1985, 3, 20),
            (ExpiringLot(D(2026, 4, 15), 4_200),),
        ),
        CustomerState("c2", "João", 0, D(2026, 3, 10), None),
    ]
    outbox: dict[str, tuple[str, datetime.date]] = {}
    day = D(2026, 3, 1)
    while day < D(2026, 5, 1):
        first = due_today(customers, day, RULES, "Bella")
        second = due_today(customers, day, RULES, "Bella")
        assert [m.idempotency_key for m in first] == [m.idempotency_key for m in second]
        for message in first + second:
            outbox.setdefault(message.idempotency_key, (message.kind.value, day))
        day += datetime.timedelta(days=1)
    assert outbox == {
        "birthday:c1:2026": ("birthday", D(2026, 3, 20)),
        "balance_reminder:c1:2026-03-01": ("balance_reminder", D(2026, 3, 31)),
        "cashback_expiring:c1:2026-04-15": ("cashback_expiring", D(2026, 4, 8)),
    }


def test_rules_can_turn_each_kind_off() -> None:
    everything = CustomerState(
        "c1", "Maria", 100, D(2026, 1, 1), D(1990, 5, 1), (ExpiringLot(D(2026, 5, 3), 100),)
    )
    off = ScheduleRules(30, 7, reminders=False, expiry_warnings=False, birthdays=False)
    assert due_today([everything], D(2026, 5, 1), off, "x") == []
    assert len(due_today([everything], D(2026, 5, 1), RULES, "x")) == 3


def test_message_key_for_event_messages() -> None:
    assert message_key(MessageKind.VOUCHER_ISSUED, "c1", "V-123") == "voucher_issued:c1:V-123"


def test_campaign_announcement_once_per_customer_from_the_lead_days() -> None:
    maes = Campaign(
        "maes_2026", "Dia das Mães", D(2026, 4, 27), D(2026, 5, 10), 20_000,
        categories=frozenset({"cabelo"}),
    )  # fmt: skip
    people = [CustomerState("c1", "Maria", 0, None), CustomerState("c2", "Ana", 900, None)]
    assert campaign_announcements(people, maes, D(2026, 4, 24), "Bella") == []
    due = campaign_announcements(people, maes, D(2026, 4, 25), "Bella")
    assert [m.idempotency_key for m in due] == ["campaign:c1:maes_2026", "campaign:c2:maes_2026"]
    assert campaign_announcements(people, maes, D(2026, 5, 3), "Bella") == due
    assert campaign_announcements(people, maes, D(2026, 5, 11), "Bella") == []
    kind = MessageKind.CAMPAIGN
    text = render(kind, default_template(kind, "pt_BR"), due[0].facts, "pt_BR").text
    assert "De 27 de abril de 2026 a 10 de maio de 2026 é Dia das Mães: cashback em dobro" in text


def test_birthday_month_campaign_is_announced_in_each_customers_month() -> None:
    birthday = birthday_month_campaign(2026)
    people = [
        CustomerState("c1", "Maria", 0, None, birthday=D(1990, 5, 20)),
        CustomerState("c2", "Ana", 0, None, birthday=D(1990, 6, 1)),
        CustomerState("c3", "Lia", 0, None),
    ]
    may = campaign_announcements(people, birthday, D(2026, 5, 1), "Bella")
    assert [m.idempotency_key for m in may] == ["campaign:c1:aniversario_2026:2026-05"]
    assert (may[0].facts.campaign_starts, may[0].facts.campaign_ends) == (
        D(2026, 5, 1),
        D(2026, 5, 31),
    )
    june = campaign_announcements(people, birthday, D(2026, 6, 15), "Bella")
    assert [m.idempotency_key for m in june] == ["campaign:c2:aniversario_2026:2026-06"]
    assert june[0].facts.campaign_ends == D(2026, 6, 30)
