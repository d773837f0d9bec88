"""The accountant's monthly ZIP: the month by the note's local date, read from that month's
rows only (a store keeps 5 years of notes)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from db.models import NfceNote
from fiscal.export import export_month
from fiscal.key import make_key
from posapp.services.invoices import archive
from tests.invoices.conftest import CNPJ
from tests.support import Shop

SAO_PAULO = timezone(timedelta(hours=-3))


def _proc(issued_at: datetime) -> bytes:
    local = issued_at.astimezone(SAO_PAULO).isoformat()
    return (
        '<nfeProc xmlns="http://www.portalfiscal.inf.br/nfe" versao="4.00"><NFe><infNFe>'
        f"<ide><dhEmi>{local}</dhEmi></ide></infNFe></NFe></nfeProc>"
    ).encode()


def _keep(shop: Shop, notes: Iterable[tuple[int, datetime]]) -> dict[int, str]:
    """Authorised notes as the archive holds them: number -> key."""
    keys: dict[int, str] = {}
    with shop.station.write() as session:
        for number, issued_at in notes:
            key = str(make_key("SP", issued_at, CNPJ, 1, number, 1, "12345678"))
            keys[number] = key
            proc = _proc(issued_at)
            session.add(
                NfceNote(
                    series=1,
                    number=number,
                    status="authorised",
                    key=key,
                    tp_emis=1,
                    issued_at=issued_at,
                    sale_ref="",
                    reason="Autorizado o uso da NF-e",
                    protocol="135260000000001",
                    xml=b"<NFe/>",
                    proc_xml=proc,
                    authorised_xml=proc,
                    updated_at=issued_at,
                )
            )
    return keys


def test_the_month_is_the_local_date_and_only_its_rows_are_read(
    shop: Shop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    past = [
        (n, datetime(2022, 1, 1, 12, tzinfo=UTC) + timedelta(hours=7 * n)) for n in range(1, 3001)
    ]
    keys = _keep(shop, past)
    keys |= _keep(
        shop,
        [
            (5001, datetime(2026, 11, 1, 2, 0, tzinfo=UTC)),  # 31 Oct, 23:00 in São Paulo
            (5002, datetime(2026, 11, 1, 3, 0, tzinfo=UTC)),  # 1 Nov, 00:00
            (5003, datetime(2026, 12, 1, 2, 59, tzinfo=UTC)),  # 30 Nov, 23:59
            (5004, datetime(2026, 12, 1, 3, 0, tzinfo=UTC)),  # 1 Dec, 00:00
        ],
    )
    handed: list[int] = []

    def spy(documents: Iterable[tuple[str, bytes]], month: str, out: Path | None = None) -> bytes:
        given = list(documents)
        handed.append(len(given))
        return export_month(given, month, out)

    monkeypatch.setattr(archive, "export_month", spy)
    out = tmp_path / "2026-11.zip"
    assert archive.export(shop.station, "2026-11", out) == 2
    with zipfile.ZipFile(out) as kept:
        assert sorted(kept.namelist()) == [f"{keys[n]}-procNFe.xml" for n in (5002, 5003)]
    assert handed == [4]  # the month and a day either side, not the 3 000 notes of 2022
