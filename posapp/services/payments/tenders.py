"""A sale's card and Pix details, written with its payments and read back.

Checkout (sales) hands `record_tender_details` the money tenders in the order it wrote
their `sale_payment` rows, inside the sale's transaction: a card tender's details become
a `card_payment` row; a static Pix is recorded with its txid (the cashier said "Pago");
a dynamic Pix must be a charge the PSP reported paid and that completed no sale yet,
else the whole sale is refused (one charge never pays two sales).

`sale_cards` gives the receipt, Vendas and the NFC-e mapping the card details back as
`payments.card.CardDetails`, each with its payment's id and amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from db.models import CardPayment, PixCharge, SalePayment, table_of
from payments.card import CardDetails, CardKind, Integration
from posapp.services.common.station import Station
from posapp.services.payments.errors import CardTenderMismatch, PixChargeNotPaid

STATIC, DYNAMIC = "static", "dynamic"
WAITING, PAID, SOLD, CONFIRMED = "waiting", "paid", "sold", "confirmed"
EXPIRED, CANCELLED, FAILED, UNSETTLED = "expired", "cancelled", "failed", "unsettled"
MISMATCH = "mismatch"
"""Paid with another amount than the charge's: sold nothing, its money is to return."""

_CARD, _PIX, _PAY = table_of(CardPayment), table_of(PixCharge), table_of(SalePayment)
_KIND_NAMES = {"credit": ("crédito", "credit"), "debit": ("débito", "debit")}


@dataclass(frozen=True, slots=True)
class PixTender:
    """How a Pix tender was paid: a static code's txid, or a dynamic charge the PSP
    reported paid (its endToEndId)."""

    txid: str
    dynamic: bool = False
    end_to_end_id: str | None = None


@dataclass(frozen=True, slots=True)
class TenderDetail:
    tender: str
    amount: int
    card: CardDetails | None = None
    pix: PixTender | None = None


@dataclass(frozen=True, slots=True)
class SaleCard:
    payment_id: int
    tender: str
    amount: int
    card: CardDetails


@dataclass(frozen=True, slots=True)
class SalePix:
    payment_id: int | None
    txid: str
    dynamic: bool
    end_to_end_id: str | None
    amount: int


def record_tender_details(
    connection: Connection,
    sale_id: int,
    details: Sequence[TenderDetail],
    staff_id: int,
    now: datetime,
) -> None:
    """`details[i]` belongs to the sale's i-th payment row (money tenders come first)."""
    if not any(d.card is not None or d.pix is not None for d in details):
        return
    ids = (
        connection.execute(select(_PAY.c.id).where(_PAY.c.sale_id == sale_id).order_by(_PAY.c.id))
        .scalars()
        .all()
    )
    cards = []
    for payment_id, detail in zip(ids, details, strict=False):
        if detail.card is not None:
            _check_kind(detail.tender, detail.card)
            cards.append(_card_row(sale_id, payment_id, detail.card))
        if detail.pix is not None:
            _record_pix(connection, sale_id, payment_id, detail, staff_id, now)
    if cards:
        connection.execute(insert(_CARD), cards)


def _check_kind(tender: str, card: CardDetails) -> None:
    if card.kind.value != tender:
        card_pt, card_en = _KIND_NAMES[card.kind.value]
        tender_pt, tender_en = _KIND_NAMES.get(tender, (tender, tender))
        raise CardTenderMismatch(
            card_pt=card_pt, card_en=card_en, tender_pt=tender_pt, tender_en=tender_en
        )


def _card_row(sale_id: int, payment_id: int, card: CardDetails) -> dict[str, object]:
    return {
        "sale_payment_id": payment_id,
        "sale_id": sale_id,
        "kind": card.kind.value,
        "brand": card.brand,
        "integration": card.integration.value,
        "authorization": card.authorization,
        "nsu": card.nsu,
        "doc": card.doc,
        "acquirer_cnpj": card.acquirer_cnpj,
        "instalments": card.instalments,
        "terminal_ref": card.terminal_id,
    }


def _record_pix(
    connection: Connection,
    sale_id: int,
    payment_id: int,
    detail: TenderDetail,
    staff_id: int,
    now: datetime,
) -> None:
    pix = detail.pix
    assert pix is not None
    if not pix.dynamic:
        connection.execute(
            insert(_PIX).values(
                txid=pix.txid,
                kind=STATIC,
                amount=detail.amount,
                status=CONFIRMED,
                created_at=now,
                updated_at=now,
                staff_id=staff_id,
                sale_id=sale_id,
                sale_payment_id=payment_id,
            )
        )
        return
    linked = connection.execute(
        update(_PIX)
        .where(
            _PIX.c.txid == pix.txid,
            _PIX.c.kind == DYNAMIC,
            _PIX.c.status == PAID,
            _PIX.c.sale_id.is_(None),
            _PIX.c.amount == detail.amount,
            _PIX.c.end_to_end_id == pix.end_to_end_id,
        )
        .values(status=SOLD, sale_id=sale_id, sale_payment_id=payment_id, updated_at=now)
    )
    if linked.rowcount != 1:
        raise PixChargeNotPaid(txid=pix.txid)


def _card(row: CardPayment) -> CardDetails:
    return CardDetails(
        kind=CardKind(row.kind),
        brand=row.brand,
        integration=Integration(row.integration),
        authorization=row.authorization,
        nsu=row.nsu,
        doc=row.doc,
        acquirer_cnpj=row.acquirer_cnpj,
        instalments=row.instalments,
        terminal_id=row.terminal_ref,
    )


def cards_in(session: Session, sale_id: int) -> tuple[SaleCard, ...]:
    rows = session.execute(
        select(CardPayment, SalePayment.tender, SalePayment.amount)
        .join(SalePayment, SalePayment.id == CardPayment.sale_payment_id)
        .where(CardPayment.sale_id == sale_id)
        .order_by(CardPayment.sale_payment_id)
    ).all()
    return tuple(
        SaleCard(row.sale_payment_id, tender, amount, _card(row)) for row, tender, amount in rows
    )


def sale_cards(station: Station, sale_id: int) -> tuple[SaleCard, ...]:
    """The sale's card tenders as `payments.card.CardDetails` (for the NFC-e card group:
    `item.card.nfce_card()`, tPag `item.card.tpag`), in payment order."""
    with station.read() as session:
        return cards_in(session, sale_id)


def pix_in(session: Session, sale_id: int) -> SalePix | None:
    row = session.scalars(select(PixCharge).where(PixCharge.sale_id == sale_id)).first()
    if row is None:
        return None
    return SalePix(
        row.sale_payment_id, row.txid, row.kind == DYNAMIC, row.end_to_end_id, row.amount
    )


def card_lines(session: Session, sale_id: int, locale: str) -> dict[int, list[str]]:
    """The receipt's lines under each card payment, by payment id."""
    return {item.payment_id: item.card.receipt_lines(locale) for item in cards_in(session, sale_id)}


def pix_line(pix: SalePix, locale: str) -> str:
    """The receipt's line under a Pix payment: the end-to-end id the bank shows, or the
    static code's txid."""
    if pix.dynamic and pix.end_to_end_id:
        return f"E2E {pix.end_to_end_id}"
    return f"txid {pix.txid}" + (
        " (confirmado no caixa)" if locale.startswith("pt") else " (confirmed at the counter)"
    )
