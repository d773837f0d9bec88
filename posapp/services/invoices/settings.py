"""The store's NFC-e set-up: a manager's action, audited, secrets sealed at rest.

Plain settings are one JSON `setting` row (`nfce.settings`); the A1 certificate,
its password, the CSC token and the CSRT are one sealed row (`nfce.secrets`, see `vault`);
the switch checkout reads is `sales.catalog.NFCE_ENABLED`. Every change needs a
manager's PIN and writes an audit row naming what changed (never a secret).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import NfceSeries, Setting
from fiscal import A1Certificate, Address, CertificateError, Csc, Emitter, Environment
from fiscal.model import UF_CODES, TechResponsible
from fiscal.text import plain
from posapp.core.cnpj import is_valid_cnpj, normalize_cnpj
from posapp.core.errors import PosError
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.invoices.vault import seal, unseal
from posapp.services.sales.catalog import NFCE_ENABLED

SETTINGS_KEY = "nfce.settings"
SECRETS_KEY = "nfce.secrets"
WARN_DAYS = 30

LateRefund = Literal["refund", "refuse"]
"""After the cancellation limit: posapp's refund goes ahead and the NFC-e stays (the
accountant issues the return note), or the void is refused at the counter."""


class InvalidFiscalSetting(PosError):
    code = "invalid_fiscal_setting"
    pt_BR = "Configuração fiscal inválida em {field}: {reason_pt}"
    en = "Invalid fiscal setting {field}: {reason_en}"


class FiscalNotReady(PosError):
    code = "fiscal_not_ready"
    pt_BR = "A NFC-e não pode ser ligada: {reason_pt}"
    en = "NFC-e cannot be switched on: {reason_en}"


@dataclass(frozen=True)
class FiscalSettings:
    """What the accountant and SEFAZ gave the store (no secret here)."""

    enabled: bool = False
    cnpj: str = ""
    ie: str = ""
    crt: int = 1  # 1 Simples Nacional, 2 Simples excesso, 3 regime normal, 4 MEI
    legal_name: str = ""
    trade_name: str = ""
    street: str = ""
    number: str = ""
    district: str = ""
    city_code: str = ""  # cMun, IBGE 7 digits
    city_name: str = ""
    uf: str = "SP"
    cep: str = ""
    environment: int = 2  # 1 produção, 2 homologação
    series: int = 1
    csc_id: str = ""
    loyalty_as: Literal["tpag19", "discount"] = "tpag19"
    cancel_limit_min: int = 30
    late_refund: LateRefund = "refund"
    timeout_s: float = 5.0
    timezone: str = "America/Sao_Paulo"
    sefaz_url: str = ""
    """Homologação only: one base URL for every service (our local SEFAZ on 127.0.0.1 in
    the demo and tests); empty: the UF's addresses (fiscal.sefaz_urls)."""
    sefaz_ca_file: str = ""
    enabled_since: str = ""
    """When NFC-e was last switched on (ISO, UTC): sales from then on get a note."""
    tech_cnpj: str = ""
    """Responsável técnico (infRespTec): the software house's CNPJ; empty, no group."""
    tech_contact: str = ""
    tech_email: str = ""
    tech_phone: str = ""  # DDD + number, digits only
    csrt_id: str = ""
    """The CSRT's id (2 digits) where the UF gave one; the code itself is sealed."""

    def tech_responsible(self, csrt: str = "") -> TechResponsible | None:
        """The note's infRespTec (with idCSRT and hashCSRT when a CSRT is given), or None."""
        if not self.tech_cnpj:
            return None
        return TechResponsible(
            self.tech_cnpj,
            self.tech_contact,
            self.tech_email,
            self.tech_phone,
            self.csrt_id if csrt else "",
            csrt if self.csrt_id else "",
        )

    def emitter(self) -> Emitter:
        address = Address(
            self.street,
            self.number,
            self.district,
            self.city_code,
            self.city_name,
            self.uf,
            self.cep,
        )
        return Emitter(
            self.cnpj, self.ie, self.crt, self.legal_name, address, self.trade_name, self.timezone
        )

    @property
    def env(self) -> Environment:
        return Environment(self.environment)


