"""Customer messages as pure rules: kinds, templates, rendering, the sending policy, and
which time-based messages are due today.

Templates are `str.format` text with named placeholders only ({store}, {balance}...).
Each kind allows a known set of placeholders; `validate_template` lists every
problem (unknown placeholder, a format spec, a stray brace) for the template
editor to show, and `render` never raises: a template that somehow fails is
replaced by the kind's default and the result says so.

Money is formatted per locale with posapp.core.money (pt_BR 'R$ 1.234,56'),
dates with Babel ('5 de abril de 2026', 'April 5, 2026'). Default texts avoid
"na/no {store}" because the article depends on the store's name: the store
signs the message instead.

The policy (`decide`) is checked when a message is about to go out, in this
order: demo database, consent (LGPD), a contact for the channel, the weekly
cap (every kind counts), and quiet hours, which defer rather than skip. Every
decision carries a stable reason code with its pt_BR and en text, so the outbox
keeps why a message went out, waited or was dropped.

The scheduler's selection (`due_today`) returns each due message with an
idempotency key naming its kind, customer and period: the outbox stores it
under a unique constraint, so running the scheduler twice sends nothing twice.
"""

from __future__ import annotations

import datetime
import json
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from posapp.core.campaigns import Campaign
from posapp.core.money import DEFAULT_LOCALE, format_money

# -- kinds and channels ------------------------------------------------------


class MessageKind(StrEnum):
    WELCOME = "welcome"
    CASHBACK_CREDITED = "cashback_credited"
    VOUCHER_ISSUED = "voucher_issued"
    CASHBACK_EXPIRING = "cashback_expiring"
    BALANCE_REMINDER = "balance_reminder"
    REFERRAL_REWARD = "referral_reward"
    REFERRAL_REVERSED = "referral_reversed"
    """The purchase that paid a referral bonus was voided or refunded: the bonus is undone."""
    BIRTHDAY = "birthday"
    CAMPAIGN = "campaign"
    APPOINTMENT_REMINDER = "appointment_reminder"
    """A salon appointment coming up: the day before, and 2 hours before."""
    RECEIPT = "receipt"
    """A sale's receipt sent at the cashier's request: transactional (see TRANSACTIONAL)."""


TRANSACTIONAL = frozenset({MessageKind.RECEIPT})
"""Kinds the customer asked for there and then: no marketing consent, weekly cap or quiet
hours apply, and they go to the address given with them rather than the one on file."""


class Channel(StrEnum):
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    """WhatsApp and SMS both go through the provider webhook, to the phone."""


def _pt(locale: str) -> bool:
    return locale.startswith("pt")


def language(locale: str) -> str:
    """The template language for a locale: 'pt_BR' or 'en'."""
    return "pt_BR" if _pt(locale) else "en"


# -- the figures a message is filled with ------------------------------------


@dataclass(frozen=True, slots=True)
class MessageFacts:
    """What a message may say. Money in centavos (or points when `points` is set)."""

    store: str
    customer_name: str
    balance_centavos: int = 0
    amount_centavos: int = 0
    """The credit, the reward or the amount about to expire."""
    points: bool = False
    """A points program: balance and amount are points, not centavos."""
    expires_on: datetime.date | None = None
    available_on: datetime.date | None = None
    voucher_code: str = ""
    voucher_value_centavos: int = 0
    voucher_expires_on: datetime.date | None = None
    last_visit: datetime.date | None = None
    days_idle: int = 0
    referred_name: str = ""
    earn_rate_bps: int = 0
    campaign_name: str = ""
    campaign_starts: datetime.date | None = None
    campaign_ends: datetime.date | None = None
    multiplier_bps: int = 10_000
    bonus_centavos: int = 0
    appointment_at: datetime.datetime | None = None
    """A booked appointment's start, in the store's time zone."""
    service_name: str = ""
    professional_name: str = ""
    usual_service: str = ""
    """The service the client books most (a salon's balance reminder offers it)."""
    receipt_text: str = ""
    """A receipt's lines as plain text."""
    sale_number: str = ""
    page_link: str = ""
    """The customer's page on the chain's endpoint, when there is one."""

    def values(self, locale: str = DEFAULT_LOCALE) -> dict[str, str]:
        """Every placeholder's text in `locale` (empty for a figure not given)."""

        def units(n: int) -> str:
            if self.points:
                word = "pontos" if _pt(locale) else "points"
                return f"{format_decimal(n, locale=locale)} {word}"
            return format_money(n, locale)

        def day(d: datetime.date | None) -> str:
            return format_date(d, format="long", locale=locale) if d else ""

        return {
            "store": self.store,
            "customer": _first_name(self.customer_name),
            "customer_name": self.customer_name.strip(),
            "balance": units(self.balance_centavos),
            "amount": units(self.amount_centavos),
            "expires_on": day(self.expires_on),
            "available_on": day(self.available_on),
            "voucher_code": self.voucher_code,
            "voucher_value": format_money(self.voucher_value_centavos, locale),
            "voucher_expires_on": day(self.voucher_expires_on),
            "last_visit": day(self.last_visit),
            "days_idle": str(self.days_idle),
            "referred": _first_name(self.referred_name),
            "earn_rate": _percent(self.earn_rate_bps, locale),
            "campaign": self.campaign_name,
            "campaign_starts": day(self.campaign_starts),
            "campaign_ends": day(self.campaign_ends),
            "offer": offer_text(self.multiplier_bps, self.bonus_centavos, locale),
            "appointment_at": _moment(self.appointment_at, locale),
            "service": self.service_name,
            "professional": _first_name(self.professional_name),
            "usual_service": _usual(self.usual_service, locale),
            "receipt": self.receipt_text,
            "sale_number": self.sale_number,
            "page_link": self.page_link,
        }


