"""Consumer QR: the CSC hash and digVal against a published example, v2 forms, v3 signed."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from lxml import etree

from fiscal import qrcode
from fiscal.certificate import A1Certificate
from fiscal.model import Contingency, Csc, Environment, Nfce
from fiscal.signing import digest_hex, digest_value
from fiscal.xml_build import build_nfce
from tests.fiscal.conftest import CSC, text_of

Make = Callable[..., Nfce]

# Published worked example: nfephp-org/sped-nfe tests/fixtures/xml/nfce_com_qrcode.xml, an
# NFC-e whose QR (version 1.00) carries cHashQRCode 2517E28A... for CSC id 000001 and
# token GPB0JBWLUR6HWFTVEAS6RJ69GPCROFPBBB8G, and digVal 5a67... for DigestValue
# ZgHodfrzedxyTEhf0eDA5KWnCm0=. Version 2 keeps both rules (Manual do DANFE NFC-e 5.0):
# SHA-1 of the parameters with the CSC appended, in uppercase hex; digVal in hex of ASCII.
SPED_PARAMS = (
    "chNFe=53151158716523000119650010000001752000001754&nVersao=100&tpAmb=2"
    "&cDest=60362219591&dhEmi=323031352d31312d31335431313a30383a30322d30323a3030"
    "&vNF=10.00&vICMS=1.80&digVal=5a67486f6466727a656478795445686630654441354b576e436d303d"
    "&cIdToken=000001"
)
SPED_CSC = Csc("000001", "GPB0JBWLUR6HWFTVEAS6RJ69GPCROFPBBB8G")


def params(url: str) -> str:
    return url.split("?p=", 1)[1]


def test_csc_hash_matches_the_published_example() -> None:
    assert qrcode.qr_hash(SPED_PARAMS, SPED_CSC) == "2517E28A57D323A57BB30A965E247196847C496A"


def test_digval_matches_the_published_example() -> None:
    ds = "http://www.w3.org/2000/09/xmldsig#"
    signature = etree.fromstring(
        f'<Signature xmlns="{ds}"><DigestValue>ZgHodfrzedxyTEhf0eDA5KWnCm0=</DigestValue>'
        "</Signature>"
    )
    assert digest_hex(signature) == "5a67486f6466727a656478795445686630654441354b576e436d303d"


def test_v2_online_form(make_note: Make, a1: A1Certificate) -> None:
    signed = build_nfce(make_note(), a1, CSC)  # the XSD's qrCode patterns are checked inside
    text = f"{signed.key}|2|2|1"  # idCSC 000001 is written without its leading zeros
    assert params(signed.qr_code) == f"{text}|{qrcode.qr_hash(text, CSC)}"
    assert signed.qr_code.startswith("https://www.homologacao.nfce.fazenda.sp.gov.br/qrcode?p=")
    assert text_of(signed.xml, "n:infNFeSupl/n:qrCode") == signed.qr_code


def test_v2_offline_form(make_note: Make, a1: A1Certificate) -> None:
    note = make_note(contingency=Contingency(datetime(2026, 12, 4, 18, 0, tzinfo=UTC)))
    signed = build_nfce(note, a1, CSC)
    root = etree.fromstring(signed.xml)
    *fields, hash_ = params(signed.qr_code).split("|")
    assert fields == [signed.key, "2", "2", "04", "43.99", digest_hex(root), "1"]
    assert bytes.fromhex(fields[5]).decode() == digest_value(root)
    assert hash_ == qrcode.qr_hash("|".join(fields), CSC)


def test_the_hash_depends_on_the_secret(make_note: Make, a1: A1Certificate) -> None:
    key = build_nfce(make_note(), a1, CSC).key
    one = qrcode.v2_online("https://x/qr", key, Environment.HOMOLOGACAO, CSC)
    other = qrcode.v2_online("https://x/qr", key, Environment.HOMOLOGACAO, Csc("1", "OUTRO"))
    assert one != other and one.split("|")[:4] == other.split("|")[:4]


def test_v3_online_and_signed_offline(make_note: Make, a1: A1Certificate) -> None:
    online = build_nfce(make_note(), a1, CSC, qr_version=3)
    assert params(online.qr_code) == f"{online.key}|3|2"
    note = make_note(
        contingency=Contingency(datetime(2026, 12, 4, 18, tzinfo=UTC)), consumer_cpf="52998224725"
    )
    offline = build_nfce(note, a1, CSC, qr_version=3)  # the XSD's v3 pattern is checked inside
    *fields, signature = params(offline.qr_code).split("|")
    assert fields[1:] == ["3", "2", "04", "43.99", "2", "52998224725"]
    public_key = a1.cert.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(
        base64.b64decode(signature), "|".join(fields).encode(), padding.PKCS1v15(), hashes.SHA1()
    )
    assert text_of(offline.xml, "n:infNFeSupl/n:qrCode") == offline.qr_code
    assert etree.fromstring(offline.xml).find(".//{*}qrCode") is not None
