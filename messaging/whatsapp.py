"""WhatsApp Business Cloud API: approved template messages through Meta's Graph API.

httpx against the Graph API rather than pywa: we call ONE endpoint
(`POST /{version}/{phone-number-id}/messages` with a template) and read its JSON
answer and error object; httpx is already our HTTP client (the webhook channel, the
sync client), gives the timeouts and the transport errors we map onto the retry
loop, and takes any base URL, so our local Graph server in `messaging.testing` stands
in for Meta. pywa brings a web framework integration, its own models of every
message type and its own webhook server, none of which we use, and would pin our
retry decisions to its exceptions.

Business-initiated messages must be approved templates: each message kind maps to a
template (`WhatsAppTemplate`) whose body parameters are named facts of the message
(`OutgoingMessage.values`), sent in order as text parameters, language pt_BR. The
template's category (utility, marketing, authentication) is Meta's pricing category:
the cost class we record per message (Meta's status webhook confirms it later).

Answers: 2xx with `messages[0].id` (the wamid) delivered to Meta; HTTP 429, 5xx and
the throttling codes (4, 80007, 130429, 131056, 131000, 1, 2) temporary; any other
error object permanent (its code and title kept as the reason's detail).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import httpx

from messaging.errors import PermanentDeliveryError, TemporaryDeliveryError
from messaging.message import OutgoingMessage

GRAPH_URL = "https://graph.facebook.com"
API_VERSION = "v21.0"
LANGUAGE = "pt_BR"
CATEGORIES = ("utility", "marketing", "authentication", "service")
"""Meta's pricing categories: what a message costs depends on it."""
TEMPORARY_CODES = frozenset({1, 2, 4, 80007, 130429, 131000, 131056})
"""Graph API error codes worth another attempt (service down, rate and pair limits)."""


@dataclass(frozen=True, slots=True)
class WhatsAppTemplate:
    """An approved template: its name in Meta's manager, its body parameters, its category."""

    name: str
    params: Sequence[str] = ()
    """Names of `OutgoingMessage.values`, in the order of the template's {{1}}, {{2}}..."""
    category: str = "utility"

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", tuple(self.params))


@dataclass(frozen=True, slots=True)
class WhatsAppSettings:
    phone_number_id: str
    access_token: str
    templates: Mapping[str, WhatsAppTemplate] = field(default_factory=dict)
    """By message kind."""
    graph_url: str = GRAPH_URL
    api_version: str = API_VERSION
    language: str = LANGUAGE
    timeout_s: float = 15.0

    def messages_url(self) -> str:
        return f"{self.graph_url.rstrip('/')}/{self.api_version}/{self.phone_number_id}/messages"


@dataclass(frozen=True, slots=True)
class WhatsAppReceipt:
    """What Meta gave back for one accepted message."""

    message_id: str
    """The wamid: Meta's status webhooks name the message by it."""
    cost_class: str


def recipient(to: str) -> str:
    """The phone as the Graph API takes it: digits with the country code (55 for Brazil)."""
    digits = "".join(c for c in to if c.isdigit())
    if len(digits) in (10, 11):  # a Brazilian number written without the country code
        digits = "55" + digits
    if not 12 <= len(digits) <= 15:
        raise PermanentDeliveryError("bad_phone", f"not a phone number: {to!r}")
    return digits


def param_text(value: str) -> str:
    """A parameter as Meta takes it: no line break, no tab, no run of more than 4 spaces
    (error 132018 otherwise, for good): each run of white space one space."""
    return " ".join(value.split())


def template_payload(message: OutgoingMessage, settings: WhatsAppSettings) -> dict[str, object]:
    """The JSON body of a template message; a kind without a template is permanent."""
    template = settings.templates.get(message.kind)
    if template is None:
        raise PermanentDeliveryError(
            "no_template", f"no approved WhatsApp template for {message.kind or 'this message'}"
        )
    values = {name: param_text(message.values.get(name, "")) for name in template.params}
    missing = [name for name in template.params if not values[name]]
    if missing:
        raise PermanentDeliveryError(
            "missing_parameter", f"template {template.name} needs {', '.join(missing)}"
        )
    body: dict[str, object] = {
        "name": template.name,
        "language": {"code": settings.language},
    }
    if template.params:
        body["components"] = [
            {
                "type": "body",
                "parameters": [{"type": "text", "text": values[name]} for name in template.params],
            }
        ]
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": recipient(message.to),
        "type": "template",
        "biz_opaque_callback_data": message.idempotency_key,
        "template": body,
    }


def send_template(
    message: OutgoingMessage, settings: WhatsAppSettings, client: httpx.Client | None = None
) -> WhatsAppReceipt:
    """POST the template message; the wamid when Meta accepts it, a DeliveryError otherwise."""
    payload = template_payload(message, settings)
    category = settings.templates[message.kind].category
    own = client is None
    http = client or httpx.Client(timeout=settings.timeout_s)
    try:
        response = http.post(
            settings.messages_url(),
            json=payload,
            headers={"Authorization": f"Bearer {settings.access_token}"},
            timeout=settings.timeout_s,
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
    return _receipt(response, category)


def _receipt(response: httpx.Response, category: str) -> WhatsAppReceipt:
    status = response.status_code
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if 200 <= status < 300 and isinstance(answer, dict):
        found = answer.get("messages")
        if isinstance(found, list) and found and isinstance(found[0], dict):
            wamid = found[0].get("id")
            if isinstance(wamid, str) and wamid:
                return WhatsAppReceipt(wamid, category)
        raise PermanentDeliveryError("bad_answer", f"{status} without a message id")
    error = answer.get("error") if isinstance(answer, dict) else None
    if not isinstance(error, dict):
        detail = f"{status} {response.text[:200]}".strip()
        if status == 429 or status >= 500:
            raise TemporaryDeliveryError(f"http_{status}", detail)
        raise PermanentDeliveryError(f"http_{status}", detail)
    code = error.get("code")
    data = error.get("error_data")
    details = data.get("details") if isinstance(data, dict) else None
    detail = f"{code} {error.get('message', '')}{f' ({details})' if details else ''}".strip()[:300]
    reason = f"whatsapp_{code}" if isinstance(code, int) else f"http_{status}"
    if status == 429 or status >= 500 or code in TEMPORARY_CODES:
        raise TemporaryDeliveryError(reason, detail)
    raise PermanentDeliveryError(reason, detail)


class WhatsAppSender:
    """The WhatsApp Cloud API channel (messaging.Sender). Each accepted message's receipt is
    kept by idempotency key, for the caller to record the wamid and the cost class."""

    def __init__(self, settings: WhatsAppSettings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.client = client
        self.receipts: dict[str, WhatsAppReceipt] = {}

    def send(self, message: OutgoingMessage) -> None:
        self.receipts[message.idempotency_key] = send_template(message, self.settings, self.client)
