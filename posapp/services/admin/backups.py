"""Backups of the counter's database, and restoring one.

A backup is taken with SQLite's online backup API (`db.backup`) into the
`backups` folder beside the database, named `<stem>-<UTC time>-<label>.sqlite`;
`db.migrate` writes its backup before every migration there too, with the same
name (`before-<revision>`), and so does a restore (`before-restore`). The daily
backup is taken once per local day (the settings' time zone); every one of those
backups older than `settings.backup_keep_days` is deleted, never the newest one.
The age of a backup is read from the time in its name (file times change when
files are copied), and only from its modification time for a file whose name
carries none; the clock is the station's, so a test can move it.

The app calls `run_daily` at start-up and every hour (off the GUI thread): it
never raises; a backup that fails (disk full, a folder it may not write) is
logged and audited with its reason and handed back as `BackupFailed`, in pt_BR
and en, for the screen to show. The counter goes on selling either way.

Restoring replaces the database with a backup, and nothing is replaced before:
the manager's PIN is checked against the current database; the file is checked
on a copy: SQLite's integrity check, an `alembic_version` this posapp knows
(at or below head), a store, then upgraded to head and `verify`'d with no
fault. The current database is backed up first, then the checked copy is
written to a temporary file in the same folder, synced, and put in place with
`os.replace`. The NFC-e the replaced database issued after the copy was taken are
carried into the restored one, and each series goes on after them, and the NFS-e as far
as the schema lets (`fiscal_carry`). The
restore is then written to the restored database's audit log.
Every handle of ours on both files is closed before the replacement (Windows
refuses to replace an open file); one still held by another process (the
antivirus, another posapp) is waited for a few seconds, then refused with
`FileInUse` and nothing replaced (posapp.services.machine.file_replace).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from db.backup import backup_database, backup_path, backup_time, backups_folder, backups_of
from db.migrate import alembic_config
from db.models import Sale, Staff
from posapp.core.errors import PosError
from posapp.services.admin.fiscal_carry import carry_fiscal
from posapp.services.admin.store_setup import is_set_up
from posapp.services.common import audit
from posapp.services.common.auth import StaffRef, authorize_manager
from posapp.services.common.counter_settings import load_settings
from posapp.services.common.station import Clock, Station, open_station, utc_now
from posapp.services.loyalty.verify import verify
from posapp.services.machine.database_file import DatabaseProblem
from posapp.services.machine.file_replace import remove_file, replace_file

log = logging.getLogger(__name__)


class BackupFileMissing(PosError):
    code = "backup_missing"
    pt_BR = "Arquivo de cópia de segurança não encontrado: {path}."
    en = "Backup file not found: {path}."


class NotAPosappDatabase(PosError):
    code = "backup_not_posapp"
    pt_BR = "O arquivo {path} não é um banco de dados do posapp; nada foi substituído."
    en = "The file {path} is not a posapp database; nothing was replaced."


class CorruptBackup(PosError):
    code = "backup_corrupt"
    pt_BR = "O arquivo {path} está danificado ({detail}); nada foi substituído."
    en = "The file {path} is damaged ({detail}); nothing was replaced."


class NewerBackup(PosError):
    code = "backup_newer"
    pt_BR = (
        "O arquivo {path} é de uma versão mais nova do posapp (revisão {revision}); "
        "atualize o programa antes de restaurá-lo. Nada foi substituído."
    )
    en = (
        "The file {path} comes from a newer posapp (revision {revision}); "
        "update the program before restoring it. Nothing was replaced."
    )


class UnsoundBackup(PosError):
    code = "backup_unsound"
    pt_BR = (
        "O arquivo {path} não passa na conferência do banco ({count} falha(s), a primeira: "
        "{first}); nada foi substituído."
    )
    en = (
        "The file {path} fails the database check ({count} fault(s), the first: {first}); "
        "nothing was replaced."
    )


class BackupFailed(PosError):
    code = "backup_failed"
    pt_BR = (
        "A cópia de segurança de hoje não foi feita: {reason_pt} (pasta {folder}). "
        "O caixa continua funcionando; resolva isso para não ficar sem cópia."
    )
    en = (
        "Today's backup was not made: {reason_en} (folder {folder}). "
        "The counter keeps working; fix this so as not to be left without a backup."
    )


@dataclass(frozen=True, slots=True)
class DailyRun:
    """What a daily run did: the backup made (None: today's existed), the old ones removed."""

    made: Path | None
    removed: list[Path]
    failure: BackupFailed | None = None


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    previous_saved_to: Path
    revision: str
    sales: int


# -- taking backups --------------------------------------------------------------------


def backup_now(station: Station, label: str = "manual") -> Path:
    """A consistent copy of the station's database, taken while it may be in use."""
    return backup_database(station.path, backup_path(station.path, label, station.now()))


def _local_day(station: Station) -> date:
    zone = ZoneInfo(load_settings(station).timezone)
    return station.now().astimezone(zone).date()


def daily_backup(station: Station) -> Path | None:
    """Today's backup (local day); None when today's was already taken. Then old ones go."""
    return _daily(station)[0]


def _daily(station: Station) -> tuple[Path | None, list[Path]]:
    label = f"daily-{_local_day(station).isoformat()}"
    folder = backups_folder(station.path)
    taken = sorted(folder.glob(f"{station.path.stem}-*-{label}.sqlite"))
    made = None if taken else backup_now(station, label)
    return made, prune_backups(station)


def run_daily(station: Station) -> DailyRun:
    """`daily_backup` for the running app: never raises; a failure is logged and audited."""
    try:
        made, removed = _daily(station)
    except (OSError, sqlite3.Error, SQLAlchemyError) as error:
        failure = BackupFailed(
            reason_pt=_reason(error, "pt_BR"),
            reason_en=_reason(error, "en"),
            folder=backups_folder(station.path),
        )
        log.error("%s [%s]", failure.message("pt_BR"), error)
        _audit_failure(station, failure, error)
        return DailyRun(None, [], failure)
    if made is not None or removed:
        log.info("cópia diária: %s; removidas: %d", made, len(removed))
    return DailyRun(made, removed)


def _reason(error: BaseException, locale: str) -> str:
    pt = locale.startswith("pt")
    text = str(error)
    number = error.errno if isinstance(error, OSError) else None
    if number == errno.ENOSPC or "disk is full" in text:
        return "o disco está cheio" if pt else "the disk is full"
    if number in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return "sem permissão para gravar" if pt else "no permission to write"
    if number in (errno.ENOTDIR, errno.EEXIST) or "unable to open" in text:
        what = "não foi possível criar o arquivo da cópia" if pt else "could not create the file"
        return f"{what} ({text})"
    return text


def _audit_failure(station: Station, failure: BackupFailed, error: BaseException) -> None:
    """Best effort: on a full disk the audit row may not fit either; the log has it then."""
    try:
        with station.write() as session:
            audit.record(
                session,
                at=station.now(),
                terminal_uuid=station.terminal(session).uuid,
                action="db.backup_failed",
                staff_id=None,
                target="backup:daily",
                reason=failure.message("pt_BR"),
                error=f"{type(error).__name__}: {error}",
            )
    except (SQLAlchemyError, LookupError, OSError) as audit_error:
        log.error("falha da cópia não registrada na auditoria: %s", audit_error)


def prune_backups(station: Station, keep_days: int | None = None) -> list[Path]:
    """Delete this database's backups older than `keep_days` (the settings'), never the newest."""
    days = load_settings(station).backup_keep_days if keep_days is None else keep_days
    return prune_folder(station.path, days, station.now())


def prune_folder(database: Path, keep_days: int, now: datetime) -> list[Path]:
    """Daily, manual, before-migration and before-restore backups alike, by the time they hold."""
    files = backups_of(database)
    limit = now - timedelta(days=keep_days)
    removed = []
    for file in files[:-1]:  # the newest is always kept
        if backup_time(file) < limit:
            file.unlink(missing_ok=True)
            removed.append(file)
    return removed


# -- checking a file -------------------------------------------------------------------


def check_file(file: Path, workdir: Path) -> Path:
    """A copy of `file` in `workdir`, checked and upgraded to head; PosError when unsound."""
    file = Path(file)
    if not file.is_file():
        raise BackupFileMissing(path=file)
    copy = workdir / "candidate.sqlite"
    shutil.copyfile(file, copy)
    for suffix in ("-wal",):  # a live database copied with its log
        log = file.with_name(file.name + suffix)
        if log.is_file():
            shutil.copyfile(log, copy.with_name(copy.name + suffix))
    _sound_revision(copy, file)
    station = open_station(copy)
    try:
        if not is_set_up(station):
            raise NotAPosappDatabase(path=file)
        faults = verify(station)
    finally:
        station.close()
    if faults:
        raise UnsoundBackup(path=file, count=len(faults), first=faults[0].message())
    return copy


def _sound_revision(copy: Path, shown: Path) -> str:
    """Integrity check and a known revision, on a read-only connection."""
    try:
        connection = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise CorruptBackup(path=shown, detail=str(error)) from None
    try:
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error):
                raise NotAPosappDatabase(path=shown) from None
            raise CorruptBackup(path=shown, detail=str(error)) from None
        if [tuple(row) for row in rows] != [("ok",)]:
            raise CorruptBackup(path=shown, detail=str(rows[0][0]))
        try:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.DatabaseError:
            raise NotAPosappDatabase(path=shown) from None
    finally:
        connection.close()
    if len(found) != 1:
        raise NotAPosappDatabase(path=shown)
    revision = str(found[0][0])
    from alembic.script import ScriptDirectory  # only here: Alembic is not loaded at start-up

    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    if revision not in known:
        raise NewerBackup(path=shown, revision=revision)
    return revision


