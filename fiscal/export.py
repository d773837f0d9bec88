"""The accountant's monthly ZIP of authorised XMLs (nfeProc), one file per key, with the
cancellation events of its notes and the month's voided numbers (`add_events`)."""

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


def _event_key(xml: bytes) -> str:
    """The note a procEventoNFe is about ("" when it is not one)."""
    root = etree.fromstring(xml)
    if etree.QName(root).localname != "procEventoNFe":
        return ""
    return str(root.findtext("n:evento/n:infEvento/n:chNFe", "", NS))


def _void_id_and_month(xml: bytes) -> tuple[str, str]:
    """A ProcInutNFe's Id (ID + 41 digits) and the month SEFAZ voided the numbers in."""
    root = etree.fromstring(xml)
    if etree.QName(root).localname != "ProcInutNFe":
        return "", ""
    ident = root.find("n:inutNFe/n:infInut", NS)
    received = root.findtext("n:retInutNFe/n:infInut/n:dhRecbto", "", NS)
    return (ident.get("Id", "") if ident is not None else ""), received[:7]


def add_events(
    zip_bytes: bytes, cancellations: Iterable[bytes], voids: Iterable[bytes], month: str
) -> bytes:
    """The month's ZIP with what changed its notes' standing, so the accountant books a
    cancelled note as cancelled and a missing number as voided (EFD, COD_SIT 02 / 05):
    each cancellation event (procEventoNFe) of a note in the ZIP as
    `<key>-procEventoNFe.xml`, and each voiding (ProcInutNFe) SEFAZ received in the month
    as `<Id>-procInutNFe.xml`."""
    source = io.BytesIO(zip_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        names = set(old.namelist())
        for name in old.namelist():
            new.writestr(name, old.read(name))
        for xml in cancellations:
            key = _event_key(xml)
            name = f"{key}-procEventoNFe.xml"
            if key and f"{key}-procNFe.xml" in names and name not in names:
                names.add(name)
                new.writestr(name, xml)
        for xml in voids:
            ident, voided_in = _void_id_and_month(xml)
            name = f"{ident}-procInutNFe.xml"
            if ident and voided_in == month and name not in names:
                names.add(name)
                new.writestr(name, xml)
    return out.getvalue()
