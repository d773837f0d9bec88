"""`db verify`: the hash chain, every balance against its entries, every sale against itself.

Each check is a plain function returning the faults it finds (beancount's
way), so a test can break one thing and see exactly that fault named.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session, aliased

from db.models import (
    Customer,
    CustomerBalance,
    LedgerEntry,
    Sale,
    SaleLine,
    SalePayment,
    SyncConflict,
    Terminal,
    Voucher,
    ZReport,
)
from posapp.core.ledger import GENESIS_HASH, EntryKind, digest, link_bytes
from posapp.core.program import LoyaltyProgram
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import HASHED, row_record
from posapp.services.loyalty.ledger_key import LedgerKey, existing_key

_LINKED = (*HASHED, "prev_hash", "hash", "mac", "mac_key")

_TEMPLATES: dict[str, tuple[str, str]] = {
    "chain_seq": (
        "Cadeia do terminal {subject}: sequência quebrada ({detail}).",
        "Chain of terminal {subject}: broken sequence ({detail}).",
    ),
    "chain_link": (
        "Lançamento {subject}: não aponta para o lançamento anterior ({detail}).",
        "Entry {subject}: does not point at the previous entry ({detail}).",
    ),
    "chain_hash": (
        "Lançamento {subject}: conteúdo alterado, o hash não confere ({detail}).",
        "Entry {subject}: content altered, the hash does not match ({detail}).",
    ),
    "entry_customer": (
        "Lançamento {subject}: o cliente ligado a ele não é o cliente do lançamento ({detail}).",
        "Entry {subject}: the customer it is linked to is not the customer of the entry "
        "({detail}).",
    ),
    "balance_mismatch": (
        "Cliente {subject}: saldo gravado difere da soma dos lançamentos ({detail}).",
        "Customer {subject}: stored balance differs from the sum of its entries ({detail}).",
    ),
    "balance_negative": (
        "Cliente {subject}: saldo negativo, que o programa não permite ({detail}).",
        "Customer {subject}: negative balance, which the program does not allow ({detail}).",
    ),
    "sale_lines": (
        "Venda {subject}: itens não somam o total ({detail}).",
        "Sale {subject}: lines do not add up to the total ({detail}).",
    ),
    "sale_payments": (
        "Venda {subject}: pagamentos menos troco não somam o total ({detail}).",
        "Sale {subject}: payments less change do not add up to the total ({detail}).",
    ),
    "sale_earned": (
        "Venda {subject}: cashback gerado difere do lançado ({detail}).",
        "Sale {subject}: cashback earned differs from the ledger ({detail}).",
    ),
    "voucher_redeem": (
        "Vale {subject}: usado sem lançamento de uso no extrato.",
        "Voucher {subject}: used without a redemption entry in the ledger.",
    ),
    "chain_mac": (
        "Lançamento {subject}: a assinatura deste caixa não confere; o extrato foi alterado "
        "e recalculado fora do programa ({detail}).",
        "Entry {subject}: this counter's signature does not match; the ledger was altered "
        "and re-chained outside the program ({detail}).",
    ),
    "chain_unsigned": (
        "Lançamento {subject}: sem a assinatura deste caixa, gravado depois que ela passou "
        "a existir ({detail}).",
        "Entry {subject}: without this counter's signature, written after it existed ({detail}).",
    ),
    "anchor_lost": (
        "O arquivo não alcança mais a âncora {subject}: nenhum lançamento tem este hash "
        "(lançamentos apagados, ou alterados e recalculados).",
        "The file no longer reaches the anchor {subject}: no entry has this hash "
        "(entries deleted, or altered and re-chained).",
    ),
    "anchor_moved": (
        "O arquivo não alcança mais a âncora {subject}: o hash está no lançamento "
        "nº {detail}, não na posição da âncora.",
        "The file no longer reaches the anchor {subject}: the hash is at entry "
        "no. {detail}, not at the anchor's position.",
    ),
    "anchor_ok": (
        "Âncora {subject}: alcançada (lançamento nº {detail}).",
        "Anchor {subject}: reached (entry no. {detail}).",
    ),
    "open_conflict": (
        "Cliente {subject}: saldo negativo por uso offline em dois caixas; é uma divergência "
        "aberta da sincronização, para o gerente resolver, não um defeito ({detail}).",
        "Customer {subject}: negative balance from offline use at two counters; an open sync "
        "conflict for a manager to settle, not corruption ({detail}).",
    ),
    "keyed_elsewhere": (
        "{subject} lançamento(s) deste caixa assinados com a chave {detail}, que não está "
        "neste computador: a assinatura deles não pôde ser conferida aqui.",
        "{subject} entry(ies) of this counter signed with key {detail}, which is not on this "
        "computer: their signature could not be checked here.",
    ),
    "other_terminals": (
        "{subject} lançamento(s) de outros caixas (recebidos pela sincronização): conferidos "
        "pela cadeia de hash; a assinatura deles só o caixa de origem confere ({detail}).",
        "{subject} entry(ies) of other counters (pulled by sync): checked by their hash "
        "chain; only their own counter can check their signature ({detail}).",
    ),
    "before_key": (
        "{subject} lançamento(s) gravados antes da assinatura existir: conferidos só pela "
        "cadeia de hash.",
        "{subject} entry(ies) written before the signature existed: checked by the hash "
        "chain only.",
    ),
    "endpoint_unreachable": (
        "Servidor da rede fora do alcance: a âncora dele não foi conferida ({detail}).",
        "The chain's endpoint could not be reached: its anchor was not checked ({detail}).",
    ),
}

NOTICES = frozenset(
    {
        "anchor_ok",
        "open_conflict",
        "keyed_elsewhere",
        "other_terminals",
        "before_key",
        "endpoint_unreachable",
    }
)
"""Codes that say what was (not) checked: none of them is a fault in the file."""


@dataclass(frozen=True, slots=True)
class Fault:
    code: str
    subject: str
    detail: str = ""

    def message(self, locale: str = "pt_BR") -> str:
        pt, en = _TEMPLATES[self.code]
        template = pt if locale.startswith("pt") else en
        return template.format(subject=self.subject, detail=self.detail)

    @property
    def is_notice(self) -> bool:
        return self.code in NOTICES


@dataclass(frozen=True, slots=True)
class Anchor:
    """A ledger head kept outside the checked rows: a Z report, a typed hash, the endpoint."""

    source: str
    """Who holds it: "Z nº 3", "--anchor", "servidor"."""
    head: str
    seq: int | None = None
    """The entry count of this terminal at the head (None: look the hash up anywhere)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    faults: tuple[Fault, ...]
    notices: tuple[Fault, ...]