def _first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else ""


def _moment(at: datetime.datetime | None, locale: str) -> str:
    if at is None:
        return ""
    day = format_date(at.date(), format="full", locale=locale)
    return f"{day}, {at:%H:%M}" if _pt(locale) else f"{day} at {at:%H:%M}"


def _usual(service: str, locale: str) -> str:
    if _pt(locale):
        return f"o próximo horário de {service}" if service else "o próximo horário"
    return f"your next {service}" if service else "your next appointment"


def _percent(bps: int, locale: str) -> str:
    return format_percent(Decimal(bps).scaleb(-4), format="#,##0.##%", locale=locale)


def offer_text(multiplier_bps: int, bonus_centavos: int, locale: str = DEFAULT_LOCALE) -> str:
    """A campaign's offer in words: 'cashback em dobro + R$ 5,00 de bônus'."""
    pt = _pt(locale)
    parts = []
    if multiplier_bps == 20_000:
        parts.append("cashback em dobro" if pt else "double cashback")
    elif multiplier_bps == 30_000:
        parts.append("cashback triplo" if pt else "triple cashback")
    elif multiplier_bps > 10_000:
        times = format_decimal(Decimal(multiplier_bps).scaleb(-4), locale=locale)
        parts.append(f"cashback {times}x" if pt else f"{times}x cashback")
    if bonus_centavos > 0:
        bonus = format_money(bonus_centavos, locale)
        parts.append(f"{bonus} de bônus" if pt else f"a {bonus} bonus")
    return " + ".join(parts)


COMMON_PLACEHOLDERS = frozenset({"store", "customer", "customer_name", "balance"})

PLACEHOLDERS: dict[MessageKind, frozenset[str]] = {
    MessageKind.WELCOME: COMMON_PLACEHOLDERS | {"earn_rate"},
    MessageKind.CASHBACK_CREDITED: COMMON_PLACEHOLDERS | {"amount", "available_on", "expires_on"},
    MessageKind.VOUCHER_ISSUED: COMMON_PLACEHOLDERS
    | {"voucher_code", "voucher_value", "voucher_expires_on"},
    MessageKind.CASHBACK_EXPIRING: COMMON_PLACEHOLDERS | {"amount", "expires_on"},
    MessageKind.BALANCE_REMINDER: COMMON_PLACEHOLDERS
    | {"days_idle", "last_visit", "usual_service"},
    MessageKind.REFERRAL_REWARD: COMMON_PLACEHOLDERS | {"amount", "referred"},
    MessageKind.REFERRAL_REVERSED: COMMON_PLACEHOLDERS | {"amount"},
    MessageKind.BIRTHDAY: COMMON_PLACEHOLDERS,
    MessageKind.CAMPAIGN: COMMON_PLACEHOLDERS
    | {"campaign", "campaign_starts", "campaign_ends", "offer"},
    MessageKind.APPOINTMENT_REMINDER: COMMON_PLACEHOLDERS
    | {"appointment_at", "service", "professional"},
    MessageKind.RECEIPT: frozenset(
        {"store", "customer", "customer_name", "amount", "receipt", "sale_number", "page_link"}
    ),
}
"""The placeholders each kind may use; the editor lists them next to the template."""


# -- templates ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Template:
    subject: str
    """E-mail only; WhatsApp and SMS send the text alone."""
    text: str


_SIGN = "\n\n{store}"

