"""One error type per kind of refusal, each with its message in pt_BR and en.

The UI shows `error.message(locale)`; the CLI prints it; tests match the type.
Parameters that are money are given as integer centavos under a name ending in
`_centavos`, days as a date under a name ending in `_day`; both are written as the
locale writes them when the message is made (R$ 1.234,56 and 01/05/2026 in pt_BR).
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from posapp.core.action_names import said
from posapp.core.money import DEFAULT_LOCALE, format_money

_NAMED = ("action", "reason")
"""Parameters that name an action or a reason: said in the message's language."""


class PosError(Exception):
    """A refusal the user can act on. Nothing was written when one is raised."""

    code: ClassVar[str] = "error"
    pt_BR: ClassVar[str] = "Operação recusada."
    en: ClassVar[str] = "Operation refused."

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, locale: str = DEFAULT_LOCALE) -> str:
        template = self.pt_BR if locale.startswith("pt") else self.en
        values = {_name(key): _said_value(key, value, locale) for key, value in self.params.items()}
        for key in _NAMED:
            if isinstance(values.get(key), str):
                values[key] = said(values[key], locale, values)
        return template.format(**values)


def _name(key: str) -> str:
    return key.removesuffix("_centavos").removesuffix("_day")


def _said_value(key: str, value: Any, locale: str) -> Any:
    """Money (`_centavos`) and days (`_day`, a date) as the locale writes them."""
    if key.endswith("_centavos"):
        return format_money(value, locale)
    if key.endswith("_day") and isinstance(value, date):
        return value.strftime("%d/%m/%Y" if locale.startswith("pt") else "%Y-%m-%d")
    return value


class InvalidCPF(PosError):
    code = "invalid_cpf"
    pt_BR = "CPF inválido: {value}. Confira os dígitos."
    en = "Invalid CPF: {value}. Check the digits."


class CpfLostItsZero(InvalidCPF):
    code = "invalid_cpf_zero"
    pt_BR = (
        "CPF inválido: {value} tem 10 dígitos. Se a planilha apagou o zero da frente, "
        "o CPF é {cpf}."
    )
    en = (
        "Invalid CPF: {value} has 10 digits. If the spreadsheet dropped the leading zero, "
        "the CPF is {cpf}."
    )


class InvalidPhone(PosError):
    code = "invalid_phone"
    pt_BR = "Celular inválido: {value}. Use DDD + número, ex.: (11) 91234-5678."
    en = "Invalid mobile number: {value}. Use area code + number, e.g. (11) 91234-5678."


class InvalidGTIN(PosError):
    code = "invalid_gtin"
    pt_BR = "Código de barras inválido: {value}."
    en = "Invalid barcode: {value}."


class CustomerIdentityRequired(PosError):
    code = "customer_identity_required"
    pt_BR = "Informe o CPF ou o celular do cliente."
    en = "Enter the customer's CPF or mobile number."


class DuplicateCustomer(PosError):
    code = "duplicate_customer"
    pt_BR = "Já existe um cliente com este {field}: {value}."
    en = "A customer with this {field} already exists: {value}."


class UnknownCustomer(PosError):
    code = "unknown_customer"
    pt_BR = "Cliente não encontrado: {value}."
    en = "Customer not found: {value}."


class UnknownReferralCode(PosError):
    code = "unknown_referral_code"
    pt_BR = "Código de indicação não encontrado: {value}."
    en = "Referral code not found: {value}."


class UnknownItem(PosError):
    code = "unknown_item"
    pt_BR = "Produto ou serviço não cadastrado: {value}."
    en = "Unknown product or service: {value}."


class InvalidQuantity(PosError):
    code = "invalid_quantity"
    pt_BR = "Quantidade inválida: {value}. Use um número inteiro maior que zero."
    en = "Invalid quantity: {value}. Use a whole number greater than zero."


class InvalidPrice(PosError):
    code = "invalid_price"
    pt_BR = "Preço inválido: {value}. O preço deve ser maior que zero."
    en = "Invalid price: {value}. The price must be greater than zero."