def verify(station: Station) -> list[Fault]:
    """The faults in the file (what it could not check, and open conflicts, are not faults)."""
    return list(verify_all(station).faults)


def verify_all(station: Station, anchors: Sequence[Anchor] = ()) -> Verdict:
    """Every check, the stored Z heads and `anchors` (typed, or the endpoint's)."""
    with station.read() as session:
        program = station.program(session)
        terminal = station.terminal(session).uuid
        every_anchor = [*stored_anchors(session, terminal), *anchors]
        walk = walk_ledger(session, terminal, {anchor.head for anchor in every_anchor})
        found = [
            *walk.faults,
            *check_customer_links(session),
            *check_balances(session, program),
            *check_sales(session),
            *check_vouchers(session),
            *check_anchors(every_anchor, walk.positions),
        ]
    return Verdict(
        tuple(f for f in found if not f.is_notice), tuple(f for f in found if f.is_notice)
    )


def _pairs(rows: Sequence[Any]) -> dict[int, int]:
    return {int(key): int(value or 0) for key, value in rows if key is not None}


_CHAIN = (
    select(*(getattr(LedgerEntry, column) for column in _LINKED))
    .order_by(LedgerEntry.terminal_uuid, LedgerEntry.seq)
    .execution_options(yield_per=5_000)
)
"""Every entry in chain order, columns only (served by the (terminal_uuid, seq) index)."""


@dataclass(frozen=True, slots=True)
class LedgerWalk:
    faults: list[Fault]
    positions: dict[str, int]
    """Each anchor head asked for that an entry has, with that entry's seq."""


