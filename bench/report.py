"""The day's X/Z report figures on a big database: posapp vs one hand-written SQL query.

    .venv/bin/python -m bench.report [--rounds 15] [--profile]

posapp's side is `reports.x_report(station, day)`: every figure of the Z report
(the Z report computes the same `reports.compute()`; it only adds the manager's
PIN check, the refusals, and writes its numbered row, an audit row and an outbox
event), for one day of ~5 000 sales in a database of ~2 000 000 sales over 400
days, 200 000 customers, their cashback ledger and vouchers, refunds and voids,
cash movements and closed shifts.

The baseline is ONE aggregate SQL statement run with sqlite3 on the same file and
pragmas: the day's sales, lines, refunds and shifts as materialized CTEs, then
one UNION ALL branch per figure, tagged rows assembled in Python (no Python loop
over sales). Both sides' figures are compared before timing: gross, discounts,
refunds, voids, net, per tender, per staff member, per professional, per
category, top items, cashback earned/spent/reversed/expired/referral, vouchers
issued/redeemed/open, the liability, enrolments, and the cash drawer.

The database is built with bulk SQL into the schema of `db.migrate.upgrade` and
cached under bench/data/ (gitignored). Its ledger rows carry random hashes, not
a real chain: `db verify` is not run on it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.checkout import _UUID, _companions, _cpf, _log, _raw, warm
from db.migrate import head_revision
from posapp.core.presets import preset
from posapp.core.program import LoyaltyProgram
from posapp.services.admin.store_setup import set_up_store
from posapp.services.cash.reports import Report, x_report
from posapp.services.common.auth import Role, add_staff
from posapp.services.common.local_day import day_bounds
from posapp.services.common.station import Station, open_station
from posapp.services.sales import catalog

DESCRIPTION = "posapp's X/Z report figures of one day against one hand-written aggregate query"
DATA = Path(__file__).parent / "data"
MARKER = "bench.report"
FORMAT = 3
"""Bump when the generated data changes, so the cached database is rebuilt."""

TIMEZONE = "America/Sao_Paulo"
"""The settings' default time zone (UTC-3 all year since 2019)."""
DAY = date(2026, 11, 20)
"""The measured day: the last of the generated days."""
BUILD_CACHE_KIB = 3_000_000
PROGRAM = "pharmacy"
ITEMS = (
    # name, price, category, kind
    ("Dipirona 500 mg", 1_290, "medicamentos", catalog.PRODUCT),
    ("Paracetamol 750 mg", 990, "medicamentos", catalog.PRODUCT),
    ("Ibuprofeno 400 mg", 1_790, "medicamentos", catalog.PRODUCT),
    ("Loratadina 10 mg", 1_450, "medicamentos", catalog.PRODUCT),
    ("Omeprazol 20 mg", 2_190, "medicamentos", catalog.PRODUCT),
    ("Soro fisiológico 500 ml", 890, "medicamentos", catalog.PRODUCT),
    ("Protetor solar FPS 50", 4_990, "dermocosmeticos", catalog.PRODUCT),
    ("Hidratante facial", 6_490, "dermocosmeticos", catalog.PRODUCT),
    ("Sabonete dermatológico", 2_390, "dermocosmeticos", catalog.PRODUCT),
    ("Shampoo anticaspa", 3_490, "higiene", catalog.PRODUCT),
    ("Escova dental macia", 1_990, "higiene", catalog.PRODUCT),
    ("Creme dental 90 g", 790, "higiene", catalog.PRODUCT),
    ("Fio dental 50 m", 1_290, "higiene", catalog.PRODUCT),
    ("Desodorante roll-on", 1_690, "higiene", catalog.PRODUCT),
    ("Vitamina C 1 g", 2_590, "suplementos", catalog.PRODUCT),
    ("Ômega 3 60 cáps.", 5_990, "suplementos", catalog.PRODUCT),
    ("Whey protein 900 g", 12_990, "suplementos", catalog.PRODUCT),
    ("Fralda infantil M", 5_490, "infantil", catalog.PRODUCT),
    ("Lenço umedecido", 1_390, "infantil", catalog.PRODUCT),
    ("Aplicação de injetável", 1_500, "servicos", catalog.SERVICE),
    ("Aferição de pressão", 800, "servicos", catalog.SERVICE),
    ("Teste de glicemia", 1_200, "servicos", catalog.SERVICE),
)
CASHIERS = ("Carlos Caixa", "Beatriz Caixa", "Davi Caixa")
PROFESSIONALS = ("Paula Farmacêutica", "Renato Farmacêutico")
DATE = "%Y-%m-%d %H:%M:%S.%f"


# -- building the database ----------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    days: int
    per_day: int
    customers: int

    @property
    def sales(self) -> int:
        return self.days * self.per_day


def _h(expr: str, salt: int, mod: int) -> str:
    """SQL for a pseudo-random integer in [0, mod) drawn from `expr` (deterministic)."""
    return f"((({expr}) * 2654435761 + {salt * 97_531}) % 4294967291 % {mod})"


def _ts(seconds: str) -> str:
    """SQL for :t0 + `seconds` as SQLAlchemy stores a UTC datetime."""
    return f"(strftime('%Y-%m-%d %H:%M:%S', :t0 + ({seconds}), 'unixepoch') || '.000000')"


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
            for name in CASHIERS:
                add_staff(session, name, Role.CASHIER, "1111", now)
            add_staff(session, "Marta Gerente", Role.MANAGER, "2222", now)
            for name in PROFESSIONALS:
                add_staff(session, name, Role.PROFESSIONAL, "3333", now)
            for name, price, category, kind in ITEMS:
                catalog.add_item(session, name=name, price=price, category_code=category, kind=kind)
    finally:
        station.close()


