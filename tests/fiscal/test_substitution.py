"""Cancellation by substitution (110112, NT 2018.004): an authorised normal NFC-e whose
sale a contingency note covers, past the 30 minutes of 110111, is cancelled by naming
its substitute."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.contingency import (
    ContingencyQueue,
    MemoryStorage,
    SendReport,
    cancellation_refused,
)
from fiscal.errors import InvalidInput
from fiscal.key import make_key
from fiscal.model import Environment, Nfce, Payment
from fiscal.requests import substitution_event
from fiscal.schemas import validate
from fiscal.soap import Cancelled, Rejected, SefazClient, Unavailable
from fiscal.testing import LocalSefaz
from tests.fiscal.conftest import CNPJ, CSC, DIPIRONA, NS, xmlsec1_verify

Make = Callable[..., Nfce]
ISSUED = datetime(2026, 12, 4, 18, 30, tzinfo=UTC)
DS = "{http://www.w3.org/2000/09/xmldsig#}"


def key_of(number: int, tp_emis: int) -> str:
    return str(make_key("SP", ISSUED, CNPJ, 1, number, tp_emis, "12345678"))


class Clock:
    def __init__(self) -> None:
        self.now = ISSUED

    def __call__(self) -> datetime:
        return self.now


def test_the_signed_event_carries_sped_nfes_fields_in_its_order(
    a1: A1Certificate, tmp_path: Path
) -> None:
    original, substitute = key_of(1, 1), key_of(2, 9)
    when = ISSUED + timedelta(hours=1)
    root = substitution_event(
        Environment.HOMOLOGACAO,
        CNPJ,
        original,
        "135260000000001",
        "NFC-e sem resposta da SEFAZ; venda emitida em contingencia",
        substitute,
        "posapp 1.0",
        when,
        a1,
        lot_id=7,
    )
    validate(root, "envEventoGenerico")
    (evento,) = root.findall("n:evento", NS)
    inf = evento.find("n:infEvento", NS)
    assert inf is not None and inf.get("Id") == f"ID110112{original}01"
    head = [(etree.QName(node).localname, node.text) for node in inf if len(node) == 0]
    assert head == [
        ("cOrgao", "35"),
        ("tpAmb", "2"),
        ("CNPJ", CNPJ),
        ("chNFe", original),
        ("dhEvento", when.isoformat()),
        ("tpEvento", "110112"),
        ("nSeqEvento", "1"),
        ("verEvento", "1.00"),
    ]
    det = inf.find("n:detEvento", NS)
    assert det is not None and det.get("versao") == "1.00"
    # nfephp-org/sped-nfe src/Tools.php sefazCancelaPorSubstituicao (ff2a94a)
    assert [(etree.QName(node).localname, node.text) for node in det] == [
        ("descEvento", "Cancelamento por substituicao"),
        ("cOrgaoAutor", "35"),
        ("tpAutor", "1"),
        ("verAplic", "posapp 1.0"),
        ("nProt", "135260000000001"),
        ("xJust", "NFC-e sem resposta da SEFAZ; venda emitida em contingencia"),
        ("chNFeRef", substitute),
    ]
    assert evento[-1].tag == f"{DS}Signature"
    signed = etree.tostring(evento)
    assert xmlsec1_verify(signed, a1, tmp_path, element="infEvento")
    tampered = signed.replace(substitute.encode(), key_of(3, 9).encode())
    assert not xmlsec1_verify(tampered, a1, tmp_path, element="infEvento")


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("chNFeRef", {"substitute": key_of(2, 1)}),  # a normal note cannot substitute
        ("chNFeRef", {"substitute": key_of(2, 9)[:43] + "0"}),  # check digit
        ("chNFeRef", {"substitute": key_of(1, 1)}),  # itself
        ("nProt", {"protocol": "12345"}),
        ("xJust", {"reason": "curta"}),
        ("verAplic", {"version": "v" * 21}),
    ],
)
def test_a_bad_field_is_refused_before_signing(
    a1: A1Certificate, field: str, changes: dict[str, str]
) -> None:
    values = {
        "protocol": "135260000000001",
        "reason": "Venda emitida em contingencia na NFC-e 2",
        "substitute": key_of(2, 9),
        "version": "posapp 1.0",
        **changes,
    }
    with pytest.raises(InvalidInput) as refused:
        substitution_event(
            Environment.HOMOLOGACAO,
            CNPJ,
            key_of(1, 1),
            values["protocol"],
            values["reason"],
            values["substitute"],
            values["version"],
            ISSUED,
            a1,
        )
    assert refused.value.field == field


def lost_then_covered(
    a1: A1Certificate, client: SefazClient, sefaz: LocalSefaz, make_note: Make
) -> tuple[ContingencyQueue, MemoryStorage, Clock]:
    """Note 1 authorised, its answer lost; the sale issued again as contingency note 2."""
    storage, clock = MemoryStorage(), Clock()
    queue = ContingencyQueue(storage, client, a1, CSC, clock=clock)
    sefaz.set_mode("timeout_after_authorise")
    issued = queue.issue(make_note(issued_at=ISSUED), sale_ref="sale-1")
    assert issued.contingency and issued.record.number == 2
    sefaz.set_mode("authorise")
    return queue, storage, clock


def test_a_lost_substitution_answer_is_recognised_on_the_next_round(
    a1: A1Certificate, client: SefazClient, sefaz: LocalSefaz, make_note: Make
) -> None:
    queue, storage, clock = lost_then_covered(a1, client, sefaz, make_note)
    clock.now = ISSUED + timedelta(hours=1)
    sefaz.set_mode("timeout_after_authorise", only={"NFeRecepcaoEvento4"})
    first = queue.send_pending()
    assert first.authorised == [2] and not first.done
    original = storage.get(1, 1)
    assert original is not None and original.key in sefaz.state.cancelled  # SEFAZ took it
    assert original.status == "unanswered" and not cancellation_refused(original)

    sefaz.set_mode("authorise")
    events = sefaz.state.requests.count("NFeRecepcaoEvento4")
    second = queue.send_pending()
    assert second.done and second.cancelled == [1]
    assert sefaz.state.requests.count("NFeRecepcaoEvento4") == events  # not sent again
    original = storage.get(1, 1)
    assert original is not None and original.status == "cancelled"
    proc = etree.fromstring(original.proc_xml)
    validate(proc, "procEventoNFeGenerico")
    assert proc.findtext("n:retEvento/n:infEvento/n:tpEvento", "", NS) == "110112"
    assert proc.findtext("n:evento/n:infEvento/n:detEvento/n:chNFeRef", "", NS) == (
        storage.get(1, 2).key  # type: ignore[union-attr]
    )


def test_a_repeated_substitution_is_answered_573_and_confirmed_by_a_query(
    a1: A1Certificate, client: SefazClient, sefaz: LocalSefaz, make_note: Make
) -> None:
    queue, storage, _ = lost_then_covered(a1, client, sefaz, make_note)
    queue.send_pending()  # note 2 authorised, note 1 cancelled (110111, in time)
    original, substitute = storage.get(1, 1), storage.get(1, 2)
    assert original is not None and substitute is not None
    protocol = sefaz.state.authorised[original.key].number
    sefaz.state.cancelled.pop(original.key, None)
    sefaz.state.cancel_events.pop(original.key, None)
    reason = "NFC-e sem resposta da SEFAZ; venda emitida na NFC-e 2"
    when = ISSUED + timedelta(hours=2)
    first = client.cancel_by_substitution(
        original.key, protocol, reason, substitute.key, "posapp", when
    )
    assert isinstance(first, Cancelled) and first.cstat == 135
    again = client.cancel_by_substitution(
        original.key, protocol, reason, substitute.key, "posapp", when
    )
    assert isinstance(again, Cancelled) and again.cstat == 101  # 573, then the query
    validate(etree.fromstring(again.proc_xml), "procEventoNFeGenerico")


def test_the_local_sefaz_refuses_a_substitute_of_another_value(
    a1: A1Certificate, client: SefazClient, sefaz: LocalSefaz, make_note: Make
) -> None:
    storage, clock = MemoryStorage(), Clock()
    queue = ContingencyQueue(storage, client, a1, CSC, clock=clock)
    first = queue.issue(make_note(issued_at=ISSUED))
    sefaz.set_mode("down")
    other = queue.issue(  # another sale, of another value, in contingency
        make_note(issued_at=ISSUED, items=(DIPIRONA,), payments=(Payment("01", 2500),))
    )
    sefaz.set_mode("authorise")
    assert queue.send_pending().authorised == [2]
    outcome = client.cancel_by_substitution(
        first.record.key,
        first.record.protocol,
        "Venda emitida em contingencia na NFC-e 2",
        other.record.key,
        "posapp",
        ISSUED + timedelta(hours=1),
    )
    assert isinstance(outcome, Rejected) and outcome.cstat == 999
    assert "valor diferente" in outcome.reason
    assert first.record.key not in sefaz.state.cancelled


def test_the_local_sefaz_refuses_a_substitution_whose_signature_does_not_match(
    a1: A1Certificate, client: SefazClient, sefaz: LocalSefaz, make_note: Make
) -> None:
    queue, storage, _ = lost_then_covered(a1, client, sefaz, make_note)
    queue._send_contingency(SendReport())  # note 2 authorised, note 1 left as it is
    original, substitute = storage.get(1, 1), storage.get(1, 2)
    assert original is not None and substitute is not None and substitute.status == "authorised"
    request = substitution_event(
        Environment.HOMOLOGACAO,
        CNPJ,
        original.key,
        sefaz.state.authorised[original.key].number,
        "Venda emitida em contingencia na NFC-e 2",
        substitute.key,
        "posapp",
        ISSUED + timedelta(hours=1),
        a1,
    )
    xjust = request.find(".//n:detEvento/n:xJust", NS)
    assert xjust is not None
    xjust.text = "Outra justificativa, depois de assinado"
    answer = client._call("NFeRecepcaoEvento4", request)
    assert not isinstance(answer, Unavailable)
    assert answer.findtext("n:retEvento/n:infEvento/n:cStat", None, NS) == "297"
    assert original.key not in sefaz.state.cancelled
