"""Codes that cannot be guessed, and HMAC-signed QR payloads.

Voucher codes are 12 Crockford base32 symbols (60 random bits) plus one check
symbol. The check is a weighted sum in GF(32): symbol i (1..12) is multiplied by
α^i, α a generator of GF(32)* (field polynomial x^5 + x^2 + 1), and the sums are
XORed. The check symbol itself carries weight α^0 = 1. All 13 weights are
distinct and non-zero, so every single-symbol substitution and every swap of two
different symbols is caught, while the check stays inside the 32-symbol
alphabet (mod-37 Crockford would need '*~$=U', awkward at a counter).

QR payloads: 'PV1|store|code|value|YYYYMMDD|sig' and 'PC1|store|customer|sig',
where sig is base32 (RFC 4648, no padding) of HMAC-SHA256(key, text before the
last '|') truncated to 20 bytes. The version prefix is signed too, so a card
can never pass as a voucher. Spent or replayed vouchers are the database's job.
Which store's key must sign a voucher's QR (the store that issued it) is the
voucher record's business too (posapp.services.loyalty.vouchers.resolve).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

from posapp.core.errors import ForgedVoucher, UnknownCustomer, UnknownVoucher

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_VALUE = {c: i for i, c in enumerate(CROCKFORD)}
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VOUCHER_BODY = 12
_GF32_POLY = 0b100101  # x^5 + x^2 + 1

VOUCHER_PREFIX = "PV1"
CARD_PREFIX = "PC1"
_SIG_BYTES = 20
_MIN_KEY_BYTES = 16
_FIELD = re.compile(r"[\x21-\x7b\x7d\x7e]+")  # printable ASCII except space and '|'
_VALUE = re.compile(r"[1-9][0-9]*")
_DATE = re.compile(r"[0-9]{8}")


@dataclass(frozen=True, slots=True)
class VoucherClaim:
    code: str
    value_centavos: int
    expires_on: datetime.date
    store_id: str


def _gf32_mul(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _GF32_POLY
    return product


def _gf32_weights(n: int) -> list[int]:
    weights, w = [], 1
    for _ in range(n):
        w = _gf32_mul(w, 2)
        weights.append(w)
    return weights


_WEIGHTS = _gf32_weights(_VOUCHER_BODY)


def _check_symbol(body: str) -> str:
    total = 0
    for weight, symbol in zip(_WEIGHTS, body, strict=True):
        total ^= _gf32_mul(weight, _CROCKFORD_VALUE[symbol])
    return CROCKFORD[total]


def _dashed(symbols: str) -> str:
    return "-".join(symbols[i : i + 4] for i in range(0, len(symbols), 4))


def new_voucher_code() -> str:
    body = "".join(secrets.choice(CROCKFORD) for _ in range(_VOUCHER_BODY))
    return _dashed(body + _check_symbol(body))


def normalize_voucher_code(text: str) -> str:
    symbols = "".join(text.upper().split()).replace("-", "").translate(_CONFUSABLE)
    if len(symbols) != _VOUCHER_BODY + 1 or any(c not in _CROCKFORD_VALUE for c in symbols):
        raise UnknownVoucher(value=text)
    if _check_symbol(symbols[:-1]) != symbols[-1]:
        raise UnknownVoucher(value=text)
    return _dashed(symbols)


def new_referral_code(name: str = "") -> str:
    """Up to 4 letters of the first name, then 4 random symbols: 'MARI7K3Q'."""
    words = name.split()
    folded = unicodedata.normalize("NFKD", words[0]) if words else ""
    letters = "".join(c for c in folded.upper() if "A" <= c <= "Z")[:4]
    return letters + "".join(secrets.choice(CROCKFORD) for _ in range(4))


def new_store_key() -> bytes:
    return secrets.token_bytes(32)


def _signature(body: str, key: bytes) -> str:
    digest = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()[:_SIG_BYTES]
    return base64.b32encode(digest).decode("ascii").rstrip("=")


def _check_key(key: bytes) -> None:
    if len(key) < _MIN_KEY_BYTES:
        raise ValueError(f"a signing key needs at least {_MIN_KEY_BYTES} bytes")


def _seal(prefix: str, fields: list[str], key: bytes) -> str:
    _check_key(key)
    for field in fields:
        if not _FIELD.fullmatch(field):
            raise ValueError(f"cannot put {field!r} in a QR payload")
    body = "|".join([prefix, *fields])
    return f"{body}|{_signature(body, key)}"


def _open(payload: str, prefix: str, n_fields: int, key: bytes) -> list[str] | None:
    """The signed fields, or None for anything not signed by `key` in this format.

    Surrounding whitespace is dropped: keyboard-wedge scanners add a newline.
    """
    _check_key(key)
    text = payload.strip()
    if not text.isascii():
        return None
    body, sep, sig = text.rpartition("|")
    if not sep or not hmac.compare_digest(_signature(body, key).encode(), sig.encode()):
        return None
    parts = body.split("|")
    if parts[0] != prefix or len(parts) != n_fields + 1:
        return None
    return parts[1:]


def is_voucher_qr(text: str) -> bool:
    """Whether a scan or a typed text is a voucher QR rather than a voucher's code.

    The prefix alone is not enough: one code in 32 768 begins with "PV1" too. Its case is:
    a keyboard-wedge scanner typing with Caps Lock on sends "pv1|..." (`recased_voucher_qr`).
    """
    text = text.strip().upper()
    return text == VOUCHER_PREFIX or text.startswith(VOUCHER_PREFIX + "|")


def voucher_qr_store(text: str) -> str | None:
    """The store a voucher QR names, as read (its case possibly swapped), or None."""
    fields = text.strip().split("|")
    return fields[1] if len(fields) > 1 else None


def recased_voucher_qr(text: str, store_id: str) -> str:
    """The QR as it was signed, from a scan whose letters' case may have been swapped
    (a keyboard-wedge scanner with Caps Lock on, or set to lower case).

    Every field reads the same in any case: the prefix, the store (`store_id`, the
    store's uuid as its record spells it, when the QR names it in any case), the
    Crockford code and the base32 signature (both upper case as signed), digits. So the
    signed text is rebuilt and the signature still decides; a text of another shape is
    returned as it came (and then fails to verify).
    """
    fields = text.strip().split("|")
    if not text.isascii() or len(fields) != 6 or fields[1].lower() != store_id.lower():
        return text
    prefix, _, code, value, day, sig = fields
    return "|".join([prefix.upper(), store_id, code.upper(), value, day, sig.upper()])


def sign_voucher_qr(
    code: str, value_centavos: int, expires_on: datetime.date, store_id: str, key: bytes
) -> str:
    if isinstance(value_centavos, bool) or not isinstance(value_centavos, int):
        raise TypeError("value_centavos must be an int")
    if value_centavos <= 0:
        raise ValueError("a voucher is worth more than zero")
    day = f"{expires_on.year:04d}{expires_on.month:02d}{expires_on.day:02d}"
    fields = [store_id, normalize_voucher_code(code), str(value_centavos), day]
    return _seal(VOUCHER_PREFIX, fields, key)


def verify_voucher_qr(payload: str, key: bytes) -> VoucherClaim:
    fields = _open(payload, VOUCHER_PREFIX, 4, key)
    if fields is None:
        raise ForgedVoucher()
    store_id, code, value, day = fields
    try:
        if not (_VALUE.fullmatch(value) and _DATE.fullmatch(day)):
            raise ValueError(payload)
        expires_on = datetime.date(int(day[:4]), int(day[4:6]), int(day[6:]))
        canonical = normalize_voucher_code(code)
    except (ValueError, UnknownVoucher):
        raise ForgedVoucher() from None
    if canonical != code:
        raise ForgedVoucher()
    return VoucherClaim(canonical, int(value), expires_on, store_id)


def sign_customer_card(customer_ref: str, store_id: str, key: bytes) -> str:
    return _seal(CARD_PREFIX, [store_id, customer_ref], key)


def verify_customer_card(payload: str, key: bytes) -> tuple[str, str]:
    """(store_id, customer_ref) from a balance-slip QR."""
    fields = _open(payload, CARD_PREFIX, 2, key)
    if fields is None:
        raise UnknownCustomer(value="QR")
    store_id, customer_ref = fields
    return store_id, customer_ref