def _fill(path: Path, sizes: Sizes, t0: int) -> None:
    """Sales with lines and payments, customers, ledger, vouchers, refunds, shifts, in bulk.

    Times are seconds after `t0` (local midnight of the first day, in UTC). Sale i
    (from 1) falls on day (i - 1) // per_day, from 08:00 to 20:00 local time; one
    closed shift per day, two on the measured (last) day, split at 14:00.
    """
    last = sizes.days - 1
    per_day = sizes.per_day
    new = 50
    """Customers enrolled on the measured day (the last ids)."""

    def sale_s(i: str) -> str:
        return (
            f"(({i} - 1) / {per_day} * 86400 + 28800 + ({i} - 1) % {per_day} * 43200 / {per_day})"
        )

    split = 50_400  # 14:00 local, in seconds after local midnight

    def shift_of(s: str) -> str:
        return (
            f"(CASE WHEN ({s}) / 86400 = {last} AND ({s}) % 86400 >= {split} "
            f"THEN {last + 2} ELSE ({s}) / 86400 + 1 END)"
        )

    def cust(i: str) -> str:
        return f"(CASE WHEN {_h(i, 1, 5)} < 2 THEN 1 + {_h(i, 2, sizes.customers - new)} END)"

    def loy_kind(i: str) -> str:
        return (
            f"(CASE WHEN customer_id IS NULL THEN NULL WHEN {_h(i, 8, 8)} < 2 THEN 'cashback' "
            f"WHEN {_h(i, 8, 8)} = 2 THEN 'voucher' END)"
        )

    def loy(i: str) -> str:
        return (
            f"(CASE {loy_kind(i)} WHEN 'cashback' THEN min(500, total / 2) "
            "WHEN 'voucher' THEN min(1000, total / 2) ELSE 0 END)"
        )

    def tender(i: str) -> str:
        return (
            f"(CASE {_h(i, 10, 10)} WHEN 0 THEN 'cash' WHEN 1 THEN 'cash' WHEN 2 THEN 'cash' "
            "WHEN 3 THEN 'debit' WHEN 4 THEN 'debit' WHEN 5 THEN 'credit' WHEN 6 THEN 'credit' "
            "ELSE 'pix' END)"
        )

    def issues(i: str) -> str:
        return f"(customer_id IS NOT NULL AND {_h(i, 11, 10)} = 0)"

    end_s = sizes.days * 86400
    params: dict[str, Any] = {"t0": t0}

    connection = sqlite3.connect(path, isolation_level=None)
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
        terminal_id, terminal = connection.execute(
            "SELECT id, uuid FROM terminal WHERE is_local"
        ).fetchone()
        staff = dict(connection.execute("SELECT name, id FROM staff"))
        cashiers = [staff[name] for name in CASHIERS]
        pros = [staff[name] for name in PROFESSIONALS]
        manager = staff["Marta Gerente"]
        params |= {"terminal_id": terminal_id, "terminal": terminal}
        run = partial_run(connection, params)
        connection.execute("BEGIN")

        run(
            "items",
            """
            CREATE TEMP TABLE it AS
            SELECT row_number() OVER (ORDER BY item.id) - 1 AS k, item.id, item.name,
                   item.price, item.kind, category.code
            FROM item LEFT JOIN category ON category.id = item.category_id
            """,
        )
        n_items = connection.execute("SELECT count(*) FROM it").fetchone()[0]
        run(
            f"{sizes.customers:,} customers",
            f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :customers)
            INSERT INTO customer (id, uuid, cpf, phone, name, marketing_consent,
                                  referral_code, referred_by_id, created_at)
            SELECT i, {_UUID}, cpf(i), printf('119%08d', i), 'Cliente ' || i || ' da Silva',
                   i % 3 = 0, 'B' || i, CASE WHEN i % 10 = 0 THEN i - 1 END,
                   CASE WHEN i > :old
                        THEN {_ts(f"{last} * 86400 + 43200 + (i - :old) * 600")}
                        ELSE {_ts(f"-30 * 86400 + i * ({sizes.days} + 29) * 86400 / :old")} END
            FROM n
            """,
            customers=sizes.customers,
            old=sizes.customers - new,
        )
        # Lines first (1-5 per sale, pseudo-random items); the sales are their sums.
        line_key = "(i * 8 + p)"
        qty = f"(1 + ({_h(line_key, 5, 4)} = 0))"
        run(
            "sale lines",
            f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :sales),
            pos(p) AS (VALUES (1), (2), (3), (4), (5)),
            g AS (
                SELECT i, p, {qty} AS qty,
                       CASE WHEN {_h(line_key, 6, 10)} = 0 THEN 1 ELSE 0 END AS off,
                       {cust("i")} IS NOT NULL AS has_customer,
                       {_h(line_key, 4, n_items)} AS k,
                       {_h(line_key, 7, 2)} AS pro
                FROM n JOIN pos ON p <= 1 + {_h("i", 3, 5)}
            )
            INSERT INTO sale_line (sale_id, item_id, description, category_code, quantity,
                                   unit_price, line_discount, sale_discount_share, net,
                                   earned, professional_id)
            SELECT i, it.id, it.name, it.code, qty, it.price, off * it.price * qty / 10, 0,
                   it.price * qty - off * it.price * qty / 10,
                   CASE WHEN has_customer
                        THEN (it.price * qty - off * it.price * qty / 10) * 500 / 10000
                        ELSE 0 END,
                   CASE WHEN it.kind = 'service'
                        THEN CASE pro WHEN 0 THEN {pros[0]} ELSE {pros[1]} END END
            FROM g JOIN it ON it.k = g.k
            ORDER BY i, p
            """,
            sales=sizes.sales,
        )
        change = (
            f"(CASE WHEN {tender('i')} = 'cash' "
            f"THEN (total - {loy('i')} + 999) / 1000 * 1000 - (total - {loy('i')}) ELSE 0 END)"
        )
        run(
            f"{sizes.sales:,} sales",
            f"""
            INSERT INTO sale (id, uuid, terminal_id, number, status, customer_id, staff_id,
                              shift_id, gross, discount, total, change, earned, created_at)
            SELECT i, lower(hex(randomblob(16))), :terminal_id, i, 'completed', customer_id,
                   CASE {_h("i", 12, 3)} WHEN 0 THEN {cashiers[0]} WHEN 1 THEN {cashiers[1]}
                        ELSE {cashiers[2]} END,
                   {shift_of(sale_s("i"))}, gross, discount, total, {change}, earned,
                   {_ts(sale_s("i"))}
            FROM (
                SELECT sale_id AS i, {cust("sale_id")} AS customer_id,
                       sum(quantity * unit_price) AS gross,
                       sum(line_discount) AS discount, sum(net) AS total, sum(earned) AS earned
                FROM sale_line GROUP BY sale_id
            )
            """,
        )
        run(
            "payments",
            f"""
            INSERT INTO sale_payment (sale_id, tender, amount, voucher_id)
            SELECT i, kind, amount, CASE WHEN kind = 'voucher' THEN i END FROM (
                SELECT id AS i, slot,
                       CASE slot WHEN 0 THEN {loy_kind("id")} ELSE {tender("id")} END AS kind,
                       CASE slot WHEN 0 THEN {loy("id")} ELSE total - {loy("id")} + change END
                           AS amount
                FROM sale, (SELECT 0 AS slot UNION ALL SELECT 1)
                ORDER BY id, slot
            ) WHERE amount > 0
            """,
        )
        # Vouchers: the ones that paid (issued 20 days before), the ones sales issued.
        run(
            "vouchers",
            f"""
            INSERT INTO voucher (id, uuid, code, customer_id, kind, value, percent_bps,
                                 max_discount, min_purchase, issued_at, expires_at,
                                 issue_sale_id, status, redeemed_sale_id, redeemed_at,
                                 redeemed_amount)
            SELECT p.voucher_id, lower(hex(randomblob(16))), 'R' || s.id, s.customer_id,
                   'balance', p.amount, 0, 0, 0,
                   strftime('%Y-%m-%d %H:%M:%S', s.created_at, '-20 days') || '.000000',
                   strftime('%Y-%m-%d %H:%M:%S', s.created_at, '+40 days') || '.000000',
                   NULL, 'redeemed', s.id, s.created_at, p.amount
            FROM sale_payment p JOIN sale s ON s.id = p.sale_id WHERE p.tender = 'voucher'
            UNION ALL
            SELECT :sales + i, lower(hex(randomblob(16))), 'I' || i, customer_id, 'balance',
                   500, 0, 0, 0, created_at,
                   strftime('%Y-%m-%d %H:%M:%S', created_at, '+60 days') || '.000000', i,
                   CASE WHEN created_at > strftime('%Y-%m-%d %H:%M:%S', :t0 + {end_s},
                                                   'unixepoch', '-60 days')
                        THEN 'open' ELSE 'expired' END,
                   NULL, NULL, 0
            FROM (SELECT id AS i, * FROM sale) WHERE {issues("i")}
            """,
            sales=sizes.sales,
        )
        # Ledger: per customer sale, earn / redeem / voucher_redeem / voucher_issue.
        kind = (
            "CASE slot WHEN 0 THEN 'earn' WHEN 1 THEN 'redeem' WHEN 2 THEN 'voucher_redeem' "
            "ELSE 'voucher_issue' END"
        )
        run(
            "ledger entries of the sales",
            f"""
            INSERT INTO ledger_entry (id, uuid, terminal_uuid, seq, kind, customer_id,
                                      customer_uuid, amount, created_at, available_from,
                                      expires_at, sale_id, sale_uuid, voucher_id, voucher_code,
                                      staff_id, prev_hash, hash)
            SELECT g.i * 4 + slot, {_UUID}, :terminal, g.i * 4 + slot, {kind}, g.customer_id,
                   customer.uuid, amount, g.created_at,
                   CASE slot WHEN 0 THEN g.created_at END,
                   CASE slot WHEN 0 THEN strftime('%Y-%m-%d %H:%M:%S', g.created_at,
                                                  '+180 days') || '.000000' END,
                   g.i, g.uuid,
                   CASE slot WHEN 2 THEN g.i WHEN 3 THEN :sales + g.i END,
                   CASE slot WHEN 2 THEN 'R' || g.i WHEN 3 THEN 'I' || g.i END,
                   g.staff_id, lower(hex(randomblob(32))), lower(hex(randomblob(32)))
            FROM (
                SELECT i, slot, customer_id, created_at, uuid, staff_id,
                       CASE slot WHEN 0 THEN earned WHEN 1 THEN -loy WHEN 2 THEN 0
                            ELSE -500 END AS amount,
                       CASE slot WHEN 0 THEN earned > 0 WHEN 1 THEN loy_kind = 'cashback'
                            WHEN 2 THEN loy_kind = 'voucher' ELSE issues END AS keep
                FROM (
                    SELECT id AS i, *, {loy_kind("id")} AS loy_kind, {loy("id")} AS loy,
                           {issues("id")} AS issues
                    FROM sale WHERE customer_id IS NOT NULL
                ), (SELECT 0 AS slot UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)
            ) AS g JOIN customer ON customer.id = g.customer_id
            WHERE keep
            ORDER BY g.i, slot
            """,
            sales=sizes.sales,
        )
        # Refunds and voids: one sale in 331 (and one in 53 of the last two days); a void
        # the same day, a refund up to 2 days on.
        refund_s = (
            "CASE WHEN s.id % 7 = 0 THEN sale_s + 600 ELSE sale_s + 1800 + s.id % 3 * 86400 END"
        )
        run(
            "refunds",
            f"""
            CREATE TEMP TABLE rf AS
            SELECT row_number() OVER (ORDER BY s.id) AS id, s.id AS sale_id,
                   CASE WHEN s.id % 7 = 0 THEN 'void' ELSE 'refund' END AS kind,
                   {refund_s} AS at_s, s.total, s.change,
                   {loy_kind("s.id")} AS loy_kind, {loy("s.id")} AS loy,
                   {tender("s.id")} AS tender
            FROM (SELECT id AS i, *, {sale_s("id")} AS sale_s FROM sale
                  WHERE id % 331 = 0 OR (id > {(last - 1) * per_day} AND id % 53 = 0)) AS s
            WHERE {refund_s} < {end_s} - 12 * 3600
            """,
        )
        run(
            "refund lines",
            """
            INSERT INTO refund_line (refund_id, sale_line_id, quantity, amount, earned)
            SELECT rf.id, l.id, l.quantity, l.net, l.earned
            FROM rf JOIN sale_line l ON l.sale_id = rf.sale_id
            WHERE rf.kind = 'void' OR l.id = (SELECT min(id) FROM sale_line
                                              WHERE sale_id = rf.sale_id)
            """,
        )
        money_back = "(goods * (rf.total - rf.loy) / rf.total)"
        run(
            "refund rows",
            f"""
            INSERT INTO refund (id, uuid, sale_id, kind, created_at, staff_id, authorized_by_id,
                                shift_id, reason, goods_amount, money_back, cashback_restored,
                                cashback_reversed, clawback, loyalty_share, cash_back)
            SELECT rf.id, lower(hex(randomblob(16))), rf.sale_id, rf.kind, {_ts("rf.at_s")},
                   {cashiers[0]}, {manager}, {shift_of("rf.at_s")}, 'cliente desistiu', goods,
                   {money_back}, 0, earned, 0, goods - {money_back},
                   CASE WHEN rf.tender = 'cash' THEN {money_back} ELSE 0 END
            FROM rf JOIN (SELECT refund_id, sum(amount) AS goods, sum(earned) AS earned
                          FROM refund_line GROUP BY refund_id) AS r ON r.refund_id = rf.id
            """,
        )
        connection.execute(
            "UPDATE sale SET status = 'voided', voided_at = r.created_at "
            "FROM refund AS r WHERE r.kind = 'void' AND sale.id = r.sale_id"
        )
        # The measured day's other movements: expiries, referral bonuses, reversals.
        run(
            "expiries, referral bonuses, reversals",
            f"""
            WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < 300),
            extra(id, kind, customer_id, amount, at_s, sale_id) AS (
                SELECT 9000000 + j, 'expire', 1 + {_h("j", 13, 150_000)}, -150 - j % 5 * 50,
                       {last} * 86400 + 6 * 3600 + j, NULL
                FROM n
                UNION ALL
                SELECT 9100000 + c.id * 2 + who, 'referral_bonus',
                       CASE who WHEN 0 THEN c.id ELSE c.referred_by_id END,
                       CASE who WHEN 0 THEN 500 ELSE 1000 END,
                       {last} * 86400 + 43200 + (c.id - :old) * 600 + 1800, NULL
                FROM customer AS c, (SELECT 0 AS who UNION ALL SELECT 1)
                WHERE c.id > :old AND c.referred_by_id IS NOT NULL
                UNION ALL
                SELECT 9300000 + refund.id, 'reverse', sale.customer_id, -cashback_reversed,
                       rf.at_s, sale.id
                FROM refund JOIN rf ON rf.id = refund.id JOIN sale ON sale.id = refund.sale_id
                WHERE sale.customer_id IS NOT NULL AND cashback_reversed > 0
            )
            INSERT INTO ledger_entry (id, uuid, terminal_uuid, seq, kind, customer_id,
                                      customer_uuid, amount, created_at, sale_id, prev_hash, hash)
            SELECT extra.id, {_UUID}, :terminal, extra.id, kind, customer_id, customer.uuid,
                   amount, {_ts("at_s")}, sale_id, lower(hex(randomblob(32))),
                   lower(hex(randomblob(32)))
            FROM extra JOIN customer ON customer.id = extra.customer_id
            """,
            old=sizes.customers - new,
        )
        run(
            "balances",
            """
            INSERT INTO customer_balance (customer_id, units, last_entry_at)
            SELECT customer_id, sum(amount), max(created_at) FROM ledger_entry
            GROUP BY customer_id
            """,
        )
        # Shifts: 07:50-20:45 local; the measured day has two, split at 14:00.
        run(
            "shifts and cash movements",
            f"""
            WITH RECURSIVE n(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM n WHERE d < {last}),
            sh(id, open_s, close_s, float_) AS (
                SELECT d + 1, d * 86400 + 28200,
                       CASE WHEN d = {last} THEN d * 86400 + {split} ELSE d * 86400 + 74700 END,
                       20000
                FROM n
                UNION ALL SELECT {last + 2}, {last} * 86400 + {split}, {last} * 86400 + 74700,
                                 10000
            )
            INSERT INTO shift (id, uuid, terminal_id, opened_by_id, opened_at, opening_float,
                               closed_by_id, closed_at)
            SELECT id, lower(hex(randomblob(16))), :terminal_id, {cashiers[0]}, {_ts("open_s")},
                   float_, {cashiers[0]}, {_ts("close_s")}
            FROM sh
            """,
        )
        connection.execute(
            f"""
            WITH m(shift, kind, amount, reason, after) AS (
                VALUES (0, 'out', 30000, 'sangria para o cofre', 5),
                       ({last + 1}, 'in', 5000, 'troco', 1),
                       ({last + 1}, 'out', 40000, 'sangria para o cofre', 4),
                       ({last + 2}, 'out', 50000, 'sangria para o cofre', 3),
                       ({last + 2}, 'out', 20000, 'depósito', 5)
            )
            INSERT INTO cash_movement (uuid, shift_id, kind, amount, reason, staff_id,
                                       authorized_by_id, created_at)
            SELECT lower(hex(randomblob(16))), shift.id, kind, amount, reason, {cashiers[0]},
                   {manager}, strftime('%Y-%m-%d %H:%M:%S', opened_at, '+' || after || ' hours')
                              || '.000000'
            FROM shift JOIN m ON m.shift = shift.id OR (m.shift = 0 AND shift.id <= {last})
            """
        )
        run(
            "shift closes",
            """
            UPDATE shift SET expected_cash = opening_float
                + (SELECT coalesce(sum(p.amount), 0) FROM sale s JOIN sale_payment p
                   ON p.sale_id = s.id WHERE s.shift_id = shift.id AND p.tender = 'cash')
                - (SELECT coalesce(sum(change), 0) FROM sale WHERE shift_id = shift.id)
                - (SELECT coalesce(sum(cash_back), 0) FROM refund WHERE shift_id = shift.id)
                + (SELECT coalesce(sum(CASE kind WHEN 'in' THEN amount ELSE -amount END), 0)
                   FROM cash_movement WHERE shift_id = shift.id)
            """,
        )
        connection.execute("UPDATE shift SET counted_cash = expected_cash + (id % 5 - 2) * 50")
        connection.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)",
            (MARKER, _marker_json(sizes)),
        )
        connection.execute("COMMIT")
        run("analyze", "ANALYZE")
        connection.execute("PRAGMA journal_mode=WAL")
    finally:
        connection.close()


