"""A card tender's details, as the NFC-e card group (detPag/card) and the receipt need them.

NF-e/NFC-e layout 4.00 (leiauteNFe_v4.00.xsd as shipped in nfelib 3.2.0; FISCAL_FACTS §6):

- tPag 03 credit card, 04 debit card;
- card/tpIntegra: 1 payment integrated with the sales system (TEF, integrated POS),
  2 not integrated (a stand-alone POS machine) (NT 2015.002);
- card/CNPJ: the payment institution's (acquirer's) CNPJ, `[0-9A-Z]{12}[0-9]{2}`;
- card/tBand: 2 digits; card/cAut: 1 to 128 characters, no blank at either end.

The tBand names are the table of NT 2016.002 as public NF-e libraries carry it
(e.g. Unimake's BandeiraOperadoraCartao: 01 Visa … 27 Ticket, 99 Outros) [S]; the
schema itself only asks for 2 digits, so any 2-digit code is taken.

NSU (número sequencial único) and DOC (the acquirer's document / CV number) are printed
on the slip and kept for reconciliation with the acquirer; they do not go to the NFC-e.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from payments.documents import is_valid_cnpj, only_cnpj_characters
from payments.errors import PaymentError

BRANDS: dict[str, str] = {
    "01": "Visa",
    "02": "Mastercard",
    "03": "American Express",
    "04": "Sorocred",
    "05": "Diners Club",
    "06": "Elo",
    "07": "Hipercard",
    "08": "Aura",
    "09": "Cabal",
    "10": "Alelo",
    "11": "Banes Card",
    "12": "CalCard",
    "13": "Credz",
    "14": "Discover",
    "15": "GoodCard",
    "16": "GreenCard",
    "17": "Hiper",
    "18": "JCB",
    "19": "Mais",
    "20": "MaxVan",
    "21": "Policard",
    "22": "RedeCompras",
    "23": "Sodexo",
    "24": "ValeCard",
    "25": "Verocheque",
    "26": "VR",
    "27": "Ticket",
    "99": "Outros",
}
MAX_INSTALMENTS = 99
_REFERENCE = re.compile(r"[0-9A-Za-z]{1,20}")
_AUTHORISATION = re.compile(r"[!-ÿ](?:[ -ÿ]{0,126}[!-ÿ])?")  # the schema's TString, 1..128


class CardKind(StrEnum):
    CREDIT = "credit"
    DEBIT = "debit"

    @property
    def tpag(self) -> str:
        return "03" if self is CardKind.CREDIT else "04"


class Integration(StrEnum):
    """tpIntegra."""

    INTEGRATED = "1"
    NOT_INTEGRATED = "2"


class InvalidCardDetail(PaymentError):
    code = "invalid_card_detail"
    pt_BR = 'Cartão: {field_pt} inválido(a): "{value}". {rule_pt}'
    en = 'Card: invalid {field_en}: "{value}". {rule_en}'


class MissingCardDetail(PaymentError):
    code = "missing_card_detail"
    pt_BR = "Cartão: informe {field_pt} (obrigatório em pagamento integrado/TEF)."
    en = "Card: enter the {field_en} (required for an integrated/TEF payment)."


def _invalid(field: str, value: object) -> InvalidCardDetail:
    pt, en, rule_pt, rule_en = _FIELDS[field]
    return InvalidCardDetail(
        field_pt=pt, field_en=en, value=value, rule_pt=rule_pt, rule_en=rule_en
    )


_FIELDS: dict[str, tuple[str, str, str, str]] = {
    "brand": (
        "bandeira",
        "brand",
        "Use o código de 2 dígitos da tabela tBand (ex.: 01 Visa, 02 Mastercard, 06 Elo).",
        "Use the 2-digit tBand code (e.g. 01 Visa, 02 Mastercard, 06 Elo).",
    ),
    "authorization": (
        "código de autorização",
        "authorisation code",
        "De 1 a 128 caracteres, sem espaço no início nem no fim.",
        "1 to 128 characters, no blank at the start or end.",
    ),
    "nsu": (
        "NSU",
        "NSU",
        "De 1 a 20 letras ou números, como no comprovante.",
        "1 to 20 letters or digits, as on the slip.",
    ),
    "doc": (
        "DOC",
        "DOC",
        "De 1 a 20 letras ou números, como no comprovante.",
        "1 to 20 letters or digits, as on the slip.",
    ),
    "acquirer_cnpj": (
        "CNPJ da credenciadora",
        "acquirer CNPJ",
        "Confira os 14 caracteres e os dígitos verificadores.",
        "Check the 14 characters and the check digits.",
    ),
    "instalments": (
        "número de parcelas",
        "number of instalments",
        "De 1 a 99; no débito, 1.",
        "1 to 99; 1 for debit.",
    ),
    "terminal_id": (
        "identificador do terminal",
        "terminal id",
        "De 1 a 40 caracteres.",
        "1 to 40 characters.",
    ),
}


def brand_code(text: str) -> str:
    """ "1", "01", "visa", "Mastercard" -> the 2-digit tBand code; InvalidCardDetail if unknown."""
    typed = text.strip()
    if re.fullmatch(r"\d{1,2}", typed):
        return typed.zfill(2)
    wanted = re.sub(r"[^a-z0-9]", "", typed.lower())
    for code, name in BRANDS.items():
        if wanted and re.sub(r"[^a-z0-9]", "", name.lower()) == wanted:
            return code
    aliases = {"amex": "03", "diners": "05", "master": "02", "mastercardmaestro": "02"}
    if wanted in aliases:
        return aliases[wanted]
    raise _invalid("brand", text)


@dataclass(frozen=True, slots=True)
class CardDetails:
    """What is on record for one card tender. Build it with `card_details(...)` from typed
    text, or directly with clean values; either way it is checked on creation."""

    kind: CardKind
    brand: str
    """tBand: 2 digits."""
    integration: Integration = Integration.NOT_INTEGRATED
    authorization: str | None = None
    """cAut (also on the slip as AUT / autorização)."""
    nsu: str | None = None
    doc: str | None = None
    acquirer_cnpj: str | None = None
    instalments: int = 1
    terminal_id: str | None = None
    """idTermPag (NT 2023.004), optional."""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{2}", self.brand):
            raise _invalid("brand", self.brand)
        if self.authorization is not None and not _AUTHORISATION.fullmatch(self.authorization):
            raise _invalid("authorization", self.authorization)
        for name in ("nsu", "doc"):
            value = getattr(self, name)
            if value is not None and not _REFERENCE.fullmatch(value):
                raise _invalid(name, value)
        if self.acquirer_cnpj is not None and not is_valid_cnpj(self.acquirer_cnpj):
            raise _invalid("acquirer_cnpj", self.acquirer_cnpj)
        if (
            isinstance(self.instalments, bool)
            or not isinstance(self.instalments, int)
            or not 1 <= self.instalments <= MAX_INSTALMENTS
            or (self.kind is CardKind.DEBIT and self.instalments != 1)
        ):
            raise _invalid("instalments", self.instalments)
        if self.terminal_id is not None and not 1 <= len(self.terminal_id.strip()) <= 40:
            raise _invalid("terminal_id", self.terminal_id)
        if self.integration is Integration.INTEGRATED:
            if self.authorization is None:
                raise MissingCardDetail(
                    field_pt="o código de autorização", field_en="authorisation code"
                )
            if self.acquirer_cnpj is None:
                raise MissingCardDetail(
                    field_pt="o CNPJ da credenciadora", field_en="acquirer CNPJ"
                )

    @property
    def brand_name(self) -> str:
        return BRANDS.get(self.brand, f"Bandeira {self.brand}")

    @property
    def tpag(self) -> str:
        return self.kind.tpag

    def nfce_card(self) -> dict[str, str]:
        """The detPag/card group, in schema order, only the fields we have."""
        group = {"tpIntegra": self.integration.value}
        if self.acquirer_cnpj:
            group["CNPJ"] = self.acquirer_cnpj
        group["tBand"] = self.brand
        if self.authorization:
            group["cAut"] = self.authorization
        if self.terminal_id:
            group["idTermPag"] = self.terminal_id.strip()
        return group

    def receipt_lines(self, locale: str = "pt_BR") -> list[str]:
        """Short lines for the receipt and the Vendas detail."""
        pt = locale.startswith("pt")
        kind = {
            CardKind.CREDIT: "Crédito" if pt else "Credit",
            CardKind.DEBIT: "Débito" if pt else "Debit",
        }[self.kind]
        if self.instalments > 1:
            kind += f" {self.instalments}x"
        elif self.kind is CardKind.CREDIT:
            kind += " à vista" if pt else " single payment"
        lines = [f"{self.brand_name} {kind}"]
        references = []
        if self.nsu:
            references.append(f"NSU {self.nsu}")
        if self.doc:
            references.append(f"DOC {self.doc}")
        if self.authorization:
            references.append(f"AUT {self.authorization}")
        if references:
            lines.append(" ".join(references))
        if self.acquirer_cnpj:
            label = "Credenciadora CNPJ" if pt else "Acquirer CNPJ"
            lines.append(f"{label} {format_cnpj(self.acquirer_cnpj)}")
        return lines


def format_cnpj(cnpj: str) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def _optional(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def _not_a_card_number(field_pt: str, field_en: str, value: str | None) -> None:
    """A card's own number typed where a slip's reference goes is refused, never stored
    (PCI DSS: the store keeps no card number) nor echoed: 13 to 19 digits of a card
    network's range whose check digit holds (no NSU, DOC or authorisation code is that
    long on Brazilian slips)."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not (13 <= len(digits) <= 19 and digits.isdigit() and digits[0] in "23456"):
        return
    if not _luhn(digits):
        return
    shown = "•••• " + digits[-4:]
    raise InvalidCardDetail(
        field_pt=field_pt,
        field_en=field_en,
        value=shown,
        rule_pt="Parece o número do cartão, que a loja não guarda: digite o código do comprovante.",
        rule_en="It looks like the card's number, which the store does not keep: type the"
        " code on the slip.",
    )


