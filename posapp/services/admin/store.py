"""The manager's side of the store: its data and its loyalty program.

Every change takes the manager's PIN inside its own unit of work, writes an
audit row with what was and what is, and an outbox event for the other
counters ("store.changed", "program.changed"). The station's cached store and
program are dropped, so the next sale earns under the new rules.

`example()` is pure: what a customer gets for a purchase under a program, for
the screen's live example.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from db.models import CustomerBalance
from posapp.core.cnpj import normalize_cnpj
from posapp.core.errors import FieldRequired, InvalidProgram, InvalidProgramRules, ProgramModeLocked
from posapp.core.presets import PRESETS
from posapp.core.program import (
    EarnLine,
    LoyaltyProgram,
    ProgramMode,
    VoucherTrigger,
    validate_program,
)
from posapp.services.common import audit, outbox
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.changes import Change, announces
from posapp.services.common.station import Station

PROBLEMS_PT_BR: dict[str, str] = {
    "earn rates must be between 0 % and 100 %": "o cashback deve ficar entre 0% e 100%",
    "the share cashback may pay must be between 0 % and 100 %": (
        "a parte da compra que o cashback paga deve ficar entre 0% e 100%"
    ),
    "minimum purchase, pending days and expiry days cannot be negative": (
        "compra mínima, dias para liberar e validade não podem ser negativos"
    ),
    "points mode needs points per real and a redemption rate": (
        "o modo pontos precisa de pontos por real e de uma taxa de troca"
    ),
    "a balance voucher needs a threshold above zero": (
        "o vale por saldo precisa de um valor mínimo acima de zero"
    ),
    "a purchase voucher needs a value or a percent": (
        "o vale por compra precisa de um valor ou de um percentual"
    ),
    "vouchers need a validity of at least one day": "o vale deve valer por pelo menos 1 dia",
    "points programs redeem points at the counter, not balance vouchers": (
        "no modo pontos os pontos são trocados no caixa, sem vale por saldo"
    ),
    "referral bonuses cannot be negative": "o bônus de indicação não pode ser negativo",
    "the program needs a name": "o programa precisa de um nome",
}
MODE_PT_BR = {ProgramMode.CASHBACK: "cashback", ProgramMode.POINTS: "pontos"}
MODE_EN = {ProgramMode.CASHBACK: "cashback", ProgramMode.POINTS: "points"}


# -- the store's data ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoreData:
    name: str
    cnpj: str | None = None
    """14 characters, no punctuation (None when not given)."""
    address: str | None = None
    phone: str | None = None


def store_data(station: Station) -> StoreData:
    with station.read() as session:
        store = station.store(session)
        return StoreData(store.name, store.cnpj, store.address, store.phone)


def checked_store_data(data: StoreData) -> StoreData:
    """The data as it will be kept: trimmed, the CNPJ checked and bare; else a PosError."""
    name = data.name.strip()
    if not name:
        raise FieldRequired(field_pt="o nome da loja", field_en="the store's name")
    cnpj = normalize_cnpj(data.cnpj) if data.cnpj and data.cnpj.strip() else None
    address = (data.address or "").strip() or None
    phone = (data.phone or "").strip() or None
    return StoreData(name[:120], cnpj, address and address[:200], phone and phone[:20])


@announces(Change.STORE)
def update_store(
    station: Station, data: StoreData, *, staff_id: int, manager_pin: str
) -> StoreData:
    new = checked_store_data(data)
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar os dados da loja", now)
        store = station.store(session)
        old = StoreData(store.name, store.cnpj, store.address, store.phone)
        before, after = dataclasses.asdict(old), dataclasses.asdict(new)
        changed = {k: [before[k], v] for k, v in after.items() if before[k] != v}
        store.name, store.cnpj, store.address, store.phone = (
            new.name,
            new.cnpj,
            new.address,
            new.phone,
        )
        terminal = station.terminal(session)
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="store.change",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"store:{store.uuid}",
            before=before,
            after=after,
            changed=changed,
        )
        outbox.emit(session, "store.changed", now, {"store_uuid": store.uuid, **after})
    station.invalidate()
    return new


# -- the program -----------------------------------------------------------------------


def current_program(station: Station) -> LoyaltyProgram:
    with station.read() as session:
        return station.program(session)


def presets() -> dict[str, LoyaltyProgram]:
    """The five programs a store starts from, by key."""
    return dict(PRESETS)


def problems_pt(problems: list[str]) -> list[str]:
    return [PROBLEMS_PT_BR.get(problem, problem) for problem in problems]


def edit_program(base: LoyaltyProgram, **changes: Any) -> LoyaltyProgram:
    """`base` with `changes`; every rule that does not make sense refused at once, in pt_BR."""
    names = {f.name for f in dataclasses.fields(LoyaltyProgram)}
    unknown = set(changes) - names
    if unknown:
        raise TypeError(f"not rules of a program: {sorted(unknown)}")
    values = {name: changes.get(name, getattr(base, name)) for name in names}
    # Built without __post_init__, which stops at the first problem: all of them are shown.
    draft = object.__new__(LoyaltyProgram)
    for name, value in values.items():
        object.__setattr__(draft, name, value)
    problems = validate_program(draft)
    if not str(values["name"]).strip():
        problems.append("the program needs a name")
    if problems:
        raise InvalidProgramRules(
            problems_pt="; ".join(problems_pt(problems)), problems_en="; ".join(problems)
        )
    try:
        return LoyaltyProgram(**values)
    except InvalidProgram as error:  # pragma: no cover - validate_program saw everything
        problem = str(error.params.get("value", ""))
        raise InvalidProgramRules(
            problems_pt=problems_pt([problem])[0], problems_en=problem
        ) from None


def _holding(session: Any) -> int:
    query = select(func.count()).select_from(CustomerBalance).where(CustomerBalance.units != 0)
    return int(session.scalar(query) or 0)


@announces(Change.PROGRAM)
def change_program(
    station: Station, program: LoyaltyProgram, *, staff_id: int, manager_pin: str
) -> LoyaltyProgram:
    """Put `program` in force. Switching cashback <-> points is refused while anyone holds a
    balance: the ledger's units would change meaning under them."""
    program = edit_program(program)  # a program built elsewhere is checked all the same
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar o programa de fidelidade", now)
        store = station.store(session)
        old = LoyaltyProgram.from_json(store.program_json)
        if old.mode is not program.mode:
            holding = _holding(session)
            if holding:
                raise ProgramModeLocked(
                    old_pt=MODE_PT_BR[old.mode],
                    new_pt=MODE_PT_BR[program.mode],
                    old_en=MODE_EN[old.mode],
                    new_en=MODE_EN[program.mode],
                    count=holding,
                )
        before, after = _rules(old), _rules(program)
        changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        store.program_json = program.to_json()
        terminal = station.terminal(session)
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action="program.change",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"program:{program.key}",
            before=before,
            after=after,
            changed=changed,
        )
        outbox.emit(
            session,
            "program.changed",
            now,
            {"store_uuid": store.uuid, "program": after},
        )
    station.invalidate()
    return program


