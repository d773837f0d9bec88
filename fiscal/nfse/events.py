"""The cancellation event's request (pedRegEvento, e101101), signed with the A1."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.errors import InvalidInput
from fiscal.model import Environment
from fiscal.nfse.keys import event_request_id
from fiscal.nfse.model import NS, VERSION
from fiscal.nfse.schemas import validate
from fiscal.signing import sign
from fiscal.text import plain

REASONS = {1: "Erro na Emissão", 2: "Serviço não Prestado", 9: "Outros"}


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        node.text = text
    return node


def cancellation_request(
    key: str,
    cnpj: str,
    environment: Environment,
    when: datetime,
    reason: str,
    code: int = 2,
    app_version: str = "posapp",
    a1: A1Certificate | None = None,
) -> bytes:
    """The pedRegEvento cancelling NFS-e `key` (code 1 error, 2 service not rendered, 9 other)."""
    reason = plain(reason)  # as typed: a dash or curly quotes would fail the XSD
    if not 15 <= len(reason) <= 255:
        raise InvalidInput(
            "xMotivo",
            "a justificativa deve ter de 15 a 255 caracteres",
            "the reason must have 15 to 255 characters",
        )
    if code not in REASONS:
        raise InvalidInput("cMotivo", "código de motivo inválido", "bad reason code")
    root = etree.Element(f"{{{NS}}}pedRegEvento", nsmap={None: NS})
    root.set("versao", VERSION)
    inf = _sub(root, "infPedReg")
    ident = event_request_id(key)
    inf.set("Id", ident)
    _sub(inf, "tpAmb", str(int(environment)))
    _sub(inf, "verAplic", app_version[:20])
    _sub(inf, "dhEvento", when.replace(microsecond=0).isoformat())
    _sub(inf, "CNPJAutor", cnpj)
    _sub(inf, "chNFSe", key)
    event = _sub(inf, "e101101")
    _sub(event, "xDesc", "Cancelamento de NFS-e")
    _sub(event, "cMotivo", str(code))
    _sub(event, "xMotivo", reason)
    validate(root)
    if a1 is not None:
        root = sign(root, ident, a1)
        validate(root)
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True))
