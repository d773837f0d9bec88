"""Receipts, refund receipts and balance slips, built from what the database holds.

A receipt is built after the sale is committed, from the committed rows, so a
reprint is the same paper as the first print. The balance shown is the one the
customer had right after that sale (the ledger replayed up to its last row); a
refund receipt likewise shows the balance right after that refund.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Customer,
    LedgerEntry,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    Staff,
    Store,
    Voucher,
)
from hardware.receipt import DrawerPulse, Receipt, ReceiptBuilder, Text
from posapp.core.codes import sign_customer_card
from posapp.core.cpf import mask_cpf
from posapp.core.ledger import EntryKind, replay
from posapp.core.masks import show_cnpj, show_phone, with_cep_shown
from posapp.core.money import format_money
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram, ProgramMode
from posapp.core.tender_names import tender_name
from posapp.core.tiers import progress_text
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.customers.registry import account_in
from posapp.services.loyalty.ledger import movement_of
from posapp.services.loyalty.tiers import ladder_for, spend_12m
from posapp.services.loyalty.vouchers import qr_payload
from posapp.services.messages.survey import read_survey_settings, survey_link
from posapp.services.payments.refund_split import electronic_shares
from posapp.services.payments.tenders import card_lines, pix_in, pix_line

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
    "refund_title": ("COMPROVANTE DE DEVOLUÇÃO", "REFUND RECEIPT"),
    "void_title": ("CANCELAMENTO DE VENDA", "SALE CANCELLED"),
    "made_at": ("Em {when}", "On {when}"),
    "returned": ("Itens devolvidos", "Items returned"),
    "goods": ("Total dos itens", "Items total"),
    "money_back": ("Devolvido em dinheiro", "Paid back in money"),
    "back_cash": ("  Dinheiro (do caixa)", "  Cash (from the drawer)"),
    "back_to": ("  Estorno {tender}", "  Back to {tender}"),
    "loyalty_share": ("Pago com cashback/vale", "Paid with cashback/voucher"),
    "restored": ("Cashback devolvido", "Cashback restored"),
    "reversed": ("Cashback estornado", "Cashback reversed"),
    "restored_points": ("Pontos devolvidos", "Points restored"),
    "reversed_points": ("Pontos estornados", "Points reversed"),
    "clawback": ("Retido do dinheiro", "Kept from the money"),
    "clawback_why": (
        "O cashback ganho nestes itens ({earned}) já tinha sido usado; {kept} foi "
        "descontado do dinheiro devolvido.",
        "The cashback these items earned ({earned}) was already spent; {kept} was "
        "kept from the money paid back.",
    ),
    "reopened": ("Vale reaberto: {code}", "Voucher reopened: {code}"),
    "cancelled": ("Vale cancelado: {code}", "Voucher cancelled: {code}"),
    "lapsed": (
        "Vale vencido: {code} (reaberto após a validade)",
        "Voucher expired: {code} (reopened past its date)",
    ),
    "lapsed_back": (
        "Vale vencido: {code} (reaberto após a validade; {value} de volta ao saldo)",
        "Voucher expired: {code} (reopened past its date; {value} back to the balance)",
    ),
    "reason": ("Motivo: {reason}", "Reason: {reason}"),
    "made_by": ("Feito por: {name}", "Made by: {name}"),
    "approved_by": ("Autorizado por: {name}", "Approved by: {name}"),
    "balance_after": ("Saldo de cashback agora", "Cashback balance now"),
    "points_after": ("Saldo de pontos agora", "Points balance now"),
    "signature": ("Assinatura do cliente", "Customer's signature"),
    "survey": (
        "Como foi o seu atendimento? Aponte a câmera para o QR e dê sua nota.",
        "How did we do? Point your camera at the QR and rate us.",
    ),
    "copy": ("2ª VIA", "COPY"),
}


def text(key: str, locale: str, **values: object) -> str:
    pt, en = _TEXT[key]
    return (pt if locale.startswith("pt") else en).format(**values)


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
        _totals(out, sale, style, session)
        if sale.customer_id is not None:
            out.rule()
        _after_totals(out, station, session, sale, settings, style)
        return out.cut().build()


def append_sale_tail(
    out: ReceiptBuilder, station: Station, sale_id: int, settings: CounterSettings
) -> ReceiptBuilder:
    """The sale's cashback section, survey, footer and drawer, after another document
    (the DANFE NFC-e): the same as the end of the sale's own receipt. Uncut."""
    style = _Style(settings.language, ZoneInfo(settings.timezone))
    with station.read() as session:
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise LookupError(f"sale {sale_id} not found")
        _after_totals(out, station, session, sale, settings, style)
    return out


def _after_totals(
    out: ReceiptBuilder,
    station: Station,
    session: Session,
    sale: Sale,
    settings: CounterSettings,
    style: _Style,
) -> None:
    store = station.store(session)
    program = LoyaltyProgram.from_json(store.program_json)
    if sale.customer_id is not None:
        customer = session.get(Customer, sale.customer_id)
        assert customer is not None
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


