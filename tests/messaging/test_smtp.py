"""E-mail against a real aiosmtpd server on loopback: plain, STARTTLS, implicit TLS."""

from __future__ import annotations

import datetime
import io
import socket
import ssl
import threading
from collections.abc import Iterator

import pytest
import zxingcpp
from PIL import Image

from messaging import OutgoingMessage, PermanentDeliveryError, TemporaryDeliveryError
from messaging.qr import qr_attachment
from messaging.smtp import SmtpSender, SmtpSettings, TlsMode, build_email, send_smtp
from posapp.core.codes import new_voucher_code, sign_voucher_qr, verify_voucher_qr
from posapp.core.messages import MessageFacts, MessageKind, default_template, render
from tests.messaging.conftest import Accounts, Certificate, SmtpFactory, free_port

KEY = bytes(range(32))
SENDER = "Salão Bella <contato@bella.com.br>"


def voucher_message(to: str = "maria.souza@example.com") -> tuple[OutgoingMessage, str, str]:
    """The voucher message as the outbox worker will build it: core renders, messaging sends."""
    code = new_voucher_code()
    expires = datetime.date(2026, 7, 3)
    payload = sign_voucher_qr(code, 2_050, expires, "loja-1", KEY)
    facts = MessageFacts(
        "Salão Bella",
        "Maria Souza",
        voucher_code=code,
        voucher_value_centavos=2_050,
        voucher_expires_on=expires,
    )
    kind = MessageKind.VOUCHER_ISSUED
    rendered = render(kind, default_template(kind, "pt_BR"), facts, "pt_BR")
    message = OutgoingMessage(
        to,
        rendered.subject,
        rendered.text,
        attachments=[qr_attachment(payload)],
        idempotency_key=f"voucher_issued:c1:{code}",
    )
    return message, code, payload


def settings(port: int, tls: TlsMode = TlsMode.NONE, **more: object) -> SmtpSettings:
    more.setdefault("timeout_s", 5.0)
    return SmtpSettings("127.0.0.1", port, SENDER, tls, **more)  # type: ignore[arg-type]


def decoded_qr(png: bytes) -> list[str]:
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_voucher_message_arrives_with_code_value_and_a_qr_that_decodes(
    smtp_server: SmtpFactory,
) -> None:
    inbox, port = smtp_server()
    message, code, payload = voucher_message()
    SmtpSender(settings(port)).send(message)

    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["maria.souza@example.com"]
    assert envelope.mail_from == "contato@bella.com.br"
    [email] = inbox.messages()
    assert email["Subject"] == "Salão Bella: seu vale de R$ 20,50"
    assert email["From"] == SENDER
    assert email["X-Idempotency-Key"] == f"voucher_issued:c1:{code}"
    body = email.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert f"Código: {code}" in text and "R$ 20,50" in text and "3 de julho de 2026" in text
    [image] = [part for part in email.iter_attachments() if part.get_content_type() == "image/png"]
    assert image.get_filename() == "vale-qr.png"
    assert image.get_content_disposition() == "inline"
    assert decoded_qr(image.get_content()) == [payload]
    claim = verify_voucher_qr(decoded_qr(image.get_content())[0], KEY)
    assert (claim.code, claim.value_centavos) == (code, 2_050)


def test_resending_keeps_the_message_id(smtp_server: SmtpFactory) -> None:
    inbox, port = smtp_server()
    message, _, _ = voucher_message()
    send_smtp(message, settings(port))
    send_smtp(message, settings(port))
    first, second = inbox.messages()
    assert first["Message-ID"] == second["Message-ID"]
    assert first["Message-ID"].endswith("@bella.com.br>")


def test_html_body_shows_the_inline_qr_by_content_id() -> None:
    message, _, _ = voucher_message()
    html = OutgoingMessage(
        message.to, message.subject, message.text, '<img src="cid:vale-qr.png">',
        message.attachments,
    )  # fmt: skip
    email = build_email(html, SENDER)
    assert email.get_body(("html",)) is not None
    [image] = list(email.iter_attachments())
    assert image["Content-ID"] == "<vale-qr.png>"