class PriceTooHigh(PosError):
    code = "price_too_high"
    pt_BR = "Preço acima do limite: {value} (o máximo é R$ 1.000.000,00 por unidade)."
    en = "Price above the limit: {value} (at most R$ 1,000,000.00 a unit)."


class QuantityTooHigh(PosError):
    code = "quantity_too_high"
    pt_BR = "Quantidade acima do limite: {value} (o máximo é 10.000 por item)."
    en = "Quantity above the limit: {value} (at most 10,000 per item)."


class AmountTooHigh(PosError):
    code = "amount_too_high"
    pt_BR = "Valor acima do limite: {value} (o máximo é R$ 10.000.000,00 por venda)."
    en = "Amount above the limit: {value} (at most R$ 10,000,000.00 a sale)."


class InvalidDiscount(PosError):
    code = "invalid_discount"
    pt_BR = "Desconto inválido: {amount} sobre {base}."
    en = "Invalid discount: {amount} on {base}."


class EmptyCart(PosError):
    code = "empty_cart"
    pt_BR = "A venda não tem itens."
    en = "The sale has no items."


class PaymentShort(PosError):
    code = "payment_short"
    pt_BR = "Pagamento insuficiente: faltam {missing}."
    en = "Payment does not cover the total: {missing} missing."


class PaymentOver(PosError):
    code = "payment_over"
    pt_BR = "Pagamento acima do total em {excess}; só dinheiro pode ter troco."
    en = "Payment exceeds the total by {excess}; only cash can give change."


class InvalidPayment(PosError):
    code = "invalid_payment"
    pt_BR = "Pagamento inválido: {value}."
    en = "Invalid payment: {value}."


class CustomerRequired(PosError):
    code = "customer_required"
    pt_BR = "Identifique o cliente para usar cashback ou vale."
    en = "Identify the customer to use cashback or a voucher."


class CashbackAboveBalance(PosError):
    code = "cashback_above_balance"
    pt_BR = "Cashback acima do saldo disponível: pediu {asked}, disponível {available}."
    en = "Cashback above the available balance: asked {asked}, available {available}."


class CashbackAboveCap(PosError):
    code = "cashback_above_cap"
    pt_BR = "O programa permite usar até {cap} de cashback nesta compra (pediu {asked})."
    en = "The program allows up to {cap} of cashback on this purchase (asked {asked})."


class UnknownVoucher(PosError):
    code = "unknown_voucher"
    pt_BR = "Vale não encontrado: {value}."
    en = "Voucher not found: {value}."


class ForgedVoucher(PosError):
    code = "forged_voucher"
    pt_BR = "QR do vale inválido ou adulterado. O vale não foi aceito."
    en = "The voucher QR is invalid or altered. The voucher was not accepted."


class VoucherSpent(PosError):
    code = "voucher_spent"
    pt_BR = "O vale {value} já foi usado."
    en = "Voucher {value} has already been used."


class VoucherExpired(PosError):
    code = "voucher_expired"
    pt_BR = "O vale {value} venceu em {date}."
    en = "Voucher {value} expired on {date}."


class VoucherNotForCustomer(PosError):
    code = "voucher_not_for_customer"
    pt_BR = "O vale {value} pertence a outro cliente."
    en = "Voucher {value} belongs to another customer."


class VoucherMinimumNotMet(PosError):
    code = "voucher_minimum"
    pt_BR = "O vale {value} vale para compras a partir de {minimum}."
    en = "Voucher {value} applies to purchases of {minimum} or more."


class UnknownSale(PosError):
    code = "unknown_sale"
    pt_BR = "Venda não encontrada: {value}."
    en = "Sale not found: {value}."


class SaleNotRefundable(PosError):
    code = "sale_not_refundable"
    pt_BR = "A venda {value} não pode ser devolvida: {reason}."
    en = "Sale {value} cannot be refunded: {reason}."


class NotAuthorized(PosError):
    code = "not_authorized"
    pt_BR = "Esta ação precisa da senha de um gerente: {action}."
    en = "This action needs a manager's PIN: {action}."


class ManagerPinWrong(NotAuthorized):
    """A PIN was typed, and it is no manager's (a wrong one, or a cashier's)."""

    code = "manager_pin_wrong"
    pt_BR = "PIN de gerente incorreto: {action}."
    en = "Wrong manager PIN: {action}."


