"""Refusals say their money the way each language writes it (posapp/core/errors.py)."""

from __future__ import annotations

from posapp.core.errors import PaymentOver, VoucherMinimumNotMet


def test_money_in_a_refusal_is_written_for_the_cashiers_language() -> None:
    """R$ 1.234,56 over: pt_BR groups thousands with a dot, en with a comma."""
    refused = PaymentOver(excess_centavos=123_456)
    assert refused.message("pt_BR") == (
        "Pagamento acima do total em R$ 1.234,56; só dinheiro pode ter troco."
    )
    assert refused.message("en") == (
        "Payment exceeds the total by R$1,234.56; only cash can give change."
    )


def test_a_refusal_names_what_was_offered_beside_the_money() -> None:
    refused = VoucherMinimumNotMet(value="7K3Q-M2XD-9PRT-V", minimum_centavos=2_000)
    assert refused.message() == "O vale 7K3Q-M2XD-9PRT-V vale para compras a partir de R$ 20,00."
    assert str(refused) == "Voucher 7K3Q-M2XD-9PRT-V applies to purchases of R$20.00 or more."
