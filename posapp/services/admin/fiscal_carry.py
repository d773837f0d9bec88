"""The NFC-e archive and numbering carried from a replaced database into the restored one.

An older copy restored on the counter knows nothing of the NFC-e issued after it was
taken: their XML (the store's 5-year fiscal archive) would stay only in the file set
aside, and each series would number from where the copy stood, so the next notes would
take numbers SEFAZ has already authorised (rejection 539, and the number can neither be
sent again nor voided). After a restore, every note the replaced file holds and the
restored one does not is copied over (tied to its sale when the restored file has that
sale, by its uuid; else kept by its old `sale_ref` marked `sem-venda:`), and each series
goes on from the higher of the two numbers.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

LOST = "sem-venda:"
"""Put before the `sale_ref` of a note whose sale the restored file does not have: the
sale's number will be given to the next sale rung up, which must not find this note."""


def carry_nfce(database: Path, replaced: Path) -> int:
    """Copy the NFC-e notes and series numbers `replaced` has over into `database`; the
    number of notes copied. Both files at the same schema (the restored one migrated)."""
    connection = sqlite3.connect(database, isolation_level=None, timeout=10)
    try:
        connection.execute("ATTACH DATABASE ? AS replaced", (str(replaced),))
        columns = [row[1] for row in connection.execute("PRAGMA main.table_info(nfce_note)")]
        kept = (
            "(SELECT s.id FROM main.sale s JOIN replaced.sale r ON r.uuid = s.uuid "
            "WHERE r.id = p.sale_id)"
        )
        mapped = {
            "sale_id": kept,
            "sale_ref": f"CASE WHEN {kept} IS NULL THEN '{LOST}' || p.sale_ref ELSE p.sale_ref END",
        }
        taken = ", ".join(mapped.get(column, f"p.{column}") for column in columns)
        connection.execute("BEGIN IMMEDIATE")
        carried = connection.execute(
            f"INSERT INTO main.nfce_note ({', '.join(columns)}) SELECT {taken} "
            "FROM replaced.nfce_note p WHERE NOT EXISTS (SELECT 1 FROM main.nfce_note n "
            "WHERE n.series = p.series AND n.number = p.number)"
        ).rowcount
        connection.execute(
            "INSERT INTO main.nfce_series (series, next_number, first_number) "
            "SELECT series, next_number, first_number FROM replaced.nfce_series WHERE true "
            "ON CONFLICT(series) DO UPDATE SET "
            "next_number = max(nfce_series.next_number, excluded.next_number)"
        )
        connection.execute("COMMIT")
        return carried
    finally:
        connection.close()
