"""A void while the sale's DPS is with the national environment (the print queue or the
NFS-e sender at work): the void waits for the answer and cancels the NFS-e, never
leaving a voided sale with an NFS-e authorised that nobody cancels."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from db.models import Sale
from fiscal.nfse.client import SefinClient
from fiscal.testing import LocalSefin
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.cancelling import SaleCancelled, cancel_sale
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.storage import NfseRecord
from tests.nfse.conftest import sell_salon
from tests.support import MANAGER_PIN, Shop

REASON = "Cliente desistiu do serviço"


def test_a_void_while_the_dps_is_sent_waits_and_cancels_the_nfse(
    shop: Shop,
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sefin: LocalSefin,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, the void found the DPS pending and never sent, withdrew it, and the answer
    then on its way made it authorised: an NFS-e for a voided sale, nobody to cancel it."""
    sale_id = sell_salon(shop, "corte")
    sending, go = threading.Event(), threading.Event()
    real: Callable[..., Any] = SefinClient.send

    def slow(self: SefinClient, dps_xml: bytes) -> Any:
        sending.set()
        assert go.wait(10)
        return real(self, dps_xml)

    monkeypatch.setattr(SefinClient, "send", slow)
    issued: list[NfseRecord | None] = []
    printer = threading.Thread(target=lambda: issued.append(issuer.issue_for_sale(sale_id)))
    printer.start()
    assert sending.wait(10)  # the DPS is on its way

    done: list[SaleCancelled] = []
    cashier = threading.Thread(
        target=lambda: done.append(
            cancel_sale(invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, REASON)
        )
    )
    cashier.start()
    cashier.join(0.5)
    go.set()
    printer.join(10)
    cashier.join(10)

    (result,) = done
    assert result.nfse_status == "cancelled"
    assert "NFS-e" in result.message_pt and "cancelada" in result.message_pt
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "cancelled" and nfse.cancel_xml
    with shop.station.read() as session:
        assert session.get(Sale, sale_id).status == "voided"  # type: ignore[union-attr]
