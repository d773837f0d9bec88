"""Receipts and balance slips, built from what the database holds.

A receipt is built after the sale is committed, from the committed rows, so a
reprint is the same paper as the first print. The balance shown is the one the
customer had right after that sale (the ledger replayed up to its last row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, LedgerEntry, Sale, Staff, Store, Voucher
from hardware.receipt import Receipt, ReceiptBuilder
from posapp.core.codes import sign_customer_card
from posapp.core.cpf import mask_cpf
from posapp.core.ledger import replay
from posapp.core.money import format_money
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram, ProgramMode
from posapp.core.tiers import progress_text
from posapp.services.customers import account_in
from posapp.services.ledger import movement_of
from posapp.services.nps_service import read_survey_settings, survey_link
from posapp.services.settings import CounterSettings
from posapp.services.station import Station
from posapp.services.tiers import ladder_for, spend_12m
from posapp.services.vouchers import qr_payload

_TEXT: dict[str, tuple[str, str]] = {
    "not_fiscal": ("CUPOM NÃO FISCAL", "NOT A TAX RECEIPT"),
    "sale": ("Venda nº {number}", "Sale no. {number}"),
    "cashier": ("Atendente: {name}", "Served by: {name}"),
    "with": ("com {name}", "with {name}"),
    "discount": ("  desconto", "  discount"),
    "subtotal": ("Subtotal", "Subtotal"),
    "discounts": ("Descontos", "Discounts"),
    "total": ("TOTAL", "TOTAL"),
    "change": ("Troco", "Change"),
    "customer": ("Cliente: {name}", "Customer: {name}"),
    "earned": ("Cashback ganho", "Cashback earned"),
    "earned_points": ("Pontos ganhos", "Points earned"),
    "pending_until": ("  liberado em {date}", "  available on {date}"),
    "balance": ("Saldo de cashback", "Cashback balance"),
    "balance_points": ("Saldo de pontos", "Points balance"),
    "points_value": ("{points} pontos = {value}", "{points} points = {value}"),
    "voucher": ("VALE {value}", "VOUCHER {value}"),
    "voucher_percent": ("VALE {percent}% DE DESCONTO", "VOUCHER {percent}% OFF"),
    "voucher_code": ("Código: {code}", "Code: {code}"),
    "voucher_until": ("Válido até {date}", "Valid until {date}"),
    "voucher_min": ("Em compras a partir de {value}", "On purchases from {value}"),
    "referral": (
        "Indique amigos e ganhe! Seu código: {code}",
        "Refer friends and earn! Your code: {code}",
    ),
    "slip": ("EXTRATO DE CASHBACK", "CASHBACK STATEMENT"),
    "spendable": ("Disponível", "Available"),
    "pending": ("A liberar", "Pending"),
    "expiring": ("Vence em 30 dias", "Expires within 30 days"),
    "open_vouchers": ("Vales em aberto", "Open vouchers"),
    "card": ("Apresente este QR no caixa", "Show this QR at the counter"),
    "survey": (
        "Como foi o seu atendimento? Aponte a câmera para o QR e dê sua nota.",
        "How did we do? Point your camera at the QR and rate us.",
    ),
}
_TENDERS: dict[str, tuple[str, str]] = {
    Tender.CASH: ("Dinheiro", "Cash"),
    Tender.DEBIT: ("Débito", "Debit card"),
    Tender.CREDIT: ("Crédito", "Credit card"),
    Tender.PIX: ("PIX", "PIX"),
    Tender.CASHBACK: ("Cashback", "Cashback"),
    Tender.VOUCHER: ("Vale", "Voucher"),
}


def text(key: str, locale: str, **values: object) -> str:
    pt, en = _TEXT[key]
    return (pt if locale.startswith("pt") else en).format(**values)


def tender_name(tender: str, locale: str) -> str:
    pt, en = _TENDERS.get(tender, (tender, tender))
    return pt if locale.startswith("pt") else en


@dataclass(frozen=True, slots=True)
class _Style:
    locale: str
    zone: ZoneInfo

    def money(self, centavos: int) -> str:
        return format_money(centavos, self.locale)

    def when(self, moment: datetime) -> str:
        return format_datetime(moment.astimezone(self.zone), "short", locale=self.locale)

    def day(self, moment: datetime) -> str:
        return format_date(moment.astimezone(self.zone), "short", locale=self.locale)


def sale_receipt(station: Station, sale_id: int, settings: CounterSettings) -> Receipt:
    style = _Style(settings.language, ZoneInfo(settings.timezone))
    with station.read() as session:
        store = station.store(session)
        program = LoyaltyProgram.from_json(store.program_json)
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise LookupError(f"sale {sale_id} not found")
        out = ReceiptBuilder(paper=settings.paper_mm)
        _header(out, store, style)
        cashier = session.get(Staff, sale.staff_id)
        out.text(text("sale", style.locale, number=f"{sale.number:06d}"), bold=True)
        out.text(style.when(sale.created_at))
        if cashier is not None:
            out.text(text("cashier", style.locale, name=cashier.name))
        out.rule()
        _lines(out, session, sale, style)
        out.rule()
        _totals(out, sale, style)
        if sale.customer_id is not None:
            customer = session.get(Customer, sale.customer_id)
            assert customer is not None
            out.rule()
            _loyalty(out, session, sale, customer, store, program, style)
            _tier(out, station, session, sale, customer.id, style)
        link = survey_link(read_survey_settings(session), store, sale.uuid)
        if link is not None:
            out.feed().text(text("survey", style.locale), align="center")
            out.qr(link)
        if settings.receipt_footer:
            out.feed().text(settings.receipt_footer, align="center")
        out.feed(2)
        if any(p.tender == Tender.CASH.value for p in sale.payments):
            out.drawer(pin=2 if settings.drawer_pin == 2 else 5)
        return out.cut().build()


def _header(out: ReceiptBuilder, store: Store, style: _Style) -> None:
    out.text(store.name, align="center", bold=True, double=True)
    for detail in (store.address, store.phone, f"CNPJ {store.cnpj}" if store.cnpj else None):
        if detail:
            out.text(detail, align="center")
    out.text(text("not_fiscal", style.locale), align="center")
    out.rule()


def _lines(out: ReceiptBuilder, session: Session, sale: Sale, style: _Style) -> None:
    for line in sale.lines:
        out.row(line.description, style.money(line.net))
        detail = f"  {line.quantity} x {style.money(line.unit_price)}"
        if line.professional_id is not None:
            professional = session.get(Staff, line.professional_id)
            if professional is not None:
                detail += " " + text("with", style.locale, name=professional.name)
        out.text(detail)
        discount = line.line_discount + line.sale_discount_share
        if discount:
            out.row(text("discount", style.locale), "-" + style.money(discount))


def _totals(out: ReceiptBuilder, sale: Sale, style: _Style) -> None:
    if sale.discount:
        out.row(text("subtotal", style.locale), style.money(sale.gross))
        out.row(text("discounts", style.locale), "-" + style.money(sale.discount))
    out.row(text("total", style.locale), style.money(sale.total), bold=True)
    for payment in sale.payments:
        out.row(tender_name(payment.tender, style.locale), style.money(payment.amount))
    if sale.change:
        out.row(text("change", style.locale), style.money(sale.change))


def _loyalty(
    out: ReceiptBuilder,
    session: Session,
    sale: Sale,
    customer: Customer,
    store: Store,
    program: LoyaltyProgram,
    style: _Style,
) -> None:
    locale = style.locale
    document = mask_cpf(customer.cpf) if customer.cpf else ""
    out.text(f"{text('customer', locale, name=customer.name)} {document}".strip())
    points = program.mode is ProgramMode.POINTS
    entries = session.scalars(
        select(LedgerEntry)
        .where(LedgerEntry.customer_id == customer.id)
        .where(
            LedgerEntry.id
            <= select(LedgerEntry.id)
            .where(LedgerEntry.sale_id == sale.id, LedgerEntry.customer_id == customer.id)
            .order_by(LedgerEntry.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        .order_by(LedgerEntry.id)
    ).all()
    if sale.earned:
        earned = str(sale.earned) if points else style.money(sale.earned)
        out.row(text("earned_points" if points else "earned", locale), earned)
        earn = next((e for e in entries if e.sale_id == sale.id and e.kind == "earn"), None)
        if earn is not None and earn.available_from and earn.available_from > sale.created_at:
            out.text(text("pending_until", locale, date=style.day(earn.available_from)))
    if entries:
        balance = replay(movement_of(e) for e in entries).balance(sale.created_at)
        if points:
            value = style.money(program.value_of_units(max(balance.total, 0)))
            out.row(text("balance_points", locale), str(balance.total))
            out.text(text("points_value", locale, points=balance.total, value=value))
        else:
            out.row(text("balance", locale), style.money(balance.total), bold=True)
    issued = session.scalars(
        select(Voucher).where(Voucher.issue_sale_id == sale.id, Voucher.customer_id == customer.id)
    )
    for voucher in issued:
        _voucher(out, voucher, store, style)
    out.feed().text(text("referral", locale, code=customer.referral_code), align="center")


def _tier(
    out: ReceiptBuilder,
    station: Station,
    session: Session,
    sale: Sale,
    customer_id: int,
    style: _Style,
) -> None:
    """The customer's tier right after this sale and what is left to the next one (a
    reprint shows the same: the spend counts what was sold and returned up to the sale)."""
    ladder = ladder_for(station, session)
    if ladder is None:
        return
    day = sale.created_at.astimezone(style.zone).date()
    spend = spend_12m(session.connection(), customer_id, day, style.zone, sale.created_at)
    out.text(progress_text(ladder, spend, style.locale), align="center")


def _voucher(out: ReceiptBuilder, voucher: Voucher, store: Store, style: _Style) -> None:
    locale = style.locale
    out.rule("=")
    if voucher.percent_bps:
        title = text("voucher_percent", locale, percent=voucher.percent_bps // 100)
    else:
        title = text("voucher", locale, value=style.money(voucher.value))
    out.text(title, align="center", bold=True, double=True)
    out.text(text("voucher_code", locale, code=voucher.code), align="center", bold=True)
    out.text(text("voucher_until", locale, date=style.day(voucher.expires_at)), align="center")
    if voucher.min_purchase:
        minimum = style.money(voucher.min_purchase)
        out.text(text("voucher_min", locale, value=minimum), align="center")
    out.qr(qr_payload(voucher, store))
    out.rule("=")


def balance_slip(station: Station, customer_id: int, settings: CounterSettings) -> Receipt:
    """A customer's balance on paper, with their card's QR to identify them next time."""
    style = _Style(settings.language, ZoneInfo(settings.timezone))
    locale = style.locale
    with station.read() as session:
        store = station.store(session)
        program = LoyaltyProgram.from_json(store.program_json)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise LookupError(f"customer {customer_id} not found")
        account = account_in(session, customer, program, station.now())
        out = ReceiptBuilder(paper=settings.paper_mm)
        _header(out, store, style)
        out.text(text("slip", locale), align="center", bold=True)
        out.text(style.when(station.now()), align="center")
        out.text(text("customer", locale, name=customer.name))
        out.rule()
        points = program.mode is ProgramMode.POINTS
        show = (lambda units: str(units)) if points else style.money
        out.row(text("spendable", locale), show(account.balance.spendable), bold=True)
        if account.balance.pending:
            out.row(text("pending", locale), show(account.balance.pending))
        if account.balance.expiring_soon:
            out.row(text("expiring", locale), show(account.balance.expiring_soon))
        if account.open_vouchers:
            out.text(text("open_vouchers", locale), bold=True)
            for voucher in account.open_vouchers:
                value = (
                    style.money(voucher.value)
                    if voucher.value
                    else f"{voucher.percent_bps // 100}%"
                )
                out.row(f"{voucher.code} ({style.day(voucher.expires_at)})", value)
        out.rule()
        out.qr(sign_customer_card(customer.uuid, store.uuid, store.signing_key))
        out.text(text("card", locale), align="center")
        out.text(text("referral", locale, code=customer.referral_code), align="center")
        out.feed(2).cut()
        return out.build()
