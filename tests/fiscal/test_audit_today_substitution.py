"""Guard of cancellation by substitution's conditions (a46c19a, FISCAL_FACTS §1): the
edges NT 2018.004 draws, on the notes as built and signed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fiscal.certificate import A1Certificate
from fiscal.contingency import NoteRecord, substitute_for
from fiscal.model import Contingency, Nfce
from fiscal.xml_build import build_nfce
from tests.fiscal.conftest import CSC, DIPIRONA, SHAMPOO
from tests.fiscal.test_substitution import ISSUED

Make = Callable[..., Nfce]
CPF = "52998224725"


def pair(
    make_note: Make,
    a1: A1Certificate,
    after: timedelta,
    original: dict[str, object] | None = None,
    covering: dict[str, object] | None = None,
) -> tuple[NoteRecord, NoteRecord]:
    """Note 1 (normal, authorised while its answer was lost) and note 2, the off-line
    contingency note for its sale issued `after` it."""
    first = build_nfce(make_note(number=1, issued_at=ISSUED, **(original or {})), a1, CSC)
    when = ISSUED + after
    second = build_nfce(
        make_note(number=2, issued_at=when, contingency=Contingency(ISSUED), **(covering or {})),
        a1,
        CSC,
    )
    return (
        NoteRecord(1, 1, "unanswered", first.key, first.xml, 1, ISSUED,
                   protocol="135260000000001", replaced_by=2),
        NoteRecord(2, 2, "authorised", second.key, second.xml, 9, when),
    )  # fmt: skip


def test_the_substitute_is_taken_up_to_exactly_2_hours_after_and_168_hours_of_the_original(
    make_note: Make, a1: A1Certificate
) -> None:
    record, covering = pair(make_note, a1, timedelta(hours=2))
    assert substitute_for(record, covering, ISSUED + timedelta(hours=168), "SP") == covering
    late = ISSUED + timedelta(hours=168, seconds=1)
    assert substitute_for(record, covering, late, "SP") is None
    record, covering = pair(make_note, a1, timedelta(hours=2, seconds=1))
    assert substitute_for(record, covering, ISSUED + timedelta(hours=3), "SP") is None


def test_another_recipient_value_or_first_item_is_no_substitute(
    make_note: Make, a1: A1Certificate
) -> None:
    now, soon = ISSUED + timedelta(hours=1), timedelta(minutes=1)
    for original, covering in (
        ({"consumer_cpf": CPF}, {}),  # CPF on the original only
        ({}, {"consumer_cpf": CPF}),
        ({}, {"items": (DIPIRONA,)}),  # another vNF
        ({}, {"items": (SHAMPOO, DIPIRONA)}),  # same vNF, another first item
    ):
        record, sub = pair(make_note, a1, soon, original, covering)
        assert substitute_for(record, sub, now, "SP") is None, (original, covering)
    record, sub = pair(make_note, a1, soon, {"consumer_cpf": CPF}, {"consumer_cpf": CPF})
    assert substitute_for(record, sub, now, "SP") == sub
