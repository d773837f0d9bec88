"""The demo's NFC-e: homologação against our local SEFAZ, with a self-signed A1.

For trying the fiscal counter without a real certificate or SEFAZ: the demo
store (CNPJ of the Receita's documentation examples) issues notes "SEM VALOR
FISCAL" to `fiscal.testing.LocalSefaz` on 127.0.0.1. Never for a real store:
homologação only, and the settings refuse a local SEFAZ in produção.
"""

from __future__ import annotations

from fiscal.testing import make_a1_pkcs12
from posapp.services.common.station import Station
from posapp.services.invoices.settings import (
    FiscalSettings,
    load_certificate,
    save_settings,
    set_csc,
)

DEMO_PASSWORD = "demo-a1"
DEMO_CSC = ("1", "DEMO0123456789ABCDEF0123456789ABCDEF")
DEMO_SETTINGS = FiscalSettings(
    enabled=True,
    cnpj="12345678000195",
    ie="111222333444",
    crt=1,
    legal_name="Farmácia Demonstração Ltda",
    trade_name="Farmácia Demo",
    street="Rua das Flores",
    number="100",
    district="Centro",
    city_code="3550308",
    city_name="São Paulo",
    uf="SP",
    cep="01001000",
    environment=2,
    series=1,
    csc_id=DEMO_CSC[0],
    timeout_s=3.0,
)


def make_demo_a1() -> bytes:
    """A self-signed A1 (PKCS#12, password DEMO_PASSWORD) for the demo store."""
    return make_a1_pkcs12(DEMO_PASSWORD, "FARMACIA DEMONSTRACAO LTDA:12345678000195")


def set_up_demo_nfce(
    station: Station,
    staff_id: int,
    manager_pin: str,
    a1_pkcs12: bytes,
    sefaz_url: str,
    ca_file: str,
) -> FiscalSettings:
    """Load the demo A1 and the CSC and point the store's NFC-e at the local SEFAZ."""
    load_certificate(station, staff_id, manager_pin, a1_pkcs12, DEMO_PASSWORD)
    set_csc(station, staff_id, manager_pin, *DEMO_CSC)
    settings = FiscalSettings(
        **{**DEMO_SETTINGS.__dict__, "sefaz_url": sefaz_url, "sefaz_ca_file": ca_file}
    )
    return save_settings(station, staff_id, manager_pin, settings)