@dataclass(frozen=True)
class CertificateStatus:
    subject: str
    not_after: datetime
    days_left: int
    warn: bool  # within 30 days, or ended
    expired: bool

    def message(self, locale: str = "pt_BR") -> str:
        day = self.not_after.date().isoformat()
        if self.expired:
            return (
                f"Certificado A1 VENCIDO em {day}: a NFC-e não pode ser emitida."
                if locale.startswith("pt")
                else f"A1 certificate EXPIRED on {day}: no NFC-e can be issued."
            )
        if self.warn:
            return (
                f"Certificado A1 vence em {self.days_left} dia(s) ({day}): renove-o já."
                if locale.startswith("pt")
                else f"A1 certificate expires in {self.days_left} day(s) ({day}): renew it now."
            )
        return (
            f"Certificado A1 válido até {day}."
            if locale.startswith("pt")
            else (f"A1 certificate valid until {day}.")
        )


def _bad(field: str, pt: str, en: str) -> InvalidFiscalSetting:
    return InvalidFiscalSetting(field=field, reason_pt=pt, reason_en=en)


EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _tech(settings: FiscalSettings) -> FiscalSettings:
    """The responsável técnico cleaned as the XSD's TInfRespTec takes it, or the reason."""
    cnpj = settings.tech_cnpj.strip()
    contact = " ".join(settings.tech_contact.split())
    email = settings.tech_email.strip()
    phone = re.sub(r"[\s().+-]", "", settings.tech_phone)
    csrt_id = settings.csrt_id.strip()
    if not (cnpj or contact or email or phone or csrt_id):
        return dataclasses.replace(
            settings, tech_cnpj="", tech_contact="", tech_email="", tech_phone=""
        )
    where = "responsável técnico"
    if not cnpj:
        raise _bad(f"{where}: CNPJ", "informe o CNPJ da empresa do sistema", "enter its CNPJ")
    if not is_valid_cnpj(cnpj):
        raise _bad(
            f"{where}: CNPJ",
            f"'{settings.tech_cnpj}' não é um CNPJ válido (confira os dígitos)",
            "not a valid CNPJ (check the digits)",
        )
    if not 2 <= len(contact) <= 60:
        raise _bad(
            f"{where}: contato",
            "informe o nome da pessoa de contato (2 a 60 letras)",
            "enter the contact person's name (2 to 60 characters)",
        )
    if len(plain(contact, 60)) < 2:  # what the note's xContato (TString) keeps of it
        raise _bad(
            f"{where}: contato",
            "escreva o nome com letras do português (sem emoji nem outro alfabeto)",
            "write the name in Latin letters (no emoji nor another script)",
        )
    if not (6 <= len(email) <= 60 and EMAIL.fullmatch(email)):
        raise _bad(
            f"{where}: e-mail",
            f"'{email}' não é um e-mail válido (ex.: suporte@empresa.com.br, 6 a 60 letras)",
            "not a valid e-mail (e.g. suporte@empresa.com.br, 6 to 60 characters)",
        )
    if not re.fullmatch(r"[0-9]{6,14}", phone):
        raise _bad(
            f"{where}: telefone",
            "DDD e número, de 6 a 14 dígitos",
            "area code and number, 6 to 14 digits",
        )
    return dataclasses.replace(
        settings,
        tech_cnpj=normalize_cnpj(cnpj),
        tech_contact=contact,
        tech_email=email,
        tech_phone=phone,
    )


def _csrt_id(text: str) -> str:
    """idCSRT as the XSD takes it (2 digits), or InvalidFiscalSetting."""
    if not re.fullmatch(r"[0-9]{1,2}", text.strip()):
        raise _bad("CSRT (id)", "o número do CSRT dado pela SEFAZ (2 dígitos)", "2 digits")
    return text.strip().zfill(2)


