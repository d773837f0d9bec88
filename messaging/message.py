"""The message a channel delivers, already rendered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    mime: str
    """'image/png', 'application/pdf'..."""
    data: bytes
    inline: bool = False
    """E-mail: shown in the body (Content-Disposition inline, with a Content-ID)."""

    @property
    def content_id(self) -> str:
        return self.filename.replace(" ", "_")


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    to: str
    """An e-mail address for SMTP; a phone (E.164 digits) for the webhook."""
    subject: str
    text: str
    html: str | None = None
    attachments: Sequence[Attachment] = field(default_factory=tuple)
    idempotency_key: str = ""
    """The outbox's unique key; sent along so a provider (or a reader) can spot a resend."""
    kind: str = ""
    """The message kind ('cashback_credited'...): a WhatsApp template is chosen by it."""
    values: Mapping[str, str] = field(default_factory=dict)
    """The facts' texts by placeholder name ('customer', 'amount'...), for template parameters."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "attachments", tuple(self.attachments))

    def first_image(self, mime: str = "image/png") -> Attachment | None:
        return next((a for a in self.attachments if a.mime == mime), None)


class Sender(Protocol):
    """A channel: delivers one message or raises a DeliveryError."""

    def send(self, message: OutgoingMessage) -> None: ...
