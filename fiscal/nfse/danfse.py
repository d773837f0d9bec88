"""What the NFS-e shows: a section for the sale's receipt and the DANFSe as a PDF.

Both are read from the NFS-e XML itself (what the national environment signed).
The DANFSe is a one-page A4 drawn with Pillow: the NFS-e's number and access key,
the provider, the taker, the service, the values (the partner professional's share
as a deduction when the salon works as salão-parceiro), the ISS, and the QR code of
the public query page. Texts are the legal Portuguese.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import qrcode
from lxml import etree
from PIL import Image, ImageDraw, ImageFont

from fiscal.nfse.client import PUBLIC_QUERY
from fiscal.nfse.model import NS
from hardware.receipt import ReceiptBuilder

N = {"n": NS}
_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


@dataclass(frozen=True)
class Deduction:
    name: str
    cpf: str
    amount: str


@dataclass(frozen=True)
class NfseSummary:
    key: str
    number: str
    processed_at: str
    provider_cnpj: str
    provider_name: str
    provider_im: str
    taker_doc: str
    taker_name: str
    national_code: str
    national_text: str
    description: str
    service: str
    discount: str
    deductions: tuple[Deduction, ...]
    base: str
    rate: str
    iss: str
    withheld: bool
    net: str

    @property
    def link(self) -> str:
        return PUBLIC_QUERY.format(key=self.key)


def _t(node: etree._Element, path: str) -> str:
    return (node.findtext(path, "", N) or "").strip()


def read_nfse(xml: bytes) -> NfseSummary:
    root = etree.fromstring(xml)
    inf = root.find("n:infNFSe", N)
    if inf is None:
        raise ValueError("not an NFS-e")
    dps = inf.find("n:DPS/n:infDPS", N)
    assert dps is not None
    taker = dps.find("n:toma", N)
    deductions = tuple(
        Deduction(
            _t(doc, "n:fornec/n:xNome"), _t(doc, "n:fornec/n:CPF"), _t(doc, "n:vDeducaoReducao")
        )
        for doc in dps.iterfind("n:valores/n:vDedRed/n:documentos/n:docDedRed", N)
    )
    return NfseSummary(
        key=inf.get("Id", "")[3:],
        number=_t(inf, "n:nNFSe"),
        processed_at=_t(inf, "n:dhProc"),
        provider_cnpj=_t(inf, "n:emit/n:CNPJ"),
        provider_name=_t(inf, "n:emit/n:xNome"),
        provider_im=_t(inf, "n:emit/n:IM"),
        taker_doc=(_t(taker, "n:CPF") or _t(taker, "n:CNPJ")) if taker is not None else "",
        taker_name=_t(taker, "n:xNome") if taker is not None else "",
        national_code=_t(dps, "n:serv/n:cServ/n:cTribNac"),
        national_text=_t(inf, "n:xTribNac"),
        description=_t(dps, "n:serv/n:cServ/n:xDescServ"),
        service=_t(dps, "n:valores/n:vServPrest/n:vServ"),
        discount=_t(dps, "n:valores/n:vDescCondIncond/n:vDescIncond") or "0.00",
        deductions=deductions,
        base=_t(inf, "n:valores/n:vBC"),
        rate=_t(inf, "n:valores/n:pAliqAplic"),
        iss=_t(inf, "n:valores/n:vISSQN"),
        withheld=_t(dps, "n:valores/n:trib/n:tribMun/n:tpRetISSQN") != "1",
        net=_t(inf, "n:valores/n:vLiq"),
    )


def brl(value: str) -> str:
    amount = Decimal(value or "0").quantize(Decimal("0.01"))
    whole, cents = f"{amount:.2f}".split(".")
    return f"R$ {int(whole):,}".replace(",", ".") + f",{cents}"


def _when(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M:%S")
    except ValueError:
        return iso


def key_blocks(key: str) -> str:
    return " ".join(key[i : i + 5] for i in range(0, len(key), 5))


def nfse_section(out: ReceiptBuilder, xml: bytes) -> ReceiptBuilder:
    """The NFS-e of the sale's services on the receipt: number, key, public link, QR."""
    doc = read_nfse(xml)
    out.rule()
    out.text(f"NFS-e nº {doc.number} (serviços)", align="center", bold=True)
    out.text(f"Emitida em {_when(doc.processed_at)}", align="center")
    out.row("Serviços", brl(doc.service))
    if Decimal(doc.discount or "0"):
        out.row("Desconto", "-" + brl(doc.discount))
    for share in doc.deductions:
        out.row(f"Cota parceiro {share.name}"[:30], brl(share.amount))
    out.row(f"ISS {doc.rate}%", brl(doc.iss))
    out.text("Chave de acesso da NFS-e", align="center", bold=True)
    out.text(key_blocks(doc.key), align="center")
    out.text("Consulte em www.nfse.gov.br (consulta pública)", align="center")
    out.qr(doc.link, module=4)
    return out