def partial_run(connection: sqlite3.Connection, params: dict[str, Any]) -> Callable[..., None]:
    def run(what: str, sql: str, **more: Any) -> None:
        started = time.perf_counter()
        used = {**params, **more}
        connection.execute(sql, {k: v for k, v in used.items() if f":{k}" in sql})
        _log(f"  {what}", started)

    return run


def _marker_json(sizes: Sizes) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "revision": head_revision(),
            "days": sizes.days,
            "per_day": sizes.per_day,
            "customers": sizes.customers,
        }
    )


def database(sizes: Sizes) -> Path:
    """The cached database for these sizes, built first if missing or stale."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"report-d{sizes.days}-s{sizes.per_day}-c{sizes.customers}.sqlite"
    found = _report_marker(path)
    if found is None or found.get("format") != FORMAT or found.get("revision") != head_revision():
        for stale in (path, *_companions(path)):
            stale.unlink(missing_ok=True)
        building = path.with_suffix(".building")
        for stale in (building, *_companions(building)):
            stale.unlink(missing_ok=True)
        print(f"building {path.name} ...", flush=True)
        started = time.perf_counter()
        first = DAY - timedelta(days=sizes.days - 1)
        t0 = int(day_bounds(first, TIMEZONE)[0].timestamp())
        _set_up_shop(building, _now())
        _fill(building, sizes, t0)
        building.rename(path)
        for companion in _companions(building):
            companion.unlink(missing_ok=True)
        _log(f"built {path.name} ({path.stat().st_size / 2**20:,.0f} MiB)", started)
    return path


def _report_marker(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    with _raw(path) as connection:
        try:
            found = connection.execute(
                "SELECT value FROM setting WHERE key = ?", (MARKER,)
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
    return None if found is None else dict(json.loads(found[0]))


def _now() -> datetime:
    """The bench's 'now': 23:00 local on the measured day, after the shifts closed."""
    return day_bounds(DAY, TIMEZONE)[1] - timedelta(hours=1)


