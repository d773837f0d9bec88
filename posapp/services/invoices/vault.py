"""Secrets at rest: AES-256-GCM with a key kept in this computer's config folder.

The A1 certificate, its password and the CSC token are stored in the store's
database only as ciphertext; the key (`fiscal.key`, 32 random bytes, owner-only)
lives beside `machine.json` (`machine.settings.config_dir`). A database
copied to another PC, or a backup, carries no usable certificate: the manager
loads it again there (the error says so).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from posapp.core.errors import PosError
from posapp.services.machine.settings import config_dir

KEY_FILE = "fiscal.key"
_NONCE = 12
_AAD = b"posapp.fiscal/1"


class SecretUnreadable(PosError):
    code = "fiscal_secret_unreadable"
    pt_BR = (
        "O certificado A1 e o CSC gravados não podem ser lidos neste computador "
        "(chave {path} ausente ou diferente). Carregue o certificado e o CSC de novo em "
        "Gerência > Fiscal."
    )
    en = (
        "The stored A1 certificate and CSC cannot be read on this computer (key {path} "
        "missing or different). Load the certificate and the CSC again in Management > Fiscal."
    )


def key_path() -> Path:
    return config_dir() / KEY_FILE


def _key(create: bool) -> bytes | None:
    path = key_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    if len(data) == 32:
        return data
    if not create:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    data = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return data


def seal(plain: bytes) -> bytes:
    """Encrypt with this computer's key (made on first use): nonce + ciphertext + tag."""
    key = _key(create=True)
    assert key is not None
    nonce = secrets.token_bytes(_NONCE)
    return nonce + AESGCM(key).encrypt(nonce, plain, _AAD)


def unseal(sealed: bytes) -> bytes:
    key = _key(create=False)
    if key is None or len(sealed) <= _NONCE:
        raise SecretUnreadable(path=key_path())
    try:
        return AESGCM(key).decrypt(sealed[:_NONCE], sealed[_NONCE:], _AAD)
    except InvalidTag:
        raise SecretUnreadable(path=key_path()) from None
