"""An older copy restored on the counter keeps the NFC-e issued after it was taken: their
XML stays in the archive and the numbering goes on after them (a number SEFAZ has already
authorised was handed out again: rejection 539, and it could be neither resent nor voided)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from db.models import AuditLog, NfceNote
from fiscal.testing import LocalSefaz
from posapp.services.admin.backups import backup_now, restore
from posapp.services.common.station import open_station
from posapp.services.invoices.issuing import Invoicer
from tests.invoices.conftest import set_up_nfce
from tests.support import MANAGER_PIN, Shop


def _issued(invoicer: Invoicer, sale_id: int) -> tuple[str, int]:
    note = invoicer.issue_for_sale(sale_id)
    assert note is not None
    return note.record.status, note.record.number


def test_after_restoring_an_older_copy_the_next_nfce_takes_a_number_sefaz_has_not_seen(
    shop: Shop, a1_bytes: bytes, sefaz: LocalSefaz
) -> None:
    """NFC-e 1 for the first sale; the copy is taken; NFC-e 2 for the second sale; the copy
    is restored (the second sale is gone with it). NFC-e 2 is still in the archive, kept
    by its sale's reference, and the next sale's note is number 3, authorised."""
    set_up_nfce(shop, a1_bytes, sefaz)
    invoicer = Invoicer(shop.station)
    assert _issued(invoicer, shop.sell("shampoo", pix=3_000).sale_id) == ("authorised", 1)
    copy = backup_now(shop.station)
    second = shop.sell("shampoo", pix=3_000)
    assert _issued(invoicer, second.sale_id) == ("authorised", 2)
    invoicer.close()
    path: Path = shop.station.path
    shop.station.close()

    restore(path, copy, MANAGER_PIN, clock=shop.clock)
    shop.station = open_station(path, clock=shop.clock)
    with shop.station.read() as session:
        kept = session.scalars(select(NfceNote).where(NfceNote.number == 2)).one()
        assert (kept.status, kept.sale_id, kept.sale_ref) == (
            "authorised",
            None,
            f"sale:{second.sale_id}",
        )
        assert b"<protNFe" in (kept.proc_xml or b"")
        (entry,) = session.scalars(select(AuditLog).where(AuditLog.action == "db.restore"))
        assert json.loads(entry.details)["nfce_carried"] == 1
    invoicer = Invoicer(shop.station)
    try:
        after = shop.sell("shampoo", pix=3_000)
        assert _issued(invoicer, after.sale_id) == ("authorised", 3)
        first = invoicer.note(1)
        assert first is not None and first.record.number == 1  # the copy's own note, once
    finally:
        invoicer.close()
