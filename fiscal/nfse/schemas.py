"""Validation against the national NFS-e XSDs (leiaute 1.01) shipped by nfelib.

nfelib >= 3.2 carries `nfse/schemas/v1_0` (NFSe-ESQUEMAS_XSD-v1.01): DPS, NFSe,
pedRegEvento and evento. A failure raises fiscal's SchemaError naming the field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import nfelib
from lxml import etree

from fiscal.errors import SchemaError
from fiscal.schemas import _readable_path

NFSE_DIR = Path(nfelib.__file__).parent / "nfse" / "schemas" / "v1_0"
SCHEMA_FILES = {
    "DPS": NFSE_DIR / "DPS_v1.01.xsd",
    "NFSe": NFSE_DIR / "NFSe_v1.01.xsd",
    "pedRegEvento": NFSE_DIR / "pedRegEvento_v1.01.xsd",
    "evento": NFSE_DIR / "evento_v1.01.xsd",
}


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILES[name])))


def validate(root: etree._Element) -> None:
    """Raise SchemaError naming the first offending field (the schema is the root's tag)."""
    xsd = schema(etree.QName(root).localname)
    if xsd.validate(root):
        return
    error = xsd.error_log[0]
    raise SchemaError(_readable_path(root, error), error.message or "")


def validate_bytes(xml: bytes) -> etree._Element:
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        raise SchemaError("xml", str(exc)) from None
    if etree.QName(root).localname not in SCHEMA_FILES:
        raise SchemaError(etree.QName(root).localname, "documento desconhecido / unknown document")
    validate(root)
    return root