def _luhn(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def card_details(
    kind: CardKind | str,
    brand: str,
    *,
    authorization: str | None = None,
    nsu: str | None = None,
    doc: str | None = None,
    acquirer_cnpj: str | None = None,
    instalments: int | str = 1,
    integration: Integration | str = Integration.NOT_INTEGRATED,
    terminal_id: str | None = None,
) -> CardDetails:
    """From what a cashier types (or a TEF answers): trims, takes a CNPJ with its dots,
    a brand by name or code, "3" instalments; refuses the rest with a pt_BR/en message."""
    try:
        card_kind = CardKind(kind)
    except ValueError:
        raise InvalidCardDetail(
            field_pt="tipo",
            field_en="kind",
            value=kind,
            rule_pt="Use crédito ou débito.",
            rule_en="Use credit or debit.",
        ) from None
    try:
        count = int(str(instalments).strip().lower().removesuffix("x"))
    except ValueError:
        raise _invalid("instalments", instalments) from None
    cnpj = _optional(acquirer_cnpj)
    for field_pt, field_en, value in (
        ("autorização", "authorisation code", authorization),
        ("NSU", "NSU", nsu),
        ("DOC", "DOC", doc),
    ):
        _not_a_card_number(field_pt, field_en, value)
    return CardDetails(
        kind=card_kind,
        brand=brand_code(brand),
        integration=Integration(integration),
        authorization=_optional(authorization),
        nsu=_optional(nsu),
        doc=_optional(doc),
        acquirer_cnpj=only_cnpj_characters(cnpj) if cnpj else None,
        instalments=count,
        terminal_id=_optional(terminal_id),
    )


_NOT_ON_SLIPS = {"19", "99"}
"""Mais (a Portuguese word) and Outros: too common on a slip to mean the brand."""
_SLIP_KIND = re.compile(r"\b(CR[EÉ]DITO|D[EÉ]BITO)\b")
_SLIP_INSTALMENTS = (
    re.compile(r"\b(\d{1,2})\s*X\b"),
    re.compile(r"\b(\d{1,2})\s*PARCELAS?\b"),
    re.compile(r"\bPARC(?:ELAS?)?\s*[:=]?\s*(\d{1,2})\b"),
)


def _slip_value(text: str, *labels: str) -> str | None:
    """The reference after a label standing as a word of its own ("AUT: 123456"), never
    the end of a longer word ("TRANSACAO AUTORIZADA" is not "AUTORIZ" "ADA"); a reference
    has a digit, so a word after the label ("NSU HOST") is not taken for one."""
    for label in labels:
        match = re.search(rf"\b{label}\b\s*[:=.]*\s*((?=[A-Z]*\d)[0-9A-Z]{{1,20}})\b", text)
        if match:
            return match.group(1)
    return None


def read_slip(
    text: str,
    *,
    acquirers: Mapping[str, str] | None = None,
    integration: Integration | str = Integration.NOT_INTEGRATED,
) -> CardDetails:
    """Card details from a card machine's slip typed or pasted by the cashier.

    Takes CRÉDITO/DÉBITO, the brand by name, NSU, DOC, AUT (or AUTORIZAÇÃO/AUTORIZ),
    instalments ("3X", "3 PARCELAS", "PARC: 3"). The CNPJ printed on a slip is usually
    the store's, so the acquirer's comes from `acquirers` (acquirer name on the slip, e.g.
    "CIELO", -> CNPJ), never from the slip. Refuses like `card_details` what is missing.
    """
    upper = text.upper()
    kind_match = _SLIP_KIND.search(upper)
    kind = CardKind.CREDIT
    if kind_match and kind_match.group(1).startswith("D"):
        kind = CardKind.DEBIT
    brand = ""
    for code, name in sorted(BRANDS.items(), key=lambda item: -len(item[1])):
        if code not in _NOT_ON_SLIPS and re.search(rf"\b{re.escape(name.upper())}\b", upper):
            brand = code
            break
    else:
        for alias, code in (("AMEX", "03"), ("MAESTRO", "02"), ("ELECTRON", "01")):
            if re.search(rf"\b{alias}\b", upper):
                brand = code
                break
    instalments = "1"
    if kind is CardKind.CREDIT:
        for pattern in _SLIP_INSTALMENTS:
            found = pattern.search(upper)
            if found:
                instalments = found.group(1)
                break
    acquirer = None
    for name, cnpj in (acquirers or {}).items():
        if re.search(rf"\b{re.escape(name.upper())}\b", upper):
            acquirer = cnpj
            break
    if not brand:
        raise _invalid("brand", text.strip().splitlines()[0] if text.strip() else "")
    return card_details(
        kind,
        brand,
        authorization=_slip_value(upper, "AUTORIZA[CÇ][AÃ]O", "AUTORIZ", "AUT", "COD AUT"),
        nsu=_slip_value(upper, "NSU"),
        doc=_slip_value(upper, "DOC"),
        acquirer_cnpj=acquirer,
        instalments=instalments,
        integration=integration,
    )
