"""Test helpers other suites may use: a local SEFAZ and self-signed certificates.

from fiscal.testing import LocalSefaz, LocalSefin, make_a1_pkcs12
"""

from fiscal.testing.certs import make_a1_pkcs12, make_server_cert
from fiscal.testing.nfse_server import LocalSefin
from fiscal.testing.sefaz_server import LocalSefaz, Mode

__all__ = ["LocalSefaz", "LocalSefin", "Mode", "make_a1_pkcs12", "make_server_cert"]
