"""What the endpoint's tests build: counters that say hello and push hashed ledger entries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from posapp.core.ledger import GENESIS_HASH, chain_hash
from posapp.core.presets import preset

SIGNING_KEY = "ab" * 32


def new_uuid() -> str:
    return str(uuid.uuid4())


def program_json(key: str = "salon") -> dict[str, Any]:
    import json

    return dict(json.loads(preset(key).to_json()))


@dataclass
class Counter:
    """A fake counter: its token, identity and ledger chain head, talking HTTP to the endpoint."""

    url: str
    token: str
    terminal_uuid: str = field(default_factory=new_uuid)
    store_uuid: str = field(default_factory=new_uuid)
    store_name: str = "Loja Centro"
    seq: int = 0
    head: str = GENESIS_HASH
    client: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.token}"}, timeout=10
        )

    def hello(self, program: dict[str, Any] | None = None) -> httpx.Response:
        return self.client.post(
            "/v1/hello",
            json={
                "terminal_uuid": self.terminal_uuid,
                "terminal_name": "Caixa 1",
                "store_uuid": self.store_uuid,
                "store_name": self.store_name,
                "segment": "salon",
                "program": program or program_json(),
                "signing_key": SIGNING_KEY,
            },
        )

    def entry(
        self,
        customer: str,
        kind: str,
        amount: int,
        *,
        sale: str | None = None,
        voucher: str | None = None,
        lot: str | None = None,
        at: datetime | None = None,
        available_from: datetime | None = None,
        expires_at: datetime | None = None,
    ) -> dict[str, Any]:
        """The next `ledger.entry` event of this counter, hashed like posapp's Book does."""
        at = at or datetime.now(UTC)
        if amount > 0 and available_from is None:
            available_from = at
            expires_at = expires_at or at + timedelta(days=180)
        self.seq += 1
        record: dict[str, Any] = {
            "uuid": new_uuid(),
            "terminal": self.terminal_uuid,
            "seq": self.seq,
            "kind": kind,
            "customer": customer,
            "amount": amount,
            "created_at": at.isoformat(),
            "available_from": available_from.isoformat() if available_from else None,
            "expires_at": expires_at.isoformat() if expires_at else None,
            "lot": lot,
            "sale": sale,
            "voucher": voucher,
            "note": None,
        }
        digest = chain_hash(self.head, record)
        body = {**record, "prev_hash": self.head, "hash": digest}
        self.head = digest
        return event("ledger.entry", body, event_uuid=record["uuid"])

    def push(self, *events: dict[str, Any]) -> httpx.Response:
        return self.client.post("/v1/events", json={"events": list(events)})

    def pull(self, after: int = 0, limit: int = 500) -> httpx.Response:
        return self.client.get("/v1/events", params={"after": after, "limit": limit})

    def pull_all(self, after: int = 0, *, joins: bool = False) -> list[dict[str, Any]]:
        """Every event after the cursor (`store.joined` left out unless `joins`)."""
        found: list[dict[str, Any]] = []
        while True:
            answer = self.pull(after)
            assert answer.status_code == 200, answer.text
            page = answer.json()
            found += [e for e in page["events"] if joins or e["kind"] != "store.joined"]
            after = page["last_seq"]
            if not page["more"]:
                return found


def event(kind: str, body: dict[str, Any], *, event_uuid: str | None = None) -> dict[str, Any]:
    return {
        "uuid": event_uuid or new_uuid(),
        "kind": kind,
        "created_at": datetime.now(UTC).isoformat(),
        "body": body,
    }


def customer_event(
    customer: str, *, cpf: str | None = None, email: str | None = None, name: str = "Ana"
) -> dict[str, Any]:
    return event(
        "customer.upsert",
        {
            "uuid": customer,
            "name": name,
            "cpf": cpf,
            "phone": None,
            "email": email,
            "birthday": None,
            "marketing_consent": False,
            "consent_at": None,
            "referral_code": None,
            "referred_by": None,
            "created_at": datetime.now(UTC).isoformat(),
            "anonymized": False,
        },
    )


def voucher_event(
    code: str, customer: str, value: int, *, expires_at: datetime | None = None
) -> dict[str, Any]:
    now = datetime.now(UTC)
    return event(
        "voucher.issued",
        {
            "uuid": new_uuid(),
            "code": code,
            "customer": customer,
            "kind": "balance",
            "value": value,
            "percent_bps": 0,
            "max_discount": 0,
            "min_purchase": 0,
            "issued_at": now.isoformat(),
            "expires_at": (expires_at or now + timedelta(days=60)).isoformat(),
            "store": None,
        },
    )
