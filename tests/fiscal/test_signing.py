"""Signatures checked by xmlsec1 (independent of signxml), and the A1 certificate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import CertificateError, InvalidInput
from fiscal.model import Environment, Nfce
from fiscal.requests import cancel_event, inut_nfe
from fiscal.signing import DS
from fiscal.testing import make_a1_pkcs12
from fiscal.xml_build import build_nfce
from tests.fiscal.conftest import CNPJ, CSC, PASSWORD, xmlsec1_verify

Make = Callable[..., Nfce]


def test_signature_follows_the_layout(make_note: Make, a1: A1Certificate) -> None:
    root = etree.fromstring(build_nfce(make_note(), a1, CSC).xml)
    sig = root.find(f"{{{DS}}}Signature")
    assert sig is not None and sig.prefix is None  # default namespace, no ds: prefix
    algorithms = [e.get("Algorithm") for e in sig.iter() if e.get("Algorithm")]
    assert algorithms == [
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
        "http://www.w3.org/2000/09/xmldsig#sha1",
    ]
    reference = sig.find(f".//{{{DS}}}Reference")
    assert reference is not None
    assert reference.get("URI") == "#" + root[0].get("Id")
    cert = sig.findtext(f".//{{{DS}}}X509Certificate") or ""
    assert cert and "\n" not in cert  # no line breaks: SEFAZ rule 588


def test_a_changed_total_breaks_the_signature(
    make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    xml = build_nfce(make_note(), a1, CSC).xml
    assert xmlsec1_verify(xml, a1, tmp_path)
    tampered = xml.replace(b"<vNF>43.99</vNF>", b"<vNF>4.39</vNF>")
    assert tampered != xml
    assert not xmlsec1_verify(tampered, a1, tmp_path)


def test_the_qr_outside_infnfe_does_not_change_the_digest(
    make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    xml = build_nfce(make_note(), a1, CSC).xml
    other_qr = xml.replace(b"|2|2|1|", b"|2|2|2|")
    assert other_qr != xml
    assert xmlsec1_verify(other_qr, a1, tmp_path)


def test_cancellation_event_and_voiding_are_signed(a1: A1Certificate, tmp_path: Path) -> None:
    key = "35261212345678000195650010000000421234567899"
    env = cancel_event(
        Environment.HOMOLOGACAO,
        CNPJ,
        key,
        "135260000000001",
        "Cliente desistiu da compra no caixa",
        datetime.now(UTC),
        a1,
    )
    evento = env.find("{http://www.portalfiscal.inf.br/nfe}evento")
    assert xmlsec1_verify(etree.tostring(evento), a1, tmp_path, "infEvento")
    inut = inut_nfe(
        Environment.HOMOLOGACAO, "SP", CNPJ, 26, 1, 7, 9, "Numeros pulados por falha", a1
    )
    assert xmlsec1_verify(etree.tostring(inut), a1, tmp_path, "infInut")


def test_cancellation_needs_fifteen_characters(a1: A1Certificate) -> None:
    with pytest.raises(InvalidInput) as err:
        cancel_event(
            Environment.HOMOLOGACAO, CNPJ, "3" * 44, "1" * 15, "desistiu", datetime.now(UTC), a1
        )
    assert "15" in err.value.message("pt_BR")
    assert "15" in err.value.message("en")


def test_a1_expiry_and_thirty_day_warning() -> None:
    start = datetime.now(UTC) - timedelta(days=340)
    a1 = A1Certificate.from_pkcs12(make_a1_pkcs12("x", days=365, not_before=start), "x")
    assert a1.not_after.date() == (start + timedelta(days=365)).date()
    assert a1.expires_within(30)
    assert not a1.expires_within(20)
    assert not a1.expired()
    assert a1.expired(now=start + timedelta(days=366))


def test_wrong_password_is_a_clear_message(a1_bytes: bytes) -> None:
    with pytest.raises(CertificateError) as err:
        A1Certificate.from_pkcs12(a1_bytes, PASSWORD + "x")
    assert "senha errada" in err.value.message("pt_BR")
    assert "wrong password" in err.value.message("en")