class ApprovalLocked(NotAuthorized):
    code = "approval_locked"
    pt_BR = (
        "Aprovação de gerente bloqueada por excesso de PINs errados: {action}. "
        "Tente em {minutes} min."
    )
    en = "Manager approval locked after too many wrong PINs: {action}. Try again in {minutes} min."


class WrongPin(PosError):
    code = "wrong_pin"
    pt_BR = "PIN incorreto."
    en = "Wrong PIN."


class AccountLocked(PosError):
    code = "account_locked"
    pt_BR = "Acesso bloqueado por excesso de tentativas. Tente em {minutes} min."
    en = "Too many attempts: access locked. Try again in {minutes} min."


class ReasonRequired(PosError):
    code = "reason_required"
    pt_BR = "Informe o motivo."
    en = "Enter a reason."


class BalanceWouldGoNegative(PosError):
    code = "balance_negative"
    pt_BR = "O ajuste deixaria o saldo negativo (saldo {balance}, ajuste {amount})."
    en = "The adjustment would make the balance negative (balance {balance}, adjustment {amount})."


class InvalidProgram(PosError):
    code = "invalid_program"
    pt_BR = "Regra do programa inválida: {value}."
    en = "Invalid program rule: {value}."


class InvalidProgramRules(PosError):
    """Every rule of an edited program that does not make sense, in each language."""

    code = "invalid_program_rules"
    pt_BR = "Regras do programa inválidas: {problems_pt}."
    en = "Invalid program rules: {problems_en}."


class InvalidCNPJ(PosError):
    code = "invalid_cnpj"
    pt_BR = "CNPJ inválido: {value}. Confira os dígitos."
    en = "Invalid CNPJ: {value}. Check the digits."


class FieldRequired(PosError):
    code = "field_required"
    pt_BR = "Informe {field_pt}."
    en = "Enter {field_en}."


class ProgramModeLocked(PosError):
    code = "program_mode_locked"
    pt_BR = (
        "O programa não pode passar de {old_pt} para {new_pt}: {count} cliente(s) têm saldo. "
        "Mantenha o modo atual ou espere os saldos zerarem."
    )
    en = (
        "The program cannot switch from {old_en} to {new_en}: {count} customer(s) hold a "
        "balance. Keep the current mode or wait until the balances are zero."
    )


class InvalidStaffPin(PosError):
    code = "invalid_staff_pin"
    pt_BR = "O PIN deve ter de 4 a 6 dígitos."
    en = "The PIN must have 4 to 6 digits."


class PinInUse(PosError):
    code = "pin_in_use"
    pt_BR = "Este PIN já é usado por outra pessoa da equipe. Escolha outro."
    en = "This PIN is already used by another staff member. Choose another."


class UnknownStaff(PosError):
    code = "unknown_staff"
    pt_BR = "Pessoa da equipe não encontrada: {value}."
    en = "Staff member not found: {value}."


class LastAdmin(PosError):
    code = "last_admin"
    pt_BR = (
        "{name} é a única pessoa ativa com acesso de administração: "
        "cadastre outra antes de {what_pt}."
    )
    en = "{name} is the only active administrator: add another before {what_en}."


class InvalidSetting(PosError):
    code = "invalid_setting"
    pt_BR = "Configuração inválida: {value_pt}."
    en = "Invalid setting: {value_en}."


class NoOpenShift(PosError):
    code = "no_open_shift"
    pt_BR = "Abra o turno antes de vender."
    en = "Open the shift before selling."


class ShiftAlreadyOpen(PosError):
    code = "shift_already_open"
    pt_BR = "Já há um turno aberto neste caixa (aberto por {name})."
    en = "A shift is already open at this counter (opened by {name})."


class ShiftStillOpen(PosError):
    code = "shift_still_open"
    pt_BR = "Feche o turno antes de emitir a redução Z."
    en = "Close the shift before running the Z report."


class DayClosed(PosError):
    code = "day_closed"
    pt_BR = "O dia {day} já foi encerrado com a redução Z nº {number}."
    en = "The day {day} was already closed with Z report no. {number}."