_DEFAULTS: dict[tuple[MessageKind, str], Template] = {
    (MessageKind.WELCOME, "pt_BR"): Template(
        "{store}: bem-vindo(a) ao nosso programa de cashback",
        "Olá, {customer}! Agora você faz parte do nosso programa de cashback: "
        "a cada compra, {earn_rate} do valor volta para você para usar nas próximas." + _SIGN,
    ),
    (MessageKind.WELCOME, "en"): Template(
        "{store}: welcome to our cashback program",
        "Hi {customer}! You are now part of our cashback program: on every purchase, "
        "{earn_rate} of the amount comes back to you to spend on the next ones." + _SIGN,
    ),
    (MessageKind.CASHBACK_CREDITED, "pt_BR"): Template(
        "{store}: você ganhou {amount} de cashback",
        "Olá, {customer}! Sua compra rendeu {amount} de cashback. "
        "Seu saldo agora é {balance}. Use até {expires_on}." + _SIGN,
    ),
    (MessageKind.CASHBACK_CREDITED, "en"): Template(
        "{store}: you earned {amount} in cashback",
        "Hi {customer}! Your purchase earned {amount} in cashback. "
        "Your balance is now {balance}. Use it by {expires_on}." + _SIGN,
    ),
    (MessageKind.VOUCHER_ISSUED, "pt_BR"): Template(
        "{store}: seu vale de {voucher_value}",
        "Olá, {customer}! Você ganhou um vale de {voucher_value}.\n"
        "Código: {voucher_code}\nVálido até {voucher_expires_on}.\n"
        "Mostre o código ou o QR no caixa." + _SIGN,
    ),
    (MessageKind.VOUCHER_ISSUED, "en"): Template(
        "{store}: your {voucher_value} voucher",
        "Hi {customer}! You have a {voucher_value} voucher.\n"
        "Code: {voucher_code}\nValid until {voucher_expires_on}.\n"
        "Show the code or the QR at the counter." + _SIGN,
    ),
    (MessageKind.CASHBACK_EXPIRING, "pt_BR"): Template(
        "{store}: {amount} do seu cashback vence em {expires_on}",
        "Olá, {customer}! {amount} do seu cashback vence em {expires_on}. "
        "Seu saldo é {balance}: aproveite antes que expire." + _SIGN,
    ),
    (MessageKind.CASHBACK_EXPIRING, "en"): Template(
        "{store}: {amount} of your cashback expires on {expires_on}",
        "Hi {customer}! {amount} of your cashback expires on {expires_on}. "
        "Your balance is {balance}: use it before it expires." + _SIGN,
    ),
    (MessageKind.BALANCE_REMINDER, "pt_BR"): Template(
        "{store}: você tem {balance} de cashback",
        "Olá, {customer}! Você tem {balance} de cashback esperando por você. "
        "Use na sua próxima compra." + _SIGN,
    ),
    (MessageKind.BALANCE_REMINDER, "en"): Template(
        "{store}: you have {balance} in cashback",
        "Hi {customer}! You have {balance} in cashback waiting for you. "
        "Use it on your next purchase." + _SIGN,
    ),
    (MessageKind.REFERRAL_REWARD, "pt_BR"): Template(
        "{store}: sua indicação rendeu {amount}",
        "Olá, {customer}! {referred} fez a primeira compra com a sua indicação e você "
        "ganhou {amount} de cashback. Seu saldo agora é {balance}. Obrigado por indicar!" + _SIGN,
    ),
    (MessageKind.REFERRAL_REWARD, "en"): Template(
        "{store}: your referral earned you {amount}",
        "Hi {customer}! {referred} made a first purchase with your referral and you earned "
        "{amount} in cashback. Your balance is now {balance}. Thank you!" + _SIGN,
    ),
    (MessageKind.REFERRAL_REVERSED, "pt_BR"): Template(
        "{store}: bônus de indicação estornado",
        "Olá, {customer}! A compra que rendeu o bônus de indicação foi cancelada ou "
        "devolvida, por isso {amount} de bônus foram estornados. Seu saldo agora é "
        "{balance}." + _SIGN,
    ),
    (MessageKind.REFERRAL_REVERSED, "en"): Template(
        "{store}: referral bonus reversed",
        "Hi {customer}! The purchase that earned the referral bonus was voided or "
        "returned, so {amount} of bonus was reversed. Your balance is now {balance}." + _SIGN,
    ),
    (MessageKind.BIRTHDAY, "pt_BR"): Template(
        "Feliz aniversário, {customer}!",
        "Feliz aniversário, {customer}! Desejamos um dia lindo. "
        "Venha nos visitar: seu cashback espera por você." + _SIGN,
    ),
    (MessageKind.BIRTHDAY, "en"): Template(
        "Happy birthday, {customer}!",
        "Happy birthday, {customer}! We wish you a lovely day. "
        "Come and see us: your cashback is waiting for you." + _SIGN,
    ),
    (MessageKind.CAMPAIGN, "pt_BR"): Template(
        "{store}: {campaign} com {offer}",
        "Olá, {customer}! De {campaign_starts} a {campaign_ends} é {campaign}: "
        "{offer} nas suas compras. Aproveite!" + _SIGN,
    ),
    (MessageKind.CAMPAIGN, "en"): Template(
        "{store}: {campaign} with {offer}",
        "Hi {customer}! From {campaign_starts} to {campaign_ends} it is {campaign}: "
        "{offer} on your purchases. Enjoy!" + _SIGN,
    ),
    (MessageKind.APPOINTMENT_REMINDER, "pt_BR"): Template(
        "{store}: seu horário {appointment_at}",
        "Olá, {customer}! Lembrete do seu horário: {service} com {professional}, "
        "{appointment_at}. Se não puder vir, avise-nos, por favor." + _SIGN,
    ),
    (MessageKind.APPOINTMENT_REMINDER, "en"): Template(
        "{store}: your appointment {appointment_at}",
        "Hi {customer}! A reminder of your appointment: {service} with {professional}, "
        "{appointment_at}. If you cannot come, please let us know." + _SIGN,
    ),
    (MessageKind.RECEIPT, "pt_BR"): Template(
        "{store}: comprovante da venda nº {sale_number}",
        "Segue o comprovante da sua compra de {amount}.\n\n{receipt}\n\n"
        "Seu saldo e extrato: {page_link}" + _SIGN,
    ),
    (MessageKind.RECEIPT, "en"): Template(
        "{store}: receipt for sale no. {sale_number}",
        "Here is the receipt for your purchase of {amount}.\n\n{receipt}\n\n"
        "Your balance and statement: {page_link}" + _SIGN,
    ),
}