def walk_ledger(session: Session, terminal: str, heads: Set[str] = frozenset()) -> LedgerWalk:
    """One read of the whole ledger: every terminal's hash chain, this terminal's MACs, and
    where the anchors' heads are. Each entry is serialised once for its hash and its mac.

    A copy of the file cannot recompute a MAC: an entry altered (or added) and re-chained
    outside the program shows here even though its SHA-256 chain is whole, whatever name
    its key column is given. Entries of other terminals, and this terminal's entries
    keyed on another computer before this computer's key existed, are counted and said,
    not judged.
    """
    key = existing_key(terminal)
    chain: list[Fault] = []
    keyed: list[Fault] = []
    positions: dict[str, int] = {}
    others = unsigned_before = 0
    elsewhere: dict[str, int] = {}
    signed_seen = False
    current: str | None = None
    previous, expected_seq = GENESIS_HASH, 1
    for row in session.execute(_CHAIN):
        if row.terminal_uuid != current:
            current, previous, expected_seq = row.terminal_uuid, GENESIS_HASH, 1
        if row.seq != expected_seq:
            chain.append(
                Fault("chain_seq", row.terminal_uuid, f"esperado {expected_seq}, achado {row.seq}")
            )
        if row.prev_hash != previous:
            chain.append(Fault("chain_link", row.uuid, f"seq {row.seq}"))
        linked = link_bytes(row.prev_hash, row_record(row._mapping))
        if digest(linked) != row.hash:
            chain.append(Fault("chain_hash", row.uuid, f"seq {row.seq}"))
        if row.hash in heads:
            positions.setdefault(row.hash, row.seq)
        previous, expected_seq = row.hash, row.seq + 1
        if current != terminal:
            others += 1
        elif row.mac is None:
            late = key is not None and row.created_at >= key.created_at
            if signed_seen or late:
                keyed.append(Fault("chain_unsigned", row.uuid, f"seq {row.seq}"))
            else:
                unsigned_before += 1
        else:
            signed_seen = True
            if key is None or _keyed_elsewhere(row, key):
                name = row.mac_key or "?"
                elsewhere[name] = elsewhere.get(name, 0) + 1
            elif row.mac_key != key.key_id or digest(linked, key.secret) != row.mac:
                keyed.append(Fault("chain_mac", row.uuid, f"seq {row.seq}"))
    if others:
        chain.append(Fault("other_terminals", str(others), "SHA-256"))
    chain += keyed
    if unsigned_before:
        chain.append(Fault("before_key", str(unsigned_before)))
    for name, count in sorted(elsewhere.items()):
        chain.append(Fault("keyed_elsewhere", str(count), name))
    return LedgerWalk(chain, positions)


def _keyed_elsewhere(row: Row[Any], key: LedgerKey) -> bool:
    """Signed on another computer before this one's key existed (a file carried over):
    counted and said, not judged. A missing key name, or another key's on an entry written
    after this computer's key existed, is an entry re-signed (or its name wiped) outside
    the program, and judged as a bad signature."""
    return bool(row.mac_key) and row.mac_key != key.key_id and row.created_at < key.created_at


def stored_anchors(session: Session, terminal: str) -> list[Anchor]:
    """The heads this terminal's Z reports recorded, newest first."""
    rows = session.execute(
        select(ZReport.number, ZReport.chain_seq, ZReport.chain_head)
        .join(Terminal, Terminal.id == ZReport.terminal_id)
        .where(Terminal.uuid == terminal, ZReport.chain_head.is_not(None))
        .order_by(ZReport.number.desc())
    )
    return [Anchor(f"Z nº {number}", str(head), seq) for number, seq, head in rows]


def check_anchors(anchors: Sequence[Anchor], positions: Mapping[str, int]) -> Iterator[Fault]:
    """Each anchor must still be an entry of the file (at its position, when known)."""
    for anchor in anchors:
        subject = f"{anchor.source} ({anchor.head[:16]}…)"
        if anchor.seq == 0:
            yield Fault("anchor_ok", subject, "0")
            continue
        seq = positions.get(anchor.head)
        if seq is None:
            yield Fault("anchor_lost", subject)
        elif anchor.seq is not None and seq != anchor.seq:
            yield Fault("anchor_moved", subject, str(seq))
        else:
            yield Fault("anchor_ok", subject, str(seq))


