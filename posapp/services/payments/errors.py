"""The counter's payment refusals, pt_BR first, as the screens show `PosError`s."""

from __future__ import annotations

from payments.errors import PaymentError
from posapp.core.errors import PosError


class PixNotConfigured(PosError):
    code = "pix_not_configured"
    pt_BR = "Pix não configurado: informe {what} em Gerência > Pagamentos."
    en = "Pix is not set up: enter {what} in Management > Payments."


class InvalidPaymentSetting(PosError):
    code = "invalid_payment_setting"
    pt_BR = "{field_pt}: {reason_pt}"
    en = "{field_en}: {reason_en}"


class PixChargeNotPaid(PosError):
    code = "pix_charge_not_paid"
    pt_BR = "A cobrança Pix {txid} não está paga (ou já completou outra venda)."
    en = "Pix charge {txid} is not paid (or already completed another sale)."


class PixAlreadyPaid(PosError):
    code = "pix_already_paid"
    pt_BR = (
        "O cliente já pagou um Pix de {amount} nesta venda: deixe o Pix em "
        "{amount} e ajuste as outras formas. Saindo do pagamento, ele fica a "
        "devolver em Gerência > Pagamentos."
    )
    en = (
        "The customer already paid a Pix of {amount} for this sale: keep Pix at "
        "{amount} and change the other tenders. Leaving the payment, it is to be "
        "refunded in Management > Payments."
    )


class LatePixNotFound(PosError):
    code = "late_pix_not_found"
    pt_BR = "Pix a devolver não encontrado: {e2eid}."
    en = "Pix to refund not found: {e2eid}."


class LatePixAlreadyRefunded(PosError):
    code = "late_pix_already_refunded"
    pt_BR = "Este Pix já foi devolvido ({e2eid})."
    en = "This Pix was already refunded ({e2eid})."


class PixReturnNotOpen(PosError):
    code = "pix_return_not_open"
    pt_BR = (
        "A devolução Pix da venda {number} não está pendente ({state}): só se marca como"
        " devolvida por outro meio a que o provedor recusou ou o banco não realizou."
    )
    en = (
        "The Pix refund of sale {number} is not pending ({state}): only one the provider"
        " refused or the bank did not carry out is marked as returned another way."
    )


class PaymentRefused(PosError):
    """A `payments` error carried as a PosError, with its own pt_BR and en words."""

    code = "payment_refused"

    def __init__(self, error: PaymentError) -> None:
        self.error = error
        super().__init__()

    def message(self, locale: str = "pt_BR") -> str:
        return self.error.message(locale)


class CardTenderMismatch(PosError):
    code = "card_tender_mismatch"
    pt_BR = "Os dados do cartão são de {card_pt}, mas a forma de pagamento é {tender_pt}."
    en = "The card details are for {card_en}, but the tender is {tender_en}."
