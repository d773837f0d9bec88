"""The store's Pix key (chave DICT) as typed by a manager, checked and put in BR Code form.

Forms, after the Manual de Padrões para Iniciação do Pix ("Formatação das chaves
do DICT no BR Code"): CPF as 11 digits, CNPJ as 14 characters, a mobile phone as
"+55", DDD and its 9 digits, e-mail in lower case, random key (EVP) as a lower-case
UUID with hyphens. At most 77 characters (API Pix 2.9.0, CobBase.chave maxLength).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from enum import StrEnum

from payments.documents import is_valid_cnpj, is_valid_cpf, only_cnpj_characters, only_cpf_digits
from payments.errors import PaymentError

MAX_KEY_LENGTH = 77
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_PHONE = re.compile(r"\+55[1-9][0-9]9[0-9]{8}")
"""A mobile: the Pix rules admit no landline as a key."""
_EVP = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class KeyKind(StrEnum):
    CPF = "cpf"
    CNPJ = "cnpj"
    PHONE = "phone"
    EMAIL = "email"
    RANDOM = "random"


class InvalidPixKey(PaymentError):
    code = "invalid_pix_key"
    pt_BR = (
        "Chave Pix inválida: {value}. Use CPF, CNPJ, celular com +55 e DDD "
        "(ex.: +5511912345678), e-mail ou chave aleatória."
    )
    en = (
        "Invalid Pix key: {value}. Use a CPF, CNPJ, mobile number with +55 and area code "
        "(e.g. +5511912345678), e-mail or random key."
    )


class InvalidPixKeyDigits(PaymentError):
    code = "invalid_pix_key_digits"
    pt_BR = "Chave Pix com {kind} inválido: {value}. Confira os dígitos."
    en = "Pix key with an invalid {kind}: {value}. Check the digits."


@dataclass(frozen=True, slots=True)
class PixKey:
    kind: KeyKind
    value: str
    """The key exactly as it goes into the BR Code and the API."""

    def __str__(self) -> str:
        return self.value


def parse_pix_key(text: str) -> PixKey:
    """Recognises and normalises a typed key; raises InvalidPixKey(Digits) with the reason.

    A bare 11-digit number is a CPF: a phone key must start with +55.
    """
    typed = text.strip()
    if not typed or len(typed) > MAX_KEY_LENGTH:
        raise InvalidPixKey(value=text)
    if typed.startswith("+"):
        phone = re.sub(r"[\s()\-]", "", typed)
        if _PHONE.fullmatch(phone):
            return PixKey(KeyKind.PHONE, phone)
        raise InvalidPixKey(value=text)
    if "@" in typed:
        if _EMAIL.fullmatch(typed):
            return PixKey(KeyKind.EMAIL, typed.lower())
        raise InvalidPixKey(value=text)
    if _EVP.fullmatch(typed.lower()):
        return PixKey(KeyKind.RANDOM, str(uuid.UUID(typed)))
    cpf = only_cpf_digits(typed)
    if re.fullmatch(r"[0-9]{11}", cpf):
        if is_valid_cpf(cpf):
            return PixKey(KeyKind.CPF, cpf)
        raise InvalidPixKeyDigits(kind="CPF", value=text)
    cnpj = only_cnpj_characters(typed)
    if re.fullmatch(r"[0-9A-Z]{12}[0-9]{2}", cnpj):
        if is_valid_cnpj(cnpj):
            return PixKey(KeyKind.CNPJ, cnpj)
        raise InvalidPixKeyDigits(kind="CNPJ", value=text)
    raise InvalidPixKey(value=text)
