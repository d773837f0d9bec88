"""The demo's NFS-e: homologação against our local Sefin Nacional.

`posapp nfce demo-sefaz` starts a local SEFAZ and a local Sefin on 127.0.0.1 and
points the demo store at both: a salon demo's services get NFS-e "sem valor fiscal".
The A1 is the demo's (invoices.demo_setup), already loaded for the NFC-e.
"""

from __future__ import annotations

from posapp.services.common.station import Station
from posapp.services.nfse.settings import NfseSettings, save_settings

DEMO_SETTINGS = NfseSettings(
    enabled=True,
    im="1234567",
    national_code="060101",
    iss_rate_bp=500,
    timeout_s=3.0,
)


def set_up_demo_nfse(
    station: Station, staff_id: int, manager_pin: str, sefin_url: str, ca_file: str
) -> NfseSettings:
    settings = NfseSettings(
        **{**DEMO_SETTINGS.__dict__, "sefin_url": sefin_url, "sefin_ca_file": ca_file}
    )
    return save_settings(station, staff_id, manager_pin, settings)