# -- the baseline: one aggregate statement ------------------------------------------------

BASELINE = """
WITH d AS MATERIALIZED (
    SELECT id, staff_id, gross, discount, total, change FROM sale
    WHERE terminal_id = :terminal_id AND created_at >= :start AND created_at < :end
),
l AS MATERIALIZED (
    SELECT item_id, description, category_code, quantity, net, professional_id
    FROM sale_line JOIN d ON sale_line.sale_id = d.id
),
r AS MATERIALIZED (
    SELECT refund.id, refund.kind, refund.goods_amount, refund.money_back
    FROM refund JOIN sale ON sale.id = refund.sale_id
    LEFT JOIN shift ON shift.id = refund.shift_id
    WHERE refund.created_at >= :start AND refund.created_at < :end
      AND coalesce(shift.terminal_id, sale.terminal_id) = :terminal_id
),
sh AS MATERIALIZED (
    SELECT id, opening_float, closed_at, counted_cash FROM shift
    WHERE terminal_id = :terminal_id AND opened_at >= :start AND opened_at < :end
)
SELECT 'sales', NULL, count(*), coalesce(sum(gross), 0), coalesce(sum(discount), 0),
       coalesce(sum(change), 0) FROM d
UNION ALL
SELECT 'refund', kind, count(*), sum(goods_amount), sum(money_back), NULL FROM r GROUP BY kind
UNION ALL
SELECT 'tender', tender, count(*), sum(amount), NULL, NULL
FROM sale_payment JOIN d ON d.id = sale_payment.sale_id GROUP BY tender
UNION ALL
SELECT * FROM (
    SELECT 'staff', staff.name, count(*), sum(d.total), NULL, NULL
    FROM d JOIN staff ON staff.id = d.staff_id
    GROUP BY staff.id ORDER BY sum(d.total) DESC, staff.name
)
UNION ALL
SELECT 'professional', coalesce(staff.name, '—'), sum(n), sum(amount), NULL, NULL FROM (
    SELECT professional_id AS pid, quantity AS n, net AS amount FROM l
    WHERE professional_id IS NOT NULL
    UNION ALL
    SELECT sale_line.professional_id, 0, -refund_line.amount
    FROM refund_line JOIN r ON r.id = refund_line.refund_id
    JOIN sale_line ON sale_line.id = refund_line.sale_line_id
    WHERE sale_line.professional_id IS NOT NULL
) LEFT JOIN staff ON staff.id = pid GROUP BY pid
UNION ALL
SELECT * FROM (
    SELECT 'category', coalesce(max(category.name), category_code, '—'), sum(quantity), sum(net),
           NULL, NULL
    FROM l LEFT JOIN category ON category.code = l.category_code
    GROUP BY category_code ORDER BY sum(net) DESC
)
UNION ALL
SELECT * FROM (
    SELECT 'item', max(description), sum(quantity), sum(net), NULL, NULL FROM l
    GROUP BY item_id ORDER BY sum(net) DESC, max(description) LIMIT :top
)
UNION ALL
SELECT 'ledger', kind, count(*), sum(amount), NULL, NULL FROM ledger_entry
WHERE terminal_uuid = :terminal_uuid AND created_at >= :start AND created_at < :end
GROUP BY kind
UNION ALL
SELECT 'issued', NULL, count(*), coalesce(sum(value), 0), NULL, NULL FROM voucher
WHERE issued_at >= :start AND issued_at < :end
UNION ALL
SELECT 'redeemed', NULL, count(*), coalesce(sum(redeemed_amount), 0), NULL, NULL FROM voucher
WHERE redeemed_at >= :start AND redeemed_at < :end
UNION ALL
SELECT 'open', NULL, count(*), coalesce(sum(value), 0), NULL, NULL FROM voucher
WHERE issued_at < :end AND expires_at > :end
  AND (status = 'open' OR (status = 'redeemed' AND redeemed_at >= :end))
UNION ALL
SELECT 'liability', NULL, NULL,
       (SELECT coalesce(sum(units), 0) FROM customer_balance)
       - (SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE created_at >= :end),
       NULL, NULL
UNION ALL
SELECT 'enrolled', NULL, count(*), coalesce(sum(referred_by_id IS NOT NULL), 0), NULL, NULL
FROM customer WHERE created_at >= :start AND created_at < :end
UNION ALL
SELECT 'shifts', NULL, count(*), coalesce(sum(opening_float), 0),
       coalesce(sum(closed_at IS NULL), 0), coalesce(sum(counted_cash), 0) FROM sh
UNION ALL
SELECT 'drawer', NULL, NULL,
       (SELECT coalesce(sum(p.amount), 0) FROM sale JOIN sale_payment AS p ON p.sale_id = sale.id
        WHERE sale.shift_id IN (SELECT id FROM sh) AND p.tender = 'cash')
       - (SELECT coalesce(sum(change), 0) FROM sale WHERE shift_id IN (SELECT id FROM sh)),
       (SELECT coalesce(sum(cash_back), 0) FROM refund WHERE shift_id IN (SELECT id FROM sh)),
       NULL
UNION ALL
SELECT 'move', kind, count(*), sum(amount), NULL, NULL FROM cash_movement
WHERE shift_id IN (SELECT id FROM sh) GROUP BY kind
"""

