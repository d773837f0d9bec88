"""NFS-e of the national standard (Padrão Nacional, leiaute 1.01): the DPS built, signed,
sent to the Sefin Nacional over mTLS, cancelled, printed and exported.

A leaf like the rest of fiscal/: it knows nothing of posapp.

Data (`fiscal.nfse.model`, centavos and basis points): Provider(cnpj, im, city_code,
  simples, sn_regime, special_regime), Taker(name, cpf | cnpj),
  PartnerShare(cpf, name, amount_cents, contract, contract_date),
  Dps(provider, environment, series, number, issued_at, national_code, description,
      service_cents, iss_rate_bp, withholding, discount_cents, municipal_code, taker,
      partners).

    signed = build_dps(dps, a1)                  # DPS_v1.01.xsd-checked, signed (infDPS Id)
    with SefinClient(a1, environment, base_url, timeout_s=5, ca_file=None) as client:
        client.send(signed.xml)     # Authorised(key, nfse_xml) | Rejected | Unavailable
        client.find_dps(signed.id); client.nfse(key)
        client.cancel(key, cancellation_request(key, cnpj, env, when, reason, a1=a1))
    nfse_section(receipt_builder, nfse_xml)      # number, key, public link and QR
    danfse_pdf(nfse_xml)                         # the DANFSe, one A4 PDF page
    add_to_zip(zip_bytes, documents, month)      # the accountant's ZIP, NFS-e beside NFC-e

Tests and other suites: `fiscal.testing.LocalSefin`.
"""

from fiscal.nfse.client import (
    Authorised,
    Cancelled,
    NotFound,
    Rejected,
    SefinClient,
    Unavailable,
)
from fiscal.nfse.danfse import danfse_pdf, nfse_section, pending_section, read_nfse
from fiscal.nfse.dps import SignedDps, build_dps
from fiscal.nfse.events import cancellation_request
from fiscal.nfse.export import add_to_zip
from fiscal.nfse.keys import dps_id, is_nfse_key
from fiscal.nfse.model import (
    HAIRDRESSING,
    Dps,
    PartnerShare,
    Provider,
    SimplesOption,
    Taker,
    Withholding,
)

__all__ = [
    "HAIRDRESSING",
    "Authorised",
    "Cancelled",
    "Dps",
    "NotFound",
    "PartnerShare",
    "Provider",
    "Rejected",
    "SefinClient",
    "SignedDps",
    "SimplesOption",
    "Taker",
    "Unavailable",
    "Withholding",
    "add_to_zip",
    "build_dps",
    "cancellation_request",
    "danfse_pdf",
    "dps_id",
    "is_nfse_key",
    "nfse_section",
    "pending_section",
    "read_nfse",
]