class InvalidAmount(PosError):
    code = "invalid_amount"
    pt_BR = "Valor inválido: {value}."
    en = "Invalid amount: {value}."


class InvalidCount(PosError):
    code = "invalid_count"
    pt_BR = "Contagem inválida para {value}: use um número inteiro de zero para cima."
    en = "Invalid count for {value}: use a whole number from zero up."


class VoucherUsedElsewhere(PosError):
    """The sync endpoint says another sale of the chain has already used this voucher."""

    code = "voucher_used"
    pt_BR = "Vale {value} já usado em {date} na loja {store}."
    en = "Voucher {value} already used on {date} at store {store}."


class VoucherHeldElsewhere(PosError):
    """Another sale of the chain claimed this voucher minutes ago and has not finished."""

    code = "voucher_held"
    pt_BR = "Vale {value} está sendo usado em outra venda agora; tente de novo em alguns minutos."
    en = "Voucher {value} is being used in another sale right now; try again in a few minutes."


class VoucherCancelled(PosError):
    """The voucher was cancelled (a balance voucher that lapsed: its cashback went back to
    the balance), here or, as the sync endpoint says, at another store of the chain."""

    code = "voucher_cancelled"
    pt_BR = "O vale {value} foi cancelado."
    en = "Voucher {value} was cancelled."


class VoucherRefusedByNetwork(PosError):
    """The sync endpoint refused the voucher for a reason this counter does not know yet
    (a newer endpoint); its own words are shown."""

    code = "voucher_refused"
    pt_BR = "O servidor da rede recusou o vale {value}: {said_pt}"
    en = "The chain's server refused voucher {value}: {said_en}"


class ForeignVoucherNotKnown(PosError):
    """A QR of another store's voucher this counter has not pulled yet, that the chain's
    endpoint could not vouch for now (offline, or it does not know the voucher either).

    Every counter holds every store's signing key, so a counter alone cannot tell a
    genuine QR of another store's voucher from one a store signed for it: only a voucher
    already known here, or one the endpoint verifies online, is taken."""

    code = "foreign_voucher_unknown"
    pt_BR = (
        "O vale {value} é de outra loja da rede e ainda não é conhecido neste caixa: "
        "sem a confirmação do servidor da rede (conexão), ele não pode ser aceito agora."
    )
    en = (
        "Voucher {value} is from another store of the chain and not known at this counter "
        "yet: without the chain's server confirming it (connection), it cannot be taken now."
    )


class NetworkBalanceTooLow(PosError):
    """The chain-wide balance (less other sales' holds) does not cover this cashback spend."""

    code = "insufficient_balance"
    pt_BR = "Cashback acima do saldo na rede: pediu {asked}. Saldo na rede: {available}."
    en = "Cashback above the chain-wide balance: asked {asked}. Network balance: {available}."


class SyncNotConfigured(PosError):
    code = "sync_not_configured"
    pt_BR = "Sincronização não configurada: informe o endereço e o token do servidor."
    en = "Sync is not set up: give the server's address and token."


class SyncUrlInvalid(PosError):
    code = "sync_url_invalid"
    pt_BR = "Endereço do servidor inválido: {value} (use http:// ou https://)."
    en = "Invalid server address: {value} (use http:// or https://)."


class SyncCaFileInvalid(PosError):
    code = "sync_ca_file_invalid"
    pt_BR = "Arquivo de certificado (CA) inválido ou ilegível: {value} (use um arquivo PEM)."
    en = "Invalid or unreadable certificate (CA) file: {value} (use a PEM file)."


class ConflictNotOpen(PosError):
    code = "conflict_not_open"
    pt_BR = "Esta divergência não está aberta: {value}."
    en = "This conflict is not open: {value}."


class SyncServerUnavailable(PosError):
    code = "sync_offline"
    pt_BR = "Sem conexão com o servidor de sincronização; tente de novo quando houver rede."
    en = "No connection to the sync server; try again when the network is back."


class SyncServerRefused(PosError):
    """The sync endpoint said no; its own message, in each language."""

    code = "sync_refused"
    pt_BR = "{message_pt}"
    en = "{message_en}"
