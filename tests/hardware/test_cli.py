"""The `printer test` and `printer emulate` commands, called as posapp.cli will."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from hardware.cli import add_printer_commands, run_printer_command
from hardware.test_page import TEST_CODE128, TEST_EAN13, TEST_QR


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="posapp")
    add_printer_commands(parser.add_subparsers(dest="command"))
    return parser.parse_args(list(argv))


def test_printer_test_on_virtual_prints_accents_qr_and_barcodes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_printer_command(
        parse(
            "printer",
            "test",
            "virtual://",
            "--width",
            "58",
            "--profile",
            "Bematech-MP4200TH",
            "--out",
            str(tmp_path),
        )
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "ç ã õ á é ê ô ú à í ó â Ç Ã Õ É" in out
    (png,) = tmp_path.glob("*.png")
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(png))}
    assert found == {TEST_QR, TEST_EAN13, TEST_CODE128}


def test_printer_test_reports_an_unreachable_printer(capsys: pytest.CaptureFixture[str]) -> None:
    code = run_printer_command(parse("printer", "test", "tcp://127.0.0.1:9", "--timeout", "1"))
    assert code == 1
    assert "Impressora tcp://127.0.0.1:9: não responde" in capsys.readouterr().err


def test_emulate_runs_for_the_given_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_printer_command(
        parse("printer", "emulate", "--port", "0", "--out", str(tmp_path), "--seconds", "0.3")
    )
    assert code == 0
    assert "tcp://127.0.0.1:" in capsys.readouterr().out
