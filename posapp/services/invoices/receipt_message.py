"""A sale's receipt by e-mail or WhatsApp, at the cashier's request, instead of or with paper.

It is a transactional message (`MessageKind.RECEIPT`): the customer asked for it at the
counter, so it needs no marketing consent and knows no weekly cap or quiet hours. It goes
through the customer message outbox like any other message (this counter's SMTP or
provider webhook, or the chain's endpoint, whose WhatsApp template is "recibo"), to the
address typed at the counter, else the sale's customer's on file.

The text is the paper receipt's lines, and the link to the customer's page on the
chain's endpoint when this counter syncs with one and the sale has a customer.
It lives here, above sales and sync, because it needs both (the receipt and the
endpoint's address); the sale is committed long before anything is sent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from email_validator import EmailNotValidError, validate_email

from db.models import Customer, Sale
from hardware.receipt import Receipt, Row, Rule, Text
from posapp.core.errors import PosError
from posapp.core.messages import Channel, MessageFacts, MessageKind
from posapp.core.nps import sign_survey_qr
from posapp.core.phone import normalize_mobile
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff
from posapp.services.common.counter_settings import load_settings
from posapp.services.common.station import Station
from posapp.services.messages.config import messaging_settings
from posapp.services.messages.queue import REASON_ENDPOINT, enqueue
from posapp.services.sales.receipts import sale_receipt
from posapp.services.sync.config import config_in


class InvalidEmail(PosError):
    code = "invalid_email"
    pt_BR = "E-mail inválido: {value}. Confira o endereço, ex.: nome@exemplo.com.br."
    en = "Invalid e-mail address: {value}. Check it, e.g. name@example.com."


class ReceiptChannelOff(PosError):
    code = "receipt_channel_off"
    pt_BR = "O envio por {channel_pt} não está configurado nesta loja (Gerência > Mensagens)."
    en = "Sending by {channel_en} is not set up in this store (Management > Messages)."


class ReceiptsOff(PosError):
    code = "receipts_off"
    pt_BR = "O envio de comprovantes está desligado nesta loja (Gerência > Mensagens)."
    en = "Sending receipts is turned off in this store (Management > Messages)."


class NoReceiptAddress(PosError):
    code = "no_receipt_address"
    pt_BR = "A venda não tem cliente com {contact_pt} cadastrado: digite o endereço."
    en = "The sale has no customer with a {contact_en} on file: type the address."


class ReceiptNeedsCustomer(PosError):
    code = "receipt_needs_customer"
    pt_BR = (
        "A central da rede envia as mensagens desta loja e precisa do cliente da venda: "
        "identifique o cliente ou imprima o comprovante."
    )
    en = (
        "The chain's endpoint sends this store's messages and needs the sale's customer: "
        "identify the customer or print the receipt."
    )


_NAMES = {
    Channel.EMAIL: ("e-mail", "e-mail", "e-mail", "e-mail address"),
    Channel.WHATSAPP: ("WhatsApp", "WhatsApp", "celular", "mobile number"),
}


@dataclass(frozen=True, slots=True)
class ReceiptSent:
    message_id: int
    channel: Channel
    to: str
    status: str
    """'queued', or 'skipped' (a demo database sends nothing)."""
    by_endpoint: bool
    """True: the chain's endpoint delivers it (after the next sync)."""


def clean_address(channel: Channel, address: str) -> str:
    """The address as stored: a normalized e-mail or a +55 mobile; InvalidEmail/InvalidPhone."""
    if channel is Channel.EMAIL:
        try:
            return validate_email(address.strip(), check_deliverability=False).normalized
        except EmailNotValidError:
            raise InvalidEmail(value=address.strip()) from None
    return normalize_mobile(address)


def receipt_lines(receipt: Receipt) -> list[str]:
    """The paper's text, line by line, as a monospaced message shows it (codes left out)."""
    width = receipt.columns
    lines: list[str] = []
    for block in receipt.blocks:
        if isinstance(block, Text):
            lines.append(
                block.text.center(width).rstrip() if block.align == "center" else block.text
            )
        elif isinstance(block, Row):
            gap = max(1, width - len(block.left) - len(block.right))
            lines.append(f"{block.left}{' ' * gap}{block.right}")
        elif isinstance(block, Rule):
            lines.append(block.char * width)
    return lines


def _page_link(station: Station, sale: Sale) -> str:
    with station.read() as session:
        config = config_in(session)
        store = station.store(session)
    if not config.configured or sale.customer_id is None:
        return ""
    payload = sign_survey_qr(store.uuid, sale.uuid, store.signing_key)
    return f"{config.url.strip().rstrip('/')}/c?r={quote(payload, safe='')}"


def send_receipt(
    station: Station,
    sale_id: int,
    channel: Channel | Literal["email", "whatsapp"],
    address: str | None,
    staff_id: int,
) -> ReceiptSent:
    """Queue the receipt of a committed sale for `channel`, to `address` or the customer's."""
    chosen = Channel(channel)
    names = _NAMES[chosen]
    typed = (address or "").strip()
    to = clean_address(chosen, typed) if typed else ""
    settings = load_settings(station)
    receipt = sale_receipt(station, sale_id, settings)
    with station.read() as session:
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise LookupError(f"sale {sale_id} not found")
        session.expunge(sale)
    link = _page_link(station, sale)
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        messaging = messaging_settings(station, session)
        if chosen.value not in messaging.channels:
            raise ReceiptChannelOff(channel_pt=names[0], channel_en=names[1])
        customer = session.get(Customer, sale.customer_id) if sale.customer_id else None
        if not to:
            on_file = (
                (customer.email if chosen is Channel.EMAIL else customer.phone)
                if customer
                else None
            )
            if not on_file:
                raise NoReceiptAddress(contact_pt=names[2], contact_en=names[3])
            to = on_file
        if customer is None and not messaging.counter_sends:
            raise ReceiptNeedsCustomer()
        written = enqueue(
            station,
            session,
            kind=MessageKind.RECEIPT,
            customer=customer,
            period=sale.uuid,
            facts=MessageFacts(
                "",
                customer.name if customer is not None else "",
                amount_centavos=sale.total,
                receipt_text="\n".join(receipt_lines(receipt)),
                sale_number=f"{sale.number:06d}",
                page_link=link,
            ),
            now=now,
            key=f"receipt:{sale.uuid}:{uuid.uuid4()}",
            send_to=(chosen, to),
        )
        if written is None:  # the manager turned receipts off (the key is new each time)
            raise ReceiptsOff()
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="receipt.send",
            staff_id=staff.id,
            target=f"sale:{sale.uuid}",
            channel=chosen.value,
            typed=bool(typed),
        )
    return ReceiptSent(written.id, chosen, to, written.status, written.reason == REASON_ENDPOINT)
