"""The program's rules as the counter prints them, for every preset a store can pick."""

from __future__ import annotations

import pytest

from posapp.core.presets import preset
from posapp.core.program import VoucherRule, VoucherTrigger
from posapp.ui.program_text import percent, program_rules


@pytest.mark.parametrize(
    ("bps", "text"), [(1_000, "10%"), (250, "2,5%"), (1_250, "12,5%"), (5, "0,05%"), (0, "0%")]
)
def test_percent_reads_the_brazilian_way(bps: int, text: str) -> None:
    assert percent(bps) == text


def test_salon() -> None:
    assert program_rules(preset("salon")) == [
        "10% de cashback em cada compra",
        "o cashback vale por 180 dias",
        "o cashback pode pagar a compra toda",
        "lembrete de saldo após 30 dias sem visita",
    ]


def test_fashion_turns_the_balance_into_a_voucher() -> None:
    rules = program_rules(preset("fashion"))
    assert "o cashback paga até 50% de cada compra" in rules
    assert "vale ao chegar a R$ 20,00 (válido por 60 dias)" in rules


def test_cosmetics_gives_a_voucher_after_a_purchase() -> None:
    assert (
        "vale de R$ 5,00 em compras acima de R$ 20,00, para usar a partir de R$ 20,00 "
        "(válido por 30 dias)"
    ) in program_rules(preset("cosmetics"))


def test_pharmacy_has_steps_and_referral() -> None:
    rules = program_rules(preset("pharmacy"))
    assert rules[0] == "5% de cashback em cada compra"
    assert "vale de R$ 5,00 a cada R$ 5,00 de cashback (válido por 60 dias)" in rules
    assert (
        "indicação: R$ 10,00 para quem indica e R$ 5,00 para o indicado na primeira compra "
        "a partir de R$ 30,00"
    ) in rules


def test_points_speak_in_the_plural() -> None:
    assert program_rules(preset("points"))[:4] == [
        "1 ponto por real gasto",
        "100 pontos = R$ 5,00",
        "os pontos valem por 365 dias",
        "os pontos podem pagar a compra toda",
    ]


def test_every_rule_a_store_may_set_is_said() -> None:
    program = preset("salon").with_changes(
        category_bps={"servicos": 1_500},
        excluded_categories=frozenset({"medicamentos"}),
        min_purchase_centavos=1_000,
        pending_days=1,
        expiry_days=0,
        voucher=VoucherRule(
            trigger=VoucherTrigger.PURCHASE_ABOVE,
            threshold_centavos=10_000,
            percent_bps=1_000,
            max_discount_centavos=3_000,
            validity_days=1,
        ),
        reminder_idle_days=0,
    )
    assert program_rules(program) == [
        "10% de cashback em cada compra",
        "15% de cashback em servicos",
        "sem cashback em medicamentos",
        "cashback em compras a partir de R$ 10,00",
        "o cashback fica disponível 1 dia após a compra",
        "o cashback não vence",
        "o cashback pode pagar a compra toda",
        "vale de 10% de desconto (até R$ 30,00) em compras acima de R$ 100,00 (válido por 1 dia)",
    ]
