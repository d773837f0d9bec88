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
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.cancelling import SaleCancelled, Voided, cancel_sale, void_sale
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.paper import sale_paper
from posapp.services.nfse.storage import NfseRecord
from posapp.services.sales.printing import FiscalPaper
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


def test_a_store_without_nfse_prints_the_next_sale_while_a_void_holds_the_nfse_issuer(
    shop: Shop, invoicer: Invoicer
) -> None:
    """Vendas holds the NFS-e issuer while a void's NFC-e cancellation talks to SEFAZ (up to
    its timeout, twice past the limit). In a store without NFS-e the next sale's receipt
    does not wait for it: before, the print queue waited on the issuer's lock only to read
    that NFS-e is off."""
    issuer = NfseIssuer(shop.station)  # NFS-e off: the store's default
    sale_id = shop.sell("dipirona", cash=2_000).sale_id
    papers: list[FiscalPaper] = []
    settings = CounterSettings(printer_uri="virtual://nfse-test", paper_mm=80)
    with issuer.issuing_held():  # the void at Vendas, waiting for SEFAZ
        printer = threading.Thread(
            target=lambda: papers.append(sale_paper(invoicer, issuer, sale_id, settings))
        )
        printer.start()
        printer.join(5)
        assert not printer.is_alive()  # the receipt did not wait for the void
    (paper,) = papers
    assert paper.missing == ()
    note = invoicer.note(sale_id)
    assert note is not None and note.record.status == "authorised"
    issuer.close()


def test_vendas_void_while_the_dps_is_sent_waits_and_cancels_the_nfse(
    shop: Shop,
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sefin: LocalSefin,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same, through what Vendas calls (`void_sale`: it picks the notes to cancel);
    its message names both notes' fate."""
    sale_id = sell_salon(shop, "corte")
    sending, go = threading.Event(), threading.Event()
    real: Callable[..., Any] = SefinClient.send

    def slow(self: SefinClient, dps_xml: bytes) -> Any:
        sending.set()
        assert go.wait(10)
        return real(self, dps_xml)

    monkeypatch.setattr(SefinClient, "send", slow)
    printer = threading.Thread(target=lambda: issuer.issue_for_sale(sale_id))
    printer.start()
    assert sending.wait(10)
    done: list[Voided] = []
    cashier = threading.Thread(
        target=lambda: done.append(
            void_sale(shop.station, invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, REASON)
        )
    )
    cashier.start()
    cashier.join(0.5)
    assert cashier.is_alive()  # waits for the DPS on its way
    go.set()
    printer.join(10)
    cashier.join(10)

    (result,) = done
    assert result.void.kind == "void"
    assert "NFS-e" in result.message("pt_BR") and "cancelled" in result.message("en")
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "cancelled"