_SALON_REMINDER = {
    "pt_BR": Template(
        "{store}: você tem {balance} de cashback",
        "Olá, {customer}! Já faz {days_idle} dias desde o seu último atendimento e você "
        "tem {balance} de cashback. Que tal agendar {usual_service}? "
        "O cashback pode pagar o serviço." + _SIGN,
    ),
    "en": Template(
        "{store}: you have {balance} in cashback",
        "Hi {customer}! It has been {days_idle} days since your last visit and you have "
        "{balance} in cashback. Why not book {usual_service}? "
        "Your cashback can pay for the service." + _SIGN,
    ),
}


def default_template(
    kind: MessageKind, locale: str = DEFAULT_LOCALE, segment: str = ""
) -> Template:
    """The template a store starts from; salons' balance reminder nudges to book."""
    lang = language(locale)
    if kind is MessageKind.BALANCE_REMINDER and segment == "salon":
        return _SALON_REMINDER[lang]
    return _DEFAULTS[(kind, lang)]


def resolve_template(
    kind: MessageKind,
    locale: str,
    segment: str = "",
    overrides: Mapping[tuple[MessageKind, str], Template] | None = None,
) -> Template:
    """The manager's edited template for (kind, language) when there is one, else the default."""
    edited = (overrides or {}).get((kind, language(locale)))
    return edited if edited is not None else default_template(kind, locale, segment)


# -- validation and rendering ------------------------------------------------


class TemplateProblemCode(StrEnum):
    UNKNOWN_PLACEHOLDER = "unknown_placeholder"
    FORMAT_SPEC = "format_spec"
    BAD_BRACES = "bad_braces"
    EMPTY = "empty"


_PROBLEM_TEXT: dict[TemplateProblemCode, tuple[str, str]] = {
    TemplateProblemCode.UNKNOWN_PLACEHOLDER: (
        "{part}: o campo {{{name}}} não existe nesta mensagem. Use: {allowed}.",
        "{part}: there is no {{{name}}} field in this message. Use: {allowed}.",
    ),
    TemplateProblemCode.FORMAT_SPEC: (
        "{part}: escreva o campo só como {{{name}}}, sem formatação.",
        "{part}: write the field as {{{name}}} alone, without formatting.",
    ),
    TemplateProblemCode.BAD_BRACES: (
        "{part}: chave sem par. Para escrever uma chave, use {{{{ ou }}}}.",
        "{part}: unmatched brace. To write a brace, use {{{{ or }}}}.",
    ),
    TemplateProblemCode.EMPTY: (
        "{part}: o texto está vazio.",
        "{part}: the text is empty.",
    ),
}

