"""Pix BR Codes: the EMV merchant-presented QR text, built and read on the standard library.

Layout (Manual de Padrões para Iniciação do Pix; EMV QRCPS-MPM): a run of fields,
each a 2-digit ID, a 2-digit length and the value. A Pix code has

    00 "01" payload format; 01 "12" only in a dynamic code;
    26 merchant account = {00 "br.gov.bcb.pix", 01 key | 25 URL without https://, 02 info};
    52 "0000"; 53 "986" (real); 54 amount (optional); 58 "BR";
    59 name (<= 25); 60 city (<= 15); 62 = {05 txid}; 63 CRC.

The CRC is CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) over the whole
text up to and including "6304", written as 4 upper-case hexadecimal digits.
`binascii.crc_hqx(data, 0xFFFF)` computes exactly that.

A static code carries the key and, per sale, a txid of 1 to 25 [A-Za-z0-9] ("***"
when none). A dynamic code carries the PSP's location URL and txid "***"; its
amount and status live at the PSP (payments.pix_api).
"""

from __future__ import annotations

import binascii
import re
import unicodedata
from dataclasses import dataclass

from payments.amounts import InvalidAmount, from_decimal_text, to_decimal_text
from payments.errors import PaymentError
from payments.pix_key import PixKey, parse_pix_key

PIX_GUI = "br.gov.bcb.pix"
MAX_NAME = 25
MAX_CITY = 15
MAX_TXID = 25
NO_TXID = "***"
_TXID = re.compile(r"[A-Za-z0-9]{1,25}")
_ID_MERCHANT_ACCOUNT = "26"
_MERCHANT_TEMPLATES = {f"{number:02d}" for number in range(26, 52)}
_UNRESERVED_TEMPLATES = {f"{number:02d}" for number in range(80, 100)}


class BRCodeError(PaymentError):
    code = "brcode_invalid"
    pt_BR = "Código Pix inválido: {reason_pt}"
    en = "Invalid Pix code: {reason_en}"

    def __init__(self, reason_pt: str, reason_en: str) -> None:
        super().__init__(reason_pt=reason_pt, reason_en=reason_en)


class InvalidMerchantText(PaymentError):
    code = "invalid_pix_merchant_text"
    pt_BR = (
        '{field_pt} do recebedor Pix inválido(a): "{value}". '
        "Use de 1 a {limit} letras, números ou espaços."
    )
    en = 'Invalid Pix merchant {field_en}: "{value}". Use 1 to {limit} letters, digits or spaces.'


class InvalidTxid(PaymentError):
    code = "invalid_pix_txid"
    pt_BR = (
        'Identificador da transação (txid) inválido: "{value}". '
        "Use de 1 a 25 letras e números, sem acentos."
    )
    en = 'Invalid transaction id (txid): "{value}". Use 1 to 25 letters and digits, no accents.'


def crc16(text: str) -> str:
    """CRC-16/CCITT-FALSE of the text as 4 upper-case hex digits."""
    return f"{binascii.crc_hqx(text.encode('utf-8'), 0xFFFF):04X}"


def tlv(field_id: str, value: str) -> str:
    length = len(value)
    if length > 99:
        raise BRCodeError(
            f"o campo {field_id} tem {length} caracteres (máximo 99).",
            f"field {field_id} has {length} characters (at most 99).",
        )
    return f"{field_id}{length:02d}{value}"