def pending_section(out: ReceiptBuilder, dps_id: str) -> ReceiptBuilder:
    """The services' DPS is queued (national environment out): the NFS-e follows."""
    out.rule()
    out.text("NFS-e dos serviços em processamento", align="center", bold=True)
    out.text("Services' NFS-e being issued", align="center")
    out.text(f"DPS {dps_id[3:]}", align="center")
    return out


@functools.cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = Path(_FONTS[1 if bold else 0])
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _cpf_cnpj(doc: str) -> str:
    if len(doc) == 14:
        return f"{doc[:2]}.{doc[2:5]}.{doc[5:8]}/{doc[8:12]}-{doc[12:]}"
    if len(doc) == 11:
        return f"{doc[:3]}.{doc[3:6]}.{doc[6:9]}-{doc[9:]}"
    return doc


def danfse_pdf(xml: bytes) -> bytes:
    """The DANFSe: one A4 page (100 dpi) as a PDF."""
    buffer = io.BytesIO()
    danfse_image(xml).save(buffer, format="PDF", resolution=100.0)
    return buffer.getvalue()


def danfse_image(xml: bytes) -> Image.Image:
    """The DANFSe page drawn (A4 at 100 dpi)."""
    doc = read_nfse(xml)
    page = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(page)
    y = 40

    def line(text: str, size: int = 16, bold: bool = False, x: int = 40) -> None:
        nonlocal y
        draw.text((x, y), text, fill="black", font=_font(size, bold))
        y += size + 10

    def rule() -> None:
        nonlocal y
        draw.line((40, y, 787, y), fill="black", width=2)
        y += 12

    line("DANFSe - Documento Auxiliar da NFS-e", 24, True)
    line(f"NFS-e nº {doc.number}    Emitida em {_when(doc.processed_at)}", 16, True)
    line(f"Chave de acesso: {key_blocks(doc.key)}", 14)
    rule()
    line("PRESTADOR DO SERVIÇO", 16, True)
    line(f"{doc.provider_name}  CNPJ {_cpf_cnpj(doc.provider_cnpj)}  IM {doc.provider_im}")
    rule()
    line("TOMADOR DO SERVIÇO", 16, True)
    line(
        f"{doc.taker_name}  CPF/CNPJ {_cpf_cnpj(doc.taker_doc)}"
        if doc.taker_doc
        else "Tomador não identificado"
    )
    rule()
    line("SERVIÇO PRESTADO", 16, True)
    line(f"Código de tributação nacional {doc.national_code}: {doc.national_text}"[:90])
    for chunk in range(0, min(len(doc.description), 450), 90):
        line(doc.description[chunk : chunk + 90], 14)
    rule()
    line("VALORES", 16, True)
    line(f"Valor do serviço: {brl(doc.service)}    Desconto incondicionado: {brl(doc.discount)}")
    for share in doc.deductions:
        line(
            f"Profissional parceiro (Lei 13.352/2016) {share.name} "
            f"CPF {_cpf_cnpj(share.cpf)}: {brl(share.amount)}",
            14,
        )
    line(f"Base de cálculo do ISSQN: {brl(doc.base)}    Alíquota: {doc.rate}%")
    line(f"ISSQN: {brl(doc.iss)}  {'(retido pelo tomador)' if doc.withheld else '(não retido)'}")
    line(f"Valor líquido: {brl(doc.net)}", 18, True)
    rule()
    line("Consulte a autenticidade em www.nfse.gov.br (consulta pública)", 14)
    code = qrcode.QRCode(box_size=5, border=2)
    code.add_data(doc.link)
    code.make(fit=True)
    qr_image = code.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    page.paste(qr_image, (40, y))
    return page
