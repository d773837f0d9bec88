"""posapp's files on a Windows counter: where they live, and a restore done the Windows way.

platformdirs runs its own Windows implementation here (`platformdirs.windows.Windows`,
folders from LOCALAPPDATA / APPDATA as on a Windows profile without the shell API),
over real folders of a user "João Conceição" whose AppData is redirected to a long,
accented folder (the database path is over 260 characters). The CLI then creates,
backs up and restores a store there with real SQLite files.

Windows' file rules are played by a small fake at the edge: a file cannot be
replaced while any handle to it is open (checked against this process's open
descriptors), fsync needs a handle open for writing, and the antivirus holding a
new file answers PermissionError with winerror 32 (ERROR_SHARING_VIOLATION).
"""

from __future__ import annotations

import ntpath
import os
import sys
import types
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest

from db.backup import backup_path
from posapp import cli
from posapp.services.machine import file_replace
from posapp.services.machine import settings as machine_settings
from tests.support import MANAGER_PIN, open_shop

ON_WINDOWS = sys.platform == "win32"
USER = "João Conceição"
LONG_FOLDER = "Salão Beleza & Estética Conceição - Documentos Compartilhados da Loja"


def _as_windows(monkeypatch: pytest.MonkeyPatch, local: str, roaming: str) -> None:
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setenv("APPDATA", roaming)
    monkeypatch.delenv("POSAPP_CONFIG_DIR", raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    from_env = platformdirs.windows.get_win_folder_from_env_vars
    monkeypatch.setattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER", from_env)


@pytest.fixture
def local_appdata(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real, long, accented LOCALAPPDATA (redirected AppData) for a Windows user."""
    profile = tmp_path / "C" / "Users" / USER
    local = profile / LONG_FOLDER / LONG_FOLDER / LONG_FOLDER / "AppData" / "Local"
    local.mkdir(parents=True)
    _as_windows(monkeypatch, str(local), str(profile / "AppData" / "Roaming"))
    return local


def test_posapp_paths_are_in_the_users_local_appdata(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows' own path rules (ntpath) inside platformdirs: the paths as Windows writes them.
    monkeypatch.setattr(
        platformdirs.windows, "os", types.SimpleNamespace(path=ntpath, environ=os.environ, sep="\\")
    )
    _as_windows(
        monkeypatch, f"C:\\Users\\{USER}\\AppData\\Local", f"C:\\Users\\{USER}\\AppData\\Roaming"
    )
    root = PureWindowsPath(f"C:\\Users\\{USER}\\AppData\\Local\\posapp")
    database = cli.default_db_path()
    assert PureWindowsPath(str(database)) == root / "posapp.sqlite"
    assert PureWindowsPath(str(machine_settings.config_file())) == root / "machine.json"
    daily = backup_path(database, "daily", datetime(2026, 12, 6, 3, 0, tzinfo=UTC))
    assert PureWindowsPath(str(daily.parent)) == root / "backups"
    assert "Roaming" not in str(database)  # the database never follows a roaming profile


def test_a_store_is_kept_backed_up_and_restored_under_a_long_accented_profile(
    local_appdata: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = cli.default_db_path()
    assert database == local_appdata / "posapp" / "posapp.sqlite"
    assert len(str(database)) > 260  # past Windows' old MAX_PATH
    shop = open_shop(database, "salon")
    maria = shop.enrol("Maria Conceição", cpf="529.982.247-25")
    shop.sell("corte", customer=maria, cash=8_000)
    assert cli.main(["db", "backup"]) == 0
    (copy,) = (local_appdata / "posapp" / "backups").glob("posapp-*.sqlite")
    shop.sell("shampoo", cash=3_000)  # a sale made after the copy
    shop.station.close()
    capsys.readouterr()
    assert cli.main(["db", "restore", str(copy), "--manager-pin", MANAGER_PIN]) == 0
    assert "1 vendas" in capsys.readouterr().out
    assert cli.main(["db", "verify"]) == 0
    saved = machine_settings.write_machine_config({"printer_uri": "win32://ELGIN i9"})
    assert saved == local_appdata / "posapp" / "machine.json"
    assert machine_settings.read_machine_config(saved).devices["printer_uri"] == "win32://ELGIN i9"


WindowsRules = Callable[[int], None]


@pytest.fixture
def windows_file_rules(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], list[float]]:
    """Windows' rules for os.replace and fsync; `hold(n)`: the antivirus holds n tries."""
    waits: list[float] = []
    held = {"tries": 0}
    real_replace, real_fsync = os.replace, os.fsync

    def open_handles(path: Path) -> list[str]:
        target = os.path.realpath(path)
        fds = Path("/proc/self/fd")
        found = []
        for fd in fds.iterdir():
            with_link = os.path.realpath(fd) if fd.is_symlink() else ""
            if with_link == target:
                found.append(fd.name)
        return found

    def replace(source: str | Path, target: str | Path) -> None:
        for path in (Path(source), Path(target)):
            if path.exists() and not ON_WINDOWS:  # on Windows the OS itself refuses
                assert open_handles(path) == [], f"{path} is still open: Windows refuses"
        if held["tries"] > 0:
            held["tries"] -= 1
            error = PermissionError(13, "O arquivo já está sendo usado por outro processo")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real_replace(source, target)

    def fsync(fd: int) -> None:
        import fcntl  # Linux only: there, the Windows rule is played

        mode = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
        if mode == os.O_RDONLY:
            raise OSError(9, "Bad file descriptor")  # what _commit() answers on Windows
        real_fsync(fd)

    monkeypatch.setattr(file_replace.os, "replace", replace)
    if not ON_WINDOWS:
        monkeypatch.setattr("posapp.services.admin.backups.os.fsync", fsync)
    monkeypatch.setattr(file_replace, "_sleep", waits.append)

    def hold(tries: int) -> list[float]:
        held["tries"] = tries
        return waits

    return hold


@pytest.fixture
def shop_with_copy(tmp_path: Path) -> tuple[Path, Path]:
    database = tmp_path / USER / "posapp.sqlite"
    shop = open_shop(database, "salon")
    shop.sell("corte", cash=8_000)
    copy = tmp_path / "cópia.sqlite"
    assert cli.main(["db", "backup", "--db", str(database), "--out", str(copy)]) == 0
    shop.sell("shampoo", cash=3_000)
    shop.station.close()
    return database, copy


def test_restore_waits_for_the_antivirus_then_replaces(
    shop_with_copy: tuple[Path, Path],
    windows_file_rules: Callable[[int], list[float]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    database, copy = shop_with_copy
    waits = windows_file_rules(3)
    code = cli.main(
        ["db", "restore", str(copy), "--db", str(database), "--manager-pin", MANAGER_PIN]
    )
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "1 vendas" in out
    assert waits == [0.05, 0.1, 0.2]  # growing pauses, then the replacement went through
    assert [p.name for p in database.parent.iterdir() if p.suffix == ".restore"] == []


def test_restore_held_for_good_says_so_and_replaces_nothing(
    shop_with_copy: tuple[Path, Path],
    windows_file_rules: Callable[[int], list[float]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    database, copy = shop_with_copy
    before = database.read_bytes()
    waits = windows_file_rules(100)
    code = cli.main(
        ["db", "restore", str(copy), "--db", str(database), "--manager-pin", MANAGER_PIN]
    )
    _out, err = capsys.readouterr()
    assert code == 2
    assert err.strip() == (
        f"O arquivo {database} está em uso por outro programa (outra janela do posapp, o "
        "antivírus ou um programa de cópia de segurança). Feche o posapp em todas as janelas, "
        "espere um pouco e tente de novo; nada foi substituído."
    )
    assert len(waits) == len(file_replace.RETRY_DELAYS) and sum(waits) < 7
    assert database.read_bytes() == before
    assert [p.name for p in database.parent.iterdir() if ".restore" in p.name] == []
    assert cli.main(["db", "verify", "--db", str(database)]) == 0


def test_a_linux_permission_error_is_not_waited_for(tmp_path: Path) -> None:
    source, target = tmp_path / "novo", tmp_path / "alvo"
    source.write_text("x")
    waits: list[float] = []

    def refuse() -> None:
        raise PermissionError(13, "Permission denied")

    with pytest.raises(PermissionError):
        file_replace._retrying(refuse, target, (0.05,), waits.append)
    assert waits == []


def test_machine_settings_written_while_the_antivirus_scans_the_new_file(
    local_appdata: Path, windows_file_rules: Callable[[int], list[float]]
) -> None:
    waits = windows_file_rules(2)
    path = machine_settings.write_machine_config({"printer_uri": "serial://COM3?baudrate=9600"})
    assert machine_settings.read_machine_config(path).devices["printer_uri"] == (
        "serial://COM3?baudrate=9600"
    )
    assert waits == [0.05, 0.1]
    assert [p.name for p in path.parent.iterdir()] == ["machine.json"]
