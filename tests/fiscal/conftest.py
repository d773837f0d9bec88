"""Shared fixtures: a self-signed A1, a pharmacy emitter, notes, and the local SEFAZ."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.model import Address, Csc, Emitter, Environment, Item, Nfce, Payment
from fiscal.soap import SefazClient
from fiscal.testing import LocalSefaz, make_a1_pkcs12
from hardware.emulator.decoder import Receipt as PrintedReceipt
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from hardware.receipt import Receipt

PASSWORD = "senha-do-a1"
CNPJ = "12345678000195"
CSC = Csc("000001", "0123456789ABCDEF0123456789ABCDEF0123")
NS = {"n": "http://www.portalfiscal.inf.br/nfe"}


@pytest.fixture(scope="session")
def a1_bytes() -> bytes:
    return make_a1_pkcs12(PASSWORD)


@pytest.fixture(scope="session")
def a1(a1_bytes: bytes) -> A1Certificate:
    return A1Certificate.from_pkcs12(a1_bytes, PASSWORD)


@pytest.fixture
def emitter() -> Emitter:
    return Emitter(
        cnpj=CNPJ,
        ie="111222333444",
        crt=1,
        name="Farmácia Boa Saúde Ltda",
        trade_name="Boa Saúde",
        address=Address(
            "Rua das Flores", "100", "Centro", "3550308", "São Paulo", "SP", "01001000"
        ),
    )


DIPIRONA = Item(
    code="7891",
    description="Dipirona 500 mg c/ 10 comprimidos",
    ncm="30049099",
    cfop="5102",
    unit="UN",
    quantity=Decimal(2),
    unit_price_cents=1250,
    gtin="7891234567895",
    cest="1300100",
    csosn="102",
    tax_estimate_cents=312,
)
SHAMPOO = Item(
    code="22",
    description="Shampoo anticaspa 200 ml",
    ncm="33051000",
    cfop="5405",
    unit="UN",
    quantity=Decimal("1"),
    unit_price_cents=1999,
    csosn="500",
    discount_cents=100,
    tax_estimate_cents=540,
)


@pytest.fixture
def make_note(emitter: Emitter) -> Callable[..., Nfce]:
    def _make(**changes: Any) -> Nfce:
        note = Nfce(
            emitter=emitter,
            environment=Environment.HOMOLOGACAO,
            series=1,
            number=1,
            issued_at=datetime(2026, 12, 4, 18, 30, tzinfo=UTC),
            items=(DIPIRONA, SHAMPOO),
            payments=(Payment("01", 5000),),
        )
        return replace(note, **changes)

    return _make


@pytest.fixture
def sefaz(a1: A1Certificate, tmp_path: Path) -> Iterator[LocalSefaz]:
    with LocalSefaz(a1.cert_pem(), tmp_path, hang_s=10) as server:
        yield server


@pytest.fixture
def client(a1: A1Certificate, sefaz: LocalSefaz) -> Iterator[SefazClient]:
    with SefazClient(
        a1,
        "SP",
        Environment.HOMOLOGACAO,
        CNPJ,
        urls=sefaz.urls,
        ca_file=sefaz.ca_file,
        timeout_s=1.0,
    ) as c:
        yield c


def xmlsec1_verify(xml: bytes, a1: A1Certificate, folder: Path, element: str = "infNFe") -> bool:
    """Verify the document's signature with the xmlsec1 command (an independent verifier)."""
    assert shutil.which("xmlsec1"), "xmlsec1 missing: run scripts/test-deps.sh"
    cert = folder / "a1-cert.pem"
    cert.write_bytes(a1.cert_pem())
    doc = folder / "signed.xml"
    doc.write_bytes(xml)
    result = subprocess.run(
        ["xmlsec1", "--verify", "--id-attr:Id", element, "--trusted-pem", str(cert), str(doc)],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0 and "OK" in result.stderr


def text_of(xml: bytes, path: str) -> str:
    found = etree.fromstring(xml).find(path, NS)
    assert found is not None, path
    return found.text or ""


def printed(receipt: Receipt, profile: str = "TM-T20II") -> PrintedReceipt:
    """The receipt as the printer emulator reads the ESC/POS bytes back."""
    return decode(render_bytes(receipt, profile).data)[0]


def receipt_lines(receipt: Receipt) -> list[str]:
    return [line.strip() for line in printed(receipt).lines]