_PART_NAMES = {"subject": ("Assunto", "Subject"), "text": ("Texto", "Text")}


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    code: TemplateProblemCode
    part: str
    """'subject' or 'text'."""
    name: str = ""
    allowed: tuple[str, ...] = ()

    def message(self, locale: str = DEFAULT_LOCALE) -> str:
        pt, en = _PROBLEM_TEXT[self.code]
        part_pt, part_en = _PART_NAMES[self.part]
        return (pt if _pt(locale) else en).format(
            part=part_pt if _pt(locale) else part_en,
            name=self.name,
            allowed=", ".join("{" + a + "}" for a in self.allowed),
        )


def _check(kind: MessageKind, part: str, text: str) -> list[TemplateProblem]:
    allowed = PLACEHOLDERS[kind]
    if part == "text" and not text.strip():
        return [TemplateProblem(TemplateProblemCode.EMPTY, part)]
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [TemplateProblem(TemplateProblemCode.BAD_BRACES, part)]
    problems: list[TemplateProblem] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in allowed:
            problems.append(
                TemplateProblem(
                    TemplateProblemCode.UNKNOWN_PLACEHOLDER, part, name, tuple(sorted(allowed))
                )
            )
        elif spec or conversion:
            problems.append(TemplateProblem(TemplateProblemCode.FORMAT_SPEC, part, name))
    return problems


def validate_template(kind: MessageKind, template: Template) -> list[TemplateProblem]:
    """Every problem of an edited template; empty when it can be saved."""
    return _check(kind, "subject", template.subject) + _check(kind, "text", template.text)


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    subject: str
    text: str
    used_default: bool = False
    """The given template had problems and the kind's default was used instead."""
    problems: tuple[TemplateProblem, ...] = ()


_SENTENCE = re.compile(r"[^.!?\n]*\{(\w+)\}[^.!?\n]*[.!?]?[ \t]*")


def _without_empty_sentences(text: str, values: Mapping[str, str]) -> str:
    """The text without the sentences whose figure the store's program does not give (no
    "Use até ." when cashback never expires): a message says only what the program offers."""

    def keep(match: re.Match[str]) -> str:
        names = re.findall(r"\{(\w+)\}", match.group(0))
        return "" if any(name in values and not values[name] for name in names) else match.group(0)

    return re.sub(r"[ \t]+(?=\n|$)", "", _SENTENCE.sub(keep, text))


def render(
    kind: MessageKind,
    template: Template,
    facts: MessageFacts,
    locale: str = DEFAULT_LOCALE,
    segment: str = "",
) -> RenderedMessage:
    """The message's subject and text. Never raises on a bad template (see the module note)."""
    problems = tuple(validate_template(kind, template))
    chosen = default_template(kind, locale, segment) if problems else template
    values = facts.values(locale)
    return RenderedMessage(
        chosen.subject.format_map(values).strip(),
        _without_empty_sentences(chosen.text, values).format_map(values).strip(),
        bool(problems),
        problems,
    )


def sample_facts(store: str, locale: str = DEFAULT_LOCALE) -> MessageFacts:
    """Figures for the editor's preview: a customer named Maria with plausible sums."""
    today = datetime.date(2026, 5, 4)
    return MessageFacts(
        store=store,
        customer_name="Maria da Silva" if _pt(locale) else "Mary Smith",
        balance_centavos=3_450,
        amount_centavos=1_280,
        expires_on=today + datetime.timedelta(days=7),
        available_on=today,
        voucher_code="7K3Q-M2XD-9PRT-V",
        voucher_value_centavos=2_000,
        voucher_expires_on=today + datetime.timedelta(days=60),
        last_visit=today - datetime.timedelta(days=35),
        days_idle=35,
        referred_name="Ana Souza" if _pt(locale) else "Anne Brown",
        earn_rate_bps=1_000,
        campaign_name="Dia das Mães" if _pt(locale) else "Mother's Day",
        campaign_starts=datetime.date(2026, 4, 27),
        campaign_ends=datetime.date(2026, 5, 10),
        multiplier_bps=20_000,
        receipt_text="1 x Shampoo 300 ml    R$ 12,80\nTOTAL                 R$ 12,80",
        sale_number="1042",
        page_link="https://exemplo.com.br/c?r=...",
    )


def preview(
    kind: MessageKind,
    template: Template,
    store: str,
    locale: str = DEFAULT_LOCALE,
    segment: str = "",
) -> RenderedMessage:
    """The template filled with sample figures, and its problems, for the manager's editor.

    Unlike `render`, a template with problems is shown as written where it can be
    (unknown fields left visible as {name}), so the manager sees what they typed.
    """
    problems = tuple(validate_template(kind, template))
    values = sample_facts(store, locale).values(locale)
    allowed = {k: v for k, v in values.items() if k in PLACEHOLDERS[kind]}

    def fill(text: str) -> str:
        try:
            return string.Formatter().vformat(text, (), _KeepUnknown(allowed))
        except (ValueError, IndexError, KeyError, AttributeError):
            return text

    return RenderedMessage(
        fill(template.subject).strip(), fill(template.text).strip(), False, problems
    )


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# -- the sending policy ------------------------------------------------------


