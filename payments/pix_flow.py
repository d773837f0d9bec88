"""The counter's side of a dynamic Pix charge, from the QR on screen to "paid" or back.

    start ──> WAITING ──(PSP says CONCLUIDA)──────────────> PAID       the sale completes
                 │ ──(deadline reached; charge cancelled)─> EXPIRED    back to other tenders
                 │ ──(cashier gave up; charge cancelled)──> CANCELLED  back to other tenders
                 │ ──(paid, not the charge's amount)──────> WRONG_AMOUNT back to other tenders
                 └ ──(PSP removed the charge)─────────────> EXPIRED

A charge ends once: after PAID, EXPIRED or CANCELLED the same outcome comes back, so
one charge can never complete a sale twice. Money that arrives for a charge that did
not complete the sale (the payer's app had sent it before the cancel reached the PSP,
a second payment, or money of another amount than the charge's) is a LatePayment:
surfaced by the outcome or by `check_late`, and returned only when someone calls
`refund_late` (a devolução whose id is derived from the payment's endToEndId, so
repeating the action never refunds twice).

Persist `txid` (from `new_txid()`) before `start`: if the counter stops mid-way,
`resume(txid, amount)` and `check_late(txid)` find the charge again.

Time comes from `clock` (monotonic seconds) and waits go through `sleep`; both are
injectable. `wait` blocks: run it off the GUI thread and stop it with `should_stop`.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from payments.brcode import build_dynamic
from payments.errors import PaymentError, format_brl
from payments.pix_api import (
    Charge,
    ChargeStatus,
    PixApiError,
    PspNotFound,
    PspRefused,
    PspTimeout,
    PspUnavailable,
    PspUnreachable,
    ReceivedPix,
    Refund,
    RefundStatus,
    check_txid,
)

_TRANSIENT = (PspTimeout, PspUnreachable, PspUnavailable)
LATE_REFUND_TEXT = "Devolução de Pix recebido após o cancelamento da cobrança"


class PixApi(Protocol):
    """What the flow needs of a PSP client (payments.pix_api.PixApiClient has it)."""

    def create_charge(
        self,
        txid: str,
        amount_centavos: int,
        key: str,
        *,
        expiry_s: int = ...,
        payer_request: str | None = ...,
    ) -> Charge: ...

    def get_charge(self, txid: str) -> Charge: ...

    def cancel_charge(self, txid: str) -> Charge: ...

    def refund(
        self, e2eid: str, refund_id: str, amount_centavos: int, description: str | None = ...
    ) -> Refund: ...

    def get_refund(self, e2eid: str, refund_id: str) -> Refund: ...


class Phase(StrEnum):
    PAID = "paid"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    WRONG_AMOUNT = "wrong_amount"
    """The PSP took money of another amount than the charge's: it pays nothing, all of it
    is to return (a PSP should not let a payer change a cob's amount; if one does, the
    sale must not be completed by R$ 1,00 for R$ 80,00)."""


class ChargeNotCreated(PaymentError):
    code = "pix_charge_not_created"
    pt_BR = (
        "Não foi possível criar a cobrança Pix ({reason}). "
        "Tente de novo ou use outra forma de pagamento."
    )
    en = "The Pix charge could not be created ({reason}). Try again or use another tender."


class NoQrFromPsp(PaymentError):
    code = "pix_no_qr"
    pt_BR = (
        "O provedor Pix criou a cobrança sem o QR (nem pixCopiaECola nem location que "
        "possamos usar); ela foi cancelada. Use outra forma de pagamento."
    )
    en = (
        "The Pix provider created the charge without its QR (no pixCopiaECola, nor a "
        "location we can use); it was cancelled. Use another tender."
    )


class ChargeMismatch(PaymentError):
    code = "pix_charge_mismatch"
    pt_BR = "O provedor Pix devolveu uma cobrança diferente da pedida (txid {txid}): {detail}."
    en = "The Pix provider answered with another charge than asked for (txid {txid}): {detail}."


_RETRY_MARKS = "123456789abcdefghijklmnopqrstuvwxyz"
MAX_REFUND_ATTEMPTS = 1 + len(_RETRY_MARKS)


def refund_id_for(end_to_end_id: str, attempt: int = 0) -> str:
    """Our devolução id for a late payment: one per payment and attempt, the same every
    time. A new attempt is only made once the PSP said the previous one was not carried
    out (NAO_REALIZADO), so a repeat or a lost answer never returns the money twice."""
    if attempt == 0:
        return "dv" + end_to_end_id
    return "dv" + end_to_end_id + _RETRY_MARKS[attempt - 1]


def refund_attempt(end_to_end_id: str, refund_id: str) -> int | None:
    """Which attempt `refund_id` is for this payment (None: not one of ours)."""
    base = "dv" + end_to_end_id
    if refund_id == base:
        return 0
    if refund_id[:-1] == base and refund_id[-1] in _RETRY_MARKS:
        return _RETRY_MARKS.index(refund_id[-1]) + 1
    return None


class RefundNotDone(PaymentError):
    code = "pix_refund_not_done"
    pt_BR = (
        "O provedor Pix não realizou a devolução de {amount} ({reason}). "
        "Nada foi devolvido; tente de novo ou devolva por outro meio."
    )
    en = (
        "The Pix provider did not carry out the refund of {amount} ({reason}). "
        "Nothing was returned; try again or return it another way."
    )

    def __init__(self, refund: Refund | None, amount_centavos: int, reason: str) -> None:
        self.refund = refund
        """The devolução the PSP answered NAO_REALIZADO (None: no attempt left)."""
        super().__init__(amount_centavos=amount_centavos, reason=reason)


@dataclass(frozen=True, slots=True)
class LatePayment:
    """Money received for a charge that did not complete the sale: to be returned."""

    txid: str
    end_to_end_id: str
    amount_centavos: int
    refund: Refund | None
    """Our devolução for it, when one was already asked for (and not refused by the SPI)."""
    attempt: int = 0
    """Our devoluções of it the SPI did not carry out (NAO_REALIZADO): the next id's."""

    @property
    def refund_id(self) -> str:
        return refund_id_for(self.end_to_end_id, self.attempt)

    @property
    def refunded(self) -> bool:
        return self.refund is not None and self.refund.status is not RefundStatus.NOT_DONE

    def message(self, locale: str = "pt_BR") -> str:
        amount = format_brl(self.amount_centavos, locale)
        if locale.startswith("pt"):
            state = "já devolvido" if self.refunded else "a devolver"
            return f"Pix de {amount} recebido após o cancelamento ({state}): {self.end_to_end_id}"
        state = "already refunded" if self.refunded else "to refund"
        return f"Pix of {amount} received after the cancel ({state}): {self.end_to_end_id}"


