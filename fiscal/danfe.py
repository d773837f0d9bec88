"""The DANFE NFC-e as a printer-neutral receipt (hardware.receipt), 58 or 80 mm.

Read from the XML itself (an NFe or an nfeProc), because the DANFE may show only
what the XML holds plus SEFAZ's answer (Manual do DANFE NFC-e e QR Code; the
blocks follow sped-da's TraitBlocoI-IX). The text is the legal Portuguese.

    builder = danfe_builder(proc_xml, paper=80)   # a ReceiptBuilder, not cut
    builder.text("Cashback ganho ...")            # posapp appends its section here
    receipt = builder.cut().build()
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from lxml import etree

from fiscal.key import key_blocks
from hardware.receipt import Receipt, ReceiptBuilder

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}

TPAG_NAMES = {
    "01": "Dinheiro",
    "02": "Cheque",
    "03": "Cartão de Crédito",
    "04": "Cartão de Débito",
    "05": "Crédito Loja",
    "10": "Vale Alimentação",
    "11": "Vale Refeição",
    "12": "Vale Presente",
    "13": "Vale Combustível",
    "15": "Boleto Bancário",
    "16": "Depósito Bancário",
    "17": "PIX Dinâmico",
    "18": "Transferência / Carteira Digital",
    "19": "Cashback / Fidelidade",
    "20": "PIX Estático",
    "21": "Crédito em Loja",
    "22": "Pagamento Eletrônico não Informado",
    "90": "Sem Pagamento",
    "99": "Outros",
}


@dataclass(frozen=True)
class _Doc:
    nfe: etree._Element
    prot: etree._Element | None

    def t(self, path: str, node: etree._Element | None = None) -> str:
        found = (self.nfe if node is None else node).find(path, NS)
        return (found.text or "").strip() if found is not None else ""


def _parse(xml: bytes) -> _Doc:
    root = etree.fromstring(xml)
    if etree.QName(root).localname == "nfeProc":
        nfe = root.find("n:NFe", NS)
        assert nfe is not None
        return _Doc(nfe, root.find("n:protNFe/n:infProt", NS))
    return _Doc(root, None)


def brl(value: str) -> str:
    """'1234.5' -> '1.234,50'."""
    whole, _, frac = f"{Decimal(value or '0'):.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{groups},{frac}"


def qty(value: str) -> str:
    text = f"{Decimal(value):.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def cnpj_fmt(cnpj: str) -> str:
    if len(cnpj) != 14:
        return cnpj
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def mask_cpf(cpf: str) -> str:
    return f"***.{cpf[3:6]}.{cpf[6:9]}-**" if len(cpf) == 11 else cpf


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M:%S")
    except ValueError:
        return iso


def danfe_builder(xml: bytes, paper: int = 80, copy: str = "Via Consumidor") -> ReceiptBuilder:
    """Every DANFE block, uncut: the caller may append its own section, then cut."""
    doc = _parse(xml)
    inf = doc.nfe.find("n:infNFe", NS)
    assert inf is not None
    key = (inf.get("Id") or "")[3:]
    tp_emis = doc.t("n:infNFe/n:ide/n:tpEmis")
    homolog = doc.t("n:infNFe/n:ide/n:tpAmb") == "2"
    b = ReceiptBuilder(paper)

    # I: emitter
    b.text(doc.t("n:infNFe/n:emit/n:xNome"), align="center", bold=True)
    b.text(
        f"CNPJ: {cnpj_fmt(doc.t('n:infNFe/n:emit/n:CNPJ'))}  IE: {doc.t('n:infNFe/n:emit/n:IE')}",
        align="center",
    )
    addr = "n:infNFe/n:emit/n:enderEmit/n:"
    b.text(
        f"{doc.t(addr + 'xLgr')}, {doc.t(addr + 'nro')}, {doc.t(addr + 'xBairro')}, "
        f"{doc.t(addr + 'xMun')} - {doc.t(addr + 'UF')}",
        align="center",
    )
    b.rule()
    b.text(
        "DANFE NFC-e - Documento Auxiliar da Nota Fiscal de Consumidor Eletrônica", align="center"
    )
    if homolog:
        b.text("EMITIDA EM AMBIENTE DE HOMOLOGAÇÃO - SEM VALOR FISCAL", align="center", bold=True)
    if tp_emis == "9" and doc.prot is None:
        b.text("EMITIDA EM CONTINGÊNCIA", align="center", bold=True)
        b.text("Pendente de autorização", align="center")
    b.rule()

    # II: items
    b.row("Cód. Descrição", "Vl Total")
    count = 0
    for det in inf.findall("n:det", NS):
        prod = det.find("n:prod", NS)
        assert prod is not None
        count += 1
        b.text(f"{det.get('nItem')} {doc.t('n:cProd', prod)} {doc.t('n:xProd', prod)}")
        b.row(
            f"  {qty(doc.t('n:qCom', prod))} {doc.t('n:uCom', prod)} x "
            f"{brl(doc.t('n:vUnCom', prod))}",
            brl(doc.t("n:vProd", prod)),
        )
        if doc.t("n:vDesc", prod):
            b.row("  desconto", "-" + brl(doc.t("n:vDesc", prod)))
    b.rule()

    # III: totals
    tot = "n:infNFe/n:total/n:ICMSTot/n:"
    b.row("Qtde. total de itens", str(count))
    b.row("Valor total R$", brl(doc.t(tot + "vProd")))
    if Decimal(doc.t(tot + "vDesc") or "0"):
        b.row("Desconto R$", "-" + brl(doc.t(tot + "vDesc")))
    b.row("Valor a Pagar R$", brl(doc.t(tot + "vNF")), bold=True)

    # IV: payments
    b.row("FORMA PAGAMENTO", "VALOR PAGO R$")
    for pag in inf.findall("n:pag/n:detPag", NS):
        code = doc.t("n:tPag", pag)
        name = doc.t("n:xPag", pag) or TPAG_NAMES.get(code, code)
        b.row(name, brl(doc.t("n:vPag", pag)))
    if doc.t("n:infNFe/n:pag/n:vTroco"):
        b.row("Troco R$", brl(doc.t("n:infNFe/n:pag/n:vTroco")))
    b.rule()

    # V: key
    b.text("Consulte pela Chave de Acesso em:", align="center", bold=True)
    b.text(doc.t("n:infNFeSupl/n:urlChave"), align="center")
    b.text(key_blocks(key), align="center")
    b.rule()

    # VI: consumer
    cpf = doc.t("n:infNFe/n:dest/n:CPF")
    cnpj = doc.t("n:infNFe/n:dest/n:CNPJ")
    if cpf:
        b.text(f"CONSUMIDOR - CPF: {mask_cpf(cpf)}", align="center")
    elif cnpj:
        b.text(f"CONSUMIDOR - CNPJ: {cnpj_fmt(cnpj)}", align="center")
    else:
        b.text("CONSUMIDOR NÃO IDENTIFICADO", align="center")

    # VII: identification and protocol
    b.text(
        f"NFC-e nº {int(doc.t('n:infNFe/n:ide/n:nNF')):09d} "
        f"Série {int(doc.t('n:infNFe/n:ide/n:serie')):03d} "
        f"{_when(doc.t('n:infNFe/n:ide/n:dhEmi'))}",
        align="center",
        bold=True,
    )
    b.text(copy, align="center")
    if doc.prot is not None:
        b.text(f"Protocolo de Autorização: {doc.t('n:nProt', doc.prot)}", align="center")
        b.text(f"Data de Autorização: {_when(doc.t('n:dhRecbto', doc.prot))}", align="center")
    elif tp_emis == "9":
        b.text("EMITIDA EM CONTINGÊNCIA", align="center", bold=True)

    # VIII: QR
    b.qr(doc.t("n:infNFeSupl/n:qrCode"), module=4 if paper < 80 else 5)

    # IX: Lei 12.741
    tributes = doc.t(tot + "vTotTrib")
    b.text(
        f"Tributos Totais Incidentes (Lei Federal 12.741/2012): R$ {brl(tributes or '0')}",
        align="center",
    )
    b.rule()
    return b


def danfe_receipt(xml: bytes, paper: int = 80, copy: str = "Via Consumidor") -> Receipt:
    """The DANFE alone, cut."""
    return danfe_builder(xml, paper, copy).cut().build()
