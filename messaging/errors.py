"""Delivery failures, split by what the retry loop should do with them."""

from __future__ import annotations


class DeliveryError(Exception):
    """A message was not delivered. `reason` is a short stable code for the outbox."""

    temporary: bool = False

    def __init__(self, reason: str, detail: str = "", retry_after_s: float | None = None) -> None:
        self.reason = reason
        self.detail = detail
        self.retry_after_s = retry_after_s
        super().__init__(f"{reason}: {detail}" if detail else reason)


class TemporaryDeliveryError(DeliveryError):
    """Worth another attempt later: connection refused or dropped, timeout, SMTP 4xx,
    HTTP 429/5xx."""

    temporary = True


class PermanentDeliveryError(DeliveryError):
    """Retrying cannot help: SMTP 5xx, a bad address, HTTP 4xx, a broken setting."""
