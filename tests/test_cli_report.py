"""`posapp report x|z`: on the screen, printed, as PDF and as CSV; Z needs a manager."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.cli import main
from posapp.services.cash.shifts import close_shift
from tests.support import CASHIER_PIN, MANAGER_PIN, MovableClock, open_shop


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_report_x_then_z_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    path = tmp_path / "shop.sqlite"
    clock = MovableClock(datetime.now(UTC).replace(microsecond=0))
    shop = open_shop(path, "salon", clock)
    shop.sell("corte", cash=10_000)  # R$ 80,00, change R$ 20,00
    shop.sell("manicure", pix=3_500)
    assert main(["report", "x", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "RELATÓRIO X (LEITURA)" in out
    assert "  Número de vendas: 2" in out
    assert "  Líquido: R$ 115,00" in out
    assert "  Contado: turno aberto" in out

    assert main(["report", "z", "--db", str(path), "--manager-pin", MANAGER_PIN]) == 2
    assert "Feche o turno antes de emitir a redução Z." in capsys.readouterr().err
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {5_000: 1, 1_000: 3})
    shop.station.close()
    assert main(["report", "z", "--db", str(path), "--manager-pin", CASHIER_PIN]) == 2
    assert "PIN de gerente incorreto: redução Z." in capsys.readouterr().err

    emulator = virtual_printer("cli-report", paper_dots=384)
    argv = ["report", "z", "--db", str(path), "--manager-pin", MANAGER_PIN]
    argv += ["--csv", str(tmp_path / "z.csv"), "--pdf", str(tmp_path / "z.pdf")]
    argv += ["--print", "virtual://cli-report", "--paper", "58"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "REDUÇÃO Z Nº 0001" in out and "  Diferença: R$ 0,00" in out
    csv_text = (tmp_path / "z.csv").read_bytes().decode("utf-8-sig")
    assert "Vendas;Líquido;;115,00" in csv_text
    pdf = subprocess.run(
        ["pdftotext", str(tmp_path / "z.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Loja Teste" in pdf and "R$ 115,00" in pdf
    (paper,) = emulator.wait_for_receipts(1)
    assert any("REDUÇÃO Z" in line for line in paper.lines)

    assert main(argv) == 2  # the day has its Z
    assert "já foi encerrado com a redução Z nº 1" in capsys.readouterr().err
    assert main(["report", "z", "--db", str(path), "--lang", "en"]) == 2  # no PIN, no tty
    assert "needs a manager's PIN" in capsys.readouterr().err
