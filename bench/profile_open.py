"""Opening a customer's profile at 1 000 000 customers: posapp's reads against sqlite3.

    .venv/bin/python -m bench.profile_open [--customers 1000000] [--entries 5000000] [--rounds 200]

posapp's side is what the Clientes screen reads when a row is chosen
(`CustomersScreen.show_customer`, without its widgets): the profile with the
referrer's name, the account (ledger replay and open vouchers), the program,
the ledger with its sales, every voucher and the customers referred with their
purchases and bonuses. Half the picks are referrers (one customer in ten of
bench.checkout's database was referred by the one before), half are not.

The baseline is sqlite3 on the same file running the same reads as plain
statements (the program and store are cached by posapp, so the baseline does
not read them). Goal: under 30 ms at 1 000 000 customers; the ratio is posapp
over sqlite3. Sides shuffled each round, medians.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from functools import partial

from bench import checkout as data
from posapp.services.common.station import Station, open_station
from posapp.services.common.store_info import store_info
from posapp.services.customers import history, registry

RAW = (
    "SELECT c.id, c.uuid, c.name, c.cpf, c.phone, c.email, c.birthday, c.marketing_consent, "
    "c.consent_at, c.referral_code, r.name, c.created_at FROM customer AS c "
    "LEFT JOIN customer AS r ON r.id = c.referred_by_id WHERE c.id = :id",
    "SELECT uuid, kind, amount, created_at, available_from, expires_at, lot_uuid "
    "FROM ledger_entry WHERE customer_id = :id ORDER BY id",
    "SELECT code, kind, value, percent_bps, min_purchase, expires_at, status FROM voucher "
    "WHERE customer_id = :id AND status = 'open' AND expires_at > :now ORDER BY expires_at",
    "SELECT e.id, e.created_at, e.kind, e.amount, e.sale_id, s.number, e.voucher_code, e.note "
    "FROM ledger_entry AS e LEFT JOIN sale AS s ON s.id = e.sale_id "
    "WHERE e.customer_id = :id ORDER BY e.id DESC",
    "SELECT code, kind, value, percent_bps, min_purchase, expires_at, status FROM voucher "
    "WHERE customer_id = :id ORDER BY id",
    "SELECT c.id, c.name, c.created_at, (SELECT count(*) FROM sale AS s "
    "WHERE s.customer_id = c.id AND s.voided_at IS NULL) FROM customer AS c "
    "WHERE c.referred_by_id = :id ORDER BY c.created_at, c.id",
    "SELECT related_customer_id, sum(amount) FROM ledger_entry "
    "WHERE customer_id = :id AND kind = 'referral_bonus' GROUP BY related_customer_id",
)


def posapp_open(station: Station, customer_id: int) -> int:
    """What show_customer reads; the number of rows it would show."""
    history.profile(station, customer_id)
    registry.account(station, customer_id)
    store_info(station)
    shown = len(history.ledger(station, customer_id))
    shown += len(registry.vouchers(station, customer_id))
    return shown + len(history.referrals(station, customer_id))


def raw_open(connection: sqlite3.Connection, customer_id: int, now: str) -> int:
    params = {"id": customer_id, "now": now}
    counts = [len(connection.execute(sql, params).fetchall()) for sql in RAW]
    return counts[3] + counts[4] + counts[5]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_open", description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=5_000_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    bench = data.database(args.customers, args.entries)
    data.warm(bench.path)
    rng = random.Random(args.seed)
    clock = data.BenchClock(bench.now)
    station = open_station(bench.path, clock=clock)
    raw = sqlite3.connect(bench.path, isolation_level=None)
    ours: list[float] = []
    base: list[float] = []
    try:
        for round_ in range(args.rounds + 5):
            customer_id = rng.randint(1, args.customers // 10 - 1) * 10
            customer_id -= round_ % 2  # odd rounds: a referrer (of customer_id + 1)
            now = clock().strftime(data.DATE)
            shown: dict[str, int] = {}
            sides: list[tuple[list[float], str, Callable[[], int]]] = [
                (ours, "posapp", partial(posapp_open, station, customer_id)),
                (base, "sqlite3", partial(raw_open, raw, customer_id, now)),
            ]
            rng.shuffle(sides)
            for series, side, run in sides:
                started = time.perf_counter()
                shown[side] = run()
                if round_ >= 5:
                    series.append(time.perf_counter() - started)
            if shown["posapp"] != shown["sqlite3"]:
                raise SystemExit(f"customer {customer_id}: rows differ {shown}")
    finally:
        raw.close()
        station.close()
    o, b = statistics.median(ours) * 1000, statistics.median(base) * 1000
    p95 = statistics.quantiles(ours, n=20)[-1] * 1000
    print(f"{args.customers:,} customers, {args.entries:,} entries; {args.rounds} opens, medians")
    print(f"sqlite3, same reads   {b:8.2f} ms")
    print(f"posapp profile open   {o:8.2f} ms   (p95 {p95:.2f} ms; goal <= 30 ms)")
    print(f"ratio posapp/sqlite3  {o / b:8.2f}")


if __name__ == "__main__":
    main()
