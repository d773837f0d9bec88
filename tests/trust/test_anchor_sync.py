"""Issue 13 on a real chain (endpoint on 127.0.0.1, PostgreSQL): the endpoint's head of this
counter's chain is an anchor `db verify` checks, and an offline overdraft is an open
conflict, not corruption."""

from __future__ import annotations

from pathlib import Path

import pytest

from posapp import cli
from posapp.services.loyalty.verify import verify, verify_all
from tests.sync.conftest import Network, clock, converge, network  # noqa: F401  (fixtures)
from tests.trust.test_ledger_anchor import drop_last_entries, tamper


@pytest.mark.slow
def test_an_offline_overdraft_is_an_open_conflict_and_the_endpoint_head_an_anchor(
    network: Network,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    a, b = network.make("Centro", program="salon"), network.make("Shopping", program="salon")
    joana = a.shop.enrol("Joana Reis", cpf="390.533.447-05")
    a.sell("corte", customer=joana, cash=8_000)
    a.sell("corte", customer=joana, cash=8_000)
    converge(a, b)
    joana_uuid = a.customer_uuid(joana)
    joana_at_b = b.customer_id(joana_uuid)
    network.server.stop()
    a.sell("dipirona", customer=joana, cashback=1_250)
    b.sell("dipirona", customer=joana_at_b, cashback=1_250)
    network.server.start()
    converge(a, b)
    assert a.balances()[joana_uuid] == -900  # the same R$ 12,50 spent at both counters

    assert verify(a.station) == []  # not "negative balance, which the program does not allow"
    notices = [n.code for n in verify_all(a.station).notices]
    assert "open_conflict" in notices and "other_terminals" in notices

    path: Path = a.station.path
    assert cli.main(["db", "verify", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Âncora servidor da rede" in out and "alcançada" in out
    assert "divergência aberta da sincronização" in out

    tamper(path, drop_last_entries)
    assert cli.main(["db", "verify", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "O arquivo não alcança mais a âncora servidor da rede" in out
