"""A provider webhook for WhatsApp or SMS gateways: one HTTP POST per message.

The URL, the headers and a JSON body template are settings, so any gateway
that takes a JSON POST fits without code. The template is JSON with
placeholders: {to}, {text}, {subject}, {idempotency_key}, {qr_png_base64}.
Each is replaced by the value JSON-escaped without its quotes, so it belongs
inside a JSON string: '{"phone": "{to}", "message": "{text}"}'. A quote, a
line break or an accent in the text can never break the JSON. Header values
may use the same placeholders (filled as they are; line breaks refused).

Replies: 2xx delivered; 408, 425, 429 and 5xx temporary (a Retry-After in
seconds is kept for the back-off); timeouts and connection errors temporary;
any other status (other 4xx, a redirect) permanent.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from messaging.errors import PermanentDeliveryError, TemporaryDeliveryError
from messaging.message import OutgoingMessage

PLACEHOLDERS = ("to", "text", "subject", "idempotency_key", "qr_png_base64")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TEMPORARY_STATUSES = frozenset({408, 425, 429})

if TYPE_CHECKING:
    import httpx  # imported on the first send: it costs ~0.1-0.3 s of the counter's start-up


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    url: str
    body_template: str
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout_s: float = 15.0


def _values(message: OutgoingMessage) -> dict[str, str]:
    image = message.first_image()
    return {
        "to": message.to,
        "text": message.text,
        "subject": message.subject,
        "idempotency_key": message.idempotency_key,
        "qr_png_base64": base64.b64encode(image.data).decode("ascii") if image else "",
    }


def _json_inner(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


def validate_body_template(template: str) -> list[str]:
    """Problems of a body template, in plain English for the settings screen; empty when sound.

    Unknown placeholders, and a template that is not valid JSON once filled.
    """
    problems = [
        f"unknown placeholder {{{name}}}; use one of "
        + ", ".join("{" + p + "}" for p in PLACEHOLDERS)
        for name in _PLACEHOLDER.findall(template)
        if name not in PLACEHOLDERS
    ]
    if not problems:
        # not a bare number, so a placeholder left outside quotes shows up as invalid JSON
        sample = OutgoingMessage("+55 11 91234-5678", 'a "b"', 'Olá "x"\n{y}', idempotency_key="k")
        try:
            json.loads(render_body(template, sample))
        except ValueError as error:
            problems.append(f"not valid JSON once filled: {error}")
    return problems


def render_body(template: str, message: OutgoingMessage) -> str:
    """The template with each known placeholder replaced by its JSON-escaped value."""
    values = _values(message)

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return _json_inner(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(fill, template)


def render_headers(headers: Mapping[str, str], message: OutgoingMessage) -> dict[str, str]:
    values = _values(message)
    filled = {
        name: _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value)
        for name, value in headers.items()
    }
    for name, value in filled.items():
        if "\r" in value or "\n" in value:
            raise PermanentDeliveryError("bad_header", f"{name} would contain a line break")
    return filled


def send_webhook(
    message: OutgoingMessage, settings: WebhookSettings, client: httpx.Client | None = None
) -> int:
    """POST the message; the status code when delivered, a DeliveryError otherwise."""
    problems = validate_body_template(settings.body_template)
    if problems:
        raise PermanentDeliveryError("bad_template", "; ".join(problems))
    body = render_body(settings.body_template, message).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8"}
    headers.update(render_headers(settings.headers, message))
    import httpx

    own = client is None
    http = client or httpx.Client(timeout=settings.timeout_s)
    try:
        response = http.post(
            settings.url, content=body, headers=headers, timeout=settings.timeout_s
        )
    except httpx.TimeoutException as error:
        raise TemporaryDeliveryError("timeout", str(error)) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
        raise PermanentDeliveryError("bad_url", str(error)) from None
    except httpx.TransportError as error:
        raise TemporaryDeliveryError("connection", str(error)) from None
    finally:
        if own:
            http.close()
    status = response.status_code
    if 200 <= status < 300:
        return status
    detail = f"{status} {response.text[:200]}".strip()
    if status in _TEMPORARY_STATUSES or status >= 500:
        raise TemporaryDeliveryError(
            f"http_{status}", detail, _retry_after(response.headers.get("Retry-After"))
        )
    raise PermanentDeliveryError(f"http_{status}", detail)


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds; the HTTP-date form is ignored (the back-off decides)."""
    if value is None or not value.strip().isdigit():
        return None
    return float(value.strip())


class WebhookSender:
    """The WhatsApp/SMS channel (messaging.Sender)."""

    def __init__(self, settings: WebhookSettings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.client = client

    def send(self, message: OutgoingMessage) -> None:
        send_webhook(message, self.settings, self.client)
