"""This terminal's ledger secret: the key of the entries' MAC, kept outside the database.

The hash chain alone can be recomputed by anyone holding the SQLite file: edit an
amount, re-chain, patch the balances. The MAC of each entry is keyed with a secret
that lives beside this computer's settings (`machine_settings.config_dir()`, which
`POSAPP_CONFIG_DIR` moves), one file per terminal uuid, readable by the OS user only
(0600), so a copy of the database alone cannot be re-chained.

The file is made the first time the terminal writes an entry on this computer. A
database moved to another computer (a restore on a new PC) gets a new secret there;
its earlier entries carry the old key's id and `db verify` says it cannot check them
here (it does not call them tampered with).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from posapp.services.machine.settings import config_dir

FORMAT = "posapp.ledger-key/1"
FOLDER = "ledger-keys"

_lock = threading.Lock()
_cache: dict[Path, LedgerKey] = {}


@dataclass(frozen=True, slots=True)
class LedgerKey:
    secret: bytes
    key_id: str
    """The first 16 hex digits of SHA-256(secret): stored with each entry, never the secret."""
    created_at: datetime
    path: Path


def key_id(secret: bytes) -> str:
    return hashlib.sha256(secret).hexdigest()[:16]


def key_path(terminal_uuid: str) -> Path:
    return config_dir() / FOLDER / f"{terminal_uuid}.json"


def existing_key(terminal_uuid: str) -> LedgerKey | None:
    """The terminal's secret on this computer, or None (none made here, or unreadable)."""
    path = key_path(terminal_uuid)
    with _lock:
        known = _cache.get(path)
        if known is not None:
            return known
        found = _read(path)
        if found is not None:
            _cache[path] = found
        return found


def terminal_key(terminal_uuid: str) -> LedgerKey:
    """The terminal's secret on this computer, made (0600) the first time it is asked."""
    found = existing_key(terminal_uuid)
    if found is not None:
        return found
    path = key_path(terminal_uuid)
    with _lock:
        found = _read(path)
        if found is None:
            found = _write(path, secrets.token_bytes(32), terminal_uuid)
        _cache[path] = found
        return found


def _read(path: Path) -> LedgerKey | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        secret = bytes.fromhex(str(data["key"]))
        created = datetime.fromisoformat(str(data["created_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if len(secret) != 32:
        return None
    return LedgerKey(secret, key_id(secret), created, path)


def _write(path: Path, secret: bytes, terminal_uuid: str) -> LedgerKey:
    path.parent.mkdir(parents=True, exist_ok=True)
    created = datetime.now(UTC)
    body = json.dumps(
        {
            "format": FORMAT,
            "terminal": terminal_uuid,
            "key": secret.hex(),
            "created_at": created.isoformat(),
        }
    )
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        with contextlib.suppress(OSError):  # Windows keeps its own ACLs
            os.chmod(temporary, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)  # never over a key another process just made
        except FileExistsError:
            other = _read(path)
            if other is not None:
                return other
            os.replace(temporary, path)  # an unreadable file: nothing was keyed with it
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return LedgerKey(secret, key_id(secret), created, path)


def forget_cached_keys() -> None:
    """For tests that move the config folder or delete a key file."""
    with _lock:
        _cache.clear()