TENDER_ORDER = ("cash", "debit", "credit", "pix", "cashback", "voucher")
LEDGER_FIGURES = (
    # figure, ledger kind, sign
    ("cashback_earned", "earn", 1),
    ("cashback_spent", "redeem", -1),
    ("cashback_reversed", "reverse", -1),
    ("cashback_expired", "expire", -1),
    ("referral_bonus", "referral_bonus", 1),
)

Figures = dict[str, Any]
"""Every compared figure, by name: numbers, and lists of (name, count, amount)."""


@dataclass(frozen=True)
class Day:
    """The measured day and what both sides need to know about it."""

    day: date
    start: str
    end: str
    terminal_id: int
    terminal_uuid: str
    program: LoyaltyProgram


def measured_day(path: Path) -> Day:
    start, end = day_bounds(DAY, TIMEZONE)
    with _raw(path) as connection:
        terminal_id, terminal_uuid = connection.execute(
            "SELECT id, uuid FROM terminal WHERE is_local"
        ).fetchone()
        program_json = connection.execute("SELECT program_json FROM store").fetchone()[0]
    return Day(
        DAY,
        start.replace(tzinfo=None).strftime(DATE),
        end.replace(tzinfo=None).strftime(DATE),
        terminal_id,
        terminal_uuid,
        LoyaltyProgram.from_json(program_json),
    )


