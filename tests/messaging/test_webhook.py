"""The provider webhook against a real http.server on loopback."""

from __future__ import annotations

import base64
import datetime
import io
import random

import httpx
import pytest
import zxingcpp
from PIL import Image

from messaging import OutgoingMessage, PermanentDeliveryError, TemporaryDeliveryError
from messaging.qr import qr_attachment
from messaging.retry import Delivered, RetryAt, RetryPolicy, attempt
from messaging.webhook import (
    WebhookSender,
    WebhookSettings,
    render_body,
    send_webhook,
    validate_body_template,
)
from tests.messaging.conftest import Hook, free_port

TEMPLATE = (
    '{"to": "{to}", "type": "text", "body": "{text}", "title": "{subject}", '
    '"ref": "{idempotency_key}", "image": "{qr_png_base64}", "tags": {"source": "posapp"}}'
)
TRICKY = 'Olá, "Zé" D\'Ávila! Saldo: R$ 12,50\nAté já \\o/ {balance} ção 😀\t</script>'
NOW = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)


def message(text: str = TRICKY, qr: str | None = None) -> OutgoingMessage:
    return OutgoingMessage(
        "5511912345678",
        'Vale "especial"',
        text,
        attachments=[qr_attachment(qr)] if qr else [],
        idempotency_key="voucher_issued:c1:V1",
    )


def hook_settings(hook: Hook, **more: object) -> WebhookSettings:
    return WebhookSettings(
        hook.url,
        TEMPLATE,
        {"Authorization": "Bearer tok-123", "X-Ref": "{idempotency_key}"},
        **more,  # type: ignore[arg-type]
    )


def test_post_carries_headers_and_the_filled_template(webhook_server: Hook) -> None:
    status = send_webhook(message(qr="PV1|loja|X|500|20260703|SIG"), hook_settings(webhook_server))
    assert status == 200
    [(path, headers, _raw)] = webhook_server.requests
    assert path == "/v1/messages"
    assert headers["Authorization"] == "Bearer tok-123"
    assert headers["X-Ref"] == "voucher_issued:c1:V1"
    assert headers["Content-Type"].startswith("application/json")
    body = webhook_server.json()
    assert body["to"] == "5511912345678"
    assert body["body"] == TRICKY  # quotes, accents, line break, backslash, emoji survive
    assert body["title"] == 'Vale "especial"'
    assert body["ref"] == "voucher_issued:c1:V1"
    assert body["tags"] == {"source": "posapp"}
    png = base64.b64decode(body["image"])
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))] == [
        "PV1|loja|X|500|20260703|SIG"
    ]


def test_no_image_gives_an_empty_string() -> None:
    assert '"image": ""' in render_body(TEMPLATE, message())


def test_500_then_200_with_retry(webhook_server: Hook) -> None:
    webhook_server.replies = [(500, {}, 0.0), (200, {}, 0.0)]
    sender = WebhookSender(hook_settings(webhook_server))
    policy = RetryPolicy(base_s=30, jitter=0.0)
    rng = random.Random(7)
    first = attempt(lambda: sender.send(message()), 0, NOW, policy, rng)
    assert first == RetryAt(NOW + datetime.timedelta(seconds=30), 1, "http_500")
    second = attempt(lambda: sender.send(message()), 1, first.when, policy, rng)
    assert second == Delivered(2)
    assert len(webhook_server.requests) == 2
    assert webhook_server.json(0) == webhook_server.json(1)  # the very same message again


def test_429_is_temporary_and_keeps_retry_after(webhook_server: Hook) -> None:
    webhook_server.replies = [(429, {"Retry-After": "120"}, 0.0)]
    with pytest.raises(TemporaryDeliveryError) as limited:
        send_webhook(message(), hook_settings(webhook_server))
    assert limited.value.reason == "http_429" and limited.value.retry_after_s == 120.0


@pytest.mark.parametrize("status", [400, 401, 404, 422, 301])
def test_other_statuses_are_permanent(webhook_server: Hook, status: int) -> None:
    webhook_server.replies = [(status, {"Location": "http://x.example/"}, 0.0)]
    with pytest.raises(PermanentDeliveryError) as refused:
        send_webhook(message(), hook_settings(webhook_server))
    assert refused.value.reason == f"http_{status}"


@pytest.mark.parametrize("status", [502, 503, 408])
def test_gateway_errors_are_temporary(webhook_server: Hook, status: int) -> None:
    webhook_server.replies = [(status, {}, 0.0)]
    with pytest.raises(TemporaryDeliveryError):
        send_webhook(message(), hook_settings(webhook_server))


def test_a_slow_provider_times_out_as_temporary(webhook_server: Hook) -> None:
    webhook_server.replies = [(200, {}, 3.0)]
    with pytest.raises(TemporaryDeliveryError) as slow:
        send_webhook(message(), hook_settings(webhook_server, timeout_s=0.3))
    assert slow.value.reason == "timeout"


def test_nothing_listening_is_temporary_and_a_bad_url_permanent() -> None:
    settings = WebhookSettings(f"http://127.0.0.1:{free_port()}/x", TEMPLATE, timeout_s=2)
    with pytest.raises(TemporaryDeliveryError) as refused:
        send_webhook(message(), settings)
    assert refused.value.reason == "connection"
    with pytest.raises(PermanentDeliveryError) as bad:
        send_webhook(message(), WebhookSettings("ftp://gateway.example/x", TEMPLATE))
    assert bad.value.reason == "bad_url"


def test_template_problems_are_listed_and_refused_at_send_time(webhook_server: Hook) -> None:
    assert validate_body_template(TEMPLATE) == []
    problems = validate_body_template('{"to": "{phone}", "text": "{text}"}')
    assert problems == [
        "unknown placeholder {phone}; use one of {to}, {text}, {subject}, {idempotency_key}, "
        "{qr_png_base64}"
    ]
    assert validate_body_template('{"to": {to}}')[0].startswith("not valid JSON")
    with pytest.raises(PermanentDeliveryError) as refused:
        send_webhook(message(), WebhookSettings(webhook_server.url, '{"to": "{phone}"}'))
    assert refused.value.reason == "bad_template"
    assert webhook_server.requests == []


def test_header_values_cannot_inject_lines(webhook_server: Hook) -> None:
    bad = OutgoingMessage("55119\r\nX-Evil: 1", "s", "t", idempotency_key="k")
    settings = WebhookSettings(webhook_server.url, TEMPLATE, {"X-To": "{to}"})
    with pytest.raises(PermanentDeliveryError):
        send_webhook(bad, settings)


def test_a_shared_client_is_used_and_left_open(webhook_server: Hook) -> None:
    with httpx.Client() as client:
        send_webhook(message(), hook_settings(webhook_server), client)
        send_webhook(message(), hook_settings(webhook_server), client)
        assert not client.is_closed
    assert len(webhook_server.requests) == 2