# -- restoring -------------------------------------------------------------------------


def restore(
    station_path: Path, file: Path, manager_pin: str, *, clock: Clock = utc_now
) -> RestoreResult:
    """Replace the database at `station_path` with the backup `file` (see the module's notes)."""
    station_path, file = Path(station_path), Path(file)
    damaged = False
    try:
        station = open_station(station_path, clock)
    except DatabaseProblem:  # the damaged database cannot say who is a manager: the copy will
        damaged = True
    else:
        try:
            manager, manager_key = _authorized(station, manager_pin)
        finally:
            station.close()
    # A scanner holding the checked copy must not fail a restore already done.
    with tempfile.TemporaryDirectory(prefix="posapp-restore-", ignore_cleanup_errors=True) as work:
        checked = check_file(file, Path(work))
        if damaged:
            candidate = open_station(checked, clock)
            try:
                manager, manager_key = _authorized(candidate, manager_pin)
            finally:
                candidate.close()
            saved = backup_path(station_path, "damaged", clock())
            saved.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(station_path, saved)  # kept as it was, for whoever may salvage it
        else:
            saved = backup_database(
                station_path, backup_path(station_path, "before-restore", clock())
            )
        _replace(station_path, checked)
    station = open_station(station_path, clock)
    try:
        carried = _carry_fiscal(station_path, saved)
        with station.write() as session:
            restored_manager = session.scalars(
                select(Staff.id).where(Staff.uuid == manager_key)
            ).first()
            audit.record(
                session,
                at=station.now(),
                terminal_uuid=station.terminal(session).uuid,
                action="db.restore",
                staff_id=restored_manager,
                authorized_by_id=restored_manager,
                target=f"file:{file.name}"[:80],
                manager=manager.name,
                manager_uuid=manager_key,
                previous_saved_to=str(saved),
                restored_from=str(file),
                fiscal_carried=carried,
            )
            sales = int(session.scalar(select(func.count(Sale.id))) or 0)
        revision = station.migration.after if station.migration else ""
    finally:
        station.close()
    return RestoreResult(file, saved, revision, sales)


