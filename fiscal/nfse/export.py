"""The NFS-e in the accountant's monthly ZIP, beside the NFC-e: `<key>-nfse.xml`.

The month is the NFS-e's competence (DPS dCompet); cancelled notes stay in (with
their event as `<key>-canc-nfse.xml`), as the NFC-e export keeps cancelled nfeProc.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from lxml import etree

from fiscal.errors import InvalidInput
from fiscal.nfse.keys import is_nfse_key
from fiscal.nfse.model import NS


def competence_month(nfse_xml: bytes) -> str:
    return (etree.fromstring(nfse_xml).findtext(f".//{{{NS}}}dCompet") or "")[:7]


def add_to_zip(
    zip_bytes: bytes, documents: Iterable[tuple[str, bytes, bytes | None]], month: str
) -> bytes:
    """The ZIP with the month's NFS-e added; `documents` yields (key, NFS-e, cancellation)."""
    source = io.BytesIO(zip_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            new.writestr(name, old.read(name))
        for key, xml, cancellation in documents:
            if not is_nfse_key(key):
                raise InvalidInput(
                    "chave", f"chave de NFS-e inválida: {key}", f"bad NFS-e key: {key}"
                )
            if competence_month(xml) != month:
                continue
            new.writestr(f"{key}-nfse.xml", xml)
            if cancellation:
                new.writestr(f"{key}-canc-nfse.xml", cancellation)
    return out.getvalue()
