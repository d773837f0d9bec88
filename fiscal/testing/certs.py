"""Self-signed certificates for tests and the local SEFAZ: an A1 PKCS#12 and a server cert.

Never for production: a real A1 comes from an ICP-Brasil authority.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


def _self_signed(
    common_name: str, days: int, not_before: datetime | None, server: bool
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = not_before or datetime.now(UTC) - timedelta(minutes=5)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ICP-Brasil (teste)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    )
    if server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(IPv4Address("127.0.0.1"))]
            ),
            critical=False,
        )
    return key, builder.sign(key, hashes.SHA256())


def make_a1_pkcs12(
    password: str = "1234",
    common_name: str = "LOJA TESTE LTDA:12345678000195",
    days: int = 365,
    not_before: datetime | None = None,
) -> bytes:
    """A self-signed A1 as the PKCS#12 bytes a store would upload."""
    key, cert = _self_signed(common_name, days, not_before, server=False)
    return pkcs12.serialize_key_and_certificates(
        b"a1", key, cert, None, serialization.BestAvailableEncryption(password.encode())
    )


@dataclass(frozen=True)
class ServerCert:
    cert_file: Path
    key_file: Path


def make_server_cert(folder: Path) -> ServerCert:
    """A self-signed TLS certificate for 127.0.0.1, written as PEM files in `folder`."""
    key, cert = _self_signed("127.0.0.1", 30, None, server=True)
    cert_file, key_file = folder / "sefaz-server.pem", folder / "sefaz-server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_file.chmod(0o600)
    return ServerCert(cert_file, key_file)
