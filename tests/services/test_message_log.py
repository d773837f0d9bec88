"""The message log's reason in words: the stored pt_BR sentence, and English rebuilt from
the stable reason code and its figures."""

from __future__ import annotations

import datetime

import pytest

from posapp.services.messages.log import LoggedMessage, reason_words

AT = datetime.datetime(2026, 3, 2, 13, tzinfo=datetime.UTC)


def logged(reason: str, detail: str | None = None, *, channel: str = "email") -> LoggedMessage:
    return LoggedMessage(
        1, AT, "Bela", "welcome", channel, "skipped", reason, detail, 2, None, None
    )


@pytest.mark.parametrize(
    ("message", "pt", "en"),
    [
        (
            logged("no_contact", "O cliente não tem celular cadastrado.", channel="whatsapp"),
            "O cliente não tem celular cadastrado.",
            "The customer has no mobile number on file.",
        ),
        (
            logged("weekly_cap", "Limite de 3 mensagens por semana para este cliente atingido."),
            "Limite de 3 mensagens por semana para este cliente atingido.",
            "This customer's limit of 3 messages a week was reached.",
        ),
        (
            logged("quiet_hours", "Horário de silêncio: a mensagem sai às 08:00."),
            "Horário de silêncio: a mensagem sai às 08:00.",
            "Quiet hours: the message goes out at 08:00.",
        ),
        (logged("sent"), "Enviada.", "Sent."),
        (logged("queued"), "Na fila para envio.", "Waiting to be sent."),
        (
            logged("endpoint", "A central da rede envia esta mensagem."),
            "A central da rede envia esta mensagem.",
            "The chain's endpoint sends this message.",
        ),
        (
            logged("retry:timeout", "nova tentativa às 2026-03-02T13:05:00+00:00"),
            "Falha temporária (timeout) em 2 tentativa(s); tentará de novo.",
            "Temporary failure (timeout) after 2 attempt(s); will retry.",
        ),
        (
            logged("permanent:550", "mailbox unavailable"),
            "Recusada pelo servidor (550). mailbox unavailable",
            "Refused by the server (550). mailbox unavailable",
        ),
        (
            logged("anonymized", "Cliente anonimizado (LGPD): mensagem descartada."),
            "Cliente anonimizado (LGPD): mensagem descartada.",
            "Customer anonymized (LGPD): message dropped.",
        ),
    ],
)
def test_each_reason_in_both_languages(message: LoggedMessage, pt: str, en: str) -> None:
    assert reason_words(message, "pt_BR") == pt
    assert reason_words(message, "en") == en
