"""The NFS-e of a sale costs little work after the sale: the A1 is opened once, not per DPS."""

from __future__ import annotations

from typing import Any

import pytest

from fiscal import A1Certificate
from posapp.services.nfse.issuing import NfseIssuer
from tests.nfse.conftest import sell_salon
from tests.support import Shop


def test_a_day_of_salon_sales_opens_the_certificate_once(
    shop: Shop, issuer: NfseIssuer, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    real = A1Certificate.from_pkcs12.__func__  # type: ignore[attr-defined]

    def counting(cls: type[A1Certificate], data: bytes, password: str) -> Any:
        opened.append(len(data))
        return real(cls, data, password)

    monkeypatch.setattr(A1Certificate, "from_pkcs12", classmethod(counting))
    sales = [sell_salon(shop, "corte") for _ in range(4)]
    for sale_id in sales:
        record = issuer.issue_for_sale(sale_id)
        assert record is not None and record.status == "authorised"
    assert [r.number for r in map(issuer.note, sales) if r is not None] == [1, 2, 3, 4]
    assert len(opened) == 1  # each PKCS#12 opening is tens of ms, part of it under the write lock
