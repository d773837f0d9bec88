"""Commit of a 5-line sale with a customer, cashback and a voucher: posapp vs raw sqlite3.

    .venv/bin/python -m bench.checkout [--customers N] [--entries N] [--rounds N]

The measured operation is posapp's `checkout()` of a 5-line sale for a random
existing customer who pays with one of their open balance vouchers (looked up by
code and checked), part with cashback (checked against the replayed balance) and
the rest by PIX. The sale earns cashback, which brings the balance over the
pharmacy preset's voucher step, so a new voucher is issued too.

The baseline is raw sqlite3 on the same file with the same pragmas (WAL,
synchronous=FULL, foreign keys, BEGIN IMMEDIATE) doing the same index lookups
and the same INSERTs and UPDATEs in one transaction, committed: sale, 5 lines,
3 payments, 4 ledger entries with their chain hashes, the voucher redeemed and
the new one issued, the balance projection, 2 outbox events and the audit row.

Both run on a big database (default 1 000 000 customers, 5 000 000 ledger
entries) and on a small one with the same entries per customer (10 000
entries), alternating round by round. Reported: median times, the ratio
posapp/sqlite3 on each, and the flatness (posapp big / posapp small).

The databases are built with bulk SQL straight into the schema of
`db.migrate.upgrade` and cached under bench/data/ (gitignored). Their ledger
rows carry random hashes, not a real chain: `db verify` is not run on them.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import random
import sqlite3
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event

from db.migrate import head_revision
from db.migrate import upgrade as db_upgrade
from posapp.core.codes import new_voucher_code
from posapp.core.cpf import cpf_check_digits
from posapp.core.ledger import GENESIS_HASH
from posapp.core.presets import preset
from posapp.core.pricing import Tender
from posapp.services.admin.store_setup import set_up_store
from posapp.services.cash.shifts import current_shift, open_shift
from posapp.services.common.auth import Role, add_staff
from posapp.services.common.station import Station, open_station
from posapp.services.sales import catalog
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout

DESCRIPTION = "posapp's checkout commit against raw sqlite3, on a big and a small database"
DATA = Path(os.environ.get("POSAPP_BENCH_DATA") or Path(__file__).parent / "data")
"""Where built databases are kept; POSAPP_BENCH_DATA puts them outside the repo (/tmp/...)."""
MARKER = "bench.checkout"
FORMAT = 3
"""Bump when the generated data changes, so cached databases are rebuilt."""

PROGRAM = "pharmacy"
ITEMS = (
    ("Dipirona 500 mg", 1_290, "medicamentos"),
    ("Protetor solar FPS 50", 4_990, "dermocosmeticos"),
    ("Shampoo anticaspa", 3_490, "higiene"),
    ("Vitamina C 1 g", 2_590, "suplementos"),
    ("Escova dental macia", 1_990, "higiene"),
)
CASHBACK = 500
"""Centavos paid with cashback in every measured sale."""
REFERRED_EVERY = 10
"""One customer in this many was referred by another (pharmacy pays a referral bonus)."""
HISTORY_DAYS = 50
"""Generated entries are spread over the days before the bench's 'now'."""
BUILD_CACHE_KIB = 3_000_000
DATE = "%Y-%m-%d %H:%M:%S.%f"

# One cycle of a customer's history: what kind and amount each entry has, by its
# position modulo 5. The running balance never goes below zero and grows by 1 100
# (plus a little per customer) each cycle; the voucher_issue entry has its voucher.
_CYCLE_KIND = (
    "CASE p % 5 WHEN 0 THEN 'earn' WHEN 1 THEN 'earn' WHEN 2 THEN 'redeem' "
    "WHEN 3 THEN 'voucher_issue' ELSE 'earn' END"
)
_CYCLE_AMOUNT = (
    "CASE p % 5 WHEN 0 THEN 1000 + (c % 7) * 50 WHEN 1 THEN 800 WHEN 2 THEN -300 "
    "WHEN 3 THEN -1000 ELSE 600 END"
)
_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || "
    "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))"
)


