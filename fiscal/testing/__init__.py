"""Test helpers other suites may use: a local SEFAZ and self-signed certificates.

from fiscal.testing import LocalSefaz, make_a1_pkcs12
"""

from fiscal.testing.certs import make_a1_pkcs12, make_server_cert
from fiscal.testing.sefaz_server import LocalSefaz, Mode

__all__ = ["LocalSefaz", "Mode", "make_a1_pkcs12", "make_server_cert"]
