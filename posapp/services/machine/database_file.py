"""The counter's database file when it cannot be used: empty, not SQLite, damaged,
read-only, or on a full disk. Each is a `DatabaseProblem` whose message says what is
wrong and what to do, naming the newest backup beside the file (`backups/`), in
pt_BR and English; the GUI shows it in a dialog, the CLI as one line.

A zero-byte file is never taken for a new store: SQLite would happily make one in it,
and the store's real data (lost by a crash, a bad copy, a sync tool) would be silently
replaced by an empty counter.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import ClassVar

from sqlalchemy import exc as sa_exc

from db.backup import backups_folder, backups_of
from posapp.core.errors import PosError

SQLITE_HEADER = b"SQLite format 3\x00"


def newest_backup(database: Path) -> Path | None:
    """This database's most recent backup (by the time in its name), if any."""
    found = [p for p in backups_of(database) if p.is_file() and p.stat().st_size > 0]
    return found[-1] if found else None


class DatabaseProblem(PosError):
    """The database file cannot be used; the message ends with how to restore a backup."""

    restorable: ClassVar[bool] = True

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = Path(path)
        self.backup = newest_backup(self.path) if self.restorable else None
        super().__init__(path=str(path), detail=detail)

    def message(self, locale: str = "pt_BR") -> str:
        text = super().message(locale)
        if not self.restorable:
            return text
        pt = locale.startswith("pt")
        if self.backup is None:
            folder = backups_folder(self.path)
            return text + (
                f" Nenhuma cópia de segurança em {folder}; procure a cópia externa da loja."
                if pt
                else f" No backup in {folder}; look for the store's outside copy."
            )
        return text + (
            f" Restaure a cópia mais recente, {self.backup} "
            f"(posapp db restore {self.backup} --db {self.path} --manager-pin PIN)."
            if pt
            else f" Restore the newest backup, {self.backup} "
            f"(posapp db restore {self.backup} --db {self.path} --manager-pin PIN)."
        )


class DatabaseEmpty(DatabaseProblem):
    code = "database_empty"
    pt_BR = (
        "O arquivo do banco {path} está vazio (0 bytes): os dados da loja se perderam "
        "e ele não será usado como uma loja nova."
    )
    en = (
        "The database file {path} is empty (0 bytes): the store's data was lost and it "
        "will not be used as a new store."
    )


class DatabaseNotSqlite(DatabaseProblem):
    code = "database_not_sqlite"
    pt_BR = "O arquivo {path} não é um banco de dados do posapp (danificado ou de outro tipo)."
    en = "The file {path} is not a posapp database (damaged, or another kind of file)."


class DatabaseDamaged(DatabaseProblem):
    code = "database_damaged"
    pt_BR = "O banco de dados {path} está danificado ({detail})."
    en = "The database {path} is damaged ({detail})."


class DatabaseReadOnly(DatabaseProblem):
    code = "database_read_only"
    restorable = False
    pt_BR = (
        "O banco de dados {path} está somente leitura: o caixa não pode gravar vendas. "
        "Dê permissão de escrita ao arquivo e à sua pasta (ou mova-o para uma pasta do "
        "usuário) e abra de novo."
    )
    en = (
        "The database {path} is read-only: the counter cannot record sales. Give write "
        "permission to the file and its folder (or move it to a folder of yours) and open "
        "it again."
    )


class DiskFull(DatabaseProblem):
    code = "disk_full"
    restorable = False
    pt_BR = (
        "O disco do banco {path} está cheio: nada foi gravado. Libere espaço no disco e "
        "tente de novo."
    )
    en = (
        "The disk of the database {path} is full: nothing was written. Free some space "
        "and try again."
    )


def check_before_opening(path: Path) -> None:
    """Refuse a file that exists but is empty or not SQLite (a missing file is a new store)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as error:
        raise DatabaseDamaged(path, str(error)) from None
    if size == 0:
        raise DatabaseEmpty(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise DatabaseReadOnly(path) from None
    if head != SQLITE_HEADER:
        raise DatabaseNotSqlite(path)


def classify(error: BaseException, path: Path) -> DatabaseProblem | None:
    """The `DatabaseProblem` an SQLite error means, or None for any other error."""
    cause = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if not isinstance(cause, sqlite3.Error):
        return None
    text = str(cause).lower()
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(path)
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull(path)
    if "not a database" in text or "file is not a database" in text:
        return DatabaseNotSqlite(path)
    if "malformed" in text or "corrupt" in text or "disk i/o error" in text:
        return DatabaseDamaged(path, str(cause))
    if isinstance(cause, sqlite3.DatabaseError) and not isinstance(cause, sqlite3.OperationalError):
        return DatabaseDamaged(path, str(cause))
    return None


class StorageFailed(PosError):
    """A database error nobody could foresee, told as a sentence (details in the log)."""

    code = "storage_failed"
    pt_BR = (
        "O banco de dados não aceitou a gravação; nada desta operação foi registrado. "
        "Tente de novo; se continuar, avise o suporte (os detalhes estão no arquivo de log)."
    )
    en = (
        "The database did not accept the write; nothing of this operation was recorded. "
        "Try again; if it goes on, tell support (the details are in the log file)."
    )