def _rules(program: LoyaltyProgram) -> dict[str, Any]:
    return dict(_json_ready(dataclasses.asdict(program)))


def _json_ready(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, frozenset | set):
            out[key] = sorted(value)
        elif isinstance(value, dict):
            out[key] = _json_ready(value)
        else:
            out[key] = value
    return out


# -- the live example ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    """What a customer gets for one purchase (paid in money, no categories) under a program."""

    purchase: int
    points: bool
    earned_units: int
    """Centavos of cashback, or points."""
    earned_value: int
    """What the earning is worth, in centavos."""
    below_minimum: bool
    minimum: int
    available_in_days: int
    expires_in_days: int
    redeem_cap: int
    """The most cashback (or points) may pay of this purchase, in centavos."""
    balance_voucher: int
    """A balance voucher this earning (plus `balance`) turns into, once spendable (0: none)."""
    purchase_voucher: int
    """A discount voucher this purchase earns, fixed value in centavos (0: none)..."""
    purchase_voucher_bps: int
    """...or a share of the next purchase (basis points)."""
    voucher_validity_days: int


def example(
    program: LoyaltyProgram, purchase_centavos: int, *, balance_centavos: int = 0
) -> Example:
    purchase = max(0, purchase_centavos)
    units = program.earn([EarnLine(None, purchase)])
    points = program.mode is ProgramMode.POINTS
    value = program.value_of_units(units)
    rule = program.voucher
    balance_voucher = 0
    if rule.trigger is VoucherTrigger.BALANCE_THRESHOLD and units:
        balance_voucher = program.balance_voucher_value(balance_centavos + value)
    due = program.purchase_voucher_due(purchase)
    return Example(
        purchase=purchase,
        points=points,
        earned_units=units,
        earned_value=value,
        below_minimum=0 < purchase < program.min_purchase_centavos,
        minimum=program.min_purchase_centavos,
        available_in_days=program.pending_days,
        expires_in_days=program.expiry_days,
        redeem_cap=program.redeem_cap(purchase),
        balance_voucher=balance_voucher,
        purchase_voucher=rule.value_centavos if due else 0,
        purchase_voucher_bps=rule.percent_bps if due and not rule.value_centavos else 0,
        voucher_validity_days=rule.validity_days,
    )
