"""The 44-character access key (chave de acesso) and its check digit.

Layout (sped-common src/Keys.php): cUF 2, AAMM 4, CNPJ 14, mod 2, série 3,
nNF 9, tpEmis 1, cNF 8, cDV 1. The CNPJ part may hold letters (alphanumeric
CNPJ, XSD `[0-9A-Z]{12}`), so keys are strings; a letter weighs its ASCII
code minus 48, as the alphanumeric CNPJ rule does.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from fiscal.errors import InvalidInput
from fiscal.model import UF_CODES

MODEL_NFCE = 65


def check_digit(first43: str) -> int:
    """cDV: modulo 11, weights 2..9 repeating from the right; 0 when the rest is 0 or 1."""
    if len(first43) != 43 or not first43.isascii() or not first43.isalnum():
        raise InvalidInput(
            "chave", "a chave sem o DV precisa de 43 caracteres", "the key needs 43 characters"
        )
    total = 0
    for i, char in enumerate(reversed(first43.upper())):
        total += (ord(char) - 48) * (2 + i % 8)
    rest = total % 11
    return 0 if rest < 2 else 11 - rest


def random_cnf(number: int) -> str:
    """cNF: 8 random digits, never equal to nNF (a SEFAZ rule)."""
    while True:
        cnf = f"{secrets.randbelow(10**8):08d}"
        if int(cnf) != number:
            return cnf


@dataclass(frozen=True)
class AccessKey:
    uf_code: int
    year_month: str  # AAMM
    cnpj: str
    model: int
    series: int
    number: int
    tp_emis: int
    cnf: str

    @property
    def first43(self) -> str:
        return (
            f"{self.uf_code:02d}{self.year_month}{self.cnpj}{self.model:02d}"
            f"{self.series:03d}{self.number:09d}{self.tp_emis}{self.cnf}"
        )

    @property
    def dv(self) -> int:
        return check_digit(self.first43)

    def __str__(self) -> str:
        return f"{self.first43}{self.dv}"


def make_key(
    uf: str,
    issued_at: datetime,
    cnpj: str,
    series: int,
    number: int,
    tp_emis: int,
    cnf: str,
    model: int = MODEL_NFCE,
) -> AccessKey:
    if uf not in UF_CODES:
        raise InvalidInput("emit/UF", f"UF desconhecida: {uf!r}", f"unknown UF: {uf!r}")
    if len(cnpj) != 14 or not cnpj.isascii() or not cnpj.isalnum():
        raise InvalidInput("emit/CNPJ", "CNPJ precisa de 14 caracteres", "CNPJ needs 14 characters")
    if not 0 <= series <= 999:
        raise InvalidInput("ide/serie", "série fora de 0-999", "series outside 0-999")
    if not 1 <= number <= 999_999_999:
        raise InvalidInput("ide/nNF", "número fora de 1-999999999", "number outside 1-999999999")
    if len(cnf) != 8 or not cnf.isdigit():
        raise InvalidInput("ide/cNF", "cNF precisa de 8 dígitos", "cNF needs 8 digits")
    if int(cnf) == number:
        raise InvalidInput("ide/cNF", "cNF não pode ser igual ao nNF", "cNF must differ from nNF")
    return AccessKey(
        UF_CODES[uf], issued_at.strftime("%y%m"), cnpj.upper(), model, series, number, tp_emis, cnf
    )


def is_valid_key(key: str) -> bool:
    return len(key) == 44 and key[-1].isdigit() and check_digit(key[:43]) == int(key[-1])


def key_blocks(key: str) -> str:
    """The key in 11 groups of 4, as the DANFE prints it."""
    return " ".join(key[i : i + 4] for i in range(0, 44, 4))