def baseline(connection: sqlite3.Connection, day: Day) -> Figures:
    """The day's figures from the one statement (its tagged rows put in place)."""
    rows = connection.execute(
        BASELINE,
        {
            "terminal_id": day.terminal_id,
            "terminal_uuid": day.terminal_uuid,
            "start": day.start,
            "end": day.end,
            "top": 10,
        },
    ).fetchall()
    by: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        by.setdefault(row[0], []).append(row[1:])
    (_, count, gross, discounts, change) = by["sales"][0]
    refunds = {kind: (n, goods, back) for kind, n, goods, back, _ in by.get("refund", [])}
    r_count, r_goods, r_back = refunds.get("refund", (0, 0, 0))
    v_count, v_goods, v_back = refunds.get("void", (0, 0, 0))
    tenders = sorted(
        by.get("tender", []),
        key=lambda r: TENDER_ORDER.index(r[0]) if r[0] in TENDER_ORDER else len(TENDER_ORDER),
    )
    ledger = {kind: amount for kind, _, amount, _, _ in by.get("ledger", [])}
    value = day.program.value_of_units
    shifts, floats, still_open, counted = by["shifts"][0][1:]
    cash_sales, cash_refunds = by["drawer"][0][2:4]
    moves = {kind: amount for kind, _, amount, _, _ in by.get("move", [])}
    cash_in, cash_out = moves.get("in", 0), moves.get("out", 0)
    figures: Figures = {
        "sales_count": count,
        "gross": gross,
        "discounts": discounts,
        "refunds_count": r_count,
        "refunds": r_goods,
        "voids_count": v_count,
        "voids": v_goods,
        "money_back": r_back + v_back,
        "net": gross - discounts - r_goods - v_goods,
        "payments": [
            (t, n, amount - (change if t == "cash" else 0)) for t, n, amount, _, _ in tenders
        ],
        "staff": [tuple(r[:3]) for r in by.get("staff", [])],
        "professionals": sorted(
            (tuple(r[:3]) for r in by.get("professional", [])), key=lambda f: (-f[2], f[0])
        ),
        "categories": [tuple(r[:3]) for r in by.get("category", [])],
        "top_items": [tuple(r[:3]) for r in by.get("item", [])],
        **{name: value(sign * ledger.get(kind, 0)) for name, kind, sign in LEDGER_FIGURES},
        **{
            f"vouchers_{what}": (what, by[what][0][1], by[what][0][2])
            for what in ("issued", "redeemed", "open")
        },
        "liability_cashback": value(by["liability"][0][2]),
        "customers_enrolled": by["enrolled"][0][1],
        "referrals": by["enrolled"][0][2],
        "cash": {
            "shifts": shifts,
            "open_shifts": still_open,
            "opening_float": floats,
            "cash_sales": cash_sales,
            "cash_refunds": cash_refunds,
            "cash_in": cash_in,
            "cash_out": cash_out,
            "expected": floats + cash_sales - cash_refunds + cash_in - cash_out,
            "counted": None if still_open or not shifts else counted,
        },
    }
    return figures