class Reason(StrEnum):
    OK = "ok"
    NO_CONSENT = "no_consent"
    NO_CONTACT = "no_contact"
    WEEKLY_CAP = "weekly_cap"
    QUIET_HOURS = "quiet_hours"
    DEMO_DATABASE = "demo_database"
    OUTDATED = "outdated"


_REASON_TEXT: dict[Reason, tuple[str, str]] = {
    Reason.OK: ("Pode ser enviada.", "May be sent."),
    Reason.NO_CONSENT: (
        "O cliente não autorizou o envio de mensagens (LGPD).",
        "The customer has not consented to messages (LGPD).",
    ),
    Reason.NO_CONTACT: (
        "O cliente não tem {channel_pt} cadastrado.",
        "The customer has no {channel_en} on file.",
    ),
    Reason.WEEKLY_CAP: (
        "Limite de {cap} mensagens por semana para este cliente atingido.",
        "This customer's limit of {cap} messages a week was reached.",
    ),
    Reason.QUIET_HOURS: (
        "Horário de silêncio: a mensagem sai às {until}.",
        "Quiet hours: the message goes out at {until}.",
    ),
    Reason.DEMO_DATABASE: (
        "Base de demonstração: nenhuma mensagem é enviada.",
        "Demo database: no message is ever sent.",
    ),
    Reason.OUTDATED: (
        "A mensagem não saiu a tempo: falava de {day}, que já passou.",
        "The message did not go out in time: it spoke of {day}, which has passed.",
    ),
}