def validate(settings: FiscalSettings) -> FiscalSettings:
    """The settings cleaned (digits only where SEFAZ wants digits), or InvalidFiscalSetting."""
    cnpj = normalize_cnpj(settings.cnpj) if settings.cnpj else ""
    if not is_valid_cnpj(cnpj):
        raise _bad("CNPJ", f"'{settings.cnpj}' não é um CNPJ válido", "not a valid CNPJ")
    ie = re.sub(r"\D", "", settings.ie)
    if not 2 <= len(ie) <= 14:
        raise _bad(
            "IE", "informe a inscrição estadual (só dígitos)", "enter the state registration"
        )
    if settings.crt not in (1, 2, 3, 4):
        raise _bad("CRT", "use 1 (Simples), 2, 3 (normal) ou 4 (MEI)", "use 1, 2, 3 or 4")
    uf = settings.uf.upper()
    if uf not in UF_CODES:
        raise _bad("UF", f"'{settings.uf}' não é uma UF", "not a Brazilian state")
    if (
        not re.fullmatch(r"\d{7}", settings.city_code)
        or int(settings.city_code[:2]) != UF_CODES[uf]
    ):
        raise _bad(
            "cMun",
            "código IBGE do município: 7 dígitos, começando pelo código da UF",
            "IBGE city code: 7 digits starting with the state's code",
        )
    for name, value in (
        ("razão social", settings.legal_name),
        ("logradouro", settings.street),
        ("número", settings.number),
        ("bairro", settings.district),
        ("município", settings.city_name),
    ):
        if not value.strip():
            raise _bad(name, "campo obrigatório", "required")
    if settings.environment not in (1, 2):
        raise _bad("ambiente", "1 produção ou 2 homologação", "1 production or 2 test")
    if not 0 <= settings.series <= 999:
        raise _bad("série", "de 0 a 999", "from 0 to 999")
    if settings.csc_id and not re.fullmatch(r"0*[1-9]\d{0,5}|0", settings.csc_id):
        raise _bad("CSC id", "o número do CSC dado pela SEFAZ", "the CSC number SEFAZ gave")
    if settings.loyalty_as not in ("tpag19", "discount"):
        raise _bad("cashback", "tPag 19 ou desconto", "tPag 19 or discount")
    if settings.late_refund not in ("refund", "refuse"):
        raise _bad("devolução", "'refund' ou 'refuse'", "'refund' or 'refuse'")
    if not 1 <= settings.cancel_limit_min <= 30:
        raise _bad("prazo de cancelamento", "de 1 a 30 minutos", "from 1 to 30 minutes")
    if settings.sefaz_url and (
        settings.environment != 2 or not settings.sefaz_url.startswith("https://127.0.0.1:")
    ):
        raise _bad(
            "SEFAZ local",
            "só em homologação e em https://127.0.0.1",
            "homologação only, at https://127.0.0.1",
        )
    tech = _tech(settings)
    if settings.csrt_id.strip() and not tech.tech_cnpj:
        raise _bad(
            "responsável técnico: CNPJ", "o CSRT vai com o responsável técnico", "enter its CNPJ"
        )
    return dataclasses.replace(
        tech,
        cnpj=cnpj,
        ie=ie,
        uf=uf,
        cep=re.sub(r"\D", "", settings.cep),
        csc_id=str(int(settings.csc_id)) if settings.csc_id else "",
        csrt_id=_csrt_id(settings.csrt_id) if settings.csrt_id.strip() else "",
    )


def _setting(session: Session, key: str) -> str | None:
    return session.scalar(select(Setting.value).where(Setting.key == key))


def _put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def read_settings(session: Session) -> FiscalSettings:
    raw = _setting(session, SETTINGS_KEY)
    if not raw:
        return FiscalSettings()
    data: dict[str, Any] = json.loads(raw)
    known = {f.name for f in dataclasses.fields(FiscalSettings)}
    return FiscalSettings(**{k: v for k, v in data.items() if k in known})


def load_settings(station: Station) -> FiscalSettings:
    with station.read() as session:
        return read_settings(session)


@dataclass(frozen=True)
class Secrets:
    pkcs12: bytes = b""
    password: str = ""
    csc_token: str = ""
    csrt: str = ""  # the responsável técnico's CSRT (some UFs)


def read_secrets(session: Session) -> Secrets:
    raw = _setting(session, SECRETS_KEY)
    if not raw:
        return Secrets()
    data = json.loads(unseal(base64.b64decode(raw)))
    return Secrets(
        base64.b64decode(data["pkcs12"]),
        data["password"],
        data["csc_token"],
        data.get("csrt", ""),
    )


