"""`posapp --self-test`'s Windows check: the spooler answers through pywin32 and the bundled
libusb-1.0.dll is found; run here over the fake spooler and a stand-in libusb_package."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from hardware.testing.fake_win32print import FakeSpooler, FakeWindowsPrinter, install_fake_spooler
from posapp.self_test import _Run, _windows
from posapp.self_test_failure import CheckFailed


def _libusb(monkeypatch: pytest.MonkeyPatch, backend: object) -> None:
    package = types.ModuleType("libusb_package")
    package.get_libusb1_backend = lambda: backend  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "libusb_package", package)
    monkeypatch.setattr(sys, "platform", "win32")


def test_the_windows_check_names_the_printers_and_the_dll(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _libusb(monkeypatch, object())
    spooler = FakeSpooler(FakeWindowsPrinter("ELGIN i9"), FakeWindowsPrinter("Fax"), default="Fax")
    with install_fake_spooler(spooler):
        line = _windows(_Run(tmp_path))
    assert line == "spooler do Windows com 2 impressora(s) (Fax, ELGIN i9); libusb carregada"


def test_the_windows_check_fails_by_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _libusb(monkeypatch, None)
    with install_fake_spooler(FakeSpooler()), pytest.raises(CheckFailed, match=r"libusb-1\.0\.dll"):
        _windows(_Run(tmp_path))
    spooler = FakeSpooler()
    spooler.running = False
    with install_fake_spooler(spooler), pytest.raises(CheckFailed) as stopped:
        _windows(_Run(tmp_path))
    assert "Spooler de Impressão do Windows não está rodando" in str(stopped.value)
    with pytest.raises(CheckFailed, match="só funcionam no Windows"):  # no pywin32 in the bundle
        _windows(_Run(tmp_path))