# -- building the databases -------------------------------------------------------


@dataclass(frozen=True)
class Bench:
    """A built database and what the measured sale needs from it."""

    path: Path
    customers: int
    entries: int
    now: datetime
    staff_id: int
    item_ids: tuple[int, ...]


def _sql_time(offset: str) -> str:
    """SQL for `:base` moved by `offset` (SQL text yielding a modifier), as SQLAlchemy stores it."""
    return f"strftime('%Y-%m-%d %H:%M:%S', :base, {offset}) || '.000000'"


def _set_up_shop(path: Path, now: datetime) -> None:
    """Store, terminal, staff and the items, through the services."""
    station = open_station(path, clock=lambda: now)
    try:
        set_up_store(
            station,
            name="Farmácia Bench",
            program=preset(PROGRAM),
            admin_name="Ana Admin",
            admin_pin="0000",
        )
        with station.write() as session:
            add_staff(session, "Carlos Caixa", Role.CASHIER, "1111", now)
            for name, price, category in ITEMS:
                catalog.add_item(session, name=name, price=price, category_code=category)
    finally:
        station.close()


def _fill(path: Path, customers: int, entries: int, now: datetime) -> None:
    """Customers, their ledger entries and vouchers, and the balance projection, in bulk."""
    base = now.strftime("%Y-%m-%d %H:%M:%S")
    positions = -(-entries // customers)
    span = HISTORY_DAYS * 86_400 // positions
    connection = sqlite3.connect(path, isolation_level=None)
    connection.create_function("voucher_code", 0, new_voucher_code)
    connection.create_function("cpf", 1, _cpf, deterministic=True)
    try:
        for pragma in (
            "journal_mode=OFF",
            "synchronous=OFF",
            "foreign_keys=OFF",
            f"cache_size=-{BUILD_CACHE_KIB}",
            "temp_store=MEMORY",
        ):
            connection.execute(f"PRAGMA {pragma}")
        terminal = connection.execute("SELECT uuid FROM terminal WHERE is_local").fetchone()[0]
        connection.execute("BEGIN")
        started = time.perf_counter()
        connection.execute(
            f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :customers)
            INSERT INTO customer (id, uuid, cpf, phone, name, marketing_consent,
                                  referral_code, referred_by_id, created_at)
            SELECT i, {_UUID}, cpf(i),
                   printf('119%08d', i), 'Cliente ' || i || ' da Silva', i % 3 = 0,
                   'B' || i,
                   CASE WHEN i % {REFERRED_EVERY} = 0 THEN i - 1 END,
                   {_sql_time(f"'-{HISTORY_DAYS + 30} days'")}
            FROM n
            """,
            {"customers": customers, "base": base},
        )
        _log(f"  {customers:,} customers", started)
        started = time.perf_counter()
        connection.execute(
            f"""
            WITH RECURSIVE n(e) AS (SELECT 0 UNION ALL SELECT e + 1 FROM n WHERE e < :entries - 1),
            g AS (
                SELECT e, e % :customers AS c, e / :customers AS p,
                       ({positions} - e / :customers) * {span} + (e % :customers) % 3600 AS back
                FROM n
            ),
            k AS (SELECT g.*, {_CYCLE_KIND} AS kind, {_CYCLE_AMOUNT} AS amount FROM g)
            INSERT INTO ledger_entry (id, uuid, terminal_uuid, seq, kind, customer_id,
                                      customer_uuid, amount, created_at, available_from,
                                      expires_at, voucher_id, voucher_code, prev_hash, hash)
            SELECT k.e + 1, {_UUID}, :terminal, k.e + 1, k.kind, k.c + 1, customer.uuid,
                   k.amount,
                   {_sql_time("'-' || back || ' seconds'")},
                   CASE WHEN k.amount > 0 THEN {_sql_time("'-' || back || ' seconds'")} END,
                   CASE WHEN k.amount > 0
                        THEN strftime('%Y-%m-%d %H:%M:%S', :base, '-' || back || ' seconds',
                                      '+180 days') || '.000000' END,
                   CASE WHEN k.kind = 'voucher_issue' THEN k.e + 1 END,
                   CASE WHEN k.kind = 'voucher_issue' THEN voucher_code() END,
                   lower(hex(randomblob(32))), lower(hex(randomblob(32)))
            FROM k JOIN customer ON customer.id = k.c + 1
            """,
            {"entries": entries, "customers": customers, "base": base, "terminal": terminal},
        )
        _log(f"  {entries:,} ledger entries", started)
        started = time.perf_counter()
        connection.execute(
            """
            INSERT INTO voucher (id, uuid, code, customer_id, kind, value, percent_bps,
                                 max_discount, min_purchase, issued_at, expires_at, status,
                                 redeemed_amount)
            SELECT voucher_id, lower(hex(randomblob(16))), voucher_code, customer_id, 'balance',
                   -amount, 0, 0, 0, created_at,
                   strftime('%Y-%m-%d %H:%M:%S', created_at, '+60 days') || '.000000',
                   'open', 0
            FROM ledger_entry WHERE kind = 'voucher_issue'
            """
        )
        connection.execute(
            """
            INSERT INTO customer_balance (customer_id, units, last_entry_at)
            SELECT customer_id, sum(amount), max(created_at) FROM ledger_entry
            GROUP BY customer_id
            """
        )
        connection.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            (
                MARKER,
                json.dumps(
                    {
                        "format": FORMAT,
                        "revision": head_revision(),
                        "customers": customers,
                        "entries": entries,
                        "now": now.isoformat(),
                    }
                ),
            ),
        )
        connection.execute("COMMIT")
        _log("  vouchers and balances", started)
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()


def _cpf(number: int) -> str:
    """A valid CPF, distinct for each number below 11 000 000."""
    first9 = f"{100_000_000 + number:09d}"
    return first9 + cpf_check_digits(first9)


def _log(what: str, started: float) -> None:
    print(f"{what}: {time.perf_counter() - started:.1f} s", flush=True)


def database(customers: int, entries: int, *, fresh: bool = False) -> Bench:
    """The cached database for these sizes, built first if missing, stale or `fresh` asked."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"checkout-c{customers}-e{entries}.sqlite"
    found = None if fresh else _marker(path)
    if found is not None and found.get("format") == FORMAT and found["revision"] != head_revision():
        found = _migrated(path, found)
    if found is None or found.get("format") != FORMAT or found.get("revision") != head_revision():
        for stale in (path, *_companions(path)):
            stale.unlink(missing_ok=True)
        building = path.with_suffix(".building")
        for stale in (building, *_companions(building)):
            stale.unlink(missing_ok=True)
        now = datetime.now(UTC).replace(microsecond=0)
        print(f"building {path.name} ...", flush=True)
        started = time.perf_counter()
        _set_up_shop(building, now)
        _fill(building, customers, entries, now)
        building.rename(path)
        for companion in _companions(building):
            companion.unlink(missing_ok=True)
        _log(f"built {path.name} ({path.stat().st_size / 2**20:,.0f} MiB)", started)
        found = _marker(path)
        assert found is not None
    with _raw(path) as connection:
        staff_id = connection.execute("SELECT id FROM staff WHERE role = 'cashier'").fetchone()[0]
        item_ids = tuple(row[0] for row in connection.execute("SELECT id FROM item ORDER BY id"))
    now = datetime.fromisoformat(found["now"])
    _open_shift(path, staff_id, now)
    return Bench(path, customers, entries, now, staff_id, item_ids)


def _migrated(path: Path, found: dict[str, Any]) -> dict[str, Any]:
    """A cached database brought to the schema's head by the app's own upgrade (a new
    migration adds an index or a table: minutes saved over a rebuild); its backup removed."""
    print(f"upgrading {path.name} from schema {found['revision']} ...", flush=True)
    started = time.perf_counter()
    result = db_upgrade(path)
    if result.backup is not None:
        Path(result.backup).unlink(missing_ok=True)
    found = found | {"revision": head_revision()}
    with _raw(path) as connection:
        connection.execute(
            "UPDATE setting SET value = ? WHERE key = ?", (json.dumps(found), MARKER)
        )
    _log(f"upgraded {path.name}", started)
    return found


def _open_shift(path: Path, staff_id: int, now: datetime) -> None:
    """No sale outside an open shift: the cashier opens one (once per database)."""
    station = open_station(path, clock=lambda: now)
    try:
        if current_shift(station) is None:
            open_shift(station, staff_id, 10_000)
    finally:
        station.close()


def _companions(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def _marker(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    with _raw(path) as connection:
        try:
            row = connection.execute("SELECT value FROM setting WHERE key = ?", (MARKER,))
            found = row.fetchone()
        except sqlite3.DatabaseError:
            return None
    return None if found is None else dict(json.loads(found[0]))


@contextmanager
def _raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection with the pragmas of db.engine."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("PRAGMA busy_timeout=10000")
        yield connection
    finally:
        connection.close()


# -- the two sides ----------------------------------------------------------------


class BenchClock:
    """The bench database's 'now', moving on with real time (the data never ages)."""

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.origin = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.origin)


@dataclass(frozen=True)
class Pick:
    customer_id: int
    voucher_code: str
    voucher_value: int


def pick_customers(
    connection: sqlite3.Connection, bench: Bench, rng: random.Random
) -> Iterator[Pick]:
    """Random customers, each once, with an open voucher and enough spendable cashback.

    Referred customers are left out: their purchases also look for an earlier
    referral bonus (see `referred_lookup`), which the baseline does not do.
    """
    used: set[int] = set()
    for _ in range(100 * bench.customers):
        customer_id = rng.randint(1, bench.customers)
        if customer_id in used or customer_id % REFERRED_EVERY == 0:
            continue
        units = connection.execute(
            "SELECT units FROM customer_balance WHERE customer_id = ?", (customer_id,)
        ).fetchone()
        voucher = connection.execute(
            "SELECT code, value FROM voucher WHERE customer_id = ? AND status = 'open' "
            "AND kind = 'balance' ORDER BY id LIMIT 1",
            (customer_id,),
        ).fetchone()
        if units is None or units[0] < 2 * CASHBACK or voucher is None:
            continue
        used.add(customer_id)
        yield Pick(customer_id, voucher[0], voucher[1])
    raise RuntimeError(f"no customer left to sell to in {bench.path}: delete it to rebuild")


def posapp_sale(station: Station, bench: Bench, pick: Pick) -> None:
    checkout(
        station,
        CheckoutRequest(
            staff_id=bench.staff_id,
            customer_id=pick.customer_id,
            lines=[LineRequest(item_id) for item_id in bench.item_ids],
            payments=[
                TenderRequest(Tender.VOUCHER, voucher=pick.voucher_code),
                TenderRequest(Tender.CASHBACK, CASHBACK),
                TenderRequest(Tender.PIX, _pix_due(pick)),
            ],
        ),
    )


def _pix_due(pick: Pick) -> int:
    return sum(price for _, price, _ in ITEMS) - pick.voucher_value - CASHBACK


def _chain(previous: str, record: dict[str, object]) -> str:
    body = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((previous + body).encode("utf-8")).hexdigest()


class RawSale:
    """The same reads and writes as posapp's checkout, hand-written on sqlite3."""

    def __init__(self, connection: sqlite3.Connection, clock: BenchClock) -> None:
        self.db = connection
        self.clock = clock
        self.statements: Counter[str] = Counter()
        self.counting = True

    def q(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        if self.counting:
            self.statements[sql.split(None, 1)[0].upper()] += 1
        return self.db.execute(sql, params)

    def __call__(self, bench: Bench, pick: Pick) -> None:
        now = self.clock()
        at = now.replace(tzinfo=None).strftime(DATE)
        q = self.q
        q("BEGIN IMMEDIATE")
        store_uuid, program_json = q(
            "SELECT uuid, program_json FROM store ORDER BY id LIMIT 1"
        ).fetchone()
        program = json.loads(program_json)
        terminal_id, terminal_uuid = q(
            "SELECT id, uuid FROM terminal WHERE is_local LIMIT 1"
        ).fetchone()
        q("SELECT id, name, role, active FROM staff WHERE id = ?", (bench.staff_id,)).fetchone()
        lines = []
        for item_id in bench.item_ids:
            name, price, category_id = q(
                "SELECT name, price, category_id FROM item WHERE id = ? AND active",
                (item_id,),
            ).fetchone()
            (code,) = q("SELECT code FROM category WHERE id = ?", (category_id,)).fetchone()
            lines.append((item_id, name, code, price))
        total = sum(price for *_, price in lines)
        customer_uuid, referred_by = q(
            "SELECT uuid, referred_by_id FROM customer WHERE id = ?", (pick.customer_id,)
        ).fetchone()
        assert referred_by is None, "a referred customer also needs the referral-bonus look-up"
        voucher_id, voucher_customer, value, status, expires = q(
            "SELECT id, customer_id, value, status, expires_at FROM voucher WHERE code = ?",
            (pick.voucher_code,),
        ).fetchone()
        assert status == "open" and expires > at and voucher_customer == pick.customer_id
        applied = min(value, total)
        spendable = self._spendable(pick.customer_id)
        assert spendable >= CASHBACK
        pix = total - applied - CASHBACK
        earned = pix * program["earn_bps"] // 10_000

        (last,) = q("SELECT max(number) FROM sale WHERE terminal_id = ?", (terminal_id,)).fetchone()
        q("SELECT id FROM shift WHERE terminal_id = ? AND closed_at IS NULL", (terminal_id,))
        sale_uuid = str(uuid.uuid4())
        number = (last or 0) + 1
        sale_id = q(
            "INSERT INTO sale (uuid, terminal_id, number, status, customer_id, staff_id, "
            "gross, discount, total, change, earned, created_at) "
            "VALUES (?, ?, ?, 'completed', ?, ?, ?, 0, ?, 0, ?, ?)",
            (
                sale_uuid,
                terminal_id,
                number,
                pick.customer_id,
                bench.staff_id,
                total,
                total,
                earned,
                at,
            ),
        ).lastrowid
        shares = [earned * price // (pix + applied + CASHBACK) for *_, price in lines]
        shares[-1] += earned - sum(shares)
        for (item_id, name, code, price), share in zip(lines, shares, strict=True):
            q(
                "INSERT INTO sale_line (sale_id, item_id, description, category_code, quantity, "
                "unit_price, line_discount, sale_discount_share, net, earned) "
                "VALUES (?, ?, ?, ?, 1, ?, 0, 0, ?, ?)",
                (sale_id, item_id, name, code, price, price, share),
            )
        for tender, amount, paid_by in (
            ("pix", pix, None),
            ("cashback", CASHBACK, None),
            ("voucher", applied, voucher_id),
        ):
            q(
                "INSERT INTO sale_payment (sale_id, tender, amount, voucher_id) "
                "VALUES (?, ?, ?, ?)",
                (sale_id, tender, amount, paid_by),
            )

        seq, head = q(
            "SELECT seq, hash FROM ledger_entry WHERE terminal_uuid = ? ORDER BY seq DESC LIMIT 1",
            (terminal_uuid,),
        ).fetchone() or (0, GENESIS_HASH)
        q(
            "UPDATE voucher SET status = 'redeemed', redeemed_sale_id = ?, redeemed_at = ?, "
            "redeemed_amount = ? WHERE id = ?",
            (sale_id, at, applied, voucher_id),
        )
        expiry = now + timedelta(days=program["expiry_days"])

        def entry(kind: str, amount: int, *, lot: bool = False, **more: Any) -> None:
            nonlocal seq, head
            seq += 1
            record = {
                "uuid": str(uuid.uuid4()),
                "terminal": terminal_uuid,
                "seq": seq,
                "kind": kind,
                "customer": customer_uuid,
                "amount": amount,
                "created_at": now.isoformat(),
                "available_from": now.isoformat() if lot else None,
                "expires_at": expiry.isoformat() if lot else None,
                "lot": None,
                "sale": sale_uuid,
                "voucher": more.get("voucher_code"),
                "note": None,
            }
            digest = _chain(head, record)
            q(
                "INSERT INTO ledger_entry (uuid, terminal_uuid, seq, kind, customer_id, "
                "customer_uuid, amount, created_at, available_from, expires_at, sale_id, "
                "sale_uuid, voucher_id, voucher_code, staff_id, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record["uuid"],
                    terminal_uuid,
                    seq,
                    kind,
                    pick.customer_id,
                    customer_uuid,
                    amount,
                    at,
                    at if lot else None,
                    expiry.replace(tzinfo=None).strftime(DATE) if lot else None,
                    sale_id,
                    sale_uuid,
                    more.get("voucher_id"),
                    more.get("voucher_code"),
                    bench.staff_id,
                    head,
                    digest,
                ),
            )
            head = digest

        entry("voucher_redeem", 0, voucher_id=voucher_id, voucher_code=pick.voucher_code)
        entry("redeem", -CASHBACK)
        entry("earn", earned, lot=True)
        # The balance voucher: spendable now over the program's step.
        step = program["voucher"]["step_centavos"]
        new_value = self._spendable(pick.customer_id) // step * step
        code = new_voucher_code()
        new_voucher = q(
            "INSERT INTO voucher (uuid, code, customer_id, kind, value, percent_bps, "
            "max_discount, min_purchase, issued_at, expires_at, issue_sale_id, status, "
            "redeemed_amount) VALUES (?, ?, ?, 'balance', ?, 0, 0, 0, ?, ?, ?, 'open', 0)",
            (
                str(uuid.uuid4()),
                code,
                pick.customer_id,
                new_value,
                at,
                (now + timedelta(days=60)).replace(tzinfo=None).strftime(DATE),
                sale_id,
            ),
        ).lastrowid
        entry("voucher_issue", -new_value, voucher_id=new_voucher, voucher_code=code)
        self._outbox("voucher.issued", at, {"voucher": code, "customer": customer_uuid})
        q("SELECT units FROM customer_balance WHERE customer_id = ?", (pick.customer_id,))
        q(
            "UPDATE customer_balance SET units = units + ?, last_entry_at = ? "
            "WHERE customer_id = ?",
            (-CASHBACK + earned - new_value, at, pick.customer_id),
        )
        self._outbox(
            "sale.completed",
            at,
            {"sale": sale_uuid, "store": store_uuid, "number": number, "total": total},
        )
        q(
            "INSERT INTO audit_log (at, terminal_uuid, staff_id, action, target, details) "
            "VALUES (?, ?, ?, 'sale.complete', ?, ?)",
            (
                at,
                terminal_uuid,
                bench.staff_id,
                f"sale:{number}",
                json.dumps({"total": total, "discount": 0, "price_overrides": []}),
            ),
        )
        # What the receipt shows: the balance after the sale and the open vouchers.
        self._spendable(pick.customer_id)
        q(
            "SELECT code, value FROM voucher WHERE customer_id = ? AND status = 'open' "
            "AND expires_at > ? ORDER BY expires_at",
            (pick.customer_id, at),
        ).fetchall()
        q("COMMIT")

    def _spendable(self, customer_id: int) -> int:
        rows = self.q(
            "SELECT amount, kind, created_at, available_from, expires_at, lot_uuid "
            "FROM ledger_entry WHERE customer_id = ? ORDER BY id",
            (customer_id,),
        ).fetchall()
        return sum(row[0] for row in rows)

    def _outbox(self, kind: str, at: str, payload: dict[str, object]) -> None:
        self.q(
            "INSERT INTO outbox_event (uuid, kind, payload, created_at) VALUES (?, ?, ?, ?)",
            (str(uuid.uuid4()), kind, json.dumps(payload, sort_keys=True), at),
        )


# -- measuring --------------------------------------------------------------------


@dataclass
class Figures:
    bench: Bench
    posapp_ms: float
    raw_ms: float
    posapp_statements: Counter[str]
    raw_statements: Counter[str]

    @property
    def ratio(self) -> float:
        return self.posapp_ms / self.raw_ms


def _count_statements(station: Station) -> tuple[Counter[str], Callable[[], None]]:
    """Statements posapp's side runs, counted by SQLite (`sqlite3`'s trace callback: each
    row of an executemany counts, as each `execute` of the raw side does) until the
    returned callable is called."""
    counts: Counter[str] = Counter()

    def _trace(sql: str) -> None:
        counts[sql.split(None, 1)[0].upper()] += 1

    def _counting(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(_trace)

    def _quiet(dbapi_connection: Any, *_args: Any) -> None:
        dbapi_connection.set_trace_callback(None)

    def _stop() -> None:
        event.remove(station.engine, "checkout", _counting)
        event.listen(station.engine, "checkout", _quiet)

    event.listen(station.engine, "checkout", _counting)
    return counts, _stop


def _timed(run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


@dataclass
class _Side:
    """One database under measurement: posapp's station and the raw connection on it."""

    bench: Bench
    station: Station
    raw: RawSale
    picks: Iterator[Pick]
    posapp_counts: Counter[str]
    stop_counting: Callable[[], None]
    posapp_ms: list[float]
    raw_ms: list[float]


def warm(path: Path) -> None:
    """Read the database once, so every run starts with it in the OS cache."""
    for part in (path, *_companions(path)):
        if part.exists():
            with part.open("rb") as stream:
                while stream.read(1 << 20):
                    pass


def measure(benches: list[Bench], rounds: int, seed: int, warmup: int = 5) -> list[Figures]:
    """Each round, one posapp sale and one raw sale on every database, in a shuffled order.

    Interleaving the databases and the two sides spreads any noise from the rest
    of the machine (other processes, fsync latency) evenly over all four series.
    """
    rng = random.Random(seed)
    with ExitStack() as stack:
        sides = []
        for bench in benches:
            warm(bench.path)
            clock = BenchClock(bench.now)
            station = open_station(bench.path, clock=clock)
            stack.callback(station.close)
            connection = stack.enter_context(_raw(bench.path))
            sides.append(
                _Side(
                    bench,
                    station,
                    RawSale(connection, clock),
                    pick_customers(connection, bench, random.Random(rng.random())),
                    *_count_statements(station),
                    [],
                    [],
                )
            )
        for number in range(warmup + rounds):
            runs: list[tuple[list[float], Callable[[], None]]] = []
            for side in sides:
                # Statements are counted in the warm-up rounds (the last one's are kept),
                # so that the timed rounds run without the counting on either side.
                if number < warmup:
                    side.posapp_counts.clear()
                    side.raw.statements.clear()
                elif number == warmup:
                    side.stop_counting()
                    side.raw.counting = False
                runs.append(
                    (
                        side.posapp_ms,
                        partial(posapp_sale, side.station, side.bench, next(side.picks)),
                    )
                )
                runs.append((side.raw_ms, partial(side.raw, side.bench, next(side.picks))))
            rng.shuffle(runs)
            for times, run in runs:
                elapsed = _timed(run)
                if number >= warmup:
                    times.append(elapsed)
        return [
            Figures(
                side.bench,
                statistics.median(side.posapp_ms),
                statistics.median(side.raw_ms),
                Counter(side.posapp_counts),
                Counter(side.raw.statements),
            )
            for side in sides
        ]


def referred_lookup(bench: Bench, rounds: int, seed: int) -> float:
    """Median ms of the same posapp sale for a referred customer's first purchase."""
    clock = BenchClock(bench.now)
    station = open_station(bench.path, clock=clock)
    rng = random.Random(seed)
    times: list[float] = []
    try:
        with _raw(bench.path) as connection:
            done = 0
            while done < rounds:
                customer_id = rng.randrange(REFERRED_EVERY, bench.customers, REFERRED_EVERY)
                row = connection.execute(
                    "SELECT v.code, v.value FROM voucher v WHERE v.customer_id = ? "
                    "AND v.status = 'open' AND NOT EXISTS (SELECT 1 FROM sale "
                    "WHERE sale.customer_id = v.customer_id) ORDER BY v.id LIMIT 1",
                    (customer_id,),
                ).fetchone()
                if row is None:
                    continue
                pick = Pick(customer_id, row[0], row[1])
                times.append(_timed(partial(posapp_sale, station, bench, pick)))
                done += 1
    finally:
        station.close()
    return statistics.median(times)


def profile(bench: Bench, rounds: int, seed: int) -> None:
    clock = BenchClock(bench.now)
    station = open_station(bench.path, clock=clock)
    profiler = cProfile.Profile()
    try:
        with _raw(bench.path) as connection:
            picks = pick_customers(connection, bench, random.Random(seed))
            for _ in range(rounds):
                pick = next(picks)
                profiler.runcall(posapp_sale, station, bench, pick)
    finally:
        station.close()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(15)


def _statements(counts: Counter[str]) -> str:
    return ", ".join(f"{counts[verb]} {verb}" for verb in ("SELECT", "INSERT", "UPDATE"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.checkout", description=DESCRIPTION)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=5_000_000)
    parser.add_argument("--small-entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="cProfile posapp's checkout")
    args = parser.parse_args(argv)

    small_customers = max(1, args.customers * args.small_entries // args.entries)
    big = database(args.customers, args.entries)
    # Each run spends about 2 * rounds customers' vouchers and cashback: the small
    # database takes a fraction of a second to build, so it is built afresh.
    small = database(small_customers, args.small_entries, fresh=True)
    if args.profile:
        profile(big, args.rounds, args.seed)
        return

    print(f"\n{args.rounds} rounds after 5 warm-up rounds; seed {args.seed}")
    print(f"{'database':<40}{'posapp ms':>11}{'sqlite3 ms':>12}{'ratio':>8}")
    results = measure([big, small], args.rounds, args.seed)
    for figures in results:
        bench = figures.bench
        label = f"{bench.customers:,} customers, {bench.entries:,} entries"
        print(f"{label:<40}{figures.posapp_ms:>11.2f}{figures.raw_ms:>12.2f}{figures.ratio:>8.2f}")
    flat = results[0].posapp_ms / results[1].posapp_ms
    raw_flat = results[0].raw_ms / results[1].raw_ms
    print(f"flatness, posapp big / small: {flat:.2f} (sqlite3: {raw_flat:.2f})")
    print(
        f"statements per sale: posapp {_statements(results[0].posapp_statements)}; "
        f"sqlite3 {_statements(results[0].raw_statements)}"
    )
    referred_rounds = max(3, args.rounds // 20)
    referred = [referred_lookup(b, referred_rounds, args.seed) for b in (big, small)]
    print(
        f"referred customer's first purchase (referral-bonus look-up), posapp: "
        f"{referred[0]:.2f} ms big, {referred[1]:.2f} ms small ({referred_rounds} rounds)"
    )


if __name__ == "__main__":
    main()
