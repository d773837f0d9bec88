"""The `posapp` command, run in-process through `main([...])`."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from posapp import __version__, cli
from posapp.core.errors import UnknownCustomer
from posapp.services.admin.store_setup import is_set_up
from posapp.services.common.station import open_station

SMALL = ["--customers", "25", "--products", "15", "--sales", "30"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite"
    code, _, _ = run(capsys, "demo-data", "--db", str(path), *SMALL)
    assert code == 0
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert (code, out.strip()) == (0, f"posapp {__version__}")


def test_help_is_in_portuguese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("uso: posapp")
    assert "mostra esta ajuda e sai" in out
    for command in ("demo-data", "db", "printer"):
        assert command in out


def test_demo_data_fills_a_new_database_and_publishes_the_pins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.sqlite"
    code, out, err = run(capsys, "demo-data", "--db", str(path), *SMALL)
    assert (code, err) == (0, "")
    assert re.search(r"Banco de demonstração pronto em \d+,\d s: ", out)
    assert "25 clientes" in out and "15 produtos" in out and "30 vendas" in out
    assert "Ana Admin (administrador): 0000" in out
    assert "Marta Gerente (gerente): 1234" in out
    assert "Carlos Caixa (caixa): 1111" in out
    assert "(profissional): 2222" in out
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM sale").fetchone() == (30,)
        assert db.execute("SELECT count(*) FROM customer").fetchone() == (25,)


def test_demo_data_in_english_with_another_preset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.sqlite"
    code, out, _ = run(
        capsys, "demo-data", "--db", str(path), *SMALL, "--preset", "pharmacy", "--lang", "en"
    )
    assert code == 0
    assert "25 customers" in out and "30 sales" in out
    assert "(program: pharmacy)" in out
    assert "Marta Gerente (manager): 1234" in out


def test_demo_data_needs_a_file_and_never_touches_a_database_with_sales(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "demo-data")
    assert code == 2 and out == ""
    assert "Informe o arquivo do banco com --db" in err
    code, _, err = run(capsys, "demo-data", "--db", str(demo_db), *SMALL)
    assert code == 2
    assert "já tem vendas" in err
    with sqlite3.connect(demo_db) as db:
        assert db.execute("SELECT count(*) FROM sale").fetchone() == (30,)


def test_db_upgrade_creates_then_reports_the_revision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "loja.sqlite"
    code, out, _ = run(capsys, "db", "upgrade", "--db", str(path))
    assert code == 0
    assert re.fullmatch(
        rf"Banco {re.escape(str(path))} atualizado da revisão nenhuma para \w+\.\n", out
    )
    code, out, _ = run(capsys, "--lang", "en", "db", "upgrade", "--db", str(path))
    assert code == 0
    assert re.fullmatch(rf"Database {re.escape(str(path))} is already at revision \w+\.\n", out)


def test_db_backup_beside_the_database_or_where_asked(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "db", "backup", "--db", str(demo_db))
    assert code == 0
    copy = Path(out.strip().removeprefix("Cópia de segurança gravada em "))
    assert copy.parent == demo_db.parent / "backups" and copy.is_file()
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT count(*) FROM sale").fetchone() == (30,)

    wanted = tmp_path / "copias" / "hoje.sqlite"
    code, out, _ = run(capsys, "db", "backup", "--db", str(demo_db), "--out", str(wanted))
    assert (code, out.strip()) == (0, f"Cópia de segurança gravada em {wanted}")
    assert wanted.is_file()


def test_db_commands_refuse_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nada.sqlite"
    for action in ("backup", "verify"):
        code, out, err = run(capsys, "db", action, "--db", str(missing))
        assert (code, out) == (2, "")
        assert err.strip() == f"Banco de dados não encontrado: {missing}"
    assert not missing.exists()


def test_db_verify_clean_then_with_a_tampered_balance(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "db", "verify", "--db", str(demo_db))
    assert (code, out.strip()) == (0, "Nenhuma falha encontrada")

    with sqlite3.connect(demo_db) as db:
        customer_id, units = db.execute(
            "SELECT customer_id, units FROM customer_balance WHERE units > 0 LIMIT 1"
        ).fetchone()
        db.execute(
            "UPDATE customer_balance SET units = ? WHERE customer_id = ?",
            (units + 500, customer_id),
        )
    code, out, _ = run(capsys, "db", "verify", "--db", str(demo_db))
    assert code == 1
    assert "1 falha(s) encontrada(s):" in out
    assert "saldo gravado difere da soma dos lançamentos" in out
    code, out, _ = run(capsys, "db", "verify", "--db", str(demo_db), "--lang", "en")
    assert code == 1 and "stored balance differs from the sum of its entries" in out


def test_a_refusal_prints_its_message_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise UnknownCustomer(value=42)

    monkeypatch.setattr(cli, "fill_demo", refuse)
    code, out, err = run(capsys, "demo-data", "--db", str(tmp_path / "x.sqlite"))
    assert (code, out, err.strip()) == (2, "", "Cliente não encontrado: 42.")
    code, _, err = run(capsys, "--lang", "en", "demo-data", "--db", str(tmp_path / "y.sqlite"))
    assert (code, err.strip()) == (2, "Customer not found: 42.")


def test_a_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo-data", "--customers", "-3")
    assert code == 2 and "use um número maior ou igual a zero" in err


class FakeApp:
    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, path: Path, *, demo: bool, notice: str | None) -> int:
        self.calls.append({"path": path, "demo": demo, "notice": notice})
        return 0


def test_without_a_preset_an_empty_database_is_left_to_the_setup_wizard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = FakeApp()
    monkeypatch.setattr(cli, "_run_app", app)
    path = tmp_path / "loja" / "posapp.sqlite"
    code, out, _ = run(capsys, "--db", str(path))
    assert code == 0 and out == ""
    assert app.calls == [{"path": path, "demo": False, "notice": None}]


def test_first_run_with_a_preset_sets_the_store_up_and_shows_the_admin_pin_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = FakeApp()
    monkeypatch.setattr(cli, "_run_app", app)
    path = tmp_path / "loja" / "posapp.sqlite"
    code, out, _ = run(capsys, "--db", str(path), "--preset", "salon")
    assert code == 0
    pin = re.search(r"PIN do administrador \(Administrador\): (\d{6})", out)
    assert pin is not None
    assert app.calls[0]["path"] == path and not app.calls[0]["demo"]
    assert pin.group(1) in app.calls[0]["notice"]
    station = open_station(path)
    try:
        assert is_set_up(station)
    finally:
        station.close()

    code, out, _ = run(capsys, "--db", str(path))
    assert code == 0 and out == ""
    assert app.calls[1]["notice"] is None


def test_demo_gui_opens_a_fresh_demo_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = FakeApp()
    monkeypatch.setattr(cli, "_run_app", app)
    monkeypatch.setattr(cli.tempfile, "mkdtemp", lambda prefix: str(tmp_path / prefix))
    (tmp_path / "posapp-demo-").mkdir()
    code, out, _ = run(capsys, "--demo")
    assert code == 0
    call = app.calls[0]
    assert call["demo"] and call["path"] == tmp_path / "posapp-demo-" / "demo.sqlite"
    assert "Marta Gerente (gerente): 1234" in call["notice"]
    assert "600 vendas" in out
    with sqlite3.connect(call["path"]) as db:
        assert db.execute("SELECT count(*) FROM sale").fetchone() == (600,)


def test_printer_commands_are_mounted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "printer", "--help")
    assert code == 0
    assert "emulate" in out and "test" in out
