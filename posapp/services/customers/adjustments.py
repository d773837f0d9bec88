"""A manager's correction of a customer's balance: a new ledger entry, never an edit."""

from __future__ import annotations

from db.models import Customer
from posapp.core.errors import BalanceWouldGoNegative, ReasonRequired, UnknownCustomer
from posapp.core.ledger import Balance, EntryKind
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import Book, Refs, replay_customer
from posapp.services.loyalty.vouchers import issue_balance_voucher
from posapp.services.messages.voucher_notice import announce_voucher


def adjust(
    station: Station,
    *,
    customer_id: int,
    units: int,
    reason: str,
    staff_id: int,
    manager_pin: str,
) -> Balance:
    """A manager's correction of a balance: a new entry, never an edit."""
    if not reason.strip():
        raise ReasonRequired()
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "ajuste manual de cashback", now)
        program = station.program(session)
        terminal = station.terminal(session)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        balance = replay_customer(session, customer.id).balance(now)
        if units < 0 and -units > balance.spendable and not program.allow_negative_balance:
            raise BalanceWouldGoNegative(
                balance_centavos=program.value_of_units(balance.spendable),
                amount_centavos=program.value_of_units(units),
            )
        book = Book(session, terminal.uuid, now)
        refs = Refs(staff_id=staff.id, note=reason.strip())
        if units > 0:
            book.credit(customer, EntryKind.ADJUST, units, program, refs, pending=False)
            voucher = issue_balance_voucher(
                session, book, customer, program, Refs(staff_id=staff.id)
            )
            if voucher is not None:
                announce_voucher(station, session, book, customer, voucher, program)
        elif units < 0:
            book.append(customer, EntryKind.ADJUST, units, refs)
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="cashback.adjust",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"customer:{customer.uuid}",
            units=units,
            reason=reason.strip(),
        )
        return replay_customer(session, customer.id).balance(now)
