"""The accountant's monthly ZIP and the contingency deadline per UF."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from fiscal.certificate import A1Certificate
from fiscal.deadline import contingency_deadline
from fiscal.errors import InvalidInput
from fiscal.export import export_month
from fiscal.model import Nfce
from fiscal.soap import Authorized, SefazClient
from fiscal.xml_build import build_nfce
from tests.fiscal.conftest import CSC

Make = Callable[..., Nfce]


def test_month_zip_holds_every_authorised_xml_of_that_month(
    client: SefazClient, make_note: Make, a1: A1Certificate, tmp_path: Path
) -> None:
    docs: list[tuple[str, bytes]] = []
    for number, day in ((1, datetime(2026, 11, 30, 12, tzinfo=UTC)),
                        (2, datetime(2026, 12, 1, 12, tzinfo=UTC)),
                        (3, datetime(2026, 12, 31, 12, tzinfo=UTC)),
                        (4, datetime(2027, 1, 1, 12, tzinfo=UTC))):  # fmt: skip
        signed = build_nfce(make_note(number=number, issued_at=day), a1, CSC)
        outcome = client.authorize(signed.xml)
        assert isinstance(outcome, Authorized)
        docs.append((signed.key, outcome.proc_xml))
    out = tmp_path / "2026-12.zip"
    data = export_month(docs + docs[1:2], "2026-12", out)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"{k}-procNFe.xml" for k, _ in docs[1:3])
        assert archive.read(f"{docs[1][0]}-procNFe.xml") == docs[1][1]
    assert out.read_bytes() == data


def test_bad_month_is_refused_in_both_languages() -> None:
    with pytest.raises(InvalidInput) as err:
        export_month([], "12/2026")
    assert "AAAA-MM" in err.value.message("pt_BR") and "YYYY-MM" in err.value.message("en")


def test_deadline_is_the_next_business_day() -> None:
    friday = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)  # 18:00 in São Paulo
    assert contingency_deadline("SP", friday).isoformat() == "2026-12-07T23:59:59-03:00"
    tuesday = datetime(2026, 12, 8, 13, 0, tzinfo=UTC)
    assert contingency_deadline("MG", tuesday).date() == date(2026, 12, 9)
    christmas_eve = datetime(2026, 12, 24, 13, 0, tzinfo=UTC)
    holidays = {date(2026, 12, 25)}
    assert contingency_deadline("SP", christmas_eve, holidays=holidays).date() == date(2026, 12, 28)


def test_para_allows_only_24_hours() -> None:
    issued = datetime(2026, 12, 4, 21, 0, tzinfo=UTC)
    assert contingency_deadline("PA", issued, "America/Belem") == datetime(
        2026, 12, 5, 21, 0, tzinfo=UTC
    )