def posapp_figures(report: Report) -> Figures:
    """posapp's report in the baseline's shape."""

    def figures(values: Any) -> list[tuple[Any, ...]]:
        return [(f.name, f.count, f.amount) for f in values]

    cash = report.cash
    return {
        "sales_count": report.sales_count,
        "gross": report.gross,
        "discounts": report.discounts,
        "refunds_count": report.refunds_count,
        "refunds": report.refunds,
        "voids_count": report.voids_count,
        "voids": report.voids,
        "money_back": report.money_back,
        "net": report.net,
        "payments": figures(report.payments),
        "staff": figures(report.staff),
        "professionals": figures(report.professionals),
        "categories": figures(report.categories),
        "top_items": figures(report.top_items),
        **{name: getattr(report, name) for name, _, _ in LEDGER_FIGURES},
        **{
            f"vouchers_{what}": tuple(figures([getattr(report, f"vouchers_{what}")])[0])
            for what in ("issued", "redeemed", "open")
        },
        "liability_cashback": report.liability_cashback,
        "customers_enrolled": report.customers_enrolled,
        "referrals": report.referrals,
        "cash": {
            "shifts": cash.shifts,
            "open_shifts": cash.open_shifts,
            "opening_float": cash.opening_float,
            "cash_sales": cash.cash_sales,
            "cash_refunds": cash.cash_refunds,
            "cash_in": cash.cash_in,
            "cash_out": cash.cash_out,
            "expected": cash.expected,
            "counted": cash.counted,
        },
    }


def compare(ours: Figures, theirs: Figures) -> list[str]:
    """The figures that differ (empty when the two sides agree on every one)."""
    return [
        f"{name}: posapp {ours[name]!r} != sqlite3 {theirs.get(name)!r}"
        for name in ours
        if ours[name] != theirs.get(name)
    ]


# -- measuring ------------------------------------------------------------------------


