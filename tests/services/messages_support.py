"""Helpers for the message tests: store settings, outbox rows, decoded QR images."""

from __future__ import annotations

import io
from typing import Any

import zxingcpp
from PIL import Image
from sqlalchemy import select

from db.models import Message
from posapp.services.messages.config import MessagingSettings, save_messaging
from tests.support import MANAGER_PIN, Shop

SENDER = "Loja Teste <contato@lojateste.com.br>"


def email_settings(port: int, **changes: Any) -> MessagingSettings:
    """E-mail to an SMTP server on loopback; no quiet hours and no cap unless asked."""
    base = MessagingSettings(
        channels=("email",),
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_tls="none",
        smtp_sender=SENDER,
        quiet_start="00:00",
        quiet_end="00:00",
        weekly_cap=0,
    )
    return base.with_changes(**changes)


def configure(shop: Shop, settings: MessagingSettings) -> MessagingSettings:
    return save_messaging(shop.station, settings, staff_id=shop.manager_id, manager_pin=MANAGER_PIN)


def rows(shop: Shop, kind: str | None = None) -> list[Message]:
    """The outbox rows (of one kind), oldest first, detached."""
    with shop.station.read() as session:
        query = select(Message).order_by(Message.id)
        if kind is not None:
            query = query.where(Message.kind == kind)
        found = list(session.scalars(query))
        session.expunge_all()
        return found


def decoded_qr(png: bytes) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
