"""The consumer QR code of the NFC-e (infNFeSupl/qrCode).

v2 (Manual do DANFE NFC-e e QR Code 5.0; sped-nfe src/Factories/QRCode.php):
- online:  URL?p=chave|2|tpAmb|idCSC|HASH
- offline: URL?p=chave|2|tpAmb|dd|vNF|digVal|idCSC|HASH
HASH is the uppercase hex SHA-1 of the text before it with the CSC token appended;
dd the day of dhEmi, vNF with two decimals, digVal the hex of the ASCII of the
base64 DigestValue. idCSC goes without leading zeros (XSD `0|[1-9][0-9]{0,5}`).

v3 (NT 2025.001, optional for CNPJ issuers):
- online:  URL?p=chave|3|tpAmb
- offline: URL?p=chave|3|tpAmb|dd|vNF|tp_idDest|cDest|SIG, SIG the base64 RSA
  signature with the A1 key over the text before it. SHA-1 PKCS#1 v1.5 as
  sped-common's Certificate::sign does by default (to confirm in the NT).
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput
from fiscal.model import Csc, Environment


def csc_id(csc: Csc) -> str:
    if not csc.id.isdigit() or not 0 <= int(csc.id) <= 999999:
        raise InvalidInput("idCSC", "o id do CSC deve ser um número", "the CSC id must be a number")
    if not csc.token:
        raise InvalidInput("CSC", "o CSC (token) está vazio", "the CSC token is empty")
    return str(int(csc.id))


def qr_hash(text: str, csc: Csc) -> str:
    return hashlib.sha1(f"{text}{csc.token}".encode()).hexdigest().upper()


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _url(base: str, text: str) -> str:
    return f"{base}?p={text}"


def v2_online(base: str, key: str, environment: Environment, csc: Csc) -> str:
    text = f"{key}|2|{int(environment)}|{csc_id(csc)}"
    return _url(base, f"{text}|{qr_hash(text, csc)}")


def v2_offline(
    base: str,
    key: str,
    environment: Environment,
    day: int,
    total_cents: int,
    digval_hex: str,
    csc: Csc,
) -> str:
    text = f"{key}|2|{int(environment)}|{day:02d}|{money(total_cents)}|{digval_hex}|{csc_id(csc)}"
    return _url(base, f"{text}|{qr_hash(text, csc)}")


def v3_online(base: str, key: str, environment: Environment) -> str:
    return _url(base, f"{key}|3|{int(environment)}")


def v3_offline(
    base: str,
    key: str,
    environment: Environment,
    day: int,
    total_cents: int,
    consumer_cpf: str,
    a1: A1Certificate,
) -> str:
    """tp_idDest 2 with the CPF when the consumer gave one, both empty otherwise."""
    dest_type, dest = ("2", consumer_cpf) if consumer_cpf else ("", "")
    text = f"{key}|3|{int(environment)}|{day:02d}|{money(total_cents)}|{dest_type}|{dest}"
    signature = a1.key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA1())
    return _url(base, f"{text}|{base64.b64encode(signature).decode()}")
