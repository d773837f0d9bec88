"""The A1 certificate: a PKCS#12 file and its password, read with `cryptography`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from fiscal.errors import CertificateError

WARN_DAYS = 30


@dataclass(frozen=True)
class A1Certificate:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @classmethod
    def from_pkcs12(cls, data: bytes, password: str) -> A1Certificate:
        try:
            key, cert, chain = pkcs12.load_key_and_certificates(data, password.encode())
        except ValueError as exc:
            raise CertificateError(
                "senha errada ou arquivo PKCS#12 (.pfx) inválido",
                "wrong password or invalid PKCS#12 (.pfx) file",
                str(exc),
            ) from None
        if cert is None or not isinstance(key, rsa.RSAPrivateKey):
            raise CertificateError(
                "o arquivo não tem certificado com chave RSA",
                "the file holds no certificate with an RSA key",
            )
        return cls(key, cert, tuple(chain or ()))

    @classmethod
    def from_file(cls, path: str | Path, password: str) -> A1Certificate:
        return cls.from_pkcs12(Path(path).read_bytes(), password)

    @property
    def not_after(self) -> datetime:
        return self.cert.not_valid_after_utc

    @property
    def subject(self) -> str:
        return self.cert.subject.rfc4514_string()

    def expired(self, now: datetime | None = None) -> bool:
        return (now or datetime.now(UTC)) >= self.not_after

    def expires_within(self, days: int = WARN_DAYS, now: datetime | None = None) -> bool:
        """True when the certificate ends within `days` (or already ended): warn the manager."""
        return (now or datetime.now(UTC)) + timedelta(days=days) >= self.not_after

    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM) + b"".join(
            c.public_bytes(serialization.Encoding.PEM) for c in self.chain
        )

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