def normalise_text(
    text: str, limit: int, *, field_pt: str, field_en: str, upper: bool = True
) -> str:
    """Upper case, accents stripped, only A-Z 0-9 space and a little punctuation; refuses
    what is empty or longer than `limit` after that (it is the manager's to shorten)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"[^A-Za-z0-9 .,&'/-]", " ", plain)
    plain = re.sub(r"\s+", " ", plain).strip()
    plain = plain.upper() if upper else plain
    if not plain or len(plain) > limit:
        raise InvalidMerchantText(field_pt=field_pt, field_en=field_en, value=text, limit=limit)
    return plain


def merchant_name(text: str, upper: bool = True) -> str:
    return normalise_text(text, MAX_NAME, field_pt="Nome", field_en="name", upper=upper)


def merchant_city(text: str, upper: bool = True) -> str:
    return normalise_text(text, MAX_CITY, field_pt="Cidade", field_en="city", upper=upper)


def check_txid(txid: str) -> str:
    if txid == NO_TXID or _TXID.fullmatch(txid):
        return txid
    raise InvalidTxid(value=txid)


def _finish(body: str) -> str:
    text = body + "6304"
    return text + crc16(text)


def _common_tail(amount_centavos: int | None, name: str, city: str, txid: str, upper: bool) -> str:
    amount = "" if amount_centavos is None else tlv("54", _amount(amount_centavos))
    return (
        tlv("52", "0000")
        + tlv("53", "986")
        + amount
        + tlv("58", "BR")
        + tlv("59", merchant_name(name, upper))
        + tlv("60", merchant_city(city, upper))
        + tlv("62", tlv("05", check_txid(txid)))
    )


def _amount(centavos: int) -> str:
    if isinstance(centavos, bool) or not isinstance(centavos, int) or centavos <= 0:
        raise InvalidAmount(value=centavos)
    return to_decimal_text(centavos)


def build_static(
    key: PixKey | str,
    name: str,
    city: str,
    amount_centavos: int | None = None,
    txid: str = NO_TXID,
    info: str | None = None,
    *,
    upper: bool = True,
) -> str:
    """The "Pix copia e cola" text of a static code for this key (and amount, if given).

    Name and city are upper-cased unless `upper` is False (accents always go)."""
    pix_key = key if isinstance(key, PixKey) else parse_pix_key(key)
    account = tlv("00", PIX_GUI) + tlv("01", pix_key.value)
    if info:
        account += tlv("02", info)
    body = tlv("00", "01") + tlv(_ID_MERCHANT_ACCOUNT, account)
    return _finish(body + _common_tail(amount_centavos, name, city, txid, upper))


def build_dynamic(
    location: str, name: str, city: str, amount_centavos: int | None = None, *, upper: bool = True
) -> str:
    """A dynamic code pointing at a PSP's payload location (what a PSP returns as
    pixCopiaECola); ours is used by the test PSP server."""
    url = location.removeprefix("https://")
    body = tlv("00", "01") + tlv("01", "12")
    body += tlv(_ID_MERCHANT_ACCOUNT, tlv("00", PIX_GUI) + tlv("25", url))
    return _finish(body + _common_tail(amount_centavos, name, city, NO_TXID, upper))


@dataclass(frozen=True, slots=True)
class Field:
    id: str
    value: str


@dataclass(frozen=True, slots=True)
class BRCode:
    """A decoded and validated BR Code."""

    text: str
    fields: tuple[Field, ...]
    dynamic: bool
    """Field 01 is "12" (point of initiation: the code is for one payment)."""
    key: str | None
    url: str | None
    """The PSP's location (dynamic code; or a recurrence's in template 80)."""
    info: str | None
    amount_centavos: int | None
    name: str
    city: str
    txid: str | None
    crc: str

    def field(self, field_id: str) -> str | None:
        return next((item.value for item in self.fields if item.id == field_id), None)


def split_fields(text: str, where: str = "") -> tuple[Field, ...]:
    """Splits ID-length-value runs; refuses a run that does not fit exactly."""
    fields: list[Field] = []
    position = 0
    while position < len(text):
        head = text[position : position + 4]
        if len(head) < 4 or not head.isdigit():
            raise BRCodeError(
                f'estrutura quebrada{where} na posição {position + 1} ("{head}").',
                f'broken structure{where} at position {position + 1} ("{head}").',
            )
        field_id, length = head[:2], int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if len(value) != length:
            raise BRCodeError(
                f"o campo {field_id}{where} diz ter {length} caracteres mas só há {len(value)}.",
                f"field {field_id}{where} says {length} characters but only {len(value)} remain.",
            )
        fields.append(Field(field_id, value))
        position += 4 + length
    return tuple(fields)


def _one(fields: tuple[Field, ...], field_id: str) -> str | None:
    return next((item.value for item in fields if item.id == field_id), None)


def _required(fields: tuple[Field, ...], field_id: str, name_pt: str, name_en: str) -> str:
    value = _one(fields, field_id)
    if value is None:
        raise BRCodeError(
            f"falta o campo {field_id} ({name_pt}).", f"field {field_id} ({name_en}) is missing."
        )
    return value


def _expect(value: str, expected: str, field_id: str, name_pt: str, name_en: str) -> None:
    if value != expected:
        raise BRCodeError(
            f'o campo {field_id} ({name_pt}) deveria ser "{expected}" e é "{value}".',
            f'field {field_id} ({name_en}) should be "{expected}" and is "{value}".',
        )


def _pix_templates(fields: tuple[Field, ...], ids: set[str]) -> list[tuple[Field, ...]]:
    found = []
    for item in fields:
        if item.id in ids:
            inner = split_fields(item.value, f" (dentro do {item.id})")
            gui = _one(inner, "00")
            if gui is not None and gui.lower() == PIX_GUI:
                found.append(inner)
    return found


def verify_crc(text: str) -> bool:
    """True when the text ends in 6304 and the 4 hex digits of the CRC of the rest."""
    return len(text) >= 8 and text[-8:-4] == "6304" and crc16(text[:-4]) == text[-4:]


def parse(text: str) -> BRCode:
    """Decodes a BR Code ("Pix copia e cola") and checks CRC, lengths and Pix fields.

    Raises BRCodeError with the first problem found, in pt_BR and en.
    """
    code = text.strip()
    if len(code) < 8 or code[-8:-4] != "6304":
        raise BRCodeError(
            "não termina com o campo 63 (CRC) de 4 caracteres.",
            "it does not end with field 63 (CRC) of 4 characters.",
        )
    expected = crc16(code[:-4])
    if code[-4:] != expected:
        raise BRCodeError(
            f"CRC {code[-4:]} não confere (o texto dá {expected}): "
            "o código foi alterado ou copiado pela metade.",
            f"CRC {code[-4:]} does not match (the text gives {expected}): "
            "the code was altered or cut.",
        )
    fields = split_fields(code)
    if fields[0].id != "00":
        raise BRCodeError("o primeiro campo deve ser o 00.", "the first field must be 00.")
    _expect(fields[0].value, "01", "00", "formato", "payload format")
    seen: set[str] = set()
    for item in fields:
        if item.id in seen:
            raise BRCodeError(
                f"o campo {item.id} aparece duas vezes.", f"field {item.id} appears twice."
            )
        seen.add(item.id)
    if fields[-1].id != "63":
        raise BRCodeError("o campo 63 (CRC) deve ser o último.", "field 63 (CRC) must be the last.")
    initiation = _one(fields, "01")
    if initiation not in (None, "11", "12"):
        raise BRCodeError(
            f'o campo 01 deve ser 11 ou 12 e é "{initiation}".',
            f'field 01 must be 11 or 12 and is "{initiation}".',
        )
    accounts = _pix_templates(fields, _MERCHANT_TEMPLATES)
    if not accounts:
        raise BRCodeError(
            "não há conta Pix (campo 26 com br.gov.bcb.pix).",
            "there is no Pix account (field 26 with br.gov.bcb.pix).",
        )
    account = accounts[0]
    key = _one(account, "01")
    url = _one(account, "25")
    info = _one(account, "02")
    if key is not None:
        parse_pix_key(key)
    if url is None:
        for template in _pix_templates(fields, _UNRESERVED_TEMPLATES):
            url = _one(template, "25") or url
    if key is None and url is None:
        raise BRCodeError(
            "a conta Pix não tem chave (26/01) nem URL (26/25).",
            "the Pix account has neither a key (26/01) nor a URL (26/25).",
        )
    _expect(
        _required(fields, "52", "categoria", "merchant category"),
        "0000",
        "52",
        "categoria",
        "merchant category",
    )
    _expect(_required(fields, "53", "moeda", "currency"), "986", "53", "moeda", "currency")
    _expect(_required(fields, "58", "país", "country"), "BR", "58", "país", "country")
    amount_text = _one(fields, "54")
    amount: int | None = None
    if amount_text is not None:
        try:
            amount = from_decimal_text(amount_text)
        except InvalidAmount:
            raise BRCodeError(
                f'valor (54) "{amount_text}" não é um número como 12.50.',
                f'amount (54) "{amount_text}" is not a number like 12.50.',
            ) from None
        if amount <= 0:
            raise BRCodeError("valor (54) zerado.", "amount (54) is zero.")
    name = _required(fields, "59", "nome do recebedor", "merchant name")
    city = _required(fields, "60", "cidade", "merchant city")
    for field_id, value, limit in (("59", name, MAX_NAME), ("60", city, MAX_CITY)):
        if not value.strip() or len(value) > limit:
            raise BRCodeError(
                f"o campo {field_id} deve ter de 1 a {limit} caracteres e tem {len(value)}.",
                f"field {field_id} must have 1 to {limit} characters and has {len(value)}.",
            )
    txid: str | None = None
    additional = _one(fields, "62")
    if additional is not None:
        txid = _one(split_fields(additional, " (dentro do 62)"), "05")
        if txid is not None and txid != NO_TXID and not _TXID.fullmatch(txid):
            raise BRCodeError(
                f'txid (62/05) "{txid}" deve ter de 1 a 25 letras e números.',
                f'txid (62/05) "{txid}" must have 1 to 25 letters and digits.',
            )
    return BRCode(
        text=code,
        fields=fields,
        dynamic=initiation == "12",
        key=key,
        url=url,
        info=info,
        amount_centavos=amount,
        name=name,
        city=city,
        txid=txid,
        crc=code[-4:],
    )
