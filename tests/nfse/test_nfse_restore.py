"""An older copy restored on a salon's counter keeps the NFS-e numbering past the DPS
issued after the copy (the national environment refuses a series and number already
used, E0014), and keeps the DPS of sales the copy has."""

from __future__ import annotations

from pathlib import Path

from fiscal.testing.nfse_server import LocalSefin
from posapp.services.admin.backups import backup_now, restore
from posapp.services.common.station import open_station
from posapp.services.nfse.issuing import NfseIssuer
from tests.nfse.conftest import sell_salon
from tests.support import MANAGER_PIN, Shop


def _reopened(shop: Shop, issuer: NfseIssuer, copy: Path) -> NfseIssuer:
    issuer.close()
    path: Path = shop.station.path
    shop.station.close()
    restore(path, copy, MANAGER_PIN, clock=shop.clock)
    shop.station = open_station(path, clock=shop.clock)
    return NfseIssuer(shop.station)


def test_after_restoring_an_older_copy_the_next_dps_takes_a_number_not_used(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    """DPS 1 for a corte; the copy is taken; a manicure is sold before it and its DPS 2 is
    sent after it, then a third sale's DPS 3. Restored: the manicure's DPS 2 is still the
    manicure's (no second NFS-e for it), the third sale is gone, and the next sale's DPS
    is number 4, authorised."""
    first = sell_salon(shop, "corte")
    note = issuer.issue_for_sale(first)
    assert note is not None and (note.status, note.number) == ("authorised", 1)
    manicure = sell_salon(shop, "manicure")
    copy = backup_now(shop.station)
    note = issuer.issue_for_sale(manicure)
    assert note is not None and (note.status, note.number) == ("authorised", 2)
    note = issuer.issue_for_sale(sell_salon(shop, "corte"))
    assert note is not None and (note.status, note.number) == ("authorised", 3)

    issuer = _reopened(shop, issuer, copy)
    try:
        kept = issuer.note(manicure)
        assert kept is not None and (kept.status, kept.number) == ("authorised", 2)
        issuer.send_pending()
        assert len(sefin.state.issued) == 3  # nothing sent again
        note = issuer.issue_for_sale(sell_salon(shop, "corte"))
        assert note is not None and (note.status, note.number) == ("authorised", 4)
    finally:
        issuer.close()
