"""Customer look-up at 1 000 000 customers: posapp's search against the raw query.

    .venv/bin/python -m bench.lookup [--customers 1000000] [--entries 5000000] [--rounds 200]

Four questions a cashier types, each answered by `customers.registry.search`
(what the sale screen's picker runs) and by `posapp.ui.customer_table.find_customers`
(what the Clientes screen runs: the same search plus each row's balance replayed
for "a liberar" and "vence em 30 dias"):

- CPF: a whole CPF, with its dots and dash;
- phone: a whole mobile number, "(11) 9xxxx-xxxx";
- name: a first name and a surname ("Maria Souza");
- fragment: "ma" (matches about a third of the customers).

The baseline is sqlite3 on the same file asking the least that gives the same
kind of answer: the customer and its balance row by the unique index for CPF
and phone; for a name, the first 20 full-text matches (`customer_fts MATCH`, no
ranking) joined to the customer and the balance.

The database is bench.checkout's (cached under POSAPP_BENCH_DATA or
bench/data/). Its generated names ("Cliente 17 da Silva") and phones are
rewritten once into varied Brazilian names and E.164 mobiles, with the
full-text index rebuilt (about a minute at 1 000 000). Sides shuffled each
round, medians; the ratio is posapp's search over the baseline. Each side reads through
its own connection (the screen's search on a station of its own), so no side finds its
pages in a cache another side filled: before, the screen's run of the same question
left the answer in the search's page cache half the time, and its balance replays
pushed the indexes out of it the other half.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sized
from functools import partial
from pathlib import Path
from typing import Any

from bench import checkout as data
from db.schema_sql import create_sql_objects, drop_sql_objects
from posapp.core.cpf import format_cpf
from posapp.services.common.station import open_station
from posapp.services.customers import registry

NAMES_MARKER = "bench.lookup.names"
FIRST = [
    "Maria",
    "Ana",
    "Francisca",
    "Antônia",
    "Adriana",
    "Juliana",
    "Márcia",
    "Fernanda",
    "Patrícia",
    "Aline",
    "José",
    "João",
    "Antônio",
    "Francisco",
    "Carlos",
    "Paulo",
    "Pedro",
    "Lucas",
    "Luiz",
    "Marcos",
    "Gabriel",
    "Rafael",
    "Daniel",
    "Marcelo",
    "Bruno",
    "Eduardo",
    "Felipe",
    "Raimundo",
    "Rodrigo",
    "Manoel",
    "Mariana",
    "Beatriz",
    "Larissa",
    "Camila",
    "Letícia",
    "Amanda",
    "Bruna",
    "Vitória",
    "Jéssica",
    "Sandra",
]
LAST = [
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Rodrigues",
    "Ferreira",
    "Alves",
    "Pereira",
    "Lima",
    "Gomes",
    "Costa",
    "Ribeiro",
    "Martins",
    "Carvalho",
    "Almeida",
    "Lopes",
    "Soares",
    "Fernandes",
    "Vieira",
    "Barbosa",
    "Rocha",
    "Dias",
    "Nascimento",
    "Andrade",
    "Moreira",
    "Nunes",
    "Marques",
    "Machado",
    "Mendes",
    "Freitas",
    "Cardoso",
    "Ramos",
    "Gonçalves",
    "Santana",
    "Teixeira",
    "Araújo",
    "Pinto",
    "Moura",
    "Cavalcanti",
    "Prado",
]
SUMMARY = (
    "SELECT c.id, c.uuid, c.name, c.cpf, c.phone, c.referral_code, coalesce(b.units, 0) "
    "FROM {source} LEFT JOIN customer_balance AS b ON b.customer_id = c.id "
)
RAW = {
    "cpf": SUMMARY.format(source="customer AS c") + "WHERE c.cpf = ?",
    "phone": SUMMARY.format(source="customer AS c") + "WHERE c.phone = ?",
    "name": SUMMARY.format(
        source="(SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH ? LIMIT 20) AS f "
        "JOIN customer AS c ON c.id = f.id"
    ),
}


def _fetch_all(raw: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[Any]:
    return raw.execute(sql, params).fetchall()


def _name(i: int) -> str:
    first = FIRST[i % len(FIRST)]
    middle = LAST[(i // len(FIRST)) % len(LAST)]
    last = LAST[(i // (len(FIRST) * len(LAST)) + i) % len(LAST)]
    return f"{first} {middle} {last}"


def realistic_names(path: Path) -> None:
    """Varied names and E.164 mobiles, once per database; the name index rebuilt."""
    with data._raw(path) as connection:
        if connection.execute("SELECT 1 FROM setting WHERE key = ?", (NAMES_MARKER,)).fetchone():
            return
        print("rewriting names and phones ...", flush=True)
        started = time.perf_counter()
        connection.create_function("bench_name", 1, _name, deterministic=True)
        connection.execute("BEGIN IMMEDIATE")
        drop_sql_objects(connection.execute)
        connection.execute(
            "UPDATE customer SET name = bench_name(id), phone = printf('+55119%08d', id)"
        )
        create_sql_objects(connection.execute)
        connection.execute("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")
        connection.execute("INSERT INTO setting (key, value) VALUES (?, '1')", (NAMES_MARKER,))
        connection.execute("COMMIT")
        data._log("  names, phones and the name index", started)


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lookup", description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=5_000_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    bench = data.database(args.customers, args.entries)
    realistic_names(bench.path)
    data.warm(bench.path)
    rng = random.Random(args.seed)

    from posapp.ui.customer_table import find_customers  # Qt's core only, no window

    station = open_station(bench.path, clock=data.BenchClock(bench.now))
    screen_station = open_station(bench.path, clock=data.BenchClock(bench.now))
    raw = sqlite3.connect(bench.path, isolation_level=None)
    try:

        def questions() -> dict[str, tuple[str, str, tuple[object, ...]]]:
            """kind -> (what posapp is given, raw statement, its parameters)."""
            i = rng.randint(1, args.customers)
            cpf, digits = data._cpf(i), f"{i:08d}"
            first, middle, _last = _name(rng.randint(1, args.customers)).split()
            return {
                "cpf": (format_cpf(cpf), RAW["cpf"], (cpf,)),
                "phone": (f"(11) 9{digits[:4]}-{digits[4:]}", RAW["phone"], (f"+55119{digits}",)),
                "name": (f"{first} {middle}", RAW["name"], (f'"{first}"* "{middle}"*',)),
                "fragment": ("ma", RAW["name"], ('"ma"*',)),
            }

        kinds = ("cpf", "phone", "name", "fragment")
        ours: dict[str, list[float]] = {k: [] for k in kinds}
        screen: dict[str, list[float]] = {k: [] for k in kinds}
        base: dict[str, list[float]] = {k: [] for k in kinds}
        for round_ in range(args.rounds + 5):
            for kind, (typed, sql, params) in questions().items():
                answers: dict[str, Callable[[], Sized]] = {
                    "ours": partial(registry.search, station, typed),
                    "screen": partial(find_customers, screen_station, typed),
                    "raw": partial(_fetch_all, raw, sql, params),
                }
                found: dict[str, int] = {}
                sides = [(ours, "ours"), (screen, "screen"), (base, "raw")]
                rng.shuffle(sides)
                for series, side in sides:
                    started = time.perf_counter()
                    found[side] = len(answers[side]())
                    if round_ >= 5:
                        series[kind].append(time.perf_counter() - started)
                if not found["ours"] or found["ours"] != found["screen"]:
                    sys.exit(
                        f"{kind} {typed!r}: found {found}, expected the same rows on both screens"
                    )
                if kind in ("cpf", "phone") and found["ours"] != found["raw"]:
                    sys.exit(f"{kind} {typed!r}: posapp and sqlite3 disagree: {found}")
    finally:
        raw.close()
        station.close()
        screen_station.close()
    print(f"{args.customers:,} customers, {args.entries:,} entries; {args.rounds} rounds, medians")
    print(f"{'question':<10} {'sqlite3 ms':>11} {'search ms':>10} {'screen ms':>10} {'ratio':>7}")
    ratios = []
    for kind in kinds:
        b, o, s = (_median_ms(x[kind]) for x in (base, ours, screen))
        ratios.append(o / b)
        print(f"{kind:<10} {b:11.3f} {o:10.3f} {s:10.3f} {o / b:7.2f}")
    print(f"ratio search/sqlite3 (worst of the four, target <= 1.5): {max(ratios):.2f}")


if __name__ == "__main__":
    main()