def _write_secrets(session: Session, secrets: Secrets) -> None:
    plain = json.dumps(
        {
            "pkcs12": base64.b64encode(secrets.pkcs12).decode(),
            "password": secrets.password,
            "csc_token": secrets.csc_token,
            "csrt": secrets.csrt,
        }
    ).encode()
    _put(session, SECRETS_KEY, base64.b64encode(seal(plain)).decode())


def certificate_of(secrets: Secrets) -> A1Certificate | None:
    if not secrets.pkcs12:
        return None
    return A1Certificate.from_pkcs12(secrets.pkcs12, secrets.password)


def status_of(a1: A1Certificate, now: datetime) -> CertificateStatus:
    days = (a1.not_after - now).days
    return CertificateStatus(
        a1.subject, a1.not_after, days, a1.expires_within(WARN_DAYS, now), a1.expired(now)
    )


def certificate_status(station: Station) -> CertificateStatus | None:
    """The loaded certificate's expiry (warned 30 days ahead), or None when none is loaded."""
    with station.read() as session:
        a1 = certificate_of(read_secrets(session))
    return status_of(a1, station.now()) if a1 is not None else None


def credentials(session: Session) -> tuple[A1Certificate, Csc]:
    """The A1 and the CSC for signing, or FiscalNotReady naming what is missing."""
    settings = read_settings(session)
    secrets = read_secrets(session)
    a1 = certificate_of(secrets)
    if a1 is None:
        raise FiscalNotReady(reason_pt="carregue o certificado A1", reason_en="load the A1")
    if not (settings.csc_id and secrets.csc_token):
        raise FiscalNotReady(reason_pt="informe o CSC (id e código)", reason_en="enter the CSC")
    return a1, Csc(settings.csc_id, secrets.csc_token)


def tech_responsible_in(session: Session) -> TechResponsible | None:
    """The infRespTec every note carries (None: the responsável técnico is not filled)."""
    settings = read_settings(session)
    if not settings.tech_cnpj:
        return None
    return settings.tech_responsible(read_secrets(session).csrt if settings.csrt_id else "")


def _audit(
    station: Station, session: Session, action: str, staff_id: int, manager_id: int, **details: Any
) -> None:
    terminal = station.terminal(session)
    audit.record(
        session,
        at=station.now(),
        terminal_uuid=terminal.uuid,
        action=action,
        staff_id=staff_id,
        authorized_by_id=manager_id,
        target="nfce",
        **details,
    )


def save_settings(
    station: Station, staff_id: int, manager_pin: str, settings: FiscalSettings
) -> FiscalSettings:
    """Validate and store; switching NFC-e on needs a readable, valid A1 and the CSC."""
    clean = validate(settings)
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar a configuração fiscal", now)
        before = dataclasses.asdict(read_settings(session))
        # The code sealed goes with the id it was given with (set_csrt): a new id without
        # its code would send a hashCSRT made from the old one.
        given_with = before["csrt_id"] if read_secrets(session).csrt else None
        if clean.csrt_id and clean.csrt_id != given_with:
            raise _bad("CSRT", "informe também o código do CSRT", "enter the CSRT code with its id")
        if clean.enabled:
            a1, _csc = credentials(session)
            if a1.expired(now):
                raise FiscalNotReady(
                    reason_pt="o certificado A1 está vencido", reason_en="the A1 has expired"
                )
        was = read_settings(session)
        since = was.enabled_since if was.enabled else now.isoformat()
        clean = dataclasses.replace(clean, enabled_since=since if clean.enabled else "")
        after = dataclasses.asdict(clean)
        _put(session, SETTINGS_KEY, json.dumps(after, ensure_ascii=False, sort_keys=True))
        _put(session, NFCE_ENABLED, "1" if clean.enabled else "0")
        if session.get(NfceSeries, clean.series) is None:
            session.add(NfceSeries(series=clean.series, next_number=1, first_number=1))
        changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        _audit(station, session, "fiscal.settings", staff_id, manager.id, changed=changed)
    return clean


