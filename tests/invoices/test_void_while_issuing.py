"""A void while the sale's NFC-e is being issued (the print queue or the sender at work):
the void waits for the note and cancels it, never leaving a voided sale with a note
SEFAZ authorised and nobody cancels."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from db.models import Sale
from fiscal.testing import LocalSefaz
from posapp.services.invoices import issuing
from posapp.services.invoices.cancelling import CancelResult, cancel_sale
from posapp.services.invoices.issuing import Invoicer, SaleNote
from tests.support import MANAGER_PIN, Shop

REASON = "Cliente desistiu da compra no caixa"


def _held_note_building(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The note's XML is built only once `go` is set (`building` says it has begun)."""
    building, go = threading.Event(), threading.Event()
    real: Callable[..., Any] = issuing.nfce_of

    def slow(*args: Any, **kwargs: Any) -> Any:
        building.set()
        assert go.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(issuing, "nfce_of", slow)
    return building, go


def test_a_void_while_the_note_is_issued_waits_and_cancels_it(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, monkeypatch: pytest.MonkeyPatch
) -> None:
    sale = shop.sell("dipirona", cash=2_000)
    building, go = _held_note_building(monkeypatch)
    issued: list[SaleNote | None] = []
    printer = threading.Thread(target=lambda: issued.append(invoicer.issue_for_sale(sale.sale_id)))
    printer.start()
    assert building.wait(10)  # the print queue is issuing the sale's note

    done: list[CancelResult] = []
    cashier = threading.Thread(
        target=lambda: done.append(
            cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
        )
    )
    cashier.start()
    cashier.join(0.5)
    assert cashier.is_alive()  # the void waits for the note being issued
    go.set()
    printer.join(10)
    cashier.join(10)

    (note,) = issued
    assert note is not None and note.record.status == "authorised"
    (result,) = done
    assert result.nfce_cancelled  # the note issued meanwhile was cancelled at SEFAZ
    assert note.record.key in sefaz.state.cancelled
    with shop.station.read() as session:
        assert session.get(Sale, sale.sale_id).status == "voided"  # type: ignore[union-attr]


def test_a_sale_voided_before_its_note_is_issued_gets_none(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sale = shop.sell("dipirona", cash=2_000)
    result = cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert not result.nfce_cancelled and result.void.kind == "void"
    assert invoicer.issue_for_sale(sale.sale_id) is None  # a voided sale gets no note
    assert not sefaz.state.cancelled
