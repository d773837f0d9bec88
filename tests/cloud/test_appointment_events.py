"""The endpoint checks a salon appointment before every other counter pulls it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.cloud.helpers import Counter, event, new_uuid
from tests.cloud_fixtures import CloudServer


def _appointment(**changes: Any) -> dict[str, Any]:
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    body = {
        "uuid": new_uuid(),
        "group": new_uuid(),
        "customer": new_uuid(),
        "client_name": "Ana Lima",
        "professional": new_uuid(),
        "professional_name": "Paula Manicure",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(minutes=40)).isoformat(),
        "status": "booked",
        "services": [{"item_uuid": new_uuid(), "name": "Manicure", "minutes": 40, "price": 3500}],
        "note": "",
        "sale": None,
        "updated_at": datetime.now(UTC).isoformat(),
    }
    body.update(changes)
    return event("appointment.saved", body)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"status": "deleted"}, "status"),
        ({"ends_at": "2020-01-01T00:00:00+00:00"}, "ends_at"),
        ({"starts_at": "9999-12-31T23:59:59-23:59"}, "starts_at"),
    ],
)
def test_a_malformed_appointment_is_refused_and_a_good_one_is_pulled_by_the_other(
    cloud_server: CloudServer, changes: dict[str, Any], why: str
) -> None:
    chain = cloud_server.create_chain("Rede")
    a = Counter(cloud_server.url, cloud_server.add_terminal(chain, "A"))
    b = Counter(cloud_server.url, cloud_server.add_terminal(chain, "B"))
    assert a.hello().status_code == 200 and b.hello().status_code == 200
    bad, good = _appointment(**changes), _appointment()
    refused = a.push(bad)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"] == "invalid_event" and why in refused.text
    assert a.push(good).json()["accepted"] == 1
    assert [(e["kind"], e["body"]["uuid"]) for e in b.pull_all()] == [
        ("appointment.saved", good["body"]["uuid"])
    ]
