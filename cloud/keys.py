"""Secrets: made here, shown once, kept only as SHA-256 hex.

The webhook secret is longer than SHA-256's 64-byte block, so HMAC (RFC 2104)
first hashes it: HMAC-SHA256(secret, body) == HMAC-SHA256(sha256(secret), body).
That is why the server can check the online shop's signatures while keeping only
the secret's SHA-256, like every other secret.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

HMAC_BLOCK = 64


def sha256_hex(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token(prefix: str) -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def new_webhook_secret() -> str:
    secret = f"whsec_{secrets.token_urlsafe(72)}"
    assert len(secret.encode()) > HMAC_BLOCK
    return secret


def sign(secret: str, body: bytes) -> str:
    """The `X-Posapp-Signature` value the online shop sends."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_matches(secret_sha256_hex: str, body: bytes, header: str | None) -> bool:
    """Check a signature knowing only the secret's SHA-256 (see the module's docstring)."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(bytes.fromhex(secret_sha256_hex), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())
