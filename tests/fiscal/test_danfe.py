"""The DANFE NFC-e printed on 58 and 80 mm, read back from the printer emulator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp

from fiscal.certificate import A1Certificate
from fiscal.danfe import danfe_builder, danfe_receipt
from fiscal.model import Contingency, Environment, Nfce
from fiscal.soap import Authorized, SefazClient
from fiscal.xml_build import build_nfce
from hardware.emulator.decoder import decode
from hardware.emulator.render_png import render_receipt
from hardware.escpos_render import render_bytes
from tests.fiscal.conftest import CSC, receipt_lines

Make = Callable[..., Nfce]


@pytest.mark.parametrize("paper", [58, 80])
def test_authorised_danfe_has_every_block(
    paper: int, client: SefazClient, make_note: Make, a1: A1Certificate
) -> None:
    signed = build_nfce(make_note(consumer_cpf="52998224725"), a1, CSC)
    outcome = client.authorize(signed.xml)
    assert isinstance(outcome, Authorized)
    receipt = danfe_receipt(outcome.proc_xml, paper)
    lines = receipt_lines(receipt)
    text = " ".join(lines)  # lines wrapped at the paper width joined back
    width = 32 if paper == 58 else 48
    assert all(len(line) <= width for line in lines)
    assert "Farmácia Boa Saúde Ltda" in text
    assert "CNPJ: 12.345.678/0001-95" in text
    assert "EMITIDA EM AMBIENTE DE HOMOLOGAÇÃO - SEM VALOR FISCAL" in text
    assert any(line.startswith("Valor a Pagar R$") and line.endswith("43,99") for line in lines)
    assert any(line.startswith("Dinheiro") and line.endswith("50,00") for line in lines)
    assert any(line.startswith("Troco R$") and line.endswith("6,01") for line in lines)
    assert "Consulte pela Chave de Acesso em:" in text
    url = "https://www.homologacao.nfce.fazenda.sp.gov.br/NFCeConsultaPublica"
    assert url in "".join(lines)  # a long address wraps inside itself, nothing is cut
    blocks = " ".join(signed.key[i : i + 4] for i in range(0, 44, 4))
    assert blocks in text
    assert "CONSUMIDOR - CPF: ***.982.247-**" in text
    assert "52998224725" not in text
    assert f"Protocolo de Autorização: {outcome.protocol}" in text
    assert "NFC-e nº 000000001 Série 001" in text
    assert "Lei Federal 12.741/2012" in text and "R$ 8,52" in text
    assert "CONTINGÊNCIA" not in text


def test_the_qr_reads_back_from_the_paper(
    client: SefazClient, make_note: Make, a1: A1Certificate
) -> None:
    signed = build_nfce(make_note(), a1, CSC)
    outcome = client.authorize(signed.xml)
    assert isinstance(outcome, Authorized)
    receipt = danfe_receipt(outcome.proc_xml, 80)
    printed = decode(render_bytes(receipt, "Bematech-MP4200TH").data)[0]  # raster QR
    image = render_receipt(printed, paper_dots=576)
    codes = [r.text for r in zxingcpp.read_barcodes(image)]
    assert codes == [signed.qr_code]


def test_contingency_and_unidentified_consumer(make_note: Make, a1: A1Certificate) -> None:
    note = make_note(
        contingency=Contingency(datetime(2026, 12, 4, 18, tzinfo=UTC)),
        environment=Environment.PRODUCAO,
    )
    lines = receipt_lines(danfe_receipt(build_nfce(note, a1, CSC).xml, 58))
    assert "EMITIDA EM CONTINGÊNCIA" in lines
    assert "Pendente de autorização" in lines
    assert "CONSUMIDOR NÃO IDENTIFICADO" in lines
    assert not any("SEM VALOR FISCAL" in line for line in lines)
    assert not any("Protocolo" in line for line in lines)


def test_the_caller_appends_its_cashback_section_after_the_danfe(
    make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    builder = danfe_builder(build_nfce(make_note(), a1, CSC).xml, 80)
    receipt = builder.text("Cashback ganho: R$ 2,20").cut().build()
    lines = receipt_lines(receipt)
    assert lines.index("Cashback ganho: R$ 2,20") > max(
        i for i, line in enumerate(lines) if "12.741" in line
    )
