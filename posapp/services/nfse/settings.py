"""The store's NFS-e set-up: a manager's action, audited.

One JSON `setting` row (`nfse.settings`). The provider's CNPJ, address, environment
and the A1 come from the NFC-e set-up (Gerência > Fiscal), which the NFS-e shares.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Setting, Staff
from fiscal import A1Certificate
from posapp.core.cpf import is_valid_cpf, normalize_cpf
from posapp.core.errors import PosError
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.invoices.settings import (
    FiscalSettings,
    certificate_of,
    read_secrets,
)
from posapp.services.invoices.settings import (
    read_settings as read_fiscal_settings,
)

SETTINGS_KEY = "nfse.settings"


class InvalidNfseSetting(PosError):
    code = "invalid_nfse_setting"
    pt_BR = "Configuração da NFS-e inválida em {field}: {reason_pt}"
    en = "Invalid NFS-e setting {field}: {reason_en}"


class NfseNotReady(PosError):
    code = "nfse_not_ready"
    pt_BR = "A NFS-e não pode ser ligada: {reason_pt}"
    en = "NFS-e cannot be switched on: {reason_en}"


@dataclass(frozen=True)
class Partner:
    """A professional working as profissional-parceiro (Lei 13.352/2016)."""

    staff_id: int
    cpf: str
    share_bp: int  # the professional's share of the service price, 6000 = 60 %
    contract: str  # the partnership contract's reference, homologated by the union
    contract_date: str  # ISO date


@dataclass(frozen=True)
class NfseSettings:
    enabled: bool = False
    im: str = ""  # inscrição municipal
    national_code: str = "060101"  # cTribNac: LC 116 item 06.01
    municipal_code: str = ""  # cTribMun, 3 digits, when the municipality uses one
    iss_rate_bp: int = 0  # 0: the municipality's parametrised rate
    withheld: bool = False  # ISS withheld by the taker
    simples: int = 3  # opSimpNac: 1 not opting, 2 MEI, 3 ME/EPP
    partner_salon: bool = False
    partners: tuple[Partner, ...] = field(default_factory=tuple)
    series: int = 1
    sefin_url: str = ""
    """Homologação only: the base URL of the national API (our local Sefin in tests)."""
    sefin_ca_file: str = ""
    timeout_s: float = 5.0
    enabled_since: str = ""

    def partner(self, staff_id: int | None) -> Partner | None:
        if not self.partner_salon or staff_id is None:
            return None
        return next((p for p in self.partners if p.staff_id == staff_id), None)


def _bad(field_name: str, pt: str, en: str) -> InvalidNfseSetting:
    return InvalidNfseSetting(field=field_name, reason_pt=pt, reason_en=en)


def validate(settings: NfseSettings) -> NfseSettings:
    im = re.sub(r"\s", "", settings.im)
    if settings.enabled and not im:
        raise _bad("IM", "informe a inscrição municipal", "enter the municipal registration")
    if len(im) > 15:
        raise _bad("IM", "até 15 caracteres", "at most 15 characters")
    code = re.sub(r"\D", "", settings.national_code)
    if len(code) != 6:
        raise _bad(
            "código nacional",
            "6 dígitos: item, subitem e desdobro da LC 116 (06.01 → 060101)",
            "6 digits: LC 116 item, subitem and breakdown (06.01 → 060101)",
        )
    municipal = settings.municipal_code.strip()
    if municipal and not re.fullmatch(r"\d{3}", municipal):
        raise _bad("código municipal", "3 dígitos", "3 digits")
    if not 0 <= settings.iss_rate_bp <= 500 or 0 < settings.iss_rate_bp < 200:
        raise _bad("alíquota do ISS", "entre 2 % e 5 % (LC 116)", "between 2 % and 5 % (LC 116)")
    if settings.simples not in (1, 2, 3):
        raise _bad("Simples Nacional", "opção 1, 2 ou 3", "option 1, 2 or 3")
    partners = []
    for partner in settings.partners:
        cpf = normalize_cpf(partner.cpf)
        if not is_valid_cpf(cpf):
            raise _bad("CPF do parceiro", f"CPF inválido: {partner.cpf}", f"bad CPF: {partner.cpf}")
        if not 0 < partner.share_bp < 10000:
            raise _bad("cota do parceiro", "entre 0 % e 100 %", "between 0 % and 100 %")
        if not partner.contract.strip():
            raise _bad("contrato", "informe o contrato de parceria", "enter the contract")
        try:
            date.fromisoformat(partner.contract_date)
        except ValueError:
            raise _bad("data do contrato", "use AAAA-MM-DD", "use YYYY-MM-DD") from None
        partners.append(dataclasses.replace(partner, cpf=cpf, contract=partner.contract.strip()))
    return dataclasses.replace(
        settings,
        im=im,
        national_code=code,
        municipal_code=municipal,
        partners=tuple(partners),
    )


def read_settings(session: Session) -> NfseSettings:
    raw = session.scalar(select(Setting.value).where(Setting.key == SETTINGS_KEY))
    if not raw:
        return NfseSettings()
    data: dict[str, Any] = json.loads(raw)
    known = {f.name for f in dataclasses.fields(NfseSettings)}
    data["partners"] = tuple(Partner(**p) for p in data.get("partners", ()))
    return NfseSettings(**{k: v for k, v in data.items() if k in known})


def load_settings(station: Station) -> NfseSettings:
    with station.read() as session:
        return read_settings(session)


def provider_and_a1(session: Session) -> tuple[FiscalSettings, A1Certificate | None]:
    return read_fiscal_settings(session), certificate_of(read_secrets(session))


def save_settings(
    station: Station, staff_id: int, manager_pin: str, settings: NfseSettings
) -> NfseSettings:
    """Validate and store; switching on needs the store's CNPJ and a valid A1 (NFC-e set-up)."""
    clean = validate(settings)
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar a configuração da NFS-e", now)
        if clean.sefin_url and (
            read_fiscal_settings(session).environment != 2
            or not clean.sefin_url.startswith("https://127.0.0.1:")
        ):
            raise _bad(
                "Sefin local",
                "só em homologação e em https://127.0.0.1",
                "homologação only, at https://127.0.0.1",
            )
        for partner in clean.partners:
            if session.get(Staff, partner.staff_id) is None:
                raise _bad("parceiro", "profissional não cadastrado", "unknown professional")
        if clean.enabled:
            fiscal, a1 = provider_and_a1(session)
            if not (fiscal.cnpj and fiscal.city_code):
                raise NfseNotReady(
                    reason_pt="preencha CNPJ e município na configuração fiscal",
                    reason_en="fill in the CNPJ and city in the fiscal set-up",
                )
            if a1 is None or a1.expired(now):
                raise NfseNotReady(
                    reason_pt="carregue um certificado A1 válido",
                    reason_en="load a valid A1 certificate",
                )
        was = read_settings(session)
        since = was.enabled_since if was.enabled else now.isoformat()
        clean = dataclasses.replace(clean, enabled_since=since if clean.enabled else "")
        before, after = dataclasses.asdict(was), dataclasses.asdict(clean)
        row = session.get(Setting, SETTINGS_KEY)
        value = json.dumps(after, ensure_ascii=False, sort_keys=True)
        if row is None:
            session.add(Setting(key=SETTINGS_KEY, value=value))
        else:
            row.value = value
        changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="nfse.settings",
            staff_id=staff_id,
            authorized_by_id=manager.id,
            target="nfse",
            changed=changed,
        )
    return clean
