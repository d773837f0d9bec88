"""Build tests/data/release_0001.sqlite3: a counter's database as the first release left it.

The schema is migration 0001 only (Alembic upgraded to "0001", nothing later); the rows
are plain SQL, written as that release wrote them: a cosmetics store (the program JSON
exactly as its preset serialized then), a terminal, staff with scrypt PINs, a shift
still open, Maria's two sales (a voucher given by the first and spent on the second,
cashback redeemed) and the whole refund of the second, with the ledger's hash chain
(sha256 over the previous hash and the canonical JSON of the entry, computed here with
hashlib) and the balance projection in step. Every table of 0001 has rows.

tests/db/test_release_0001.py upgrades a copy through every migration to head, runs
`db verify` and sells on it. Run this again only to rebuild the file:

    .venv/bin/python -m tests.data.make_release_0001
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from alembic import command

from db.engine import make_engine
from db.migrate import alembic_config

OUT = Path(__file__).with_name("release_0001.sqlite3")

T0 = "2026-03-02 13:00:00.000000"  # the store set up, the shift opened
T1 = "2026-03-02 13:10:00.000000"  # sale 1
T2 = "2026-03-02 13:20:00.000000"  # sale 2
T3 = "2026-03-02 13:40:00.000000"  # sale 2 refunded
EXPIRES = "2026-08-29 13:10:00.000000"  # 180 days after sale 1's earning
EXPIRES_2 = "2026-08-29 13:20:00.000000"
VOUCHER_1_END = "2026-04-01 13:10:00.000000"  # 30 days
VOUCHER_2_END = "2026-04-01 13:20:00.000000"

STORE = "3b0c1d8e-6f1a-4c52-9a57-1f0e2d3c4b5a"
TERMINAL = "9f8e7d6c-5b4a-4392-8172-6f5e4d3c2b1a"
MARIA = "5f77a8b7-8035-4afc-8279-e5ce9b546bc1"
JOAO = "6a88b9c8-9146-4bfd-9380-f6df0c657cd2"
SALE_1 = "727cc624-9674-491b-898c-349868021dff"
SALE_2 = "81e0a45c-a0b0-4531-8d5b-92eae340fedd"
REFUND_1 = "a95c9b56-e60b-43c2-a341-d31863add847"
VOUCHER_1, VOUCHER_1_CODE = "cb8d77e2-49a3-4c2c-bbec-da88c08d6e6e", "NGVQ-31MP-V94N-C"
VOUCHER_2, VOUCHER_2_CODE = "479a25b9-92d9-4e4a-b5b6-34c89b6c5e70", "Y2YG-WYEK-8QS0-Q"

PROGRAM_JSON = (
    '{"allow_negative_balance": false, "category_bps": {}, "earn_bps": 1000, '
    '"excluded_categories": [], "expiry_days": 180, "key": "cosmetics", '
    '"max_redeem_bps": 5000, "min_purchase_centavos": 0, "mode": "cashback", '
    '"name": "Cosméticos: 10% de cashback + vale após compra acima de R$ 20", '
    '"pending_days": 0, "points_per_real": 0, "points_per_redeem_block": 100, '
    '"redeem_block_centavos": 500, "referral": null, "reminder_idle_days": 30, '
    '"segment": "cosmetics", "voucher": {"max_discount_centavos": 0, '
    '"min_purchase_to_use_centavos": 2000, "percent_bps": 0, "step_centavos": 0, '
    '"threshold_centavos": 2000, "trigger": "purchase_above", "validity_days": 30, '
    '"value_centavos": 500}}'
)
"""`preset("cosmetics").to_json()` of the first release (commit d46f00e), as stored."""

PINS = {"0000": "00" * 16, "9999": "01" * 16, "1111": "02" * 16}
"""PIN -> fixed salt (hex), so the file is the same every time it is built."""


def pin_hash(pin: str) -> str:
    """The first release's `hash_pin`: scrypt n=2**12, r=8, p=1, "scrypt$salt$digest"."""
    salt = bytes.fromhex(PINS[pin])
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**12, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def iso(stored: str | None) -> str | None:
    """A stored naive-UTC datetime as the hash record writes it (aware isoformat)."""
    if stored is None:
        return None
    day, time = stored.split(" ")
    return f"{day}T{time.split('.')[0]}+00:00"