def test_starttls_with_login_against_a_self_signed_certificate(
    smtp_server: SmtpFactory, certificate: Certificate
) -> None:
    inbox, port = smtp_server(
        tls_context=certificate.server_context(),
        require_starttls=True,
        authenticator=Accounts(),
        auth_require_tls=True,
    )
    message, code, _ = voucher_message()
    trusted = settings(
        port, TlsMode.STARTTLS, username="loja", password="s3cr3t",
        ssl_context=certificate.client_context(),
    )  # fmt: skip
    send_smtp(message, trusted)
    assert code in inbox.messages()[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]

    with pytest.raises(PermanentDeliveryError) as wrong_password:
        send_smtp(message, settings(port, TlsMode.STARTTLS, username="loja", password="x",
                                    ssl_context=certificate.client_context()))  # fmt: skip
    assert wrong_password.value.reason == "login_failed"

    with pytest.raises(PermanentDeliveryError) as untrusted:
        send_smtp(message, settings(port, TlsMode.STARTTLS))  # the system CAs: not ours
    assert untrusted.value.reason == "tls_certificate"

    with pytest.raises(PermanentDeliveryError) as plain:
        send_smtp(message, settings(port, TlsMode.NONE))  # the server requires STARTTLS
    assert plain.value.reason == "sender_refused"
    assert len(inbox.envelopes) == 1


def test_implicit_tls(smtp_server: SmtpFactory, certificate: Certificate) -> None:
    inbox, port = smtp_server(ssl_context=certificate.server_context())
    message, _, _ = voucher_message()
    send_smtp(message, settings(port, TlsMode.IMPLICIT, ssl_context=certificate.client_context()))
    assert len(inbox.envelopes) == 1
    with pytest.raises(TemporaryDeliveryError):  # plain SMTP against a TLS port
        send_smtp(message, settings(port, TlsMode.NONE, timeout_s=0.5))


def test_starttls_asked_of_a_server_without_it_is_permanent(smtp_server: SmtpFactory) -> None:
    _, port = smtp_server()
    with pytest.raises(PermanentDeliveryError) as refused:
        send_smtp(voucher_message()[0], settings(port, TlsMode.STARTTLS))
    assert refused.value.reason == "not_supported"


def test_5xx_is_permanent_and_4xx_temporary(smtp_server: SmtpFactory) -> None:
    inbox, port = smtp_server()
    message, _, _ = voucher_message()
    inbox.rcpt_reply = "550 5.1.1 Mailbox unavailable"
    with pytest.raises(PermanentDeliveryError) as unknown_user:
        send_smtp(message, settings(port))
    assert unknown_user.value.reason == "recipient_refused"
    assert "550" in unknown_user.value.detail
    inbox.rcpt_reply = "452 4.2.2 Mailbox full"
    with pytest.raises(TemporaryDeliveryError):
        send_smtp(message, settings(port))
    inbox.rcpt_reply = None
    inbox.data_reply = "451 4.3.0 Try again later"
    with pytest.raises(TemporaryDeliveryError) as later:
        send_smtp(message, settings(port))
    assert later.value.reason == "smtp_error"
    inbox.data_reply = "554 5.7.1 Rejected as spam"
    with pytest.raises(PermanentDeliveryError):
        send_smtp(message, settings(port))
    assert inbox.envelopes == []


@pytest.mark.parametrize(
    "to", ["maria", "maria@localhost", "a@b.com, c@d.com", "a@b.com\r\nBcc: x@y.com", ""]
)
def test_a_bad_address_is_permanent_before_any_connection(to: str) -> None:
    message = voucher_message(to="x@example.com")[0]
    bad = OutgoingMessage(to, message.subject, message.text)
    with pytest.raises(PermanentDeliveryError) as refused:
        send_smtp(bad, settings(free_port()))  # nothing listens: a connection would be Temporary
    assert refused.value.reason == "bad_address"


@pytest.fixture
def dropping_server() -> Iterator[int]:
    """Accepts, greets, then drops the connection at the first command."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                connection.sendall(b"220 flaky.example ESMTP\r\n")
                connection.recv(1024)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield port
    stop.set()
    thread.join(5)
    listener.close()


def test_a_dropped_connection_is_temporary(dropping_server: int) -> None:
    with pytest.raises(TemporaryDeliveryError) as dropped:
        send_smtp(voucher_message()[0], settings(dropping_server))
    assert dropped.value.reason == "disconnected"


def test_nothing_listening_is_temporary() -> None:
    with pytest.raises(TemporaryDeliveryError) as refused:
        send_smtp(voucher_message()[0], settings(free_port()))
    assert refused.value.reason == "connection"


def test_a_silent_server_times_out_as_temporary() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts (backlog) but never greets
        port = silent.getsockname()[1]
        with pytest.raises(TemporaryDeliveryError) as waited:
            send_smtp(voucher_message()[0], settings(port, timeout_s=0.5))
    assert waited.value.reason == "timeout"


def test_default_context_verifies_hostnames() -> None:
    context = SmtpSettings("smtp.example.com", 587, SENDER).context()
    assert context.check_hostname and context.verify_mode is ssl.CERT_REQUIRED
