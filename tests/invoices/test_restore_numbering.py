"""An older copy restored on the counter keeps the NFC-e issued after it was taken: their
XML stays in the archive and the numbering goes on after them (a number SEFAZ has already
authorised was handed out again: rejection 539, and it could be neither resent nor voided)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditLog, NfceNote
from fiscal.testing import LocalSefaz
from posapp.services.admin.backups import backup_now, restore
from posapp.services.common.station import open_station
from posapp.services.invoices.fixes import NoteWithoutSale, resend_corrected
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
    is restored (the second sale is gone with it). NFC-e 2 is still in the archive, marked
    as of a sale this file does not hold, and the next sale (given the lost sale's id) gets
    its own note, number 3, authorised."""
    set_up_nfce(shop, a1_bytes, sefaz)
    invoicer = Invoicer(shop.station)
    first = shop.sell("shampoo", pix=3_000)
    assert _issued(invoicer, first.sale_id) == ("authorised", 1)
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
            f"sem-venda:sale:{second.sale_id}",
        )
        assert b"<protNFe" in (kept.proc_xml or b"")
        (entry,) = session.scalars(select(AuditLog).where(AuditLog.action == "db.restore"))
        assert json.loads(entry.details)["fiscal_carried"] == {"nfce": 1, "nfse": 0}
    invoicer = Invoicer(shop.station)
    try:
        after = shop.sell("shampoo", pix=3_000)
        assert after.sale_id == second.sale_id  # the lost sale's number, rung up again
        assert _issued(invoicer, after.sale_id) == ("authorised", 3)
        kept_first = invoicer.note(first.sale_id)
        assert kept_first is not None and kept_first.record.number == 1  # the copy's own
    finally:
        invoicer.close()


def test_a_rejected_note_of_a_sale_the_restore_lost_says_so_when_resent(
    shop: Shop, a1_bytes: bytes, sefaz: LocalSefaz
) -> None:
    """NFC-e 2 was rejected (a product's NCM) after the copy was taken; the copy is restored:
    the note comes over as rejected, and correcting it names why it cannot be resent (its
    sale is not in this file), in both languages, instead of resending another sale."""
    set_up_nfce(shop, a1_bytes, sefaz)
    invoicer = Invoicer(shop.station)
    assert _issued(invoicer, shop.sell("shampoo", pix=3_000).sale_id) == ("authorised", 1)
    copy = backup_now(shop.station)
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    assert _issued(invoicer, shop.sell("shampoo", pix=3_000).sale_id) == ("rejected", 2)
    sefaz.set_mode("authorise")
    invoicer.close()
    path: Path = shop.station.path
    shop.station.close()

    restore(path, copy, MANAGER_PIN, clock=shop.clock)
    shop.station = open_station(path, clock=shop.clock)
    invoicer = Invoicer(shop.station)
    try:
        shop.sell("shampoo", pix=3_000)  # the lost sale's id, rung up again
        with pytest.raises(NoteWithoutSale) as refused:
            resend_corrected(invoicer, 1, 2, shop.cashier_id, MANAGER_PIN)
        assert refused.value.message("pt_BR") == (
            "A NFC-e 1/2 é de uma venda que não está neste arquivo (restaurado de uma cópia "
            "anterior): não pode ser corrigida nem reenviada daqui."
        )
        assert refused.value.message("en").startswith("NFC-e 1/2 is for a sale this file")
    finally:
        invoicer.close()
