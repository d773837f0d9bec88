"""This computer's devices, kept beside the OS user's config, never in the store's database.

The printer, its paper and model, the drawer pin and the scanner belong to the
machine the counter runs on: a backup restored on a new PC, or a database
copied to a second counter, must not bring the old PC's USB printer with it.
So they live in `machine.json` in the OS user's config folder
(`platformdirs.user_config_path("posapp")`; `POSAPP_CONFIG_DIR` moves it, which
the tests do). There is one file per OS user, whatever database `--db` opens:
the devices are the same whichever database this computer runs on.

The file is written whole to a temporary file in the same folder and put in
place with `os.replace`, so a crash leaves the old file or the new one, never
half of one. A file that cannot be read (broken JSON, a value of the wrong
type) gives the defaults for what is unreadable plus a `MachineConfigProblem`
saying so, never a crash; the next save writes a sound file again, keeping the
unreadable one beside it as `machine.json.corrupt`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from posapp.core.errors import PosError
from posapp.services.machine.file_replace import replace_file

ENV = "POSAPP_CONFIG_DIR"
FILE_NAME = "machine.json"
FORMAT = "posapp.machine/1"

DEVICE_DEFAULTS: dict[str, str | int] = {
    "printer_uri": "virtual://",
    "paper_mm": 80,
    "printer_profile": "default",
    "drawer_pin": 2,
    "scanner_prefix": "",
    "scanner_suffix": "Enter",
    "scanner_max_gap_ms": 50,
    "scanner_uri": "",  # "": a keyboard (wedge) scanner; else serial://COM3?baudrate=9600
}
"""The machine's part of `CounterSettings`, with its defaults (the same as the dataclass's)."""
DEVICE_KEYS = frozenset(DEVICE_DEFAULTS)

log = logging.getLogger(__name__)


class MachineConfigProblem(PosError):
    code = "machine_config_unreadable"
    pt_BR = (
        "As configurações deste computador em {path} não puderam ser lidas ({detail}); "
        "usando impressora e leitor padrão. Configure-os de novo em Gerência."
    )
    en = (
        "This computer's settings in {path} could not be read ({detail}); "
        "using the default printer and scanner. Set them again in Management."
    )


def config_dir() -> Path:
    """The folder of this OS user's posapp config: `POSAPP_CONFIG_DIR`, else platformdirs'."""
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    return platformdirs.user_config_path("posapp", appauthor=False)


def config_file() -> Path:
    return config_dir() / FILE_NAME


@dataclass(frozen=True, slots=True)
class MachineConfig:
    """What was read: the device values found (only sound ones) and any problem met."""

    devices: dict[str, str | int]
    exists: bool
    problem: MachineConfigProblem | None = None


def read_machine_config(path: Path | None = None) -> MachineConfig:
    """The device values in the file; never raises (a problem is returned and logged)."""
    path = path or config_file()
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return MachineConfig({}, exists=False)
    except (OSError, UnicodeDecodeError) as error:
        return _problem(path, str(error))
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        return _problem(path, f"JSON: {error.msg}, {error.lineno}:{error.colno}")
    if not isinstance(document, dict) or not isinstance(document.get("devices"), dict):
        return _problem(path, "sem a seção 'devices'")
    devices: dict[str, str | int] = {}
    wrong: list[str] = []
    for key, value in document["devices"].items():
        if key not in DEVICE_KEYS:
            continue  # a newer posapp's key: not ours to judge
        if type(value) is type(DEVICE_DEFAULTS[key]):  # bool is not an int here
            devices[key] = value
        else:
            wrong.append(key)
    if wrong:
        found = _problem(path, "valor inválido em " + ", ".join(sorted(wrong)))
        return MachineConfig(devices, exists=True, problem=found.problem)
    return MachineConfig(devices, exists=True)


def _problem(path: Path, detail: str) -> MachineConfig:
    problem = MachineConfigProblem(path=path, detail=detail)
    log.warning("%s", problem.message("pt_BR"))
    return MachineConfig({}, exists=True, problem=problem)


def write_machine_config(devices: dict[str, Any], path: Path | None = None) -> Path:
    """Write the device values (unknown keys dropped) atomically; an unreadable file is kept."""
    path = path or config_file()
    clean = {key: devices[key] for key in DEVICE_DEFAULTS if key in devices}
    path.parent.mkdir(parents=True, exist_ok=True)
    if read_machine_config(path).problem is not None:
        with contextlib.suppress(OSError):
            os.replace(path, path.with_name(path.name + ".corrupt"))
    text = json.dumps({"format": FORMAT, "devices": clean}, ensure_ascii=False, indent=2) + "\n"
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(Path(name), path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return path
