"""Audit of a customer's details across the chain (cc85fd0): the identity-clash path of
the pull. Real SQLite counters, a real `posapp-cloud serve` over PostgreSQL."""

from __future__ import annotations

from posapp.services.customers.edit import update_customer
from tests.support import MovableClock
from tests.sync.conftest import Network, converge
from tests.sync.test_customer_details_across_counters import details, edit

FAMILY_PHONE = "+5511987650000"


def test_a_phone_left_out_for_a_clash_comes_back_with_her_next_upsert_once_free(
    network: Network, clock: MovableClock
) -> None:
    """A mother enrolled at A and her daughter at B, offline, with the family's phone. A
    cannot hold the phone twice: the daughter's copy at A goes without it (a clash for
    the managers). The mother then changes her phone; when the daughter's record comes
    again (her consent given at B, not an edit of her details), A takes her phone, free
    now, as it did before details were dated. A clash is not the details taken whole."""
    a, b = network.make("A"), network.make("B")
    mother = a.customer_uuid(a.shop.enrol("Ana Lima", phone=FAMILY_PHONE))
    daughter = b.customer_uuid(b.shop.enrol("Bia Lima", cpf="529.982.247-25", phone=FAMILY_PHONE))
    converge(a, b)
    assert details(a, daughter)[0] is None  # left out: the mother's at A

    clock.advance(minutes=10)
    edit(a, mother, phone="+5511911112222")
    clock.advance(minutes=10)
    update_customer(
        b.station, b.customer_id(daughter), staff_id=b.shop.cashier_id, marketing_consent=True
    )
    converge(b, a)
    assert details(a, daughter)[0] == FAMILY_PHONE
    assert details(b, daughter)[0] == FAMILY_PHONE