def _carry_fiscal(database: Path, replaced: Path) -> dict[str, int] | dict[str, str]:
    """The NFC-e and NFS-e the replaced file knows, carried over (`fiscal_carry`); a
    damaged file that cannot be read says why instead (kept aside for whoever salvages it)."""
    try:
        return carry_fiscal(database, replaced)
    except sqlite3.DatabaseError as error:
        log.warning("fiscal notes not carried over from %s: %s", replaced, error)
        return {"error": f"não lido: {error}"}


def _authorized(station: Station, manager_pin: str) -> tuple[StaffRef, str]:
    with station.read() as session:
        manager = authorize_manager(session, manager_pin, "restaurar cópia", station.now())
        staff = session.get(Staff, manager.id)
        assert staff is not None
        return manager, staff.uuid


def _replace(target: Path, source: Path) -> None:
    """Put a copy of `source` at `target` atomically; the old database's log goes with it."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".restore", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        temp.unlink()
        backup_database(source, temp)
        with open(temp, "r+b") as handle:  # Windows flushes only a handle open for writing
            os.fsync(handle.fileno())
        _checkpoint(target)
        replace_file(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm", "-journal"):
        remove_file(target.with_name(target.name + suffix))
    _fsync_folder(target.parent)


def _checkpoint(database: Path) -> None:
    """Fold the write-ahead log into the file, so a log left behind holds nothing."""
    if not database.exists():
        return
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError:
        pass  # a damaged database being replaced: nothing in it to fold
    finally:
        connection.close()


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # a folder cannot be opened for fsync on Windows; NTFS logs renames
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