def load_certificate(
    station: Station, staff_id: int, manager_pin: str, pkcs12: bytes, password: str
) -> CertificateStatus:
    """Keep a new A1 (checked by opening it with its password), sealed at rest."""
    try:
        a1 = A1Certificate.from_pkcs12(pkcs12, password)
    except CertificateError as error:
        raise _bad("certificado A1", error.message("pt_BR"), error.message("en")) from None
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "trocar o certificado A1", now)
        try:
            old = read_secrets(session)
        except PosError:
            old = Secrets()
        _write_secrets(session, dataclasses.replace(old, pkcs12=pkcs12, password=password))
        status = status_of(a1, now)
        _audit(
            station,
            session,
            "fiscal.certificate",
            staff_id,
            manager.id,
            subject=a1.subject,
            not_after=a1.not_after.isoformat(),
        )
    return status


def set_csc(station: Station, staff_id: int, manager_pin: str, csc_id: str, token: str) -> None:
    """The CSC SEFAZ gave the store: its id in the settings, the token sealed."""
    token = token.strip()
    if not 16 <= len(token) <= 36 or not token.isalnum():
        raise _bad("CSC", "o código tem de 16 a 36 letras e dígitos", "16 to 36 letters/digits")
    if not re.fullmatch(r"0*[1-9]\d{0,5}", csc_id.strip()):
        raise _bad("CSC id", "o número do CSC dado pela SEFAZ", "the CSC number SEFAZ gave")
    secret: dict[str, Any] = {"csc_token": token}
    csc = {"csc_id": str(int(csc_id))}
    _seal(station, staff_id, manager_pin, "trocar o CSC", "fiscal.csc", secret, csc)


def set_csrt(station: Station, staff_id: int, manager_pin: str, csrt_id: str, code: str) -> None:
    """The CSRT the UF gave the software house: its id in the settings, the code sealed
    (never shown back, never in the audit)."""
    code = code.strip()
    if not 16 <= len(code) <= 64 or not code.isascii() or not code.isalnum():
        raise _bad(
            "CSRT", "o código tem de 16 a 64 letras e dígitos", "16 to 64 letters and digits"
        )
    secret: dict[str, Any] = {"csrt": code}
    csrt = {"csrt_id": _csrt_id(csrt_id)}
    _seal(station, staff_id, manager_pin, "trocar o CSRT", "fiscal.csrt", secret, csrt)


def _seal(
    station: Station,
    staff_id: int,
    manager_pin: str,
    action: str,
    audit_action: str,
    secret: dict[str, Any],
    setting: dict[str, Any],
) -> None:
    """A code the SEFAZ gave (the CSC's token, the CSRT) sealed with the other secrets and
    its id in the settings, with a manager's PIN; the audit names the id, never the code."""
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, action, now)
        try:
            old = read_secrets(session)
        except PosError:
            old = Secrets()
        _write_secrets(session, dataclasses.replace(old, **secret))
        settings = dataclasses.replace(read_settings(session), **setting)
        _put(session, SETTINGS_KEY, json.dumps(dataclasses.asdict(settings), sort_keys=True))
        _audit(station, session, audit_action, staff_id, manager.id, **setting)


def set_next_number(
    station: Station, staff_id: int, manager_pin: str, series: int, next_number: int
) -> None:
    """Start a series at `next_number` (a store moving from another issuer keeps its
    numbering). Only before posapp has used the series: the numbers below it belong to
    the old issuer and are never voided by posapp."""
    now = station.now()
    with station.write() as session:
        acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar a numeração da NFC-e", now)
        row = session.get(NfceSeries, series)
        used = row is not None and row.next_number != row.first_number
        if used or not 1 <= next_number <= 999_999_999:
            raise _bad(
                "próximo número",
                f"a série {series} já foi usada por este caixa: use outra série",
                f"series {series} is already in use here: use another series",
            )
        if row is None:
            session.add(
                NfceSeries(series=series, next_number=next_number, first_number=next_number)
            )
        else:
            row.next_number = row.first_number = next_number
        _audit(
            station,
            session,
            "fiscal.numbering",
            staff_id,
            manager.id,
            series=series,
            first=next_number,
        )
