"""The accountant's monthly ZIP of authorised XMLs (nfeProc), one file per key."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from fiscal.errors import InvalidInput
from fiscal.key import is_valid_key

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}


def _month_of(xml: bytes) -> str:
    root = etree.fromstring(xml)
    dh = root.findtext(".//n:infNFe/n:ide/n:dhEmi", namespaces=NS) or ""
    return dh[:7]


def export_month(
    documents: Iterable[tuple[str, bytes]], month: str, out: str | Path | None = None
) -> bytes:
    """ZIP the documents of `month` (YYYY-MM, by dhEmi) as `<key>-procNFe.xml`.

    `documents` yields (access key, XML bytes). Other months are skipped; a bad key
    raises InvalidInput. Returns the ZIP bytes and writes them to `out` if given.
    """
    if len(month) != 7 or month[4] != "-" or not (month[:4] + month[5:]).isdigit():
        raise InvalidInput("month", "mês deve ser AAAA-MM", "month must be YYYY-MM")
    buffer = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, xml in documents:
            if not is_valid_key(key):
                raise InvalidInput("chave", f"chave de acesso inválida: {key}", f"bad key: {key}")
            if key in seen or _month_of(xml) != month:
                continue
            seen.add(key)
            archive.writestr(f"{key}-procNFe.xml", xml)
    data = buffer.getvalue()
    if out is not None:
        Path(out).write_bytes(data)
    return data
