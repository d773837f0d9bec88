"""Build, sign and validate the NFC-e XML (layout 4.00, model 65) from an `Nfce`.

nfelib provides the official XSDs (fiscal.schemas); the document is written with
lxml in the XSD's element order, so what we sign is exactly what we validate.
Money stays in integer centavos until it is written as text.

    signed = build_nfce(note, a1, csc)          # raises InvalidInput / SchemaError
    signed.key, signed.xml, signed.qr_code, signed.totals.total_cents
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal
from zoneinfo import ZoneInfo

from lxml import etree

from fiscal import qrcode
from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput
from fiscal.key import make_key, random_cnf
from fiscal.model import SEM_GTIN, Csc, Environment, Item, LoyaltyAs, Nfce, Payment, TpEmis
from fiscal.schemas import validate
from fiscal.sefaz_urls import consumer_urls
from fiscal.signing import DS, digest_hex, sign
from fiscal.text import plain as _clean

NS = "http://www.portalfiscal.inf.br/nfe"
VERSION = "4.00"
HOMOLOGACAO_NAME = "NOTA FISCAL EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL"
HOMOLOGACAO_DEST = "NF-E EMITIDA EM AMBIENTE DE HOMOLOGACAO - SEM VALOR FISCAL"
TPAG_CODES = frozenset(
    "01 02 03 04 05 10 11 12 13 15 16 17 18 19 20 21 22 90 99".split()  # noqa: SIM905
)  # SPEDDA TraitBlocoV; 16-19 NT 2020.006, 20-22 NT 2024.002
TPAG_LOYALTY = "19"
SN_102 = frozenset({"102", "103", "300", "400"})
CST_40 = frozenset({"40", "41", "50"})
PIS_NT = frozenset({"04", "05", "06", "07", "08", "09"})
PIS_OUTR = frozenset({"49", "99"})

QrVersion = Literal[2, 3]


@dataclass(frozen=True)
class Line:
    item: Item
    gross_cents: int  # vProd
    discount_cents: int  # vDesc (item discount + its share of a loyalty discount)
    icms_base_cents: int
    icms_cents: int

    @property
    def net_cents(self) -> int:
        return self.gross_cents - self.discount_cents


@dataclass(frozen=True)
class Totals:
    products_cents: int
    discount_cents: int
    total_cents: int  # vNF
    icms_base_cents: int
    icms_cents: int
    tax_estimate_cents: int
    paid_cents: int
    change_cents: int  # vTroco


@dataclass(frozen=True)
class SignedNfce:
    """A signed, schema-valid NFC-e ready to transmit (or to print in contingency)."""

    key: str
    xml: bytes
    number: int
    series: int
    environment: Environment
    tp_emis: TpEmis
    issued_at: datetime  # in the store's time zone
    totals: Totals
    qr_code: str
    url_chave: str


def _money(cents: int) -> str:
    return qrcode.money(cents)


def _local(moment: datetime, tz: str, field: str) -> datetime:
    if moment.tzinfo is None:
        raise InvalidInput(field, "data/hora sem fuso horário", "date/time without a time zone")
    return moment.astimezone(ZoneInfo(tz)).replace(microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def gtin_ok(gtin: str) -> bool:
    if gtin == SEM_GTIN:
        return True
    if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
        return False
    body, check = gtin[:-1], int(gtin[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def cpf_ok(cpf: str) -> bool:
    if len(cpf) != 11 or not cpf.isdigit() or cpf == cpf[0] * 11:
        return False
    for size in (9, 10):
        total = sum(int(cpf[i]) * (size + 1 - i) for i in range(size))
        if (total * 10 % 11) % 10 != int(cpf[size]):
            return False
    return True


def _check_item(n: int, item: Item, crt: int) -> None:
    where = f"det[{n}] ({item.description or item.code})"

    def bad(pt: str, en: str) -> InvalidInput:
        return InvalidInput(where, pt, en)

    if not _clean(item.description) or not _clean(item.code):
        raise bad("item sem código ou descrição", "item without code or description")
    if len(item.ncm) != 8 or not item.ncm.isdigit():
        raise bad(f"NCM deve ter 8 dígitos: {item.ncm!r}", f"NCM needs 8 digits: {item.ncm!r}")
    if item.cest and (len(item.cest) != 7 or not item.cest.isdigit()):
        raise bad(f"CEST deve ter 7 dígitos: {item.cest!r}", f"CEST needs 7 digits: {item.cest!r}")
    if len(item.cfop) != 4 or not item.cfop.isdigit() or item.cfop[0] != "5":
        raise bad(
            f"CFOP de NFC-e deve ser 5xxx: {item.cfop!r}", f"an NFC-e CFOP is 5xxx: {item.cfop!r}"
        )
    if not _clean(item.unit):
        raise bad("unidade vazia", "empty unit")
    if not gtin_ok(item.gtin):
        raise bad(
            f"GTIN inválido (use 'SEM GTIN'): {item.gtin!r}",
            f"invalid GTIN (use 'SEM GTIN'): {item.gtin!r}",
        )
    if not 0 <= item.origin <= 8:
        raise bad("origem da mercadoria fora de 0-8", "goods origin outside 0-8")
    if item.quantity <= 0 or item.quantity != item.quantity.quantize(Decimal("0.0001")):
        raise bad(
            "quantidade deve ser positiva com até 4 casas",
            "quantity must be positive with up to 4 decimals",
        )
    if item.unit_price_cents <= 0 or item.discount_cents < 0 or item.tax_estimate_cents < 0:
        raise bad("preço deve ser positivo e desconto não negativo", "price must be positive")
    if crt == 3:
        if item.cst not in {"00", "60"} | CST_40:
            raise bad(
                f"CST de ICMS não suportado: {item.cst!r} (00, 40, 41, 50, 60)",
                f"unsupported ICMS CST: {item.cst!r} (00, 40, 41, 50, 60)",
            )
        if item.cst == "00" and item.icms_rate_bp <= 0:
            raise bad("CST 00 precisa da alíquota de ICMS", "CST 00 needs the ICMS rate")
    elif item.csosn not in SN_102 | {"500", "900"}:
        raise bad(
            f"CSOSN não suportado: {item.csosn!r} (102, 103, 300, 400, 500, 900)",
            f"unsupported CSOSN: {item.csosn!r} (102, 103, 300, 400, 500, 900)",
        )


def spread(amount: int, weights: list[int]) -> list[int]:
    """Split `amount` centavos over `weights` proportionally; the shares sum exactly."""
    total = sum(weights)
    if amount == 0 or total == 0:
        return [0] * len(weights)
    shares = [amount * w // total for w in weights]
    rests = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % total), i))
    for i in rests[: amount - sum(shares)]:
        shares[i] += 1
    return shares


def _loyalty_as(note: Nfce, products_cents: int) -> LoyaltyAs:
    """The accountant's choice, except when cashback and vouchers pay all the products:
    as a discount the note would be worth nothing and have no payment, which SEFAZ
    cannot take, so that note carries them as what they are, tPag 19."""
    if note.loyalty_as == "discount" and note.loyalty_cents >= products_cents:
        return "tpag19"
    return note.loyalty_as


def compute_lines(note: Nfce) -> tuple[list[Line], Totals, list[Payment]]:
    """Per-line values, the totals and the final detPag list, all in centavos."""
    if not note.items:
        raise InvalidInput("det", "a NFC-e precisa de ao menos um item", "an NFC-e needs items")
    for n, item in enumerate(note.items, 1):
        _check_item(n, item, note.emitter.crt)
    gross = [
        int((it.quantity * it.unit_price_cents).quantize(Decimal(1), ROUND_HALF_UP))
        for it in note.items
    ]
    for n, (it, g) in enumerate(zip(note.items, gross, strict=True), 1):
        if it.discount_cents > g:  # equal is a free item (a gift): SEFAZ rejects only more (483)
            raise InvalidInput(
                f"det[{n}] ({it.description})",
                "desconto maior que o valor do item",
                "discount above the item's value",
            )
    if note.loyalty_cents < 0:
        raise InvalidInput("pag", "cashback negativo", "negative cashback")
    nets = [g - it.discount_cents for it, g in zip(note.items, gross, strict=True)]
    loyalty_as = _loyalty_as(note, sum(nets))
    loyalty_discount = note.loyalty_cents if loyalty_as == "discount" else 0
    shares = spread(loyalty_discount, nets)
    lines: list[Line] = []
    for it, g, share in zip(note.items, gross, shares, strict=True):
        discount = it.discount_cents + share
        base = g - discount if note.emitter.crt == 3 and it.cst == "00" else 0
        icms = int((Decimal(base) * it.icms_rate_bp / 10000).quantize(Decimal(1), ROUND_HALF_UP))
        lines.append(Line(it, g, discount, base, icms))
    total = sum(line.net_cents for line in lines)
    payments = list(note.payments)
    if note.loyalty_cents and loyalty_as == "tpag19":
        payments.append(Payment(TPAG_LOYALTY, note.loyalty_cents))
    for n, pay in enumerate(payments, 1):
        if pay.tpag not in TPAG_CODES:
            raise InvalidInput(f"detPag[{n}]", f"tPag inválido: {pay.tpag!r}", "invalid tPag")
        if pay.amount_cents <= 0:
            raise InvalidInput(f"detPag[{n}]", "valor do pagamento deve ser positivo", "bad amount")
        if pay.tpag == "99" and not _clean(pay.description):
            raise InvalidInput(f"detPag[{n}]", "tPag 99 exige descrição", "tPag 99 needs xPag")
    if not payments:
        raise InvalidInput("pag", "venda sem pagamento", "sale without payment")
    paid = sum(p.amount_cents for p in payments)
    if paid < total:
        raise InvalidInput(
            "pag",
            f"pagamentos ({_money(paid)}) menores que o total ({_money(total)})",
            f"payments ({_money(paid)}) below the total ({_money(total)})",
        )
    totals = Totals(
        products_cents=sum(gross),
        discount_cents=sum(line.discount_cents for line in lines),
        total_cents=total,
        icms_base_cents=sum(line.icms_base_cents for line in lines),
        icms_cents=sum(line.icms_cents for line in lines),
        tax_estimate_cents=sum(it.tax_estimate_cents for it in note.items),
        paid_cents=paid,
        change_cents=paid - total,
    )
    return lines, totals, payments


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        node.text = text
    return node


def _icms(imposto: etree._Element, line: Line, crt: int) -> None:
    item = line.item
    icms = _sub(imposto, "ICMS")
    if crt == 3:
        group = "ICMS00" if item.cst == "00" else "ICMS60" if item.cst == "60" else "ICMS40"
        g = _sub(icms, group)
        _sub(g, "orig", str(item.origin))
        _sub(g, "CST", item.cst)
        if item.cst == "00":
            _sub(g, "modBC", "3")
            _sub(g, "vBC", _money(line.icms_base_cents))
            rate = Decimal(item.icms_rate_bp) / 100
            _sub(g, "pICMS", f"{rate:.2f}")
            _sub(g, "vICMS", _money(line.icms_cents))
        return
    group = "ICMSSN102" if item.csosn in SN_102 else f"ICMSSN{item.csosn}"
    g = _sub(icms, group)
    _sub(g, "orig", str(item.origin))
    _sub(g, "CSOSN", item.csosn)


def _pis_cofins(imposto: etree._Element, cst: str) -> None:
    if not cst:
        return
    for tax in ("PIS", "COFINS"):
        outer = _sub(imposto, tax)
        if cst in PIS_NT:
            _sub(_sub(outer, f"{tax}NT"), "CST", cst)
        else:
            g = _sub(outer, f"{tax}Outr")
            _sub(g, "CST", cst)
            _sub(g, "vBC", "0.00")
            _sub(g, f"p{tax}", "0.0000")
            _sub(g, f"v{tax}", "0.00")


def build_unsigned(
    note: Nfce, pis_cofins_cst: str = ""
) -> tuple[etree._Element, str, datetime, Totals]:
    """The NFe element without signature and QR: (root, key, dhEmi local, totals)."""
    em = note.emitter
    if em.crt not in (1, 2, 3, 4):
        raise InvalidInput("emit/CRT", "CRT deve ser 1, 2, 3 ou 4", "CRT must be 1, 2, 3 or 4")
    if pis_cofins_cst and pis_cofins_cst not in PIS_NT | PIS_OUTR:
        raise InvalidInput("PIS/CST", "CST de PIS/COFINS não suportado", "unsupported PIS CST")
    if note.consumer_cpf and not cpf_ok(note.consumer_cpf):
        raise InvalidInput("dest/CPF", "CPF do consumidor inválido", "invalid consumer CPF")
    issued = _local(note.issued_at, em.timezone, "ide/dhEmi")
    lines, totals, payments = compute_lines(note)
    cnf = note.cnf or random_cnf(note.number)
    key = str(make_key(em.uf, issued, em.cnpj, note.series, note.number, int(note.tp_emis), cnf))
    homolog = note.environment is Environment.HOMOLOGACAO

    root = etree.Element(f"{{{NS}}}NFe", nsmap={None: NS})
    inf = _sub(root, "infNFe")
    inf.set("versao", VERSION)
    inf.set("Id", f"NFe{key}")

    ide = _sub(inf, "ide")
    for tag, value in (
        ("cUF", key[:2]),
        ("cNF", cnf),
        ("natOp", _clean(note.nat_op)),
        ("mod", "65"),
        ("serie", str(note.series)),
        ("nNF", str(note.number)),
        ("dhEmi", _iso(issued)),
        ("tpNF", "1"),
        ("idDest", "1"),
        ("cMunFG", em.address.city_code),
        ("tpImp", "4"),
        ("tpEmis", str(int(note.tp_emis))),
        ("cDV", key[-1]),
        ("tpAmb", str(int(note.environment))),
        ("finNFe", "1"),
        ("indFinal", "1"),
        ("indPres", "1"),
        ("procEmi", "0"),
        ("verProc", _clean(note.software, 20)),
    ):
        _sub(ide, tag, value)
    if note.contingency is not None:
        reason = _clean(note.contingency.reason)
        if not 15 <= len(reason) <= 256:
            raise InvalidInput(
                "ide/xJust",
                "justificativa da contingência deve ter de 15 a 256 caracteres",
                "the contingency reason needs 15-256 characters",
            )
        _sub(ide, "dhCont", _iso(_local(note.contingency.started_at, em.timezone, "ide/dhCont")))
        _sub(ide, "xJust", reason)

    emit = _sub(inf, "emit")
    _sub(emit, "CNPJ", em.cnpj)
    _sub(emit, "xNome", _clean(em.name, 60))
    if _clean(em.trade_name):
        _sub(emit, "xFant", _clean(em.trade_name, 60))
    addr = em.address
    ender = _sub(emit, "enderEmit")
    _sub(ender, "xLgr", _clean(addr.street, 60))
    _sub(ender, "nro", _clean(addr.number, 60))
    if _clean(addr.complement):
        _sub(ender, "xCpl", _clean(addr.complement, 60))
    _sub(ender, "xBairro", _clean(addr.district, 60))
    _sub(ender, "cMun", addr.city_code)
    _sub(ender, "xMun", _clean(addr.city_name, 60))
    _sub(ender, "UF", addr.uf)
    if addr.cep:
        _sub(ender, "CEP", addr.cep)
    _sub(ender, "cPais", "1058")
    _sub(ender, "xPais", "Brasil")
    if addr.phone:
        _sub(ender, "fone", addr.phone)
    _sub(emit, "IE", em.ie)
    _sub(emit, "CRT", str(em.crt))

    if note.consumer_cpf:
        dest = _sub(inf, "dest")
        _sub(dest, "CPF", note.consumer_cpf)
        if homolog:
            _sub(dest, "xNome", HOMOLOGACAO_DEST)
        _sub(dest, "indIEDest", "9")

    for n, line in enumerate(lines, 1):
        it = line.item
        det = _sub(inf, "det")
        det.set("nItem", str(n))
        prod = _sub(det, "prod")
        quantity = f"{it.quantity:.4f}"
        description = HOMOLOGACAO_NAME if homolog and n == 1 else _clean(it.description, 120)
        for tag, value in (
            ("cProd", _clean(it.code, 60)),
            ("cEAN", it.gtin),
            ("xProd", description),
            ("NCM", it.ncm),
        ):
            _sub(prod, tag, value)
        if it.cest:
            _sub(prod, "CEST", it.cest)
        for tag, value in (
            ("CFOP", it.cfop),
            ("uCom", _clean(it.unit, 6)),
            ("qCom", quantity),
            ("vUnCom", _money(it.unit_price_cents)),
            ("vProd", _money(line.gross_cents)),
            ("cEANTrib", it.gtin),
            ("uTrib", _clean(it.unit, 6)),
            ("qTrib", quantity),
            ("vUnTrib", _money(it.unit_price_cents)),
        ):
            _sub(prod, tag, value)
        if line.discount_cents:
            _sub(prod, "vDesc", _money(line.discount_cents))
        _sub(prod, "indTot", "1")
        imposto = _sub(det, "imposto")
        if it.tax_estimate_cents:
            _sub(imposto, "vTotTrib", _money(it.tax_estimate_cents))
        _icms(imposto, line, em.crt)
        _pis_cofins(imposto, pis_cofins_cst)

    tot = _sub(_sub(inf, "total"), "ICMSTot")
    zero = "0.00"
    for tag, value in (
        ("vBC", _money(totals.icms_base_cents)),
        ("vICMS", _money(totals.icms_cents)),
        ("vICMSDeson", zero),
        ("vFCP", zero),
        ("vBCST", zero),
        ("vST", zero),
        ("vFCPST", zero),
        ("vFCPSTRet", zero),
        ("vProd", _money(totals.products_cents)),
        ("vFrete", zero),
        ("vSeg", zero),
        ("vDesc", _money(totals.discount_cents)),
        ("vII", zero),
        ("vIPI", zero),
        ("vIPIDevol", zero),
        ("vPIS", zero),
        ("vCOFINS", zero),
        ("vOutro", zero),
        ("vNF", _money(totals.total_cents)),
    ):
        _sub(tot, tag, value)
    if totals.tax_estimate_cents:
        _sub(tot, "vTotTrib", _money(totals.tax_estimate_cents))

    _sub(_sub(inf, "transp"), "modFrete", "9")

    pag = _sub(inf, "pag")
    for pay in payments:
        det_pag = _sub(pag, "detPag")
        _sub(det_pag, "tPag", pay.tpag)
        if _clean(pay.description):
            _sub(det_pag, "xPag", _clean(pay.description, 60))
        _sub(det_pag, "vPag", _money(pay.amount_cents))
        if pay.card is not None:
            card = _sub(det_pag, "card")
            _sub(card, "tpIntegra", "1" if pay.card.integrated else "2")
            if pay.card.acquirer_cnpj:
                _sub(card, "CNPJ", pay.card.acquirer_cnpj)
            if pay.card.brand:
                _sub(card, "tBand", pay.card.brand)
            if pay.card.authorization:
                _sub(card, "cAut", _clean(pay.card.authorization, 128))
    if totals.change_cents:
        _sub(pag, "vTroco", _money(totals.change_cents))

    if _clean(note.additional_info):
        _sub(_sub(inf, "infAdic"), "infCpl", _clean(note.additional_info, 5000))
    if note.tech_responsible is not None:
        rt = note.tech_responsible
        resp = _sub(inf, "infRespTec")
        _sub(resp, "CNPJ", rt.cnpj)
        _sub(resp, "xContato", _clean(rt.contact, 60))
        _sub(resp, "email", rt.email.strip())
        _sub(resp, "fone", rt.phone)
        if rt.csrt_id and rt.csrt:
            _sub(resp, "idCSRT", rt.csrt_id)
            _sub(resp, "hashCSRT", hash_csrt(rt.csrt, key))
    return root, key, issued, totals


def hash_csrt(csrt: str, key: str) -> str:
    """hashCSRT (NT 2018.005, infRespTec ZD09): Base64 of the 20-byte SHA-1 of the CSRT
    the UF gave the software house followed by the note's 44-character access key (as
    nfephp-org/sped-nfe src/Traits/TraitTagInfRespTec.php hashCSRT does); an
    alphanumeric CNPJ puts letters in the key (FISCAL_FACTS §1)."""
    if not (len(key) == 44 and key.isascii() and key.isalnum()):
        raise InvalidInput("infRespTec/hashCSRT", "chave de acesso inválida", "invalid access key")
    return base64.b64encode(hashlib.sha1((csrt + key).encode("utf-8")).digest()).decode("ascii")


def build_nfce(
    note: Nfce,
    a1: A1Certificate,
    csc: Csc,
    qr_version: QrVersion = 2,
    pis_cofins_cst: str = "",
) -> SignedNfce:
    """Build, sign, add the QR (infNFeSupl) and validate against the official XSD."""
    unsigned, key, issued, totals = build_unsigned(note, pis_cofins_cst)
    root = sign(unsigned, f"NFe{key}", a1)
    base, url_chave = consumer_urls(note.emitter.uf, note.environment)
    offline = note.tp_emis is TpEmis.OFFLINE
    if qr_version == 3:
        qr = (
            qrcode.v3_offline(
                base, key, note.environment, issued.day, totals.total_cents, note.consumer_cpf, a1
            )
            if offline
            else qrcode.v3_online(base, key, note.environment)
        )
    elif offline:
        qr = qrcode.v2_offline(
            base, key, note.environment, issued.day, totals.total_cents, digest_hex(root), csc
        )
    else:
        qr = qrcode.v2_online(base, key, note.environment, csc)
    supl = etree.Element(f"{{{NS}}}infNFeSupl")
    _sub(supl, "qrCode").text = etree.CDATA(qr)
    _sub(supl, "urlChave", url_chave)
    signature = root.find(f"{{{DS}}}Signature")
    assert signature is not None
    signature.addprevious(supl)
    validate(root, "NFe")
    return SignedNfce(
        key=key,
        xml=etree.tostring(root, encoding="UTF-8", xml_declaration=False),
        number=note.number,
        series=note.series,
        environment=note.environment,
        tp_emis=note.tp_emis,
        issued_at=issued,
        totals=totals,
        qr_code=qr,
        url_chave=url_chave,
    )
