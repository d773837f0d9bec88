"""SOAP 1.2 transport against our local SEFAZ (HTTPS, client certificate, XSD-checked)."""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput
from fiscal.model import Nfce
from fiscal.schemas import validate
from fiscal.soap import (
    Authorized,
    Cancelled,
    NotFound,
    Rejected,
    SefazClient,
    ServiceStatus,
    Unavailable,
    Voided,
    envelope,
    soap_action,
)
from fiscal.testing import LocalSefaz
from fiscal.xml_build import build_nfce
from tests.fiscal.conftest import CSC, NS, xmlsec1_verify

Make = Callable[..., Nfce]


def test_status_service(client: SefazClient) -> None:
    status = client.status()
    assert status == ServiceStatus(True, 107, "Serviço em Operação")


def test_authorised_note_comes_back_as_nfeproc(
    client: SefazClient, sefaz: LocalSefaz, make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    outcome = client.authorize(signed.xml)
    assert isinstance(outcome, Authorized)
    assert outcome.cstat == 100 and outcome.key == signed.key
    assert len(outcome.protocol) == 15
    proc = etree.fromstring(outcome.proc_xml)
    validate(proc, "nfeProc")
    assert proc.findtext("n:protNFe/n:infProt/n:nProt", namespaces=NS) == outcome.protocol
    assert xmlsec1_verify(outcome.proc_xml, a1, tmp_path)
    assert sefaz.authorisation_count(signed.key) == 1
    assert sefaz.state.schema_errors == []
    assert sefaz.state.requests == ["NFeAutorizacao4"]
    assert "LOJA TESTE" in sefaz.state.client_subjects[0]  # our A1 was the TLS client cert


def test_lost_answer_then_resend_is_duplicate_204_resolved_by_query(
    client: SefazClient, sefaz: LocalSefaz, make_note: Make, a1: A1Certificate
) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    sefaz.set_mode("timeout_after_authorise")
    first = client.authorize(signed.xml)
    assert isinstance(first, Unavailable) and first.sent
    sefaz.set_mode("authorise")
    again = client.authorize(signed.xml)
    assert isinstance(again, Authorized)
    assert again.protocol == sefaz.state.authorised[signed.key].number
    validate(etree.fromstring(again.proc_xml), "nfeProc")
    assert sefaz.authorisation_count(signed.key) == 1
    assert sefaz.state.requests == [
        "NFeAutorizacao4",
        "NFeAutorizacao4",
        "NFeConsultaProtocolo4",
    ]


def test_same_number_other_key_is_539_naming_the_key(
    client: SefazClient, sefaz: LocalSefaz, make_note: Make, a1: A1Certificate
) -> None:
    first = build_nfce(make_note(number=7), a1, CSC)
    assert isinstance(client.authorize(first.xml), Authorized)
    second = build_nfce(make_note(number=7), a1, CSC)  # other cNF, so another key
    outcome = client.authorize(second.xml)
    assert isinstance(outcome, Rejected) and outcome.cstat == 539
    assert first.key in outcome.reason
    assert sefaz.authorisation_count(second.key) == 0


def test_forced_539_mode(
    client: SefazClient, sefaz: LocalSefaz, make_note: Make, a1: A1Certificate
) -> None:
    sefaz.set_mode("duplicate_539")
    outcome = client.authorize(build_nfce(make_note(), a1, CSC).xml)
    assert isinstance(outcome, Rejected) and outcome.cstat == 539


def test_rejection_keeps_code_and_reason(
    client: SefazClient, sefaz: LocalSefaz, make_note: Make, a1: A1Certificate
) -> None:
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    outcome = client.authorize(build_nfce(make_note(), a1, CSC).xml)
    assert outcome == Rejected(outcome.key, 778, "Rejeição: Informado NCM inexistente")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("mode", "reason", "sent"),
    [
        ("timeout", "timeout", True),
        ("cut", "connection_cut", True),
        ("down", "connection_refused", False),
        ("paused", "paused", False),
    ],
)
def test_unavailable_within_the_timeout(
    client: SefazClient,
    sefaz: LocalSefaz,
    make_note: Make,
    a1: A1Certificate,
    mode: str,
    reason: str,
    sent: bool,
) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    sefaz.set_mode(mode)  # type: ignore[arg-type]
    started = time.monotonic()
    outcome = client.authorize(signed.xml)
    elapsed = time.monotonic() - started
    assert isinstance(outcome, Unavailable)
    assert (outcome.reason, outcome.sent) == (reason, sent)
    assert elapsed < 3.0  # the client's timeout is 1 s; the server would hang 10 s
    assert sefaz.authorisation_count(signed.key) == 0


def test_query_cancel_and_query_again(
    client: SefazClient, sefaz: LocalSefaz, make_note: Make, a1: A1Certificate
) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    assert isinstance(client.query(signed.key), NotFound)
    authorised = client.authorize(signed.xml)
    assert isinstance(authorised, Authorized)
    assert isinstance(client.query(signed.key), Authorized)
    cancelled = client.cancel(
        signed.key, authorised.protocol, "Venda desfeita a pedido do cliente", datetime.now(UTC)
    )
    assert isinstance(cancelled, Cancelled) and cancelled.cstat == 135
    validate(etree.fromstring(cancelled.proc_xml), "procEventoNFe")
    assert isinstance(client.query(signed.key), Cancelled)
    with pytest.raises(InvalidInput):
        client.cancel(signed.key, authorised.protocol, "curta", datetime.now(UTC))


def test_voided_numbers_cannot_be_authorised(
    client: SefazClient, sefaz: LocalSefaz, make_note: Make, a1: A1Certificate
) -> None:
    voided = client.void_range(1, 3, 4, "Numeros pulados por queda de energia", 2026)
    assert isinstance(voided, Voided) and voided.cstat == 102
    validate(etree.fromstring(voided.proc_xml), "ProcInutNFe")
    outcome = client.authorize(build_nfce(make_note(number=4), a1, CSC).xml)
    assert isinstance(outcome, Rejected) and outcome.cstat == 206


def test_server_checks_the_payload_against_the_xsd(
    a1: A1Certificate, sefaz: LocalSefaz, make_note: Make
) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    bad = etree.fromstring(
        b'<enviNFe xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00">'
        b"<idLote>1</idLote><indSinc>1</indSinc></enviNFe>"
    )
    bad.append(etree.fromstring(signed.xml.replace(b"<mod>65</mod>", b"<mod>99</mod>")))
    from fiscal.soap import tls_context

    with httpx.Client(verify=tls_context(a1, sefaz.ca_file), trust_env=False) as http:
        response = http.post(
            sefaz.urls["NFeAutorizacao4"],
            content=envelope("NFeAutorizacao4", bad),
            headers={
                "Content-Type": "application/soap+xml; charset=utf-8; "
                f'action="{soap_action("NFeAutorizacao4")}"'
            },
        )
    answer = etree.fromstring(response.content).find(".//{*}retEnviNFe")
    assert answer is not None
    validate(answer)
    assert answer.findtext("n:cStat", namespaces=NS) == "225"
    assert any("mod" in e for e in sefaz.state.schema_errors)
    assert sefaz.authorisation_count(signed.key) == 0


def test_a_client_without_certificate_is_refused(sefaz: LocalSefaz) -> None:
    with (
        httpx.Client(
            verify=ssl.create_default_context(cafile=sefaz.ca_file), trust_env=False
        ) as http,
        pytest.raises(httpx.HTTPError),
    ):
        http.post(sefaz.urls["NFeStatusServico4"], content=b"<x/>")