def _header(out: ReceiptBuilder, store: Store, style: _Style) -> None:
    out.text(store.name, align="center", bold=True, double=True)
    details = (
        with_cep_shown(store.address) if store.address else None,
        show_phone(store.phone) if store.phone else None,
        f"CNPJ {show_cnpj(store.cnpj)}" if store.cnpj else None,
    )
    for detail in details:
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


def _totals(out: ReceiptBuilder, sale: Sale, style: _Style, session: Session) -> None:
    if sale.discount:
        out.row(text("subtotal", style.locale), style.money(sale.gross))
        out.row(text("discounts", style.locale), "-" + style.money(sale.discount))
    out.row(text("total", style.locale), style.money(sale.total), bold=True)
    cards = card_lines(session, sale.id, style.locale)
    pix = pix_in(session, sale.id)
    for payment in sale.payments:
        out.row(tender_name(payment.tender, style.locale), style.money(payment.amount))
        for detail in cards.get(payment.id, ()):
            out.text("  " + detail)
        if pix is not None and pix.payment_id == payment.id:
            out.text("  " + pix_line(pix, style.locale))
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
        # What she has (as the message she gets says), not the ledger's total, which
        # keeps a lapsed lot until the daily expiry run writes it off.
        has = replay(movement_of(e) for e in entries).balance(sale.created_at).current
        if points:
            value = style.money(program.value_of_units(max(has, 0)))
            out.row(text("balance_points", locale), str(has))
            out.text(text("points_value", locale, points=has, value=value))
        else:
            out.row(text("balance", locale), style.money(has), bold=True)
    issued = session.scalars(
        select(Voucher).where(Voucher.issue_sale_id == sale.id, Voucher.customer_id == customer.id)
    )
    for voucher in issued:
        _voucher(out, voucher, store, style)
    if program.referral is not None:  # only what the store's program offers
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


def refund_receipt(station: Station, refund_id: int, settings: CounterSettings) -> Receipt:
    """A refund's or a void's receipt: what came back, in what, and who allowed it.

    Built from the committed refund rows, so a reprint is the same paper. The
    money back is split as the refund service paid it: `cash_back` from the
    drawer, the rest back to the sale's card or PIX payments in proportion
    (exact over successive refunds of the same sale, like the loyalty share).
    """
    style = _Style(settings.language, ZoneInfo(settings.timezone))
    locale = style.locale
    with station.read() as session:
        store = station.store(session)
        program = LoyaltyProgram.from_json(store.program_json)
        record = session.get(Refund, refund_id)
        if record is None:
            raise LookupError(f"refund {refund_id} not found")
        sale = session.get(Sale, record.sale_id)
        assert sale is not None
        out = ReceiptBuilder(paper=settings.paper_mm)
        _header(out, store, style)
        title = "void_title" if record.kind == "void" else "refund_title"
        out.text(text(title, locale), align="center", bold=True)
        out.row(text("sale", locale, number=f"{sale.number:06d}"), style.when(sale.created_at))
        out.text(text("made_at", locale, when=style.when(record.created_at)))
        out.rule()
        out.text(text("returned", locale), bold=True)
        returned = session.execute(
            select(RefundLine, SaleLine)
            .join(SaleLine, SaleLine.id == RefundLine.sale_line_id)
            .where(RefundLine.refund_id == record.id)
            .order_by(RefundLine.id)
        ).all()
        for refund_line, sale_line in returned:
            out.row(sale_line.description, style.money(refund_line.amount))
            out.text(f"  {refund_line.quantity} x {style.money(sale_line.unit_price)}")
        out.row(text("goods", locale), style.money(record.goods_amount), bold=True)
        out.rule()
        _money_back(out, session, sale, record, style)
        points = program.mode is ProgramMode.POINTS
        if record.loyalty_share:
            out.row(text("loyalty_share", locale), style.money(record.loyalty_share))

        def units(amount: int) -> str:
            return str(amount) if points else style.money(amount)

        if record.cashback_restored:
            key = "restored_points" if points else "restored"
            out.row(text(key, locale), units(record.cashback_restored))
        if record.cashback_reversed:
            key = "reversed_points" if points else "reversed"
            out.row(text(key, locale), units(record.cashback_reversed))
        if record.clawback:
            out.row(text("clawback", locale), "-" + style.money(record.clawback))
            earned = sum(line.earned for line, _ in returned)
            value = style.money(program.value_of_units(earned))
            kept = style.money(record.clawback)
            out.text(text("clawback_why", locale, earned=value, kept=kept))
        for line in _voucher_lines(session, record, program, style):
            out.text(line)
        out.rule()
        out.text(text("reason", locale, reason=record.reason))
        for key, staff_id in (
            ("made_by", record.staff_id),
            ("approved_by", record.authorized_by_id),
        ):
            person = session.get(Staff, staff_id)
            if person is not None:
                out.text(text(key, locale, name=person.name))
        if sale.customer_id is not None:
            customer = session.get(Customer, sale.customer_id)
            assert customer is not None
            out.rule()
            document = mask_cpf(customer.cpf) if customer.cpf else ""
            out.text(f"{text('customer', locale, name=customer.name)} {document}".strip())
            balance = _balance_after_refund(session, customer.id, record)
            if balance is not None:
                out.row(
                    text("points_after" if points else "balance_after", locale),
                    units(balance),
                    bold=True,
                )
        if record.money_back:
            out.feed(2).text("_" * min(28, out.paper.columns - 4), align="center")
            out.text(text("signature", locale), align="center")
        if settings.receipt_footer:
            out.feed().text(settings.receipt_footer, align="center")
        out.feed(2)
        if record.cash_back:
            out.drawer(pin=2 if settings.drawer_pin == 2 else 5)
        return out.cut().build()


