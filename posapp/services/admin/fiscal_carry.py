"""The NFC-e and NFS-e carried from a replaced database into the restored one.

An older copy restored on the counter knows nothing of the NFC-e issued after it was
taken: their XML (the store's 5-year fiscal archive) would stay only in the file set
aside, and each series would number from where the copy stood, so the next notes would
take numbers SEFAZ has already authorised (rejection 539, and the number can neither be
sent again nor voided). After a restore, every note the replaced file holds and the
restored one does not is copied over (tied to its sale when the restored file has that
sale, by its uuid; else kept by its old `sale_ref` marked `sem-venda:`), and each series
goes on from the higher of the two numbers.

The NFS-e the same way, as far as the schema lets: a DPS can only be kept for a sale the
restored file has (`nfse_note.sale_id` is required), so the DPS of sales lost with the
restore stay in the set-aside file alone; but each series' highest number is remembered
(`NFSE_NUMBERED`), so no DPS number is used twice (the national environment refuses it,
E0014).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from posapp.services.nfse.storage import NFSE_NUMBERED

LOST = "sem-venda:"
"""Put before the `sale_ref` of a note whose sale the restored file does not have: the
sale's number will be given to the next sale rung up, which must not find this note."""


_SALE_HERE = (
    "(SELECT s.id FROM main.sale s JOIN replaced.sale r ON r.uuid = s.uuid WHERE r.id = p.sale_id)"
)
"""The restored file's id of a replaced file's note's sale (`p`), matched by uuid; NULL
when the restored file does not have that sale."""


def carry_fiscal(database: Path, replaced: Path) -> dict[str, int]:
    """Copy what `replaced` knows of the NFC-e and NFS-e over into `database`, in one
    transaction; how many notes of each came over. Both files at the same schema (the
    restored one migrated)."""
    connection = sqlite3.connect(database, isolation_level=None, timeout=10)
    try:
        connection.execute("ATTACH DATABASE ? AS replaced", (str(replaced),))
        connection.execute("BEGIN IMMEDIATE")
        carried = {"nfce": _carry_nfce(connection), "nfse": _carry_nfse(connection)}
        connection.execute("COMMIT")
        return carried
    finally:
        connection.close()


def _columns(connection: sqlite3.Connection, table: str, mapped: dict[str, str]) -> tuple[str, str]:
    """The table's columns but a row id (the restored file gives its own) and what to
    select from the replaced file for each: the column itself, or its `mapped` SQL."""
    names = [row[1] for row in connection.execute(f"PRAGMA main.table_info({table})")]
    names = [name for name in names if name != "id"]
    return ", ".join(names), ", ".join(mapped.get(name, f"p.{name}") for name in names)


def _carry_nfce(connection: sqlite3.Connection) -> int:
    columns, taken = _columns(
        connection,
        "nfce_note",
        {
            "sale_id": _SALE_HERE,
            "sale_ref": f"CASE WHEN {_SALE_HERE} IS NULL THEN '{LOST}' || p.sale_ref "
            "ELSE p.sale_ref END",
        },
    )
    carried = connection.execute(
        f"INSERT INTO main.nfce_note ({columns}) SELECT {taken} FROM replaced.nfce_note p "
        "WHERE NOT EXISTS (SELECT 1 FROM main.nfce_note n "
        "WHERE n.series = p.series AND n.number = p.number)"
    ).rowcount
    connection.execute(
        "INSERT INTO main.nfce_series (series, next_number, first_number) "
        "SELECT series, next_number, first_number FROM replaced.nfce_series WHERE true "
        "ON CONFLICT(series) DO UPDATE SET "
        "next_number = max(nfce_series.next_number, excluded.next_number)"
    )
    return carried


def _carry_nfse(connection: sqlite3.Connection) -> int:
    columns, taken = _columns(connection, "nfse_note", {"sale_id": _SALE_HERE})
    carried = connection.execute(
        f"INSERT INTO main.nfse_note ({columns}) SELECT {taken} FROM replaced.nfse_note p "
        f"WHERE {_SALE_HERE} IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM main.nfse_note n WHERE n.dps_id = p.dps_id) ORDER BY p.id"
    ).rowcount
    connection.execute(
        "INSERT INTO main.setting (key, value) "
        f"SELECT '{NFSE_NUMBERED}' || series, max(number) FROM replaced.nfse_note "
        "GROUP BY series ON CONFLICT(key) DO UPDATE SET "
        "value = max(CAST(setting.value AS INTEGER), CAST(excluded.value AS INTEGER))"
    )
    return carried
