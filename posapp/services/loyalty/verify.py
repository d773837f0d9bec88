"""`db verify`: the hash chain, every balance against its entries, every sale against itself.

Each check is a plain function returning the faults it finds (beancount's
way), so a test can break one thing and see exactly that fault named.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import CustomerBalance, LedgerEntry, Sale, SaleLine, SalePayment, Voucher
from posapp.core.ledger import GENESIS_HASH, EntryKind, chain_hash
from posapp.core.program import LoyaltyProgram
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import entry_record

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
}


@dataclass(frozen=True, slots=True)
class Fault:
    code: str
    subject: str
    detail: str = ""

    def message(self, locale: str = "pt_BR") -> str:
        pt, en = _TEMPLATES[self.code]
        template = pt if locale.startswith("pt") else en
        return template.format(subject=self.subject, detail=self.detail)


def verify(station: Station) -> list[Fault]:
    with station.read() as session:
        program = station.program(session)
        return [
            *check_chain(session),
            *check_balances(session, program),
            *check_sales(session),
            *check_vouchers(session),
        ]


def _pairs(rows: Sequence[Any]) -> dict[int, int]:
    return {int(key): int(value or 0) for key, value in rows if key is not None}


def check_chain(session: Session) -> Iterator[Fault]:
    terminals = session.scalars(select(LedgerEntry.terminal_uuid).distinct()).all()
    for terminal in terminals:
        previous, expected_seq = GENESIS_HASH, 1
        entries = session.scalars(
            select(LedgerEntry)
            .where(LedgerEntry.terminal_uuid == terminal)
            .order_by(LedgerEntry.seq)
            .execution_options(yield_per=5_000)
        )
        for entry in entries:
            if entry.seq != expected_seq:
                yield Fault("chain_seq", terminal, f"esperado {expected_seq}, achado {entry.seq}")
            if entry.prev_hash != previous:
                yield Fault("chain_link", entry.uuid, f"seq {entry.seq}")
            if chain_hash(entry.prev_hash, entry_record(entry)) != entry.hash:
                yield Fault("chain_hash", entry.uuid, f"seq {entry.seq}")
            previous, expected_seq = entry.hash, entry.seq + 1


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
    for customer_id in sorted(sums.keys() | stored.keys()):
        total, kept = int(sums.get(customer_id, 0)), stored.get(customer_id, 0)
        if total != kept:
            yield Fault("balance_mismatch", str(customer_id), f"gravado {kept}, soma {total}")
        if total < 0 and not program.allow_negative_balance:
            yield Fault("balance_negative", str(customer_id), f"{total}")


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
