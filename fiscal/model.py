"""The plain data an NFC-e is built from: frozen dataclasses, money in centavos.

posapp maps a committed sale onto `Nfce`; nothing here knows where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import IntEnum
from typing import Literal

SEM_GTIN = "SEM GTIN"

LoyaltyAs = Literal["tpag19", "discount"]


class Environment(IntEnum):
    """tpAmb: 1 produção, 2 homologação (tests and set-up)."""

    PRODUCAO = 1
    HOMOLOGACAO = 2


class TpEmis(IntEnum):
    NORMAL = 1
    OFFLINE = 9  # NFC-e contingência off-line


# UF letters -> IBGE code (cUF), from the IBGE state table used by the access key.
UF_CODES: dict[str, int] = {
    "RO": 11,
    "AC": 12,
    "AM": 13,
    "RR": 14,
    "PA": 15,
    "AP": 16,
    "TO": 17,
    "MA": 21,
    "PI": 22,
    "CE": 23,
    "RN": 24,
    "PB": 25,
    "PE": 26,
    "AL": 27,
    "SE": 28,
    "BA": 29,
    "MG": 31,
    "ES": 32,
    "RJ": 33,
    "SP": 35,
    "PR": 41,
    "SC": 42,
    "RS": 43,
    "MS": 50,
    "MT": 51,
    "GO": 52,
    "DF": 53,
}


@dataclass(frozen=True)
class Address:
    street: str  # xLgr
    number: str  # nro
    district: str  # xBairro
    city_code: str  # cMun, IBGE 7 digits
    city_name: str  # xMun
    uf: str
    cep: str = ""
    complement: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Emitter:
    cnpj: str
    ie: str
    crt: int  # 1 Simples Nacional, 2 Simples excesso, 3 regime normal, 4 MEI
    name: str
    address: Address
    trade_name: str = ""
    timezone: str = "America/Sao_Paulo"

    @property
    def uf(self) -> str:
        return self.address.uf


@dataclass(frozen=True)
class Csc:
    """Código de Segurança do Contribuinte: its id at SEFAZ and the secret token."""

    id: str
    token: str


@dataclass(frozen=True)
class Item:
    """A product line. Services never go on an NFC-e.

    `csosn` (Simples Nacional, CRT 1/2/4) or `cst` (regime normal, CRT 3) is the
    ICMS situation; `icms_rate_bp` (basis points) is needed only for CST 00.
    `tax_estimate_cents` is the Lei 12.741 approximate tax (IBPT) for the line.
    """

    code: str
    description: str
    ncm: str
    cfop: str
    unit: str
    quantity: Decimal
    unit_price_cents: int
    gtin: str = SEM_GTIN
    cest: str = ""
    origin: int = 0
    csosn: str = ""
    cst: str = ""
    icms_rate_bp: int = 0
    discount_cents: int = 0
    tax_estimate_cents: int = 0


@dataclass(frozen=True)
class Card:
    """The card group of a card / PIX payment (tPag 03, 04, 17...)."""

    integrated: bool  # tpIntegra 1 (TEF/POS integrated) or 2
    acquirer_cnpj: str = ""  # CNPJ of the payment institution
    brand: str = ""  # tBand, 2 digits (01 Visa, 02 Mastercard...)
    authorization: str = ""  # cAut (PIX: endToEndId)


@dataclass(frozen=True)
class Payment:
    """One detPag. `tpag` is the 2-digit code (01 cash, 03 credit, 04 debit, 17 PIX...)."""

    tpag: str
    amount_cents: int
    description: str = ""  # xPag, required for tPag 99
    card: Card | None = None


@dataclass(frozen=True)
class Contingency:
    """Off-line contingency (tpEmis 9): when it started and why (15-256 characters)."""

    started_at: datetime
    reason: str = "SEFAZ sem resposta no prazo; emissao em contingencia off-line"


@dataclass(frozen=True)
class TechResponsible:
    """infRespTec: the software house responsible for the system (required by some UFs,
    which refuse a note without it: 972). `csrt_id` and `csrt` are the Código de
    Segurança do Responsável Técnico some UFs give (NT 2018.005): the note carries its
    id and hashCSRT, never the code itself (a secret, kept out of repr)."""

    cnpj: str
    contact: str
    email: str
    phone: str  # DDD + number, 6-14 digits
    csrt_id: str = ""  # idCSRT, 2 digits
    csrt: str = field(default="", repr=False)


@dataclass(frozen=True)
class Nfce:
    """Everything one NFC-e is made of.

    `loyalty_cents` is cashback and vouchers redeemed in the sale; `loyalty_as`
    (the accountant's choice) puts it on the note as a tPag 19 payment or as a
    discount spread over the items. `payments` are the other means and must
    cover the rest (a cash surplus becomes vTroco).
    """

    emitter: Emitter
    environment: Environment
    series: int
    number: int
    issued_at: datetime
    items: tuple[Item, ...]
    payments: tuple[Payment, ...]
    loyalty_cents: int = 0
    loyalty_as: LoyaltyAs = "tpag19"
    consumer_cpf: str = ""
    cnf: str = ""  # 8 digits; random when empty
    contingency: Contingency | None = None
    nat_op: str = "VENDA"
    software: str = "posapp 0.1"
    tech_responsible: TechResponsible | None = None
    additional_info: str = ""

    @property
    def tp_emis(self) -> TpEmis:
        return TpEmis.NORMAL if self.contingency is None else TpEmis.OFFLINE
