"""The background sender's work follows what waits, not the years of notes in the archive."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, select

from db.models import NfceNote, NfceSeries
from fiscal.testing import LocalSefaz
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.settings import set_next_number
from tests.support import MANAGER_PIN, Shop


def _archive(shop: Shop, count: int) -> None:
    """`count` notes authorised in past years, as the sender finds them in the file."""
    now = shop.clock()
    with shop.station.write() as session:
        series = session.get(NfceSeries, 1)
        assert series is not None
        first = series.next_number
        for number in range(first, first + count):
            session.add(
                NfceNote(
                    series=1,
                    number=number,
                    status="authorised",
                    key=f"{number:044d}",
                    tp_emis=1,
                    sale_ref="",
                    reason="Autorizado o uso da NF-e",
                    protocol="135260000000001",
                    xml=b"<NFe/>" * 1_000,
                    proc_xml=b"<nfeProc/>" * 1_000,
                    authorised_xml=b"<nfeProc/>" * 1_000,
                    updated_at=now,
                )
            )
        series.next_number = first + count


@contextmanager
def _statements(shop: Shop) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    event.listen(shop.station.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(shop.station.engine, "before_cursor_execute", count)


def _contingency_sale_sent(shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz) -> list[str]:
    """One sale issued with SEFAZ down, then the sender's run once SEFAZ is back."""
    sefaz.set_mode("down")
    sale = shop.sell("dipirona", cash=1_250)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.contingency
    sefaz.set_mode("authorise")
    with _statements(shop) as seen:
        report = invoicer.send_pending()
    assert report is not None and report.done and report.authorised == [note.record.number]
    invoicer.queue().offline_since = None  # the next sale tries online at once
    return seen


def test_the_sender_asks_the_same_of_the_file_with_ten_or_a_thousand_more_notes(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    assert invoicer.issue_for_sale(shop.sell("shampoo", pix=3_000).sale_id) is not None
    _archive(shop, 10)
    small = _contingency_sale_sent(shop, invoicer, sefaz)
    _archive(shop, 1_000)
    large = _contingency_sale_sent(shop, invoicer, sefaz)
    assert len(large) == len(small)
    whole_table = [s for s in large if "FROM nfce_note" in s and "WHERE" not in s]
    assert whole_table == []


def test_numbers_before_the_series_start_belong_to_the_old_issuer_and_are_never_voided(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    set_next_number(shop.station, shop.manager_id, MANAGER_PIN, 1, 1_001)
    sale = shop.sell("dipirona", cash=1_250)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.number == 1_001
    report = invoicer.send_pending()
    assert report is not None and report.done and report.voided == []
    assert sefaz.state.voided == set()
    with shop.station.read() as session:
        assert list(session.scalars(select(NfceNote.number))) == [1_001]