@contextmanager
def _statement_times(station: Station) -> Iterator[list[tuple[str, float]]]:
    """(SQL, ms) of every statement posapp's side runs inside the block."""
    times: list[tuple[str, float]] = []
    started: list[float] = []

    def before(*_: Any) -> None:
        started.append(time.perf_counter())

    def after(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        times.append((statement, (time.perf_counter() - started.pop()) * 1000))

    event.listen(station.engine, "before_cursor_execute", before)
    event.listen(station.engine, "after_cursor_execute", after)
    try:
        yield times
    finally:
        event.remove(station.engine, "before_cursor_execute", before)
        event.remove(station.engine, "after_cursor_execute", after)


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def _label(statement: str) -> str:
    """A short name for a report statement: what it reads and how it filters."""
    flat = " ".join(statement.split())
    head = flat.split(" FROM ", 1)
    source = head[1].split(" WHERE ", 1)[0] if len(head) > 1 else flat
    where = flat.split(" WHERE ", 1)[1] if " WHERE " in flat else ""
    return f"{source[:48]} | {where[:60]}"


def breakdown(station: Station, connection: sqlite3.Connection, day: Day, rounds: int) -> None:
    """posapp's statements, median ms each, with SQLite's plan of the slow ones."""
    per: dict[tuple[str, int], list[float]] = {}
    totals: list[float] = []
    x_report(station, day.day)  # the station's cached store and terminal, read once
    for _ in range(rounds):
        with _statement_times(station) as times:
            started = time.perf_counter()
            x_report(station, day.day)
            totals.append((time.perf_counter() - started) * 1000)
        seen: dict[str, int] = {}
        for statement, ms in times:
            seen[statement] = seen.get(statement, 0) + 1
            per.setdefault((statement, seen[statement]), []).append(ms)
    medians = {index: statistics.median(ms) for index, ms in per.items()}
    in_sql = sum(medians.values())
    total = statistics.median(totals)
    print(
        f"\nposapp's statements ({len(medians)}), median ms over {rounds} rounds "
        f"(statements {in_sql:.1f} of {total:.1f} ms; the rest is Python):"
    )
    for index, ms in sorted(medians.items(), key=lambda kv: -kv[1]):
        print(f"{ms:>9.2f}  {_label(index[0])}")
    print("\nSQLite's plans of the statements above 5 % of the total:")
    for index, ms in sorted(medians.items(), key=lambda kv: -kv[1]):
        if ms < 0.05 * total:
            break
        print(f"-- {ms:.2f} ms: {_label(index[0])}")
        params = _explain_params(index[0], day)
        for row in connection.execute(f"EXPLAIN QUERY PLAN {index[0]}", params):
            print(f"     {row[3]}")


def _explain_params(statement: str, day: Day) -> list[Any]:
    """Positional parameters good enough for EXPLAIN QUERY PLAN (the plan, not the rows)."""
    return [day.start] * statement.count("?")


def measure(path: Path, day: Day, rounds: int, seed: int, warmup: int = 2) -> tuple[float, float]:
    """Median ms of posapp's X report and of the baseline, sides shuffled each round."""
    rng = random.Random(seed)
    station = open_station(path, clock=_now)
    try:
        with _raw(path) as connection:
            ours: list[float] = []
            theirs: list[float] = []
            sides: list[tuple[list[float], Callable[[], object]]] = [
                (ours, lambda: x_report(station, day.day)),
                (theirs, lambda: baseline(connection, day)),
            ]
            for number in range(warmup + rounds):
                rng.shuffle(sides)
                for times, run in sides:
                    elapsed = _timed(run)
                    if number >= warmup:
                        times.append(elapsed)
            return statistics.median(ours), statistics.median(theirs)
    finally:
        station.close()


MISSING_INDEXES = (
    ("voucher", "issued_at"),
    ("voucher", "redeemed_at"),
    ("customer", "created_at"),
)
"""Columns the report filters a day on that no index serves (each a full table scan)."""


@contextmanager
def missing_indexes(path: Path) -> Iterator[list[str]]:
    """The indexes of MISSING_INDEXES, created in the cached file for the block, dropped after."""
    ddl = [f"CREATE INDEX bench_ix_{t}_{c} ON {t} ({c})" for t, c in MISSING_INDEXES]
    with _raw(path) as connection:
        for table, column in MISSING_INDEXES:
            connection.execute(f"DROP INDEX IF EXISTS bench_ix_{table}_{column}")
        for statement in ddl:
            connection.execute(statement)
        for table, column in MISSING_INDEXES:
            connection.execute(f"ANALYZE bench_ix_{table}_{column}")
    try:
        yield ddl
    finally:
        with _raw(path) as connection:
            for table, column in MISSING_INDEXES:
                connection.execute(f"DROP INDEX IF EXISTS bench_ix_{table}_{column}")


def check(path: Path, day: Day) -> Figures:
    """Both sides' figures, which must agree; posapp's are returned."""
    station = open_station(path, clock=_now)
    try:
        with _raw(path) as connection:
            ours = posapp_figures(x_report(station, day.day))
            theirs = baseline(connection, day)
    finally:
        station.close()
    differences = compare(ours, theirs)
    if differences:
        raise SystemExit("the two sides disagree:\n  " + "\n  ".join(differences))
    return ours


def _money(centavos: int) -> str:
    return f"R$ {centavos / 100:,.2f}"


def show(figures: Figures) -> None:
    print(
        f"\nthe day's figures (both sides agree): {figures['sales_count']:,} sales, "
        f"gross {_money(figures['gross'])}, discounts {_money(figures['discounts'])}, "
        f"refunds {figures['refunds_count']} {_money(figures['refunds'])}, "
        f"voids {figures['voids_count']} {_money(figures['voids'])}, "
        f"net {_money(figures['net'])}"
    )
    print("  tenders: " + ", ".join(f"{t} {n} {_money(a)}" for t, n, a in figures["payments"]))
    print("  categories: " + ", ".join(f"{c} {_money(a)}" for c, _, a in figures["categories"]))
    print(
        "  professionals: " + ", ".join(f"{p} {_money(a)}" for p, _, a in figures["professionals"])
    )
    print(
        f"  cashback earned {_money(figures['cashback_earned'])}, "
        f"spent {_money(figures['cashback_spent'])}, "
        f"reversed {_money(figures['cashback_reversed'])}, "
        f"expired {_money(figures['cashback_expired'])}, "
        f"referral {_money(figures['referral_bonus'])}; vouchers issued "
        f"{figures['vouchers_issued'][1]}, redeemed {figures['vouchers_redeemed'][1]}, "
        f"open {figures['vouchers_open'][1]}; liability {_money(figures['liability_cashback'])}"
    )
    cash = figures["cash"]
    print(
        f"  enrolled {figures['customers_enrolled']} ({figures['referrals']} referred); "
        f"drawer: {cash['shifts']} shifts, expected {_money(cash['expected'])}, "
        f"counted {_money(cash['counted'] or 0)}"
    )


def profile(path: Path, day: Day, rounds: int) -> None:
    station = open_station(path, clock=_now)
    profiler = cProfile.Profile()
    try:
        for _ in range(rounds):
            profiler.runcall(x_report, station, day.day)
    finally:
        station.close()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=DESCRIPTION)
    parser.add_argument("--days", type=int, default=400)
    parser.add_argument("--per-day", type=int, default=5_000)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="cProfile posapp's X report")
    args = parser.parse_args(argv)

    path = database(Sizes(args.days, args.per_day, args.customers))
    warm(path)
    day = measured_day(path)
    if args.profile:
        profile(path, day, args.rounds)
        return
    with _raw(path) as connection:  # left over by an interrupted run
        for table, column in MISSING_INDEXES:
            connection.execute(f"DROP INDEX IF EXISTS bench_ix_{table}_{column}")
    show(check(path, day))
    ours, theirs = measure(path, day, args.rounds, args.seed)
    print(f"\n{args.rounds} rounds after 2 warm-up rounds; seed {args.seed}")
    print(f"{'side':<56}{'median ms':>11}{'ratio':>8}")
    print(f"{'posapp x_report (the Z figures, no writes)':<56}{ours:>11.2f}{ours / theirs:>8.2f}")
    print(f"{'sqlite3, one aggregate statement':<56}{theirs:>11.2f}{1:>8.2f}")
    station = open_station(path, clock=_now)
    try:
        with _raw(path) as connection:
            breakdown(station, connection, day, max(3, args.rounds // 3))
    finally:
        station.close()

    with missing_indexes(path) as ddl:
        print("\nwith the missing indexes (created for this measurement, dropped after):")
        for statement in ddl:
            print(f"  {statement}")
        check(path, day)
        ours, theirs = measure(path, day, args.rounds, args.seed)
        print(f"{'posapp x_report, with the indexes':<56}{ours:>11.2f}{ours / theirs:>8.2f}")
        print(f"{'sqlite3, one aggregate statement, with the indexes':<56}{theirs:>11.2f}{1:>8.2f}")
        station = open_station(path, clock=_now)
        try:
            with _raw(path) as connection:
                breakdown(station, connection, day, max(3, args.rounds // 3))
        finally:
            station.close()


if __name__ == "__main__":
    main()
