"""Issue online, else in off-line contingency; transmit later; numbers never lost or reused."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.contingency import ContingencyQueue, MemoryStorage, NoteRecord, Status
from fiscal.danfe import danfe_receipt
from fiscal.model import Nfce, TpEmis
from fiscal.schemas import validate
from fiscal.soap import SefazClient
from fiscal.testing import LocalSefaz
from tests.fiscal.conftest import CSC, NS, receipt_lines, xmlsec1_verify

Make = Callable[..., Nfce]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def storage() -> MemoryStorage:
    return MemoryStorage()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def queue(
    storage: MemoryStorage, client: SefazClient, a1: A1Certificate, clock: Clock
) -> Iterator[ContingencyQueue]:
    yield ContingencyQueue(storage, client, a1, CSC, clock=clock, retry_online_after_s=60)


def statuses(storage: MemoryStorage) -> dict[int, str]:
    return {r.number: r.status for r in storage.records()}


def test_online_sale_is_authorised_at_once(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    issued = queue.issue(make_note(), sale_ref="sale-1")
    assert issued.authorised and not issued.contingency
    assert issued.record.number == 1 and issued.record.sale_ref == "sale-1"
    validate(etree.fromstring(issued.record.proc_xml), "nfeProc")
    assert sefaz.authorisation_count(issued.record.key) == 1
    assert queue.pending() == []


def test_sefaz_down_issues_in_contingency_with_the_same_number(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    sefaz.set_mode("down")
    issued = queue.issue(make_note())
    assert issued.contingency and issued.record.status == "pending"
    assert issued.record.number == 1  # the request never left: number 1 is still unused
    assert issued.record.key[34] == "9"
    # Friday 4 Dec 2026, 15:00 in São Paulo: due by Monday 7 Dec, 23:59:59 local
    assert issued.record.deadline is not None
    assert issued.record.deadline.isoformat() == "2026-12-07T23:59:59-03:00"
    lines = receipt_lines(danfe_receipt(issued.signed.xml, 80))
    assert "EMITIDA EM CONTINGÊNCIA" in lines and "Pendente de autorização" in lines

    still_down = queue.send_pending()
    assert not still_down.done and statuses(storage) == {1: "pending"}

    sefaz.set_mode("authorise")
    report = queue.send_pending()
    assert report.done and report.authorised == [1]
    assert statuses(storage) == {1: "authorised"}
    assert sefaz.authorisation_count(issued.record.key) == 1
    assert queue.offline_since is None


def test_no_answer_voids_the_sent_number_and_covers_the_sale_with_the_next(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    sefaz.set_mode("timeout")
    issued = queue.issue(make_note(), sale_ref="sale-9")
    assert issued.contingency and issued.record.number == 2
    first = storage.get(1, 1)
    assert first is not None and first.status == "unanswered" and first.replaced_by == 2
    sefaz.set_mode("authorise")
    report = queue.send_pending()
    assert report.authorised == [2] and report.voided == [1]
    assert statuses(storage) == {1: "voided", 2: "authorised"}
    assert (1, 1) in sefaz.state.voided
    validate(etree.fromstring(storage.get(1, 1).proc_xml), "ProcInutNFe")  # type: ignore[union-attr]


def test_lost_answer_of_an_authorised_note_cancels_it(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    sefaz.set_mode("timeout_after_authorise")
    issued = queue.issue(make_note())
    assert issued.contingency and issued.record.number == 2
    normal_key = storage.get(1, 1).key  # type: ignore[union-attr]
    assert sefaz.authorisation_count(normal_key) == 1  # SEFAZ did authorise it
    sefaz.set_mode("authorise")
    report = queue.send_pending()
    assert report.authorised == [2] and report.cancelled == [1]
    assert statuses(storage) == {1: "cancelled", 2: "authorised"}
    assert normal_key in sefaz.state.cancelled
    validate(etree.fromstring(storage.get(1, 1).proc_xml), "procEventoNFe")  # type: ignore[union-attr]


def test_offline_mode_skips_the_online_try_until_retry_time(
    queue: ContingencyQueue, sefaz: LocalSefaz, make_note: Make, clock: Clock
) -> None:
    sefaz.set_mode("down")
    queue.issue(make_note())
    sefaz.set_mode("authorise")
    second = queue.issue(make_note())
    assert second.contingency and second.outcome is None  # did not even try
    clock.now += timedelta(seconds=61)
    third = queue.issue(make_note())
    assert third.authorised and not third.contingency


def test_rejected_contingency_note_is_kept_then_corrected_and_resent(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    sefaz.set_mode("down")
    queue.issue(make_note())
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    report = queue.send_pending()
    assert report.rejected == [1]
    (record,) = queue.pending()
    assert (record.status, record.cstat, record.reason) == (
        "rejected",
        778,
        "Rejeição: Informado NCM inexistente",
    )
    with pytest.raises(ValueError, match="inutilizada"):
        queue.void_rejected(1, 1)  # a contingency number is never voided
    sefaz.set_mode("authorise")
    fixed = queue.resend_corrected(1, 1, make_note())
    assert fixed.authorised and fixed.record.number == 1 and fixed.record.tp_emis == 9
    assert queue.pending() == []


def test_a_corrected_contingency_note_keeps_the_key_the_consumer_holds(
    queue: ContingencyQueue, sefaz: LocalSefaz, make_note: Make
) -> None:
    """A contingency note is printed before SEFAZ sees it: the consumer takes home its
    access key and QR. Corrected after a rejection, it goes under the same number, date
    and cNF, so the key on the consumer's paper is the one SEFAZ authorises. Before, a
    new random cNF made a new key: the printed key was never authorised."""
    sefaz.set_mode("down")
    printed = queue.issue(make_note())
    assert printed.contingency
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    assert queue.send_pending().rejected == [1]
    sefaz.set_mode("authorise")
    fixed = queue.resend_corrected(1, 1, make_note())
    assert fixed.authorised and fixed.record.key == printed.record.key
    assert sefaz.authorisation_count(printed.record.key) == 1
    assert fixed.signed.qr_code.split("?p=")[1].startswith(printed.record.key)


def test_rejected_normal_note_can_have_its_number_voided(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    issued = queue.issue(make_note())
    assert issued.record.status == "rejected" and not issued.contingency
    sefaz.set_mode("authorise")
    report = queue.void_rejected(1, 1)
    assert report.voided == [1] and statuses(storage) == {1: "voided"}


def test_numbers_reserved_but_never_recorded_are_voided(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    queue.issue(make_note())
    storage.reserve_number(1)  # a crash between reserving 2 and saving it
    storage.reserve_number(1)  # and 3
    queue.issue(make_note())
    report = queue.send_pending()
    assert report.voided == [2, 3]
    assert statuses(storage) == {1: "authorised", 2: "voided", 3: "voided", 4: "authorised"}


class CountingStorage(MemoryStorage):
    """MemoryStorage that counts the records and numbers it hands the queue."""

    def __init__(self) -> None:
        super().__init__()
        self.handed = 0

    def records(self, *statuses: Status) -> list[NoteRecord]:
        found = super().records(*statuses)
        self.handed += len(found)
        return found

    def get(self, series: int, number: int) -> NoteRecord | None:
        self.handed += 1
        return super().get(series, number)

    def unrecorded(self, series: int, after: int = 0) -> list[int]:
        self.handed += self.highest_reserved(series) - after
        return super().unrecorded(series, after)


def test_the_sender_reads_what_waits_not_the_years_of_notes_before_it(
    client: SefazClient, a1: A1Certificate, clock: Clock, sefaz: LocalSefaz, make_note: Make
) -> None:
    storage = CountingStorage()
    queue = ContingencyQueue(storage, client, a1, CSC, clock=clock)
    for _ in range(2_000):  # the archive: authorised notes of past years
        number = storage.reserve_number(1)
        storage.save(NoteRecord(1, number, "authorised", key=f"{number:044d}"))
    assert queue.send_pending().done  # the first send of the day checks the numbers once
    sefaz.set_mode("down")
    queue.issue(make_note())
    sefaz.set_mode("authorise")

    storage.handed = 0
    report = queue.send_pending()
    assert report.done and report.authorised == [2_001]
    assert storage.handed <= 3  # the pending note, and the one number above the last check
    assert [r.number for r in queue.pending()] == []


@pytest.mark.slow
def test_fifty_sales_with_sefaz_down_then_up(
    queue: ContingencyQueue,
    storage: MemoryStorage,
    sefaz: LocalSefaz,
    make_note: Make,
    a1: A1Certificate,
    tmp_path: Path,
) -> None:
    sefaz.set_mode("down")
    issued = [queue.issue(make_note(), sale_ref=f"sale-{i}") for i in range(50)]
    assert all(i.contingency for i in issued)
    assert [i.record.number for i in issued] == list(range(1, 51))
    assert len(queue.pending()) == 50

    assert not queue.send_pending().done  # still down: nothing lost, nothing sent
    assert len(queue.pending()) == 50

    sefaz.set_mode("authorise")
    report = queue.send_pending()
    assert report.done and report.authorised == list(range(1, 51))
    records: list[NoteRecord] = storage.records()
    assert [r.number for r in records] == list(range(1, 51))  # no gap
    assert {r.status for r in records} == {"authorised"}
    assert {r.sale_ref for r in records} == {f"sale-{i}" for i in range(50)}
    for record in records:
        assert sefaz.authorisation_count(record.key) == 1
        proc = etree.fromstring(record.proc_xml)
        validate(proc, "nfeProc")
        assert proc.findtext("n:NFe/n:infNFe/n:ide/n:tpEmis", namespaces=NS) == str(
            int(TpEmis.OFFLINE)
        )
    assert len(sefaz.state.authorised) == 50
    assert all(xmlsec1_verify(r.proc_xml, a1, tmp_path) for r in records[::7])
    assert sefaz.state.schema_errors == []

    again = queue.send_pending()  # nothing left: nothing sent twice
    assert again.done and again.authorised == []
    assert all(sefaz.authorisation_count(r.key) == 1 for r in records)


@pytest.mark.slow
def test_fifty_sales_when_the_first_answer_is_lost(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    sefaz.set_mode("timeout")
    for i in range(50):
        queue.issue(make_note(), sale_ref=f"sale-{i}")
    sefaz.set_mode("authorise")
    report = queue.send_pending()
    assert report.done and report.voided == [1]
    assert report.authorised == list(range(2, 52))
    assert statuses(storage) == {1: "voided", **{n: "authorised" for n in range(2, 52)}}
    assert {r.sale_ref for r in storage.records() if r.status == "authorised"} == {
        f"sale-{i}" for i in range(50)
    }


def test_the_sender_leaves_alone_a_number_still_being_issued(
    queue: ContingencyQueue, storage: MemoryStorage, sefaz: LocalSefaz, make_note: Make
) -> None:
    sefaz.set_mode("timeout", only={"NFeAutorizacao4"})  # queries still answer (217)
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(queue.issue(make_note())))
    worker.start()
    deadline = time.monotonic() + 5
    while storage.get(1, 1) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert storage.get(1, 1).status == "sending"  # type: ignore[union-attr]
    report = queue.send_pending()  # meanwhile, on the background worker
    assert report.voided == [] and report.cancelled == []
    assert "NFeInutilizacao4" not in sefaz.state.requests
    worker.join(5)
    assert statuses(storage) == {1: "unanswered", 2: "pending"}
    sefaz.set_mode("authorise")
    report = queue.send_pending()
    assert report.voided == [1] and report.authorised == [2]
