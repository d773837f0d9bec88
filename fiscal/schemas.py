"""Validation against the official XSDs shipped by nfelib (NF-e 4.00, events 1.00).

Every XML we produce or accept is checked here before it leaves or is used; a
failure raises SchemaError naming the field (its path in the document).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import nfelib
from lxml import etree

from fiscal.errors import SchemaError

_ROOT = Path(nfelib.__file__).parent
NFE_DIR = _ROOT / "nfe" / "schemas" / "v4_0"
CANCEL_DIR = _ROOT / "nfe_evento_cancel" / "schemas" / "v1_0"
EVENT_DIR = _ROOT / "nfe_evento_generico" / "schemas" / "v1_0"
"""Any event 1.00: the envelope checked, detEvento not (`xs:any processContents="skip"`);
nfelib 3.2 ships no schema of its own for 110112's detEvento."""

SCHEMA_FILES = {
    "NFe": NFE_DIR / "nfe_v4.00.xsd",
    "enviNFe": NFE_DIR / "enviNFe_v4.00.xsd",
    "retEnviNFe": NFE_DIR / "retEnviNFe_v4.00.xsd",
    "nfeProc": NFE_DIR / "procNFe_v4.00.xsd",
    "consReciNFe": NFE_DIR / "consReciNFe_v4.00.xsd",
    "retConsReciNFe": NFE_DIR / "retConsReciNFe_v4.00.xsd",
    "consSitNFe": NFE_DIR / "consSitNFe_v4.00.xsd",
    "retConsSitNFe": NFE_DIR / "retConsSitNFe_v4.00.xsd",
    "consStatServ": NFE_DIR / "consStatServ_v4.00.xsd",
    "retConsStatServ": NFE_DIR / "retConsStatServ_v4.00.xsd",
    "inutNFe": NFE_DIR / "inutNFe_v4.00.xsd",
    "retInutNFe": NFE_DIR / "retInutNFe_v4.00.xsd",
    "ProcInutNFe": NFE_DIR / "procInutNFe_v4.00.xsd",
    "envEvento": CANCEL_DIR / "envEventoCancNFe_v1.00.xsd",
    "retEnvEvento": CANCEL_DIR / "retEnvEventoCancNFe_v1.00.xsd",
    "procEventoNFe": CANCEL_DIR / "procEventoCancNFe_v1.00.xsd",
    "envEventoGenerico": EVENT_DIR / "envEvento_v1.00.xsd",
    "retEnvEventoGenerico": EVENT_DIR / "retEnvEvento_v1.00.xsd",
    "procEventoNFeGenerico": EVENT_DIR / "procEventoNFe_v1.00.xsd",
}


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILES[name])))


def _readable_path(tree: etree._Element, error: etree._LogEntry) -> str:
    try:
        found = tree.getroottree().xpath(error.path) if error.path else []
    except etree.XPathError:
        found = []
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        node: etree._Element | None = found[0]
        parts: list[str] = []
        while node is not None:
            name = etree.QName(node).localname
            n_item = node.get("nItem")
            parts.append(f"{name}[{n_item}]" if n_item else name)
            node = node.getparent()
        return "/".join(reversed(parts))
    match = re.search(r"Element '(?:\{[^}]*\})?([^']+)'", error.message or "")
    return match.group(1) if match else "?"


def validate(root: etree._Element, name: str | None = None) -> None:
    """Raise SchemaError naming the first offending field; `name` defaults to the root tag."""
    schema_name = name or etree.QName(root).localname
    xsd = schema(schema_name)
    if xsd.validate(root):
        return
    error = xsd.error_log[0]
    raise SchemaError(_readable_path(root, error), error.message or "")


def validate_bytes(xml: bytes, name: str | None = None) -> etree._Element:
    root = etree.fromstring(xml)
    validate(root, name)
    return root