def check_customer_links(session: Session) -> Iterator[Fault]:
    """Each entry's customer row is the customer its hash names.

    The hash and the MAC cover the customer's uuid; the row an entry links to
    (`customer_id`, what balances, statements and screens read) is checked here against
    that uuid, so entries re-pointed at another customer are found even with the
    balances rebuilt to match.
    """
    linked = aliased(Customer)
    rows = session.execute(
        select(LedgerEntry.uuid, LedgerEntry.seq)
        .outerjoin(linked, linked.id == LedgerEntry.customer_id)
        .where(or_(linked.uuid.is_(None), linked.uuid != LedgerEntry.customer_uuid))
        .order_by(LedgerEntry.id)
    )
    for entry_uuid, seq in rows:
        yield Fault("entry_customer", entry_uuid, f"seq {seq}")


def check_balances(session: Session, program: LoyaltyProgram) -> Iterator[Fault]:
    sums = _pairs(
        session.execute(
            select(LedgerEntry.customer_id, func.sum(LedgerEntry.amount)).group_by(
                LedgerEntry.customer_id
            )
        ).all()
    )
    stored = _pairs(
        session.execute(select(CustomerBalance.customer_id, CustomerBalance.units)).all()
    )
    disputed = set(
        session.scalars(
            select(Customer.id)
            .join(SyncConflict, SyncConflict.customer_uuid == Customer.uuid)
            .where(SyncConflict.status == "open")
        )
    )
    for customer_id in sorted(sums.keys() | stored.keys()):
        total, kept = int(sums.get(customer_id, 0)), stored.get(customer_id, 0)
        if total != kept:
            yield Fault("balance_mismatch", str(customer_id), f"gravado {kept}, soma {total}")
        if total < 0 and not program.allow_negative_balance:
            code = "open_conflict" if customer_id in disputed else "balance_negative"
            yield Fault(code, str(customer_id), f"{total}")


def check_sales(session: Session) -> Iterator[Fault]:
    line_sums = _pairs(
        session.execute(
            select(SaleLine.sale_id, func.sum(SaleLine.net)).group_by(SaleLine.sale_id)
        ).all()
    )
    line_earned = _pairs(
        session.execute(
            select(SaleLine.sale_id, func.sum(SaleLine.earned)).group_by(SaleLine.sale_id)
        ).all()
    )
    paid = _pairs(
        session.execute(
            select(SalePayment.sale_id, func.sum(SalePayment.amount)).group_by(SalePayment.sale_id)
        ).all()
    )
    earned = _pairs(
        session.execute(
            select(LedgerEntry.sale_id, func.sum(LedgerEntry.amount))
            .where(LedgerEntry.kind == EntryKind.EARN.value)
            .group_by(LedgerEntry.sale_id)
        ).all()
    )
    for sale in session.execute(
        select(Sale.id, Sale.number, Sale.total, Sale.change, Sale.earned, Sale.customer_id)
    ):
        subject = f"nº {sale.number}"
        lines = int(line_sums.get(sale.id, 0))
        if lines != sale.total:
            yield Fault("sale_lines", subject, f"itens {lines}, total {sale.total}")
        payments = int(paid.get(sale.id, 0)) - sale.change
        if payments != sale.total:
            yield Fault("sale_payments", subject, f"pago {payments}, total {sale.total}")
        in_ledger = int(earned.get(sale.id, 0)) if sale.customer_id else sale.earned
        in_lines = int(line_earned.get(sale.id, 0))
        if not sale.earned == in_ledger == in_lines:
            yield Fault(
                "sale_earned",
                subject,
                f"venda {sale.earned}, itens {in_lines}, extrato {in_ledger}",
            )


def check_vouchers(session: Session) -> Iterator[Fault]:
    redeemed_in_ledger = set(
        session.scalars(
            select(LedgerEntry.voucher_id).where(LedgerEntry.kind == EntryKind.VOUCHER_REDEEM.value)
        )
    )
    for voucher in session.scalars(select(Voucher).where(Voucher.status == "redeemed")):
        if voucher.id not in redeemed_in_ledger:
            yield Fault("voucher_redeem", voucher.code)