@dataclass(frozen=True, slots=True)
class PixOutcome:
    phase: Phase
    txid: str
    amount_centavos: int
    payment: ReceivedPix | None = None
    """PAID: the payment that completes the sale (NFC-e tPag 17, cAut = its endToEndId)."""
    late_payments: tuple[LatePayment, ...] = ()
    cancel_confirmed: bool = True
    """False when the PSP could not be reached to cancel: run check_late later."""

    def nfce_card(self, psp_cnpj: str | None = None) -> dict[str, str]:
        """The NFC-e detPag/card group of a PAID dynamic Pix (tPag 17): integrated, the
        PSP's CNPJ when known, cAut = the payment's endToEndId (as MT requires; FISCAL_FACTS §6)."""
        if self.phase is not Phase.PAID or self.payment is None:
            raise ValueError("only a paid charge goes on the NFC-e")
        group = {"tpIntegra": "1"}
        if psp_cnpj:
            group["CNPJ"] = psp_cnpj
        group["cAut"] = self.payment.end_to_end_id
        return group

    def message(self, locale: str = "pt_BR") -> str:
        amount = format_brl(self.amount_centavos, locale)
        pt = locale.startswith("pt")
        if self.phase is Phase.WRONG_AMOUNT:
            return self._wrong_amount_message(amount, pt)
        if self.phase is Phase.PAID:
            text = f"Pix recebido: {amount}." if pt else f"Pix received: {amount}."
        elif self.phase is Phase.EXPIRED:
            text = (
                "Tempo esgotado: a cobrança Pix foi cancelada. Escolha outra forma de pagamento."
                if pt
                else "Time is up: the Pix charge was cancelled. Choose another tender."
            )
        else:
            text = "Cobrança Pix cancelada." if pt else "Pix charge cancelled."
        if not self.cancel_confirmed:
            text += (
                " O provedor não confirmou o cancelamento: confira depois se chegou pagamento."
                if pt
                else " The provider did not confirm the cancel: check later for a payment."
            )
        for late in self.late_payments:
            text += " " + late.message(locale) + "."
        return text

    def _wrong_amount_message(self, amount: str, pt: bool) -> str:
        locale = "pt_BR" if pt else "en"
        received = format_brl(sum(late.amount_centavos for late in self.late_payments), locale)
        text = (
            f"O Pix recebido ({received}) não é o valor da cobrança ({amount}): não paga esta "
            "venda e fica a devolver em Gerência > Pagamentos. Escolha outra forma de pagamento."
            if pt
            else f"The Pix received ({received}) is not the charge's amount ({amount}): it does "
            "not pay this sale and is to be refunded in Management > Payments. "
            "Choose another tender."
        )
        if not self.cancel_confirmed:
            text += (
                " O provedor não confirmou o cancelamento: confira depois se chegou pagamento."
                if pt
                else " The provider did not confirm the cancel: check later for a payment."
            )
        return text


