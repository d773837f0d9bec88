"""`posapp --self-test` from source: every check passes, and a failing one exits 1 by name."""

from __future__ import annotations

import io
import socket
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import posapp.app
from posapp.self_test import PRINTER_ENV, run_self_test
from tests.installer.support import CHECK_NAMES, DONE, assert_all_passed
from tests.installer.support import run_self_test as run_command


def _posapp() -> list[str]:
    """The installed `posapp` script beside this Python, else the module."""
    script = Path(sys.executable).with_name("posapp")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "posapp.cli"]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_self_test_from_source_passes_every_check(tmp_path: Path) -> None:
    done = run_command([*_posapp(), "--self-test"], cwd=tmp_path)
    lines = assert_all_passed(done)
    assert "código-fonte" in lines[0]
    text = done.stdout
    assert "Salão Autoteste" in text and "R$ 129,90" in text
    assert "plataforma offscreen" in text and "Venda → Sale" in text
    assert list(tmp_path.iterdir()) == []  # its database lived in a temporary folder


def test_unreachable_printer_fails_the_receipt_check(tmp_path: Path) -> None:
    uri = f"tcp://127.0.0.1:{_closed_port()}"
    done = run_command([*_posapp(), "--self-test"], cwd=tmp_path, **{PRINTER_ENV: uri})
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1].startswith(f"FALHOU recibo: não imprimiu em {uri}"), done.stdout
    before = CHECK_NAMES[: CHECK_NAMES.index("recibo")]
    assert [line.split(":")[0] for line in lines[1:-1]] == [f"ok {name}" for name in before]
    assert DONE not in done.stdout and "interface" not in done.stdout


def test_missing_translations_fail_the_interface_check(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process, with posapp_en.qm looked for in an empty folder."""
    monkeypatch.setattr(posapp.app, "TRANSLATIONS", tmp_path)
    out = io.StringIO()
    assert run_self_test(out) == 1
    last = out.getvalue().splitlines()[-1]
    assert last == f"FALHOU interface: tradução en não carregou de {tmp_path}"
