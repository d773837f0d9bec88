"""Known answers for the ledger: the hash chain of a short ledger, and lots consumed by hand.

The chain's hashes below were computed once with hashlib from the record bytes written
out here (sha256 of the previous hash's hex followed by the entry's canonical JSON: sorted
keys, no spaces, non-ASCII escaped), and the MACs with hmac under a known secret, and
pinned as literals: a chain that stops covering the previous hash, a field, or the
serialization changes them.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from posapp.core.ledger import (
    GENESIS_HASH,
    Balance,
    EntryKind,
    Movement,
    chain_hash,
    replay,
    taken_from,
)

TERMINAL = "9f8e7d6c-5b4a-4392-8172-6f5e4d3c2b1a"
MARIA = "5f77a8b7-8035-4afc-8279-e5ce9b546bc1"

RECORDS: list[dict[str, object]] = [
    {
        "uuid": "e0000000-0000-4000-8000-000000000001", "terminal": TERMINAL, "seq": 1,
        "kind": "earn", "customer": MARIA, "amount": 499,
        "created_at": "2026-03-02T13:10:00+00:00",
        "available_from": "2026-03-02T13:10:00+00:00",
        "expires_at": "2026-08-29T13:10:00+00:00", "lot": None,
        "sale": "727cc624-9674-491b-898c-349868021dff", "voucher": None, "note": None,
    },
    {
        "uuid": "e0000000-0000-4000-8000-000000000002", "terminal": TERMINAL, "seq": 2,
        "kind": "redeem", "customer": MARIA, "amount": -499,
        "created_at": "2026-03-02T13:20:00+00:00", "available_from": None,
        "expires_at": None, "lot": None, "sale": "81e0a45c-a0b0-4531-8d5b-92eae340fedd",
        "voucher": None, "note": None,
    },
    {
        "uuid": "e0000000-0000-4000-8000-000000000003", "terminal": TERMINAL, "seq": 3,
        "kind": "adjust", "customer": MARIA, "amount": 150,
        "created_at": "2026-03-02T14:00:00+00:00",
        "available_from": "2026-03-02T14:00:00+00:00", "expires_at": None, "lot": None,
        "sale": None, "voucher": "NGVQ-31MP-V94N-C", "note": "crédito à mão",
    },
]  # fmt: skip

RECORD_BYTES = [
    '{"amount":499,"available_from":"2026-03-02T13:10:00+00:00",'
    '"created_at":"2026-03-02T13:10:00+00:00","customer":"5f77a8b7-8035-4afc-8279-e5ce9b546bc1",'
    '"expires_at":"2026-08-29T13:10:00+00:00","kind":"earn","lot":null,"note":null,'
    '"sale":"727cc624-9674-491b-898c-349868021dff","seq":1,'
    '"terminal":"9f8e7d6c-5b4a-4392-8172-6f5e4d3c2b1a",'
    '"uuid":"e0000000-0000-4000-8000-000000000001","voucher":null}',
    '{"amount":-499,"available_from":null,"created_at":"2026-03-02T13:20:00+00:00",'
    '"customer":"5f77a8b7-8035-4afc-8279-e5ce9b546bc1","expires_at":null,"kind":"redeem",'
    '"lot":null,"note":null,"sale":"81e0a45c-a0b0-4531-8d5b-92eae340fedd","seq":2,'
    '"terminal":"9f8e7d6c-5b4a-4392-8172-6f5e4d3c2b1a",'
    '"uuid":"e0000000-0000-4000-8000-000000000002","voucher":null}',
    '{"amount":150,"available_from":"2026-03-02T14:00:00+00:00",'
    '"created_at":"2026-03-02T14:00:00+00:00","customer":"5f77a8b7-8035-4afc-8279-e5ce9b546bc1",'
    '"expires_at":null,"kind":"adjust","lot":null,"note":"cr\\u00e9dito \\u00e0 m\\u00e3o",'
    '"sale":null,"seq":3,"terminal":"9f8e7d6c-5b4a-4392-8172-6f5e4d3c2b1a",'
    '"uuid":"e0000000-0000-4000-8000-000000000003","voucher":"NGVQ-31MP-V94N-C"}',
]
"""The canonical bytes of each record, written out by hand."""

HASHES = [
    "4d78245e87d2ca1cf6c3df92600f245009b2e2a3eee5de456c440f29a7c9164e",
    "659fd13031acf509cd5f5d1283945cbc575c25ad7374f67d1d9cd4e6fce54f2b",
    "e92ca1eba44c6ee07e8e7dcc9c28812281e4458b2615985090c97ced9cde0247",
]
"""sha256(previous hash hex + record bytes), computed once with hashlib and pinned."""


def test_the_pinned_hashes_are_sha256_of_the_previous_hash_and_the_record_bytes() -> None:
    previous = GENESIS_HASH
    for record_bytes, pinned in zip(RECORD_BYTES, HASHES, strict=True):
        assert hashlib.sha256((previous + record_bytes).encode("utf-8")).hexdigest() == pinned
        previous = pinned


def test_the_chain_of_a_short_known_ledger_gives_the_pinned_hashes() -> None:
    previous = GENESIS_HASH
    for record, pinned in zip(RECORDS, HASHES, strict=True):
        previous = chain_hash(previous, record)
        assert previous == pinned


@pytest.mark.parametrize("field", sorted(RECORDS[0]))
def test_every_field_of_the_record_changes_the_hash(field: str) -> None:
    altered = {**RECORDS[0], field: "x"}
    assert chain_hash(GENESIS_HASH, altered) != HASHES[0]


def test_the_same_entry_after_another_previous_hash_hashes_differently() -> None:
    assert chain_hash(HASHES[0], RECORDS[0]) != HASHES[0]
    assert chain_hash(HASHES[1], RECORDS[2]) == HASHES[2]


KEY = bytes(range(32))
"""A terminal secret for the known answers (32 raw bytes: 00 01 ... 1f)."""

MACS = [
    "d5235bf77f7daea302281e084309e1c537a854a02cebbfd3e9184ff524532fc7",
    "55146fabb6fd3ec78c2c50d620b0fc623676d310b839b0a1c6d58cd93a8f1d39",
    "c9b8bf3708c6c603185f354bb0b7168cd287e5d09c663c03f6401cfe484c48f8",
]
"""HMAC-SHA256(KEY, previous *hash* + record bytes), computed once with hmac and pinned."""


def test_the_pinned_macs_are_hmac_of_the_previous_hash_and_the_record_bytes() -> None:
    previous = GENESIS_HASH
    for record_bytes, pinned_hash, pinned_mac in zip(RECORD_BYTES, HASHES, MACS, strict=True):
        data = (previous + record_bytes).encode("utf-8")
        assert hmac.new(KEY, data, hashlib.sha256).hexdigest() == pinned_mac
        previous = pinned_hash


def test_the_keyed_chain_of_a_short_known_ledger_gives_the_pinned_macs() -> None:
    previous = GENESIS_HASH
    for record, pinned_hash, pinned_mac in zip(RECORDS, HASHES, MACS, strict=True):
        assert chain_hash(previous, record, KEY) == pinned_mac
        assert chain_hash(previous, record) == pinned_hash  # the key changes only the mac
        previous = pinned_hash
    assert chain_hash(GENESIS_HASH, RECORDS[0], bytes(32)) != MACS[0]


# -- lots, worked out by hand ----------------------------------------------------------

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def day(n: float) -> datetime:
    return T0 + timedelta(days=n)


def credit(uuid: str, amount: int, at: float, available: float, expires: float | None) -> Movement:
    return Movement(
        uuid,
        EntryKind.EARN,
        amount,
        day(at),
        available_from=day(available),
        expires_at=day(expires) if expires is not None else None,
    )


def test_spending_takes_the_spendable_lot_that_expires_soonest_first() -> None:
    result = replay(
        [
            credit("late", 1_000, 0, 0, 200),
            credit("soon", 300, 0, 0, 20),
            credit("never", 500, 0, 0, None),
            credit("pending", 700, 0, 30, 60),  # not spendable on day 1
            Movement("spend", EntryKind.REDEEM, -600, day(1)),
        ]
    )
    remaining = {uuid: lot.remaining for uuid, lot in result.lots.items()}
    assert remaining == {"late": 700, "soon": 0, "never": 500, "pending": 700}
    assert result.deficit == 0


def test_a_pending_lot_is_spent_only_after_the_spendable_ones_and_before_a_deficit() -> None:
    result = replay(
        [
            credit("now", 100, 0, 0, 90),
            credit("later", 400, 0, 10, 30),
            Movement("spend", EntryKind.ADJUST, -300, day(1)),
        ]
    )
    assert {u: lot.remaining for u, lot in result.lots.items()} == {"now": 0, "later": 200}


def test_a_targeted_movement_takes_its_own_lot_first() -> None:
    result = replay(
        [
            credit("a", 500, 0, 0, 10),
            credit("b", 500, 0, 0, 100),
            Movement("rev", EntryKind.REVERSE, -200, day(1), lot_uuid="b"),
        ]
    )
    assert {u: lot.remaining for u, lot in result.lots.items()} == {"a": 500, "b": 300}


def test_an_expiry_takes_only_its_own_lot_and_leaves_the_rest_as_deficit() -> None:
    result = replay(
        [
            credit("a", 100, 0, 0, 10),
            credit("b", 900, 0, 0, 100),
            Movement("exp", EntryKind.EXPIRE, -150, day(10), lot_uuid="a"),
        ]
    )
    assert {u: lot.remaining for u, lot in result.lots.items()} == {"a": 0, "b": 900}
    assert result.deficit == 50


def test_a_deficit_is_paid_off_by_the_next_credit() -> None:
    result = replay(
        [
            Movement("debt", EntryKind.ADJUST, -250, day(0)),
            credit("a", 100, 1, 1, None),
            credit("b", 400, 2, 2, None),
        ]
    )
    assert {u: lot.remaining for u, lot in result.lots.items()} == {"a": 0, "b": 250}
    assert result.deficit == 0
    assert result.balance(day(3)).total == 250


def test_a_balance_splits_spendable_pending_and_expiring_within_30_days() -> None:
    result = replay(
        [
            credit("soon", 100, 0, 0, 40),  # expires 30 days after day 10: expiring soon
            credit("edge", 200, 0, 0, 41),  # 31 days after day 10: not yet
            credit("open", 300, 0, 0, None),
            credit("pending", 400, 0, 20, 200),
            credit("gone", 500, 0, 0, 5),  # expired by day 10, never expired by a movement
        ]
    )
    balance = result.balance(day(10))
    assert balance == Balance(
        total=1_500, spendable=600, pending=400, expiring_soon=100, next_expiry=day(40)
    )
    assert [lot.uuid for lot in result.expired_lots(day(10))] == ["gone"]
    assert [lot.uuid for lot in result.expired_lots(day(40))] == ["soon", "gone"]


def test_a_lot_is_spendable_from_its_first_moment_until_just_before_it_expires() -> None:
    lot = replay([credit("a", 100, 0, 1, 5)]).lots["a"]
    assert not lot.spendable_at(day(1) - timedelta(microseconds=1))
    assert lot.spendable_at(day(1))
    assert lot.spendable_at(day(5) - timedelta(microseconds=1))
    assert not lot.spendable_at(day(5))


def test_a_deficit_lowers_the_spendable_balance() -> None:
    result = replay(
        [
            credit("a", 100, 0, 0, 10),
            Movement("exp", EntryKind.EXPIRE, -300, day(10), lot_uuid="a"),
            credit("b", 50, 11, 11, None),
        ]
    )
    assert result.deficit == 150
    balance = result.balance(day(12))
    assert (balance.total, balance.spendable) == (-150, -150)


def test_a_spend_runs_over_several_lots_down_to_the_last_centavo() -> None:
    result = replay(
        [
            credit("a", 5, 0, 0, 10),
            credit("b", 5, 0, 0, 20),
            credit("c", 1, 0, 0, 30),
            Movement("spend", EntryKind.REDEEM, -6, day(1)),
            Movement("again", EntryKind.REDEEM, -5, day(2)),
        ]
    )
    assert {u: lot.remaining for u, lot in result.lots.items()} == {"a": 0, "b": 0, "c": 0}
    assert result.deficit == 0


def test_a_reversal_of_a_lot_not_in_the_ledger_takes_from_the_others() -> None:
    result = replay(
        [
            credit("a", 100, 0, 0, 10),
            Movement("rev", EntryKind.REVERSE, -40, day(1), lot_uuid="elsewhere"),
        ]
    )
    assert result.lots["a"].remaining == 60


def test_empty_lots_count_for_nothing_and_full_ones_all_count() -> None:
    result = replay(
        [
            credit("spent", 100, 0, 0, 5),
            Movement("spend", EntryKind.REDEEM, -100, day(1)),
            credit("one", 1, 0, 0, 20),
            credit("two", 2, 0, 0, 25),
            credit("later", 10, 0, 12, 200),
            credit("later too", 20, 0, 15, 200),
        ]
    )
    balance = result.balance(day(10))
    assert (balance.spendable, balance.pending, balance.expiring_soon) == (3, 30, 3)
    assert balance.next_expiry == day(20)
    assert [lot.uuid for lot in result.expired_lots(day(30))] == ["one", "two"]


def test_an_empty_lot_never_sets_the_next_expiry_and_zero_movements_open_no_lot() -> None:
    result = replay(
        [
            credit("spent", 100, 0, 0, 15),
            Movement("spend", EntryKind.REDEEM, -100, day(1), lot_uuid="spent"),
            credit("kept", 50, 0, 0, 20),
            Movement("voucher", EntryKind.VOUCHER_ISSUE, 0, day(2)),
        ]
    )
    assert list(result.lots) == ["spent", "kept"]
    assert result.balance(day(10)).next_expiry == day(20)


def test_the_lots_an_entry_took_are_told_with_how_much_of_each() -> None:
    moves = [
        credit("a", 100, 0, 0, 10),
        credit("b", 100, 0, 0, 20),
        Movement("debt", EntryKind.ADJUST, -30, day(0)),  # from a, the soonest
        Movement("voucher", EntryKind.VOUCHER_ISSUE, -150, day(1)),
        credit("c", 100, 2, 2, 30),
        Movement("later", EntryKind.REDEEM, -20, day(3)),
    ]
    taken = taken_from(moves, "voucher")
    assert [(lot.uuid, amount) for lot, amount in taken] == [("a", 70), ("b", 80)]
    assert [(lot.available_from, lot.expires_at) for lot, _ in taken] == [
        (day(0), day(10)),
        (day(0), day(20)),
    ]
    assert [(lot.uuid, amount) for lot, amount in taken_from(moves, "later")] == [("b", 20)]
    assert taken_from(moves, "c") == []
    assert taken_from(moves, "nowhere") == []


def test_the_lots_taken_after_a_deficit_was_paid_off() -> None:
    moves = [
        Movement("debt", EntryKind.ADJUST, -40, day(0)),
        Movement("more debt", EntryKind.ADJUST, -10, day(0)),
        credit("a", 100, 1, 1, None),  # 50 of it pays the deficit
        credit("b", 30, 1, 3, 40),  # spendable from day 3
        Movement("spend", EntryKind.REDEEM, -80, day(2)),
    ]
    taken = taken_from(moves, "spend")
    assert [(lot.uuid, amount) for lot, amount in taken] == [("a", 50), ("b", 30)]
    assert taken[1][0].available_from == day(3)


def test_a_one_centavo_lot_a_voucher_took_comes_back_with_its_own_dates() -> None:
    """A goodwill centavo expiring on day 5 and 100 expiring on day 20 both go into a
    voucher of 101: a lapsed voucher returns the centavo with its own, sooner expiry."""
    moves = [
        credit("centavo", 1, 0, 0, 5),
        credit("a", 100, 0, 0, 20),
        Movement("voucher", EntryKind.VOUCHER_ISSUE, -101, day(1)),
    ]
    taken = taken_from(moves, "voucher")
    assert [(lot.uuid, amount, lot.expires_at) for lot, amount in taken] == [
        ("centavo", 1, day(5)),
        ("a", 100, day(20)),
    ]
