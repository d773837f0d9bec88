"""Fiscal errors: one class per cause, each with a pt_BR and an English message.

The shape mirrors `hardware.errors` (class-level templates, `message(locale)`)
without importing posapp. `field` names the XML field or the input that is
wrong, so the caller can point the operator at it.
"""

from __future__ import annotations

from typing import Any, ClassVar

DEFAULT_LOCALE = "pt_BR"


class FiscalError(Exception):
    """Something in the fiscal document or its transmission went wrong."""

    code: ClassVar[str] = "fiscal_error"
    pt_BR: ClassVar[str] = "Erro fiscal: {reason}"
    en: ClassVar[str] = "Fiscal error: {reason}"

    def __init__(self, field: str = "", detail: str = "", **params: Any) -> None:
        self.field = field
        self.detail = detail
        self.params = {"field": field, "reason": detail, **params}
        super().__init__(f"{self.message('pt_BR')} / {self.message('en')}")

    def message(self, locale: str = DEFAULT_LOCALE) -> str:
        template = self.pt_BR if locale.lower().startswith("pt") else self.en
        return template.format(**self.params)


class InvalidInput(FiscalError):
    """The plain data handed to fiscal/ is wrong (missing tax data, bad CPF...)."""

    code = "invalid_input"
    pt_BR = "Dado fiscal inválido em {field}: {reason_pt}"
    en = "Invalid fiscal data in {field}: {reason_en}"

    def __init__(self, field: str, reason_pt: str, reason_en: str) -> None:
        super().__init__(field, reason_en, reason_pt=reason_pt, reason_en=reason_en)


class SchemaError(FiscalError):
    """The XML does not validate against the official XSD; nothing was sent."""

    code = "schema_error"
    pt_BR = "XML fora do leiaute oficial no campo {field}: {reason}"
    en = "XML does not match the official layout at field {field}: {reason}"


class CertificateError(FiscalError):
    code = "certificate_error"
    pt_BR = "Certificado A1: {reason_pt}"
    en = "A1 certificate: {reason_en}"

    def __init__(self, reason_pt: str, reason_en: str, detail: str = "") -> None:
        super().__init__("certificado", detail, reason_pt=reason_pt, reason_en=reason_en)


class SefazError(FiscalError):
    """SEFAZ answered something we cannot read (not a rejection: those are outcomes)."""

    code = "sefaz_error"
    pt_BR = "Resposta inesperada da SEFAZ: {reason}"
    en = "Unexpected SEFAZ answer: {reason}"