@dataclass
class PendingCharge:
    """A charge on screen. `qr_text` is the BR Code (pixCopiaECola) to draw as a QR."""

    txid: str
    amount_centavos: int
    qr_text: str | None
    location: str | None
    deadline: float
    outcome: PixOutcome | None = field(default=None)


def new_txid() -> str:
    """32 letters and digits: inside the API's 26..35."""
    return uuid.uuid4().hex


class PixCheckout:
    """Dynamic Pix for one store key through one PSP client."""

    def __init__(
        self,
        api: PixApi,
        key: str,
        *,
        timeout_s: float = 180.0,
        poll_interval_s: float = 2.0,
        expiry_margin_s: int = 60,
        create_attempts: int = 3,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        merchant: tuple[str, str] | None = None,
    ) -> None:
        """`merchant` (name, city) builds the QR from the charge's location when the PSP
        answers without pixCopiaECola (the API Pix does not require it)."""
        self.api = api
        self.merchant = merchant
        self.key = key
        self.timeout_s = timeout_s
        self.poll_interval_s = poll_interval_s
        self.expiry_margin_s = expiry_margin_s
        self.create_attempts = create_attempts
        self.clock = clock
        self.sleep = sleep

    # starting

    def start(
        self, amount_centavos: int, *, txid: str | None = None, payer_request: str | None = None
    ) -> PendingCharge:
        """PUT /cob with a txid of ours. A lost or failed answer is retried with the same
        txid (first asking the PSP whether the charge exists), never with a new one, so
        a slow PSP cannot leave two charges for one sale."""
        txid = check_txid(txid or new_txid())
        expiry = max(1, math.ceil(self.timeout_s)) + self.expiry_margin_s
        last: PixApiError | None = None
        charge: Charge | None = None
        for _ in range(max(1, self.create_attempts)):
            try:
                charge = self.api.create_charge(
                    txid, amount_centavos, self.key, expiry_s=expiry, payer_request=payer_request
                )
                break
            except _TRANSIENT as error:
                last = error
            try:
                charge = self.api.get_charge(txid)
                break
            except PspNotFound:
                continue
            except _TRANSIENT as error:
                last = error
        if charge is None:
            reason = last.message("pt_BR") if last else "sem resposta"
            raise ChargeNotCreated(reason=reason)
        if charge.txid != txid or charge.amount_centavos != amount_centavos:
            raise ChargeMismatch(
                txid=txid,
                detail=f"{charge.txid} {format_brl(charge.amount_centavos)}",
            )
        qr_text = self._qr_text(charge)
        if qr_text is None:  # nobody could pay it: not left open
            self._cancel(txid)
            raise NoQrFromPsp()
        return PendingCharge(
            txid=txid,
            amount_centavos=amount_centavos,
            qr_text=qr_text,
            location=charge.location,
            deadline=self.clock() + self.timeout_s,
        )

    def resume(self, txid: str, amount_centavos: int, *, timeout_s: float = 0.0) -> PendingCharge:
        """A charge started before a restart: `wait` then decides at once (or after
        `timeout_s`) whether it was paid, cancelling it otherwise."""
        charge = self.api.get_charge(check_txid(txid))
        return PendingCharge(
            txid=txid,
            amount_centavos=amount_centavos,
            qr_text=self._qr_text(charge),
            location=charge.location,
            deadline=self.clock() + timeout_s,
        )

    def _qr_text(self, charge: Charge) -> str | None:
        """The PSP's pixCopiaECola, else a dynamic BR Code for its location (the payer's
        bank reads the charge from there), else None."""
        if charge.copy_paste:
            return charge.copy_paste
        if not charge.location or self.merchant is None:
            return None
        name, city = self.merchant
        try:
            return build_dynamic(charge.location, name, city, charge.amount_centavos)
        except PaymentError:
            return None

    # waiting

    def poll(self, pending: PendingCharge) -> PixOutcome | None:
        """One GET /cob: the outcome if the charge ended, None while it waits (or the PSP
        did not answer this time)."""
        if pending.outcome is not None:
            return pending.outcome
        try:
            charge = self.api.get_charge(pending.txid)
        except _TRANSIENT:
            return None
        if charge.payments and charge.status in (ChargeStatus.COMPLETED, ChargeStatus.ACTIVE):
            return self._paid(pending, charge)
        if charge.status is ChargeStatus.REMOVED_BY_PSP:
            return self._close(pending, Phase.EXPIRED, charge)
        if charge.status is ChargeStatus.REMOVED_BY_RECEIVER:
            return self._close(pending, Phase.CANCELLED, charge)
        return None

    def wait(
        self, pending: PendingCharge, should_stop: Callable[[], bool] | None = None
    ) -> PixOutcome:
        """Polls until the charge is paid, the deadline passes (the charge is then
        cancelled) or `should_stop()` says the cashier gave up.

        A poll the PSP does not answer (timeout, no connection, 5xx) is skipped. Other
        errors (credentials refused, charge not found) are raised with the charge still
        open: show the message, then `give_up` (or `check_late` later)."""
        while True:
            outcome = self.poll(pending)
            if outcome is not None:
                return outcome
            if should_stop is not None and should_stop():
                return self.give_up(pending)
            left = pending.deadline - self.clock()
            if left <= 0:
                return self._expire(pending)
            self.sleep(min(self.poll_interval_s, left))

    # ending

    def give_up(self, pending: PendingCharge) -> PixOutcome:
        """The cashier chose another tender: cancel the charge. Whatever was paid for it
        (even a moment before) becomes a LatePayment: this sale is not completed by it."""
        if pending.outcome is not None:
            return pending.outcome
        charge, confirmed = self._cancel(pending.txid)
        return self._close(pending, Phase.CANCELLED, charge, confirmed=confirmed)

    def _expire(self, pending: PendingCharge) -> PixOutcome:
        """Deadline passed while the payment dialog was still open: cancel; if the PSP
        says it was paid in the meantime, the sale completes after all."""
        charge, confirmed = self._cancel(pending.txid)
        if charge is not None and charge.payments and charge.status is ChargeStatus.COMPLETED:
            return self._paid(pending, charge)
        return self._close(pending, Phase.EXPIRED, charge, confirmed=confirmed)

    def _cancel(self, txid: str) -> tuple[Charge | None, bool]:
        """PATCH to REMOVIDA_PELO_USUARIO_RECEBEDOR, then the charge as it stands."""
        try:
            return self.api.cancel_charge(txid), True
        except PspRefused:
            pass  # no longer ATIVA: paid or removed already; the GET says which
        except _TRANSIENT:
            try:
                charge = self.api.get_charge(txid)
            except _TRANSIENT:
                return None, False
            return charge, charge.status is not ChargeStatus.ACTIVE
        try:
            return self.api.get_charge(txid), True
        except _TRANSIENT:
            return None, False

    def _paid(self, pending: PendingCharge, charge: Charge) -> PixOutcome:
        """The first payment of the charge's amount completes the sale; any other is late.
        None of that amount: the charge (if still open) is cancelled and nothing is paid."""
        first = next(
            (pix for pix in charge.payments if pix.amount_centavos == pending.amount_centavos),
            None,
        )
        if first is None:
            confirmed = True
            if charge.status is ChargeStatus.ACTIVE:
                cancelled, confirmed = self._cancel(pending.txid)
                charge = cancelled or charge
            return self._close(pending, Phase.WRONG_AMOUNT, charge, confirmed=confirmed)
        outcome = PixOutcome(
            Phase.PAID,
            pending.txid,
            pending.amount_centavos,
            payment=first,
            late_payments=tuple(
                self._late(pending.txid, pix) for pix in charge.payments if pix is not first
            ),
        )
        pending.outcome = outcome
        return outcome

    def _close(
        self, pending: PendingCharge, phase: Phase, charge: Charge | None, *, confirmed: bool = True
    ) -> PixOutcome:
        payments = charge.payments if charge is not None else ()
        outcome = PixOutcome(
            phase,
            pending.txid,
            pending.amount_centavos,
            late_payments=tuple(self._late(pending.txid, pix) for pix in payments),
            cancel_confirmed=confirmed,
        )
        pending.outcome = outcome
        return outcome

    @staticmethod
    def _late(txid: str, pix: ReceivedPix) -> LatePayment:
        ours = [
            item for item in pix.refunds if refund_attempt(pix.end_to_end_id, item.id) is not None
        ]
        refund = next((item for item in ours if item.status is not RefundStatus.NOT_DONE), None)
        attempt = 0 if refund is not None else len(ours)
        return LatePayment(txid, pix.end_to_end_id, pix.amount_centavos, refund, attempt)

    # late payments

    def check_late(self, txid: str, sale_paid_by: str | None = None) -> tuple[LatePayment, ...]:
        """Payments received for this txid other than `sale_paid_by` (the endToEndId that
        completed the sale, if one did). Call it for charges cancelled or expired, e.g.
        on the next poll cycle, at start-up, or when the PSP's webhook arrives."""
        charge = self.api.get_charge(check_txid(txid))
        return tuple(
            self._late(txid, pix) for pix in charge.payments if pix.end_to_end_id != sale_paid_by
        )

    def refund_late(self, late: LatePayment, description: str = LATE_REFUND_TEXT) -> Refund:
        """Returns a late payment in full through PUT /pix/{e2eid}/devolucao/{id}.

        The id is fixed per payment and attempt: if a first request got through (answer
        lost, or the cashier pressed twice), the PSP refuses the second and the first is
        returned. A devolução the SPI did not carry out (NAO_REALIZADO) raises
        RefundNotDone: nothing went back, and the next try (`late.attempt` + 1) may."""
        if late.refunded and late.refund is not None:
            return late.refund
        if late.attempt >= MAX_REFUND_ATTEMPTS:
            raise RefundNotDone(None, late.amount_centavos, f"{MAX_REFUND_ATTEMPTS} tentativas")
        return self.return_money(
            late.end_to_end_id, late.refund_id, late.amount_centavos, description
        )

    def return_money(
        self, end_to_end_id: str, refund_id: str, amount_centavos: int, description: str
    ) -> Refund:
        """PUT /pix/{e2eid}/devolucao/{id} of `amount_centavos`, once per id: when the PSP
        refuses the id (a first request got through and its answer was lost) or does not
        answer, the devolução it has under that id is the answer. NAO_REALIZADO raises
        RefundNotDone."""
        try:
            refund = self.api.refund(end_to_end_id, refund_id, amount_centavos, description)
        except (PspRefused, *_TRANSIENT) as error:
            try:
                refund = self.api.get_refund(end_to_end_id, refund_id)
            except (PspNotFound, *_TRANSIENT):
                raise error from None
        if refund.status is RefundStatus.NOT_DONE:
            raise RefundNotDone(refund, amount_centavos, refund.reason or "NAO_REALIZADO")
        return refund
