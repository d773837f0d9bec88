"""The store's Pix and card settings, in the `setting` table as one JSON document.

- Pix: the key (CPF, CNPJ, +55 phone, e-mail or random key), the merchant name (at most
  25 characters once accents are stripped) and city (at most 15), as the BR Code needs;
- the PSP's API Pix, for charges that confirm themselves: base URL, token URL, client id
  and secret, the client certificate and key files (mTLS), the CA to trust, how long a
  charge waits; the PSP's CNPJ for the NFC-e;
- cards: whether checkout asks the card's details, and the acquirers (name -> CNPJ) a
  slip is matched against.

Saving is a manager's action (PIN) and audited; the client secret is never read back
to a screen (`PaymentSettingsView`) nor written to the audit, and an empty secret in a
save keeps the stored one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from db.models import Setting
from payments.brcode import merchant_city, merchant_name
from payments.card import format_cnpj
from payments.documents import is_valid_cnpj, only_cnpj_characters
from payments.errors import PaymentError
from payments.pix_api import PixApiConfig
from payments.pix_key import parse_pix_key
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.payments.errors import InvalidPaymentSetting, PaymentRefused, PixNotConfigured

SETTINGS_KEY = "payments"
DEFAULT_CHARGE_TIMEOUT_S = 180
DEFAULT_POLL_INTERVAL_S = 2.0


@dataclass(frozen=True, slots=True)
class PaymentSettings:
    pix_key: str = ""
    """Normalised (parse_pix_key): digits for CPF/CNPJ, +55... for a phone."""
    merchant_name: str = ""
    merchant_city: str = ""
    psp_base_url: str = ""
    psp_token_url: str = ""
    psp_client_id: str = ""
    psp_client_secret: str = field(default="", repr=False)
    psp_cert_file: str = ""
    psp_key_file: str = ""
    psp_ca_file: str = ""
    psp_cnpj: str = ""
    charge_timeout_s: int = DEFAULT_CHARGE_TIMEOUT_S
    poll_interval_s: float = DEFAULT_POLL_INTERVAL_S
    ask_card_details: bool = False
    acquirers: tuple[tuple[str, str], ...] = ()
    """(name as on the slip, CNPJ digits)."""

    @property
    def static_ready(self) -> bool:
        return bool(self.pix_key and self.merchant_name and self.merchant_city)

    @property
    def dynamic_ready(self) -> bool:
        return bool(
            self.pix_key
            and self.psp_base_url
            and self.psp_token_url
            and self.psp_client_id
            and self.psp_client_secret
        )

    def acquirer_table(self) -> dict[str, str]:
        return {name.upper(): cnpj for name, cnpj in self.acquirers}

    def api_config(self, timeout_s: float = 10.0) -> PixApiConfig:
        if not self.dynamic_ready:
            raise PixNotConfigured(what="o provedor Pix (PSP) / the Pix provider (PSP)")
        return PixApiConfig(
            base_url=self.psp_base_url,
            token_url=self.psp_token_url,
            client_id=self.psp_client_id,
            client_secret=self.psp_client_secret,
            cert_file=Path(self.psp_cert_file) if self.psp_cert_file else None,
            key_file=Path(self.psp_key_file) if self.psp_key_file else None,
            ca_file=Path(self.psp_ca_file) if self.psp_ca_file else None,
            timeout_s=timeout_s,
        )


@dataclass(frozen=True, slots=True)
class PaymentSettingsView:
    """What a screen is shown: everything but the secret."""

    settings: PaymentSettings
    has_secret: bool


def _stored(session: Session) -> PaymentSettings:
    row = session.get(Setting, SETTINGS_KEY)
    data: dict[str, Any] = json.loads(row.value) if row is not None else {}
    names = {f.name for f in fields(PaymentSettings)}
    known = {k: v for k, v in data.items() if k in names}
    known["acquirers"] = tuple(tuple(pair) for pair in known.get("acquirers", ()))
    return PaymentSettings(**known)


def settings_in(session: Session) -> PaymentSettings:
    return _stored(session)


def load_payment_settings(station: Station) -> PaymentSettings:
    """With the secret: for the services that call the PSP, never for a screen."""
    with station.read() as session:
        return _stored(session)


def payment_settings_view(station: Station) -> PaymentSettingsView:
    with station.read() as session:
        stored = _stored(session)
    return PaymentSettingsView(
        replace(stored, psp_client_secret=""), bool(stored.psp_client_secret)
    )


def _invalid(field_pt: str, field_en: str, reason_pt: str, reason_en: str) -> InvalidPaymentSetting:
    return InvalidPaymentSetting(
        field_pt=field_pt, field_en=field_en, reason_pt=reason_pt, reason_en=reason_en
    )


def _url(value: str, field_pt: str, field_en: str) -> str:
    url = value.strip().rstrip("/")
    if url and (urlparse(url).scheme != "https" or not urlparse(url).hostname):
        raise _invalid(
            field_pt,
            field_en,
            f"use um endereço https:// ({url})",
            f"use an https:// address ({url})",
        )
    return url


def _file(value: str, field_pt: str, field_en: str) -> str:
    path = value.strip()
    if path and not Path(path).is_file():
        raise _invalid(
            field_pt, field_en, f"arquivo não encontrado: {path}", f"file not found: {path}"
        )
    return path


def checked(settings: PaymentSettings) -> PaymentSettings:
    """The settings as they are stored: key normalised, name and city within the BR
    Code's limits, URLs https, files present, CNPJs with their check digits."""
    try:
        key = str(parse_pix_key(settings.pix_key)) if settings.pix_key.strip() else ""
        name, city = settings.merchant_name.strip(), settings.merchant_city.strip()
        if name:
            merchant_name(name)
        if city:
            merchant_city(city)
    except PaymentError as error:
        raise PaymentRefused(error) from None
    psp_cnpj = only_cnpj_characters(settings.psp_cnpj.strip()) if settings.psp_cnpj.strip() else ""
    if psp_cnpj and not is_valid_cnpj(psp_cnpj):
        raise _invalid(
            "CNPJ do PSP",
            "PSP CNPJ",
            f"inválido: {settings.psp_cnpj}",
            f"invalid: {settings.psp_cnpj}",
        )
    acquirers = []
    for acquirer, cnpj in settings.acquirers:
        digits = only_cnpj_characters(cnpj.strip())
        if not acquirer.strip() or not is_valid_cnpj(digits):
            raise _invalid(
                "Credenciadora",
                "Acquirer",
                f"nome e CNPJ válidos ({acquirer} {cnpj})",
                f"a name and a valid CNPJ ({acquirer} {cnpj})",
            )
        acquirers.append((acquirer.strip().upper(), digits))
    if not 30 <= settings.charge_timeout_s <= 3600:
        raise _invalid(
            "Tempo da cobrança", "Charge timeout", "de 30 a 3600 segundos", "30 to 3600 seconds"
        )
    return replace(
        settings,
        pix_key=key,
        merchant_name=name,
        merchant_city=city,
        psp_base_url=_url(settings.psp_base_url, "Endereço da API Pix", "API Pix address"),
        psp_token_url=_url(settings.psp_token_url, "Endereço do token", "Token address"),
        psp_client_id=settings.psp_client_id.strip(),
        psp_client_secret=settings.psp_client_secret.strip(),
        psp_cert_file=_file(settings.psp_cert_file, "Certificado do cliente", "Client certificate"),
        psp_key_file=_file(settings.psp_key_file, "Chave do certificado", "Certificate key"),
        psp_ca_file=_file(settings.psp_ca_file, "CA do PSP", "PSP's CA"),
        psp_cnpj=psp_cnpj,
        acquirers=tuple(acquirers),
    )


def save_payment_settings(
    station: Station, settings: PaymentSettings, *, staff_id: int | None, manager_pin: str
) -> PaymentSettingsView:
    """Check and save (a manager's PIN, audited without the secret). An empty secret keeps
    the stored one."""
    settings = checked(settings)
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "configurar pagamentos", now)
        staff = acting_staff(session, staff_id) if staff_id is not None else manager
        old = _stored(session)
        if not settings.psp_client_secret:
            settings = replace(settings, psp_client_secret=old.psp_client_secret)
        data = asdict(settings)
        session.merge(Setting(key=SETTINGS_KEY, value=json.dumps(data, ensure_ascii=False)))
        shown = {k: v for k, v in data.items() if k != "psp_client_secret"}
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="payments.configure",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target="settings:payments",
            secret_changed=old.psp_client_secret != settings.psp_client_secret,
            **shown,
        )
    return PaymentSettingsView(
        replace(settings, psp_client_secret=""), bool(settings.psp_client_secret)
    )


def acquirer_label(name: str, cnpj: str) -> str:
    return f"{name} {format_cnpj(cnpj)}"