def _voucher_lines(
    session: Session, record: Refund, program: LoyaltyProgram, style: _Style
) -> list[str]:
    """One line per voucher the refund touched: reopened, cancelled, or reopened past its
    date and so lapsed at once (its cashback, written back lot by lot, said as one sum)."""
    rows = session.execute(
        select(LedgerEntry.kind, LedgerEntry.voucher_code, LedgerEntry.amount)
        .where(
            LedgerEntry.refund_id == record.id,
            LedgerEntry.kind.in_((EntryKind.VOUCHER_RESTORE.value, EntryKind.VOUCHER_CANCEL.value)),
        )
        .order_by(LedgerEntry.id)
    ).all()
    reopened = {code for kind, code, _ in rows if kind == EntryKind.VOUCHER_RESTORE.value}
    lapsed = set(
        session.scalars(
            select(Voucher.code).where(
                Voucher.code.in_(reopened), Voucher.expires_at <= record.created_at
            )
        )
    )
    back: dict[str | None, int] = {}
    for kind, code, amount in rows:
        if kind == EntryKind.VOUCHER_CANCEL.value:
            back[code] = back.get(code, 0) + amount
    lines: list[str] = []
    for code in dict.fromkeys(code for _, code, _ in rows):
        if code in lapsed and back.get(code):
            value = style.money(program.value_of_units(back[code]))
            lines.append(text("lapsed_back", style.locale, code=code, value=value))
        elif code in lapsed:
            lines.append(text("lapsed", style.locale, code=code))
        elif code in reopened:
            lines.append(text("reopened", style.locale, code=code))
        else:
            lines.append(text("cancelled", style.locale, code=code))
    return lines


def _money_back(
    out: ReceiptBuilder, session: Session, sale: Sale, record: Refund, style: _Style
) -> None:
    """The money back, split into the drawer's cash and each card or PIX payment."""
    locale = style.locale
    out.row(text("money_back", locale), style.money(record.money_back), bold=True)
    if not record.money_back:
        return
    if record.cash_back:
        out.row(text("back_cash", locale), style.money(record.cash_back))
    rest = record.money_back - record.cash_back
    if rest <= 0:
        return
    shares = electronic_shares(session, sale, record)
    if not shares:  # a sale paid only in cash and loyalty: no card to go back to
        out.row(text("back_cash", locale), style.money(rest))
        return
    for payment, share in shares:
        if share:
            name = tender_name(payment.tender, locale)
            out.row(text("back_to", locale, tender=name), style.money(share))


def _balance_after_refund(session: Session, customer_id: int, record: Refund) -> int | None:
    """The customer's balance right after this refund (its last ledger row, or its moment)."""
    last = session.scalar(
        select(func.max(LedgerEntry.id)).where(
            LedgerEntry.customer_id == customer_id, LedgerEntry.refund_id == record.id
        )
    )
    query = select(LedgerEntry).where(LedgerEntry.customer_id == customer_id)
    if last is not None:
        query = query.where(LedgerEntry.id <= last)
    else:
        query = query.where(LedgerEntry.created_at <= record.created_at)
    entries = session.scalars(query.order_by(LedgerEntry.id)).all()
    if not entries:
        return None
    return replay(movement_of(e) for e in entries).balance(record.created_at).current


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
        if program.referral is not None:
            out.text(text("referral", locale, code=customer.referral_code), align="center")
        out.feed(2).cut()
        return out.build()


def second_copy(receipt: Receipt, locale: str) -> Receipt:
    """The paper printed again: marked "2ª VIA" at the top and never opening the drawer.

    A reprint is asked for at any time, sale or no sale: if it pulsed the drawer like the
    first print, F7 would open the cash drawer with no money moving.
    """
    mark = Text(text("copy", locale), align="center", bold=True)
    kept = tuple(block for block in receipt.blocks if not isinstance(block, DrawerPulse))
    return Receipt((mark, *kept), receipt.paper)
