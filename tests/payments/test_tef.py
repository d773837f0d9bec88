"""The TEF Dial / PayGo file exchange, with a thread playing the Gerenciador Padrão (GP)
on real folders: it takes REQ/IntPos.001, acknowledges with RESP/IntPos.Sts and answers
with RESP/IntPos.001, as the TEF Discado guide describes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from payments.card import CardKind, MissingCardDetail
from payments.tef import (
    TefDialTerminal,
    TefManagerNotRunning,
    TefNoAnswer,
    format_message,
    parse_message,
    read_complete,
    write_atomically,
)

CIELO = "01027058000191"
Answer = Callable[[dict[str, str]], list[tuple[str, str]] | None]


def approved(request: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("000-000", "CRT"),
        ("001-000", request["001-000"]),
        ("002-000", request["002-000"]),
        ("003-000", request["003-000"]),
        ("009-000", "0"),
        ("010-000", "CIELO"),
        ("011-000", "10"),
        ("012-000", "123456789"),
        ("013-000", "AUT987"),
        ("018-000", request.get("018-000", "1")),
        ("027-000", "FIN0001"),
        ("028-000", "3"),
        ("029-001", '"CIELO - VIA CLIENTE"'),
        ("029-002", '"VISA CREDITO"'),
        ("029-003", '"NSU 123456789 AUT AUT987"'),
        ("030-000", "TRANSACAO APROVADA"),
        ("040-000", "VISA"),
        ("600-000", CIELO),
        ("731-000", request.get("731-000", "1")),
    ]


@dataclass
class FakeGP:
    """The GP's side, in a thread, on the same folders."""

    root: Path
    answer: Answer = approved
    answer_delay_s: float = 0.0
    requests: list[dict[str, str]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        request_file = self.root / "REQ" / "IntPos.001"
        response_dir = self.root / "RESP"
        while not self.stop.is_set():
            fields = read_complete(request_file)
            if fields is None:
                time.sleep(0.01)
                continue
            request_file.unlink()
            self.requests.append(fields)
            write_atomically(
                response_dir / "IntPos.Sts",
                format_message([("000-000", fields["000-000"]), ("001-000", fields["001-000"])]),
            )
            if fields["000-000"] != "CRT":
                continue
            reply = self.answer(fields)
            if reply is None:
                continue
            time.sleep(self.answer_delay_s)
            write_atomically(response_dir / "IntPos.001", format_message(reply))


@pytest.fixture
def gp(tmp_path: Path) -> Iterator[FakeGP]:
    for folder in ("REQ", "RESP"):
        (tmp_path / folder).mkdir()
    fake = FakeGP(tmp_path)
    thread = threading.Thread(target=fake.run, daemon=True)
    thread.start()
    yield fake
    fake.stop.set()
    thread.join(timeout=5)


def terminal(root: Path, **options: float) -> TefDialTerminal:
    return TefDialTerminal(
        root,
        status_timeout_s=options.get("status_timeout_s", 2.0),
        answer_timeout_s=options.get("answer_timeout_s", 5.0),
        poll_s=0.01,
        first_id=100,
    )


def test_an_approved_credit_payment_brings_the_card_details_and_the_slip(gp: FakeGP) -> None:
    tef = terminal(gp.root)
    result = tef.charge(12990, sale_ref="V42", kind=CardKind.CREDIT, instalments=3)
    request = gp.requests[0]
    assert (request["000-000"], request["002-000"], request["003-000"], request["004-000"]) == (
        "CRT",
        "V42",
        "12990",
        "0",
    )
    assert (request["018-000"], request["731-000"]) == ("3", "1")
    assert result.approved and result.card_problem is None
    assert result.operator_message == "TRANSACAO APROVADA"
    assert result.receipt == ("CIELO - VIA CLIENTE", "VISA CREDITO", "NSU 123456789 AUT AUT987")
    assert result.card is not None
    assert result.card.nfce_card() == {
        "tpIntegra": "1",
        "CNPJ": CIELO,
        "tBand": "01",
        "cAut": "AUT987",
    }
    assert (result.card.nsu, result.card.instalments, result.card.kind) == (
        "123456789",
        3,
        CardKind.CREDIT,
    )
    assert not (gp.root / "RESP" / "IntPos.001").exists()


def test_confirming_tells_the_gp_which_transaction_to_settle(gp: FakeGP) -> None:
    tef = terminal(gp.root)
    result = tef.charge(1000, sale_ref="V1")
    tef.confirm(result)
    confirmation = gp.requests[-1]
    assert confirmation["000-000"] == "CNF"
    assert (confirmation["010-000"], confirmation["012-000"], confirmation["027-000"]) == (
        "CIELO",
        "123456789",
        "FIN0001",
    )
    tef.undo(result)
    assert gp.requests[-1]["000-000"] == "NCN"
    assert len({request["001-000"] for request in gp.requests}) == 3


def test_a_declined_card_says_why_and_carries_no_card_details(gp: FakeGP) -> None:
    gp.answer = lambda request: [
        ("000-000", "CRT"),
        ("001-000", request["001-000"]),
        ("009-000", "5"),
        ("030-000", "SALDO INSUFICIENTE"),
    ]
    result = terminal(gp.root).charge(5000, sale_ref="V2")
    assert not result.approved
    assert result.operator_message == "SALDO INSUFICIENTE"
    assert result.card is None and result.receipt == ()


def test_a_gp_that_leaves_out_the_acquirer_cnpj_is_helped_by_the_stores_table(
    gp: FakeGP,
) -> None:
    gp.answer = lambda request: [item for item in approved(request) if item[0] != "600-000"]
    result = terminal(gp.root).charge(1000, sale_ref="V3")
    assert result.card is None
    assert isinstance(result.card_problem, MissingCardDetail)
    assert "CNPJ da credenciadora" in result.card_problem.message("pt_BR")
    with_table = TefDialTerminal(
        gp.root,
        status_timeout_s=2,
        answer_timeout_s=5,
        poll_s=0.01,
        acquirers={"cielo": "01.027.058/0001-91"},
    )
    card = with_table.charge(1000, sale_ref="V3").card
    assert card is not None and card.acquirer_cnpj == CIELO


def test_a_debit_answer_is_recorded_as_debit(gp: FakeGP) -> None:
    gp.answer = lambda request: [
        *[item for item in approved(request) if item[0] != "731-000"],
        ("731-000", "2"),
    ]
    result = terminal(gp.root).charge(1000, sale_ref="V4", kind=CardKind.DEBIT)
    assert result.card is not None and result.card.tpag == "04"


def test_the_gp_is_ready_when_it_acknowledges(gp: FakeGP) -> None:
    assert terminal(gp.root).is_ready()
    assert gp.requests[-1]["000-000"] == "ATV"


def test_no_gp_running_is_said_plainly_and_leaves_no_request_behind(tmp_path: Path) -> None:
    tef = terminal(tmp_path, status_timeout_s=0.2)
    assert not tef.is_ready()
    with pytest.raises(TefManagerNotRunning) as refused:
        tef.charge(1000, sale_ref="V5")
    assert "O gerenciador do TEF não respondeu em 0.2 s" in refused.value.message("pt_BR")
    assert str(tmp_path) in refused.value.message("en")
    assert not (tmp_path / "REQ" / "IntPos.001").exists()


def test_a_gp_that_acknowledges_but_never_answers_times_out(gp: FakeGP) -> None:
    gp.answer = lambda request: None
    with pytest.raises(TefNoAnswer) as late:
        terminal(gp.root, answer_timeout_s=0.3).charge(1000, sale_ref="V6")
    assert "pinpad" in late.value.message("pt_BR")


def test_a_leftover_answer_to_an_old_request_is_not_taken_for_this_one(gp: FakeGP) -> None:
    gp.answer_delay_s = 0.2
    stale = approved({"001-000": "7", "002-000": "OLD", "003-000": "1"})
    stale = [(key, "9" if key == "009-000" else value) for key, value in stale]

    def plant_stale() -> None:
        while not gp.requests:
            time.sleep(0.005)
        time.sleep(0.05)
        write_atomically(gp.root / "RESP" / "IntPos.001", format_message(stale))

    threading.Thread(target=plant_stale, daemon=True).start()
    result = terminal(gp.root).charge(4321, sale_ref="V7")
    assert result.approved and result.amount_centavos == 4321


def test_messages_round_trip_and_end_with_the_trailer() -> None:
    text = format_message([("000-000", "CRT"), ("001-000", "1"), ("003-000", "100")])
    assert text.endswith("999-999 = 0\r\n")
    assert parse_message(text) == {
        "000-000": "CRT",
        "001-000": "1",
        "003-000": "100",
        "999-999": "0",
    }
