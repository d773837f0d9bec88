"""Delivery channels for customer messages: SMTP e-mail and a provider webhook.

Knows nothing of posapp (an import-linter contract checks it): it takes an
OutgoingMessage already written and rendered, and either delivers it or raises
TemporaryDeliveryError (try again later) or PermanentDeliveryError (give up).
`retry` turns those into the next attempt's time, `qr` draws a voucher's QR.
"""

from messaging.errors import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from messaging.message import Attachment, OutgoingMessage, Sender

__all__ = [
    "Attachment",
    "DeliveryError",
    "OutgoingMessage",
    "PermanentDeliveryError",
    "Sender",
    "TemporaryDeliveryError",
]
