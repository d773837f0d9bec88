"""E-mail over SMTP: plain, STARTTLS or implicit TLS, with an optional login.

Failures are sorted for the retry loop: anything about the connection (refused,
dropped, timed out, a TLS handshake that did not finish) and SMTP 4xx replies
are temporary; SMTP 5xx replies, an address that cannot be one, a certificate
that does not verify, a server without STARTTLS when it was asked for, and a
rejected login are permanent (they need someone to fix a setting or a record).

The Message-ID is derived from the idempotency key, so a resend after an
uncertain attempt (the connection dropped after DATA) carries the same id and
mail clients and filters can tell it is the same message.
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
from dataclasses import dataclass
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from enum import StrEnum

from messaging.errors import DeliveryError, PermanentDeliveryError, TemporaryDeliveryError
from messaging.message import OutgoingMessage


class TlsMode(StrEnum):
    NONE = "none"
    STARTTLS = "starttls"
    IMPLICIT = "implicit"
    """SMTPS, usually port 465."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    """The From address, optionally with a name: 'Salão Bella <contato@bella.com.br>'."""
    tls: TlsMode = TlsMode.STARTTLS
    username: str | None = None
    password: str | None = None
    timeout_s: float = 20.0
    ssl_context: ssl.SSLContext | None = None
    """None: the system's trust store with hostname checks (tests pass their own CA)."""

    def context(self) -> ssl.SSLContext:
        return self.ssl_context or ssl.create_default_context()


def _address(text: str, what: str) -> Address:
    """A single valid address; PermanentDeliveryError('bad_address') otherwise."""
    try:
        if any(c in text for c in "\r\n"):
            raise ValueError("line break")
        header = HeaderRegistry()("To", text)
        addresses: tuple[Address, ...] = tuple(getattr(header, "addresses", ()))
        if len(addresses) != 1 or header.defects:
            raise ValueError(f"{len(addresses)} addresses, {header.defects}")
        address = addresses[0]
        if not address.username or "." not in address.domain:
            raise ValueError("no user or domain")
        return address
    except (ValueError, IndexError, TypeError) as error:
        raise PermanentDeliveryError("bad_address", f"{what} {text!r}: {error}") from None


def message_id(idempotency_key: str, domain: str) -> str:
    if not idempotency_key:
        return make_msgid(domain=domain)
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def build_email(message: OutgoingMessage, sender: str) -> EmailMessage:
    """The MIME message: text, an HTML alternative when given, attachments.

    Inline attachments (the voucher QR) get a Content-ID an HTML body can show
    with <img src="cid:...">; without HTML they still arrive as inline images.
    """
    from_address = _address(sender, "sender")
    to_address = _address(message.to, "recipient")
    email = EmailMessage()
    email["From"] = from_address
    email["To"] = to_address
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=True)
    email["Message-ID"] = message_id(message.idempotency_key, from_address.domain)
    if message.idempotency_key:
        email["X-Idempotency-Key"] = message.idempotency_key
    email.set_content(message.text)
    if message.html is not None:
        email.add_alternative(message.html, subtype="html")
    for attachment in message.attachments:
        maintype, _, subtype = attachment.mime.partition("/")
        email.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
            disposition="inline" if attachment.inline else "attachment",
            cid=f"<{attachment.content_id}>" if attachment.inline else None,
        )
    return email


def _classify_reply(code: int, reply: bytes | str, reason: str) -> DeliveryError:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    detail = f"{code} {text}".strip()
    if 400 <= code < 500:
        return TemporaryDeliveryError(reason, detail)
    return PermanentDeliveryError(reason, detail)


def send_smtp(message: OutgoingMessage, settings: SmtpSettings) -> None:
    """Deliver one message; TemporaryDeliveryError or PermanentDeliveryError when not."""
    email = build_email(message, settings.sender)
    try:
        if settings.tls is TlsMode.IMPLICIT:
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=settings.timeout_s,
                context=settings.context(),
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_s)
        with client:
            client.ehlo()
            if settings.tls is TlsMode.STARTTLS:
                client.starttls(context=settings.context())
                client.ehlo()
            if settings.username:
                client.login(settings.username, settings.password or "")
            refused = client.send_message(email)
            if refused:  # some recipients refused while others were accepted: one recipient here
                code, reply = next(iter(refused.values()))
                raise _classify_reply(code, reply, "recipient_refused")
    except DeliveryError:
        raise
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        raise _classify_reply(code, reply, "recipient_refused") from None
    except smtplib.SMTPSenderRefused as error:
        raise _classify_reply(error.smtp_code, error.smtp_error, "sender_refused") from None
    except smtplib.SMTPAuthenticationError as error:
        if 400 <= error.smtp_code < 500:
            raise _classify_reply(error.smtp_code, error.smtp_error, "login_failed") from None
        raise PermanentDeliveryError("login_failed", f"{error.smtp_code}") from None
    except smtplib.SMTPNotSupportedError as error:
        raise PermanentDeliveryError("not_supported", str(error)) from None
    except smtplib.SMTPServerDisconnected as error:
        # smtplib reports a read that timed out as a disconnection: tell them apart
        reason = "timeout" if "timed out" in str(error) else "disconnected"
        raise TemporaryDeliveryError(reason, str(error)) from None
    except smtplib.SMTPResponseException as error:
        raise _classify_reply(error.smtp_code, error.smtp_error, "smtp_error") from None
    except ssl.SSLCertVerificationError as error:
        raise PermanentDeliveryError("tls_certificate", str(error)) from None
    except ssl.SSLError as error:
        raise TemporaryDeliveryError("tls_error", str(error)) from None
    except TimeoutError as error:
        raise TemporaryDeliveryError("timeout", str(error)) from None
    except (OSError, smtplib.SMTPException) as error:
        raise TemporaryDeliveryError("connection", str(error)) from None


class SmtpSender:
    """The e-mail channel (messaging.Sender)."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, message: OutgoingMessage) -> None:
        send_smtp(message, self.settings)
