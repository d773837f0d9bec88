"""Audit of the endpoint's phone key (a4590e4): a number of another country whose digits
read as a Brazilian DDD + mobile (real PostgreSQL, real `posapp-cloud serve`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cloud.helpers import Counter, new_uuid
from tests.cloud.test_phone_lookup import chain as chain
from tests.cloud.test_phone_lookup import consenting, opted_out, push, signed_in, upsert
from tests.cloud_fixtures import Chain, CloudServer

# WhatsApp ids (country code + number, no '+') of another country that, read as a
# national number, are a Brazilian DDD + mobile: Peru's mobiles (+51 9XX XXX XXX) look
# like Porto Alegre's (51) 9XXXX-XXXX, Russia's 99X mobiles like Sergipe's (79) 99XXX-XXXX.
ABROAD = {
    "51987654321": "+5551987654321",  # Peru / Porto Alegre
    "79991234567": "+5579991234567",  # Russia / Sergipe
}


@pytest.fixture
def brazilians(
    cloud_server: CloudServer,
    chain: tuple[Chain, Counter],
) -> Iterator[dict[str, str]]:
    _rede, counter = chain
    held = {wa_id: new_uuid() for wa_id in ABROAD}
    push(counter, *(upsert(held[wa_id], phone) for wa_id, phone in ABROAD.items()))
    yield held


def test_a_sair_from_a_number_abroad_leaves_the_brazilian_customer_her_consent(
    cloud_server: CloudServer,
    chain: tuple[Chain, Counter],
    brazilians: dict[str, str],
) -> None:
    rede, _counter = chain
    for wa_id in ABROAD:
        assert opted_out(cloud_server, rede, wa_id) == 0
    assert consenting(cloud_server, rede) == set(brazilians.values())
    assert opted_out(cloud_server, rede, "55" + ABROAD["51987654321"][3:]) == 1  # hers


def test_a_number_typed_with_another_countrys_code_signs_no_one_in(
    cloud_server: CloudServer,
    chain: tuple[Chain, Counter],
    brazilians: dict[str, str],
) -> None:
    rede, _counter = chain
    assert signed_in(cloud_server, rede, "+51 987 654 321") is None
    assert signed_in(cloud_server, rede, "+7 999 123-45-67") is None
    assert signed_in(cloud_server, rede, "(51) 98765-4321") == brazilians["51987654321"]
    assert signed_in(cloud_server, rede, "+55 79 99123-4567") == brazilians["79991234567"]


def test_the_key_follows_the_phone_the_endpoint_holds(
    cloud_server: CloudServer,
    chain: tuple[Chain, Counter],
) -> None:
    """Guard: her phone changed, the old number finds no one and the new one finds her; an
    older edit arriving late (its details lose) does not move the key back."""
    rede, counter = chain
    maria = new_uuid()
    old, new = "+5511987654321", "+5511912345678"
    push(counter, upsert(maria, old, details_changed_at="2026-12-01T10:00:00+00:00"))
    push(counter, upsert(maria, new, details_changed_at="2026-12-01T12:00:00+00:00"))
    assert signed_in(cloud_server, rede, "11987654321") is None
    assert signed_in(cloud_server, rede, "11912345678") == maria
    push(counter, upsert(maria, old, details_changed_at="2026-12-01T11:00:00+00:00"))  # late
    assert signed_in(cloud_server, rede, "11987654321") is None
    assert signed_in(cloud_server, rede, "11912345678") == maria
    assert opted_out(cloud_server, rede, "5511987654321") == 0
    assert opted_out(cloud_server, rede, "5511912345678") == 1