def chained(previous: str, entry: dict[str, object]) -> str:
    record = {
        "uuid": entry["uuid"],
        "terminal": entry["terminal_uuid"],
        "seq": entry["seq"],
        "kind": entry["kind"],
        "customer": entry["customer_uuid"],
        "amount": entry["amount"],
        "created_at": iso(entry["created_at"]),  # type: ignore[arg-type]
        "available_from": iso(entry["available_from"]),  # type: ignore[arg-type]
        "expires_at": iso(entry["expires_at"]),  # type: ignore[arg-type]
        "lot": entry["lot_uuid"],
        "sale": entry["sale_uuid"],
        "voucher": entry["voucher_code"],
        "note": entry["note"],
    }
    body = json.dumps(record, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((previous + body).encode("utf-8")).hexdigest()


def _ledger() -> list[dict[str, object]]:
    """(kind, amount, created, available, expires, lot, sale_id, sale_uuid, refund, voucher)"""
    rows = [
        ("earn", 499, T1, T1, EXPIRES, None, 1, SALE_1, None, None),
        ("voucher_issue", 0, T1, None, None, None, 1, SALE_1, None, (1, VOUCHER_1_CODE)),
        ("voucher_redeem", 0, T2, None, None, None, 2, SALE_2, None, (1, VOUCHER_1_CODE)),
        ("redeem", -499, T2, None, None, None, 2, SALE_2, None, None),
        ("earn", 200, T2, T2, EXPIRES_2, None, 2, SALE_2, None, None),
        ("voucher_issue", 0, T2, None, None, None, 2, SALE_2, None, (2, VOUCHER_2_CODE)),
        ("voucher_restore", 0, T3, None, None, None, 2, SALE_2, 1, (1, VOUCHER_1_CODE)),
        ("voucher_cancel", 0, T3, None, None, None, 2, SALE_2, 1, (2, VOUCHER_2_CODE)),
        ("restore", 499, T3, T3, "2026-08-29 13:40:00.000000", None, 2, SALE_2, 1, None),
        ("reverse", -200, T3, None, None, "e0000000-0000-4000-8000-000000000005", 2, SALE_2, 1,
         None),
    ]  # fmt: skip
    entries: list[dict[str, object]] = []
    previous = "0" * 64
    for seq, (
        kind,
        amount,
        at,
        available,
        expires,
        lot,
        sale_id,
        sale,
        refund,
        voucher,
    ) in enumerate(rows, start=1):
        entry: dict[str, object] = {
            "id": seq,
            "uuid": f"e0000000-0000-4000-8000-{seq:012d}",
            "terminal_uuid": TERMINAL,
            "seq": seq,
            "kind": kind,
            "customer_id": 1,
            "customer_uuid": MARIA,
            "amount": amount,
            "created_at": at,
            "available_from": available,
            "expires_at": expires,
            "lot_uuid": lot,
            "sale_id": sale_id,
            "sale_uuid": sale,
            "refund_id": refund,
            "voucher_id": voucher[0] if voucher else None,
            "voucher_code": voucher[1] if voucher else None,
            "related_customer_id": None,
            "staff_id": 3,
            "note": None,
            "prev_hash": previous,
        }
        previous = entry["hash"] = chained(previous, entry)
        entries.append(entry)
    return entries


def _insert(connection: sqlite3.Connection, table: str, *rows: dict[str, object]) -> None:
    for row in rows:
        columns = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)


def _outbox(number: int, kind: str, payload: dict[str, object], at: str) -> dict[str, object]:
    return {
        "id": number,
        "uuid": f"0b000000-0000-4000-8000-{number:012d}",
        "kind": kind,
        "payload": json.dumps(payload, sort_keys=True),
        "created_at": at,
        "sent_at": None,
    }


