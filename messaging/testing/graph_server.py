"""A local WhatsApp Cloud API (Graph API) of ours, on 127.0.0.1, built from Meta's documentation.

It implements what posapp calls, `POST /{version}/{phone-number-id}/messages` with a
template message, and answers as Meta documents: 200 with `contacts` and `messages[0].id`
(a wamid); 401 with an `OAuthException` (code 190) for a wrong token; 400 with code 100
for a bad request, 132001 for a template that does not exist in that language, 132000 for
a wrong number of parameters, 132018 for a parameter with a line break, a tab or more
than 4 spaces in a row; 429 with 130429 when `throttle` is set. A number listed in
`undeliverable` is accepted, then fails by webhook with 131026, as on Meta.

`send_statuses` POSTs the status webhooks (sent, delivered, read or failed) to the
subscribed URL, signed with `X-Hub-Signature-256` (HMAC-SHA256 of the body, app secret)
exactly as Meta signs them; `send_reply` POSTs a message a customer wrote back (a text,
or a template's quick-reply button), signed the same way; `verify_subscription` does
Meta's GET challenge.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from messaging.whatsapp_status import SIGNATURE_HEADER, signature

_PATH = re.compile(r"^/(v\d+\.\d+)/([0-9]+)/messages$")


@dataclass
class SentMessage:
    """A message the server accepted: its wamid and the body as posted."""

    wamid: str
    body: dict[str, Any]
    phone_number_id: str

    @property
    def to(self) -> str:
        return str(self.body["to"])

    @property
    def template(self) -> str:
        return str(self.body["template"]["name"])

    @property
    def language(self) -> str:
        return str(self.body["template"]["language"]["code"])

    @property
    def parameters(self) -> list[str]:
        components = self.body["template"].get("components", [])
        return [p["text"] for c in components if c["type"] == "body" for p in c["parameters"]]


@dataclass
class GraphApi:
    """The server's state: the approved templates (name -> parameter count), what it got."""

    phone_number_id: str
    access_token: str
    app_secret: str
    templates: Mapping[str, int]
    language: str = "pt_BR"
    webhook_url: str = ""
    undeliverable: set[str] = field(default_factory=set)
    throttle: bool = False
    sent: list[SentMessage] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str, authorization: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        found = _PATH.match(path)
        if found is None or found.group(2) != self.phone_number_id:
            return 400, _error(100, "Unsupported post request.", "GraphMethodException", 33)
        if authorization != f"Bearer {self.access_token}":
            return 401, _error(190, "Invalid OAuth access token.", "OAuthException")
        if self.throttle:
            return 429, _error(130429, "Rate limit hit", "OAuthException")
        try:
            body = json.loads(raw)
        except ValueError:
            return 400, _error(100, "Invalid parameter", "OAuthException")
        problem = self._problem(body)
        if problem is not None:
            with self.lock:
                self.refused.append(body if isinstance(body, dict) else {})
            return 400, problem
        wamid = "wamid." + secrets.token_urlsafe(24)
        with self.lock:
            self.sent.append(SentMessage(wamid, body, self.phone_number_id))
        return 200, {
            "messaging_product": "whatsapp",
            "contacts": [{"input": body["to"], "wa_id": body["to"]}],
            "messages": [{"id": wamid, "message_status": "accepted"}],
        }

    def _problem(self, body: Any) -> dict[str, Any] | None:
        if not isinstance(body, dict) or body.get("messaging_product") != "whatsapp":
            return _error(100, "The parameter messaging_product is required.", "OAuthException")
        to = body.get("to")
        if not isinstance(to, str) or not to.isdigit():
            return _error(100, "Invalid parameter: to", "OAuthException")
        template = body.get("template")
        if body.get("type") != "template" or not isinstance(template, dict):
            return _error(131047, "Re-engagement message", "OAuthException")
        name = template.get("name")
        language = template.get("language", {}).get("code")
        if name not in self.templates or language != self.language:
            return _error(
                132001,
                "Template name does not exist in the translation",
                "OAuthException",
                details=f"template name ({name}) does not exist in {language}",
            )
        count = sum(
            len(c.get("parameters", []))
            for c in template.get("components", [])
            if c.get("type") == "body"
        )
        if count != self.templates[str(name)]:
            return _error(
                132000,
                "Number of parameters does not match the expected number of params",
                "OAuthException",
                details=f"body: number of localizable_params ({count}) does not match "
                f"the expected number of params ({self.templates[str(name)]})",
            )
        texts = [
            str(p.get("text", ""))
            for c in template.get("components", [])
            if c.get("type") == "body"
            for p in c.get("parameters", [])
        ]
        if any("\n" in t or "\t" in t or " " * 5 in t for t in texts):
            return _error(
                132018,
                "There was an issue with the parameters in your template.",
                "OAuthException",
                details="Param text cannot have new-line/tab characters or more than 4 "
                "consecutive spaces",
            )
        return None

    def status_payload(
        self, message: SentMessage, status: str, category: str = "utility"
    ) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": message.wamid,
            "status": status,
            "timestamp": str(int(time.time())),
            "recipient_id": message.to,
        }
        if status != "failed":
            item["conversation"] = {"id": secrets.token_hex(16), "origin": {"type": category}}
            item["pricing"] = {"billable": True, "pricing_model": "PMP", "category": category}
        else:
            item["errors"] = [
                {
                    "code": 131026,
                    "title": "Message undeliverable",
                    "message": "Message undeliverable",
                    "error_data": {"details": "Message Undeliverable."},
                }
            ]
        return _webhook(message.phone_number_id, {"statuses": [item]})

    def send_statuses(
        self,
        message: SentMessage,
        statuses: Iterable[str] | None = None,
        *,
        category: str = "utility",
        secret: str | None = None,
    ) -> list[httpx.Response]:
        """POST each status as its own signed webhook; a number in `undeliverable` fails."""
        chosen = (
            list(statuses)
            if statuses is not None
            else (["failed"] if message.to in self.undeliverable else ["sent", "delivered", "read"])
        )
        answers = []
        for status in chosen:
            payload = self.status_payload(message, status, category)
            answers.append(self._post_signed(payload, secret or self.app_secret))
        return answers

    def reply_payload(self, wa_id: str, text: str, *, button: bool = False) -> dict[str, Any]:
        """A customer's message to the business number, as Meta's webhook carries it."""
        message: dict[str, Any] = {
            "from": wa_id,
            "id": "wamid." + secrets.token_urlsafe(24),
            "timestamp": str(int(time.time())),
        }
        if button:
            message.update(type="button", button={"payload": text, "text": text})
        else:
            message.update(type="text", text={"body": text})
        contacts = [{"profile": {"name": "Cliente"}, "wa_id": wa_id}]
        return _webhook(self.phone_number_id, {"contacts": contacts, "messages": [message]})

    def send_reply(self, wa_id: str, text: str, *, button: bool = False) -> httpx.Response:
        """POST a customer's reply to the subscribed URL, signed with the app secret."""
        return self._post_signed(self.reply_payload(wa_id, text, button=button), self.app_secret)

    def _post_signed(self, payload: dict[str, Any], secret: str) -> httpx.Response:
        """POST a webhook body to the subscribed URL, signed as Meta signs it."""
        raw = json.dumps(payload).encode("utf-8")
        return httpx.post(
            self.webhook_url,
            content=raw,
            headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature(raw, secret)},
            timeout=10,
        )

    def verify_subscription(self, verify_token: str) -> httpx.Response:
        """Meta's GET when the webhook is subscribed: the challenge must come back as it is."""
        challenge = str(secrets.randbelow(10**9))
        return httpx.get(
            self.webhook_url,
            params={
                "hub.mode": "subscribe",
                "hub.challenge": challenge,
                "hub.verify_token": verify_token,
            },
            timeout=10,
        )


def _error(
    code: int, message: str, kind: str, subcode: int | None = None, details: str = ""
) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": f"({'#'}{code}) {message}",
        "type": kind,
        "code": code,
        "fbtrace_id": secrets.token_urlsafe(12),
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    if details:
        error["error_data"] = {"messaging_product": "whatsapp", "details": details}
    return {"error": error}


class GraphServer:
    """`GraphApi` served by a ThreadingHTTPServer on 127.0.0.1 (an ephemeral port)."""

    def __init__(self, api: GraphApi) -> None:
        self.api = api
        state = api

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, body = state.answer(self.path, self.headers.get("Authorization") or "", raw)
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> GraphServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _webhook(phone_number_id: str, value: dict[str, Any]) -> dict[str, Any]:
    """Meta's envelope of a `messages` change (statuses or a customer's messages)."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "5511999990000", "phone_number_id": phone_number_id},
        **value,
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}],
    }
