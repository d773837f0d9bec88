"""The plain data a DPS (Declaração de Prestação de Serviço) is built from.

Frozen dataclasses, money in integer centavos, rates in basis points (500 = 5 %).
posapp maps a committed sale's service lines onto `Dps`; nothing here knows where
the data came from. Field names follow the national layout (leiaute 1.01).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum

from fiscal.model import Environment

VERSION = "1.01"
NS = "http://www.sped.fazenda.gov.br/nfse"
HAIRDRESSING = "060101"
"""cTribNac of LC 116 item 06.01 (barbearia, cabeleireiros, manicuros, pedicuros e congêneres),
subitem 01: item 2 digits + subitem 2 digits + national breakdown 2 digits."""


class SimplesOption(IntEnum):
    """opSimpNac: the provider's standing in the Simples Nacional."""

    NOT_OPTING = 1
    MEI = 2
    ME_EPP = 3


class Withholding(IntEnum):
    """tpRetISSQN: who pays the ISS over to the municipality."""

    NOT_WITHHELD = 1
    BY_TAKER = 2
    BY_INTERMEDIARY = 3


@dataclass(frozen=True)
class Provider:
    """The store (prestador): CNPJ, municipal registration (IM) and tax regime."""

    cnpj: str
    im: str
    city_code: str  # cLocEmi: IBGE 7 digits
    simples: SimplesOption = SimplesOption.ME_EPP
    sn_regime: int = 1
    """regApTribSN (ME/EPP only): 1 federal and municipal taxes paid through the SN."""
    special_regime: int = 0  # regEspTrib: 0 none


@dataclass(frozen=True)
class Taker:
    """The customer (tomador); with no CPF/CNPJ the DPS carries no taker at all."""

    name: str
    cpf: str = ""
    cnpj: str = ""


@dataclass(frozen=True)
class PartnerShare:
    """The partner professional's share of a salão-parceiro service (Lei 13.352/2016).

    Stated as a deduction of type 9 "Profissional parceiro": the salon's ISS base is
    its own share (cota-parte); the professional's is theirs to declare.
    """

    cpf: str
    name: str
    amount_cents: int
    contract: str  # the partnership contract's reference (nDoc)
    contract_date: date


@dataclass(frozen=True)
class Dps:
    provider: Provider
    environment: Environment
    series: int
    number: int
    issued_at: datetime  # aware
    national_code: str  # cTribNac, 6 digits
    description: str
    service_cents: int
    iss_rate_bp: int = 0
    """pAliq in basis points; 0 leaves it out (a municipality in the national system
    has it parametrised)."""
    withholding: Withholding = Withholding.NOT_WITHHELD
    discount_cents: int = 0  # unconditional discount (vDescIncond)
    municipal_code: str = ""  # cTribMun, 3 digits, when the municipality breaks it down
    taker: Taker | None = None
    partners: tuple[PartnerShare, ...] = ()
    service_city: str = ""  # cLocPrestacao; the provider's city when empty
    app_version: str = "posapp"
    service_date: date | None = None
    """The day the service was rendered (the store's local date), the DPS's competence;
    the issue date when not given. A DPS made days later (after a rejection, a crash)
    keeps the month the ISS is due in."""

    @property
    def competence(self) -> date:
        return self.service_date or self.issued_at.date()

    @property
    def partner_cents(self) -> int:
        return sum(p.amount_cents for p in self.partners)