def fill(connection: sqlite3.Connection) -> None:
    _insert(connection, "category",
            {"id": 1, "code": "cosmeticos", "name": "Cosméticos"},
            {"id": 2, "code": "higiene", "name": "Higiene"})  # fmt: skip
    _insert(
        connection,
        "store",
        {
            "id": 1, "uuid": STORE, "name": "Perfumaria Bela", "segment": "cosmetics",
            "cnpj": "11222333000181", "address": "Rua Augusta, 100 - São Paulo",
            "phone": "1133334444", "program_json": PROGRAM_JSON,
            "signing_key": bytes(range(32)), "created_at": T0,
        },
    )  # fmt: skip
    terminal = {"id": 1, "uuid": TERMINAL, "store_id": 1, "name": "Caixa 1", "is_local": 1}
    _insert(connection, "terminal", terminal)
    staff = [("Ana Admin", "admin", "0000"), ("Marta Gerente", "manager", "9999"),
             ("Carlos Caixa", "cashier", "1111")]  # fmt: skip
    for number, (name, role, pin) in enumerate(staff, start=1):
        _insert(connection, "staff", {
            "id": number, "uuid": f"5a000000-0000-4000-8000-{number:012d}", "name": name,
            "role": role, "pin_hash": pin_hash(pin), "active": 1, "failed_attempts": 0,
            "locked_until": None, "created_at": T0,
        })  # fmt: skip
    _insert(
        connection,
        "setting",
        {"key": "loyalty.last_daily_run", "value": "2026-03-02T13:00:00+00:00"},
    )
    _insert(
        connection,
        "customer",
        {
            "id": 1, "uuid": MARIA, "cpf": "52998224725", "phone": "+5511987654321",
            "name": "Maria Silva", "email": "maria@example.com.br", "birthday": "1990-05-17",
            "marketing_consent": 1, "consent_at": T0, "referral_code": "MARIM01Z",
            "referred_by_id": None, "created_at": T0,
        },
        {
            "id": 2, "uuid": JOAO, "cpf": None, "phone": "+5511912345678", "name": "João Lima",
            "email": None, "birthday": None, "marketing_consent": 0, "consent_at": None,
            "referral_code": "JOAOL02Q", "referred_by_id": 1, "created_at": T0,
        },
    )  # fmt: skip
    _insert(
        connection,
        "item",
        {"id": 1, "uuid": "17000000-0000-4000-8000-000000000001", "kind": "product",
         "name": "Batom matte", "gtin": None, "sku": "BAT-01", "price": 4_990,
         "category_id": 1, "duration_min": None, "active": 1},
        {"id": 2, "uuid": "17000000-0000-4000-8000-000000000002", "kind": "product",
         "name": "Shampoo 300 ml", "gtin": "7891000100103", "sku": None, "price": 3_000,
         "category_id": 2, "duration_min": None, "active": 1},
    )  # fmt: skip
    _insert(connection, "shift", {
        "id": 1, "uuid": "5f000000-0000-4000-8000-000000000001", "terminal_id": 1,
        "opened_by_id": 3, "opened_at": T0, "opening_float": 10_000, "closed_by_id": None,
        "closed_at": None, "expected_cash": None, "counted_cash": None,
    })  # fmt: skip
    # Sale 1: a lipstick, R$ 50,00 in cash (R$ 0,10 change); 10 % earned, a R$ 5 voucher.
    # Sale 2: a shampoo, the voucher (R$ 5), the R$ 4,99 balance and R$ 20,01 by Pix;
    # earns 10 % of the R$ 20,01 paid in money and another voucher. Refunded whole later.
    _insert(
        connection,
        "sale",
        {"id": 1, "uuid": SALE_1, "terminal_id": 1, "number": 1, "status": "completed",
         "customer_id": 1, "staff_id": 3, "shift_id": 1, "gross": 4_990, "discount": 0,
         "total": 4_990, "change": 10, "earned": 499, "created_at": T1, "voided_at": None},
        {"id": 2, "uuid": SALE_2, "terminal_id": 1, "number": 2, "status": "refunded",
         "customer_id": 1, "staff_id": 3, "shift_id": 1, "gross": 3_000, "discount": 0,
         "total": 3_000, "change": 0, "earned": 200, "created_at": T2, "voided_at": None},
    )  # fmt: skip
    _insert(
        connection,
        "sale_line",
        {"id": 1, "sale_id": 1, "item_id": 1, "description": "Batom matte",
         "category_code": "cosmeticos", "quantity": 1, "unit_price": 4_990, "line_discount": 0,
         "sale_discount_share": 0, "net": 4_990, "earned": 499, "professional_id": None},
        {"id": 2, "sale_id": 2, "item_id": 2, "description": "Shampoo 300 ml",
         "category_code": "higiene", "quantity": 1, "unit_price": 3_000, "line_discount": 0,
         "sale_discount_share": 0, "net": 3_000, "earned": 200, "professional_id": None},
    )  # fmt: skip
    _insert(
        connection,
        "voucher",
        {"id": 1, "uuid": VOUCHER_1, "code": VOUCHER_1_CODE, "customer_id": 1,
         "kind": "discount", "value": 500, "percent_bps": 0, "max_discount": 0,
         "min_purchase": 2_000, "issued_at": T1, "expires_at": VOUCHER_1_END,
         "issue_sale_id": 1, "status": "open", "redeemed_sale_id": None, "redeemed_at": None,
         "redeemed_amount": 0},
        {"id": 2, "uuid": VOUCHER_2, "code": VOUCHER_2_CODE, "customer_id": 1,
         "kind": "discount", "value": 500, "percent_bps": 0, "max_discount": 0,
         "min_purchase": 2_000, "issued_at": T2, "expires_at": VOUCHER_2_END,
         "issue_sale_id": 2, "status": "cancelled", "redeemed_sale_id": None,
         "redeemed_at": None, "redeemed_amount": 0},
    )  # fmt: skip
    _insert(
        connection,
        "sale_payment",
        {"id": 1, "sale_id": 1, "tender": "cash", "amount": 5_000, "voucher_id": None},
        {"id": 2, "sale_id": 2, "tender": "voucher", "amount": 500, "voucher_id": 1},
        {"id": 3, "sale_id": 2, "tender": "cashback", "amount": 499, "voucher_id": None},
        {"id": 4, "sale_id": 2, "tender": "pix", "amount": 2_001, "voucher_id": None},
    )  # fmt: skip
    _insert(connection, "refund", {
        "id": 1, "uuid": REFUND_1, "sale_id": 2, "kind": "refund", "created_at": T3,
        "staff_id": 3, "authorized_by_id": 2, "shift_id": 1, "reason": "troca",
        "goods_amount": 3_000, "money_back": 2_001, "cashback_restored": 499,
        "cashback_reversed": 200, "clawback": 0, "loyalty_share": 999,
    })  # fmt: skip
    _insert(connection, "refund_line",
            {"id": 1, "refund_id": 1, "sale_line_id": 2, "quantity": 1, "amount": 3_000,
             "earned": 200})  # fmt: skip
    entries = _ledger()
    _insert(connection, "ledger_entry", *entries)
    _insert(connection, "customer_balance",
            {"customer_id": 1, "units": sum(int(e["amount"]) for e in entries),  # type: ignore[call-overload]
             "last_entry_at": T3},
            {"customer_id": 2, "units": 0, "last_entry_at": None})  # fmt: skip
    audit = [
        (T0, 1, None, "store.setup", f"store:{STORE}", {"program": "cosmetics"}),
        (T0, 3, None, "shift.open", "shift:1", {"opening_float": 10_000}),
        (T1, 3, None, "sale.complete", "sale:1", {"discount": 0, "total": 4_990}),
        (T2, 3, None, "sale.complete", "sale:2", {"discount": 0, "total": 3_000}),
        (T3, 3, 2, "sale.refund", "sale:2",
         {"clawback": 0, "goods": 3_000, "money_back": 2_001, "reason": "troca"}),
    ]  # fmt: skip
    for number, (at, who, manager, action, target, details) in enumerate(audit, start=1):
        _insert(connection, "audit_log", {
            "id": number, "at": at, "terminal_uuid": TERMINAL, "staff_id": who,
            "authorized_by_id": manager, "action": action, "target": target,
            "details": json.dumps(details, sort_keys=True),
        })  # fmt: skip
    _insert(
        connection,
        "outbox_event",
        _outbox(1, "customer.enrolled", {"customer": MARIA, "name": "Maria Silva"}, T0),
        _outbox(2, "sale.completed", {"sale": SALE_1, "total": 4_990, "earned": 499}, T1),
        _outbox(3, "sale.completed", {"sale": SALE_2, "total": 3_000, "earned": 200}, T2),
        _outbox(4, "sale.refunded", {"sale": SALE_2, "refund": REFUND_1, "goods": 3_000}, T3),
    )


def build(path: Path = OUT) -> Path:
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as migrating:
        config.attributes["connection"] = migrating
        command.upgrade(config, "0001")
    engine.dispose()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:
            fill(connection)
        connection.execute("PRAGMA journal_mode = DELETE")  # one file, nothing beside it
        connection.execute("VACUUM")
    finally:
        connection.close()
    return path


if __name__ == "__main__":
    print(build())
