"""The rows a real sale writes carry the documented chain: each hash recomputed by hand.

The record bytes are written out field by field from the stored columns (not through the
code's own `entry_record`), so a field left out of the hash, or mapped from the wrong
column, or a hash that skips the previous one, is caught here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select

from db.models import LedgerEntry
from posapp.core.ledger import GENESIS_HASH
from posapp.core.presets import preset
from posapp.services.loyalty.ledger_key import existing_key
from posapp.services.sales.refunds import RefundRequest, refund
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def _text(value: str | None) -> str:
    return "null" if value is None else json.dumps(value)


def _when(moment: datetime | None) -> str:
    return "null" if moment is None else f'"{moment.isoformat()}"'


def documented_bytes(row: LedgerEntry) -> str:
    """The canonical record the chain hashes (posapp/core/ledger.py), key by key, sorted."""
    return (
        f'{{"amount":{row.amount},"available_from":{_when(row.available_from)},'
        f'"created_at":{_when(row.created_at)},"customer":{_text(row.customer_uuid)},'
        f'"expires_at":{_when(row.expires_at)},"kind":{_text(row.kind)},'
        f'"lot":{_text(row.lot_uuid)},"note":{_text(row.note)},"sale":{_text(row.sale_uuid)},'
        f'"seq":{row.seq},"terminal":{_text(row.terminal_uuid)},"uuid":{_text(row.uuid)},'
        f'"voucher":{_text(row.voucher_code)}}}'
    )


def test_every_row_of_a_day_hashes_the_previous_hash_and_its_documented_bytes(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    first = shop.sell("batom", customer=maria, cash=5_000)  # earn + a voucher
    second = shop.sell("shampoo", customer=maria, voucher=first.vouchers_issued[0].qr, pix=2_500)
    refund(shop.station, RefundRequest(second.sale_id, shop.cashier_id, MANAGER_PIN, "troca"))
    with shop.station.read() as session:
        rows = session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq)).all()
        customer_uuid = rows[0].customer_uuid
        assert {row.kind for row in rows} >= {"earn", "voucher_issue", "voucher_redeem"}
        key = existing_key(rows[0].terminal_uuid)
        assert key is not None
        previous = GENESIS_HASH
        for expected_seq, row in enumerate(rows, start=1):
            assert row.seq == expected_seq and row.prev_hash == previous
            expected = hashlib.sha256((previous + documented_bytes(row)).encode()).hexdigest()
            assert row.hash == expected, f"seq {row.seq} ({row.kind})"
            data = (previous + documented_bytes(row)).encode()
            assert row.mac == hmac.new(key.secret, data, hashlib.sha256).hexdigest()
            assert row.mac_key == key.key_id
            assert row.customer_uuid == customer_uuid
            previous = row.hash
    assert any(row.sale_uuid == second.uuid and row.voucher_code for row in rows)


def test_an_earning_waits_its_pending_days_and_expires_after_them_a_restore_does_not_wait(
    make_shop: MakeShop,
) -> None:
    program = replace(preset("salon"), pending_days=7, expiry_days=180)
    shop = make_shop(program)
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    now = shop.clock()
    shop.sell("corte", customer=ana, pix=8_000)  # earns R$ 8,00, spendable in 7 days
    shop.clock.advance(days=8)
    spent = shop.sell("manicure", customer=ana, cashback=800, pix=2_700)
    refund(shop.station, RefundRequest(spent.sale_id, shop.cashier_id, MANAGER_PIN, "troca"))
    with shop.station.read() as session:
        rows: dict[str, LedgerEntry] = {}
        for row in session.scalars(select(LedgerEntry).order_by(LedgerEntry.seq)):
            rows.setdefault(row.kind, row)  # the first of each kind
    earn, restore = rows["earn"], rows["restore"]
    assert earn.available_from == now + timedelta(days=7)
    assert earn.expires_at == now + timedelta(days=7 + 180)
    assert restore.available_from == now + timedelta(days=8)  # at once
    assert restore.expires_at == now + timedelta(days=8 + 180)
    assert (restore.refund_id, restore.sale_id) == (1, spent.sale_id)