_CONTACT_NAMES = {
    Channel.EMAIL: ("e-mail", "e-mail address"),
    Channel.WHATSAPP: ("celular", "mobile number"),
    Channel.SMS: ("celular", "mobile number"),
}


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window with no sending, in the store's local time; may cross midnight."""

    start: datetime.time
    end: datetime.time

    def contains(self, moment: datetime.time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def end_after(self, now_local: datetime.datetime) -> datetime.datetime:
        """The first end of the window at or after `now_local` (same tzinfo)."""
        candidate = datetime.datetime.combine(now_local.date(), self.end, now_local.tzinfo)
        if candidate < now_local:
            candidate += datetime.timedelta(days=1)
        return candidate


@dataclass(frozen=True, slots=True)
class Draft:
    """What the policy needs of a message about to be sent."""

    kind: MessageKind
    channel: Channel
    to: str | None
    """The e-mail address or phone for the channel; None or blank when there is none."""


@dataclass(frozen=True, slots=True)
class Send:
    reason: Reason = Reason.OK

    def text(self, locale: str = DEFAULT_LOCALE) -> str:
        return reason_text(self.reason, locale)


@dataclass(frozen=True, slots=True)
class Skip:
    reason: Reason
    params: Mapping[str, str] = field(default_factory=dict)

    def text(self, locale: str = DEFAULT_LOCALE) -> str:
        return reason_text(self.reason, locale, **self.params)


@dataclass(frozen=True, slots=True)
class Defer:
    until: datetime.datetime
    reason: Reason = Reason.QUIET_HOURS

    def text(self, locale: str = DEFAULT_LOCALE) -> str:
        return reason_text(self.reason, locale, until=self.until.strftime("%H:%M"))


Decision = Send | Skip | Defer


def reason_text(reason: Reason, locale: str = DEFAULT_LOCALE, **params: str) -> str:
    pt, en = _REASON_TEXT[reason]
    return string.Formatter().vformat(pt if _pt(locale) else en, (), _KeepUnknown(params))


def outdated_after(
    kind: MessageKind, facts: MessageFacts
) -> datetime.date | datetime.datetime | None:
    """The day (or moment) after which the message says something no longer true: the
    cashback it warns of has expired, the voucher it announces has lapsed, the campaign
    has ended, the appointment has begun. None: the message keeps its sense."""
    if kind is MessageKind.CASHBACK_EXPIRING:
        return facts.expires_on
    if kind is MessageKind.VOUCHER_ISSUED:
        return facts.voucher_expires_on
    if kind is MessageKind.CAMPAIGN:
        return facts.campaign_ends
    if kind is MessageKind.APPOINTMENT_REMINDER:
        return facts.appointment_at
    return None


def _outdated(
    kind: MessageKind, facts: MessageFacts | None, now_local: datetime.datetime
) -> Skip | None:
    limit = outdated_after(kind, facts) if facts is not None else None
    if isinstance(limit, datetime.datetime):
        if limit.tzinfo is None:  # written in the store's local time
            limit = limit.replace(tzinfo=now_local.tzinfo)
        if now_local < limit:
            return None
        day = limit.astimezone(now_local.tzinfo).strftime("%d/%m/%Y %H:%M")
    elif isinstance(limit, datetime.date):
        if now_local.date() <= limit:
            return None
        day = limit.strftime("%d/%m/%Y")
    else:
        return None
    return Skip(Reason.OUTDATED, {"day": day})


def decide(
    message: Draft,
    customer_consent: bool,
    now_local: datetime.datetime,
    quiet_hours: QuietHours | None,
    sent_in_last_7_days: int,
    weekly_cap: int | None,
    *,
    demo_database: bool = False,
    facts: MessageFacts | None = None,
) -> Decision:
    """Whether a message goes out now, later (quiet hours) or never, and why.

    `sent_in_last_7_days` counts the customer's messages actually sent in the
    seven days before `now_local`, any kind and channel; `weekly_cap` None is no cap.
    A transactional kind (a receipt asked for at the counter) needs only a contact.
    With its `facts`, a message that waited too long (quiet hours, a counter offline
    or switched off, a channel set up days later) is dropped once what it speaks of
    has passed (`outdated_after`): an expiry warning after the expiry, a reminder
    after the appointment.
    """
    if demo_database:
        return Skip(Reason.DEMO_DATABASE)
    transactional = message.kind in TRANSACTIONAL
    if not customer_consent and not transactional:
        return Skip(Reason.NO_CONSENT)
    if not (message.to or "").strip():
        pt, en = _CONTACT_NAMES[message.channel]
        return Skip(Reason.NO_CONTACT, {"channel_pt": pt, "channel_en": en})
    if transactional:
        return Send()
    stale = _outdated(message.kind, facts, now_local)
    if stale is not None:
        return stale
    if weekly_cap is not None and sent_in_last_7_days >= weekly_cap:
        return Skip(Reason.WEEKLY_CAP, {"cap": str(weekly_cap)})
    if quiet_hours is not None and quiet_hours.contains(now_local.time()):
        return Defer(quiet_hours.end_after(now_local))
    return Send()


# -- what the daily scheduler sends ------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpiringLot:
    expires_on: datetime.date
    """The local date the cashback expires on (the caller converts the lot's instant)."""
    remaining_centavos: int


@dataclass(frozen=True, slots=True)
class CustomerState:
    """A customer as the scheduler sees them; the caller reads it from the ledger."""

    customer_id: str
    name: str
    balance_centavos: int
    """Spendable now."""
    last_visit: datetime.date | None
    birthday: datetime.date | None = None
    lots: Sequence[ExpiringLot] = ()
    usual_service: str = ""
    """The service the customer had most often (salons: the reminder offers it)."""


@dataclass(frozen=True, slots=True)
class ScheduleRules:
    reminder_idle_days: int
    """N: remind a customer with a balance N days after their last visit (program's setting)."""
    expiry_warning_days: int = 7
    """D: warn D days before cashback expires (and on each day after until it does)."""
    reminders: bool = True
    expiry_warnings: bool = True
    birthdays: bool = True


@dataclass(frozen=True, slots=True)
class DueMessage:
    kind: MessageKind
    customer_id: str
    idempotency_key: str
    facts: MessageFacts


def message_key(kind: MessageKind, customer_id: str, period: str) -> str:
    """'kind:customer:period', the outbox's unique key; also for event messages
    (period = the sale, voucher or referral that caused them)."""
    return f"{kind.value}:{customer_id}:{period}"


def _birthday_this_year(birthday: datetime.date, year: int) -> datetime.date:
    try:
        return birthday.replace(year=year)
    except ValueError:  # 29 February in a common year: the 28th
        return datetime.date(year, 2, 28)


def due_today(
    customers: Iterable[CustomerState],
    today: datetime.date,
    rules: ScheduleRules,
    store: str,
) -> list[DueMessage]:
    """The time-based messages due on `today`, with keys that repeat on a rerun.

    - balance_reminder: a spendable balance and at least N days since the last
      visit; one per idle period, keyed by the last visit's date, so a missed
      day is caught up the next day and a new visit starts a new period.
    - cashback_expiring: per expiry date, the cashback still left in the lots
      expiring that day, from D days before until the day before; keyed by the
      expiry date.
    - birthday: on the birthday (28 February for 29 February in common years),
      keyed by the year. Not caught up later: a late birthday message is worse
      than none.
    """
    due: list[DueMessage] = []
    for customer in customers:
        cid = customer.customer_id
        if rules.reminders and customer.balance_centavos > 0 and customer.last_visit is not None:
            idle = (today - customer.last_visit).days
            if idle >= rules.reminder_idle_days > 0:
                due.append(
                    DueMessage(
                        MessageKind.BALANCE_REMINDER,
                        cid,
                        message_key(
                            MessageKind.BALANCE_REMINDER, cid, customer.last_visit.isoformat()
                        ),
                        MessageFacts(
                            store,
                            customer.name,
                            balance_centavos=customer.balance_centavos,
                            last_visit=customer.last_visit,
                            days_idle=idle,
                            usual_service=customer.usual_service,
                        ),
                    )
                )
        if rules.expiry_warnings:
            expiring: dict[datetime.date, int] = {}
            for lot in customer.lots:
                days_left = (lot.expires_on - today).days
                if lot.remaining_centavos > 0 and 0 < days_left <= rules.expiry_warning_days:
                    expiring[lot.expires_on] = (
                        expiring.get(lot.expires_on, 0) + lot.remaining_centavos
                    )
            for expires_on in sorted(expiring):
                due.append(
                    DueMessage(
                        MessageKind.CASHBACK_EXPIRING,
                        cid,
                        message_key(MessageKind.CASHBACK_EXPIRING, cid, expires_on.isoformat()),
                        MessageFacts(
                            store,
                            customer.name,
                            balance_centavos=customer.balance_centavos,
                            amount_centavos=expiring[expires_on],
                            expires_on=expires_on,
                        ),
                    )
                )
        if (
            rules.birthdays
            and customer.birthday is not None
            and _birthday_this_year(customer.birthday, today.year) == today
        ):
            due.append(
                DueMessage(
                    MessageKind.BIRTHDAY,
                    cid,
                    message_key(MessageKind.BIRTHDAY, cid, str(today.year)),
                    MessageFacts(store, customer.name, balance_centavos=customer.balance_centavos),
                )
            )
    return due


def campaign_announcements(
    customers: Iterable[CustomerState],
    campaign: Campaign,
    today: datetime.date,
    store: str,
    lead_days: int = 2,
) -> list[DueMessage]:
    """The campaign message for each customer, due from `lead_days` before it starts until
    it ends (a missed day is caught up), once per customer and campaign.

    A birthday-month campaign is announced to each customer in their own birthday
    month, once per month (key 'campaign:{customer}:{campaign}:{yyyy-mm}'), and
    never to a customer without a birthday on file.
    """
    if not campaign.starts - datetime.timedelta(days=lead_days) <= today <= campaign.ends:
        return []
    due = []
    for customer in customers:
        period, starts, ends = campaign.key, campaign.starts, campaign.ends
        if campaign.birthday_month:
            if customer.birthday is None or customer.birthday.month != today.month:
                continue
            period = f"{campaign.key}:{today:%Y-%m}"
            month_end = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            starts = max(starts, today.replace(day=1))
            ends = min(ends, month_end - datetime.timedelta(days=1))
        facts = MessageFacts(
            store,
            customer.name,
            balance_centavos=customer.balance_centavos,
            campaign_name=campaign.name,
            campaign_starts=starts,
            campaign_ends=ends,
            multiplier_bps=campaign.multiplier_bps,
            bonus_centavos=campaign.bonus_centavos,
        )
        key = message_key(MessageKind.CAMPAIGN, customer.customer_id, period)
        due.append(DueMessage(MessageKind.CAMPAIGN, customer.customer_id, key, facts))
    return due


def facts_to_json(facts: MessageFacts) -> str:
    """The facts as JSON (dates as ISO text), to keep next to an outbox row."""
    data = {
        f.name: value.isoformat() if isinstance(value, datetime.date) else value
        for f in fields(MessageFacts)
        for value in [getattr(facts, f.name)]
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


_MOMENT_FIELDS = frozenset(
    f.name for f in fields(MessageFacts) if "datetime.datetime" in str(f.type)
)
_DATE_FIELDS = (
    frozenset(f.name for f in fields(MessageFacts) if "date" in str(f.type)) - _MOMENT_FIELDS
)


def facts_from_json(text: str) -> MessageFacts:
    data = json.loads(text)
    known = {f.name for f in fields(MessageFacts)}
    values: dict[str, Any] = {
        key: datetime.date.fromisoformat(value)
        if key in _DATE_FIELDS and isinstance(value, str)
        else datetime.datetime.fromisoformat(value)
        if key in _MOMENT_FIELDS and isinstance(value, str)
        else value
        for key, value in data.items()
        if key in known
    }
    return MessageFacts(**values)
