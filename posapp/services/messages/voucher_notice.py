"""The "voucher issued" message, wherever a voucher is issued: a sale, the daily run, an adjustment.

The seeds promise that "a voucher is automatically sent": a balance voucher made when
pending cashback matures (the daily run) or after a manager's credit must reach the
customer just like one made at the counter. The message is written in the issuing
transaction, with the voucher's signed QR payload for delivery to draw.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from db.models import Customer, Voucher
from posapp.core.messages import MessageFacts, MessageKind
from posapp.core.program import LoyaltyProgram, ProgramMode
from posapp.services.common.station import Station
from posapp.services.loyalty.earning import earn_rules
from posapp.services.loyalty.ledger import Book
from posapp.services.loyalty.vouchers import qr_payload
from posapp.services.messages.queue import enqueue


def announce_voucher(
    station: Station,
    session: Session,
    book: Book,
    holder: Customer,
    voucher: Voucher,
    program: LoyaltyProgram,
) -> None:
    store = station.snapshot(session).store
    zone = earn_rules(station, session).zone
    enqueue(
        station,
        session,
        kind=MessageKind.VOUCHER_ISSUED,
        customer=holder,
        period=voucher.code,
        facts=MessageFacts(
            store.name,
            holder.name,
            balance_centavos=book.replay(holder.id).balance(book.now).current,
            points=program.mode is ProgramMode.POINTS,
            voucher_code=voucher.code,
            voucher_value_centavos=voucher.value or voucher.max_discount,
            voucher_expires_on=voucher.expires_at.astimezone(zone).date(),
        ),
        now=book.now,
        qr_payload=qr_payload(voucher, store),
    )
