"""The five programs of shared/seeds, as presets a store picks at setup and edits."""

from __future__ import annotations

from posapp.core.program import (
    LoyaltyProgram,
    ProgramMode,
    ReferralRule,
    VoucherRule,
    VoucherTrigger,
)

FASHION = LoyaltyProgram(
    key="fashion",
    name="Moda: 10% de cashback + vale ao chegar a R$ 20",
    segment="fashion",
    earn_bps=1_000,
    expiry_days=180,
    max_redeem_bps=5_000,
    voucher=VoucherRule(
        trigger=VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=2_000, validity_days=60
    ),
)

COSMETICS = LoyaltyProgram(
    key="cosmetics",
    name="Cosméticos: 10% de cashback + vale após compra acima de R$ 20",
    segment="cosmetics",
    earn_bps=1_000,
    expiry_days=180,
    max_redeem_bps=5_000,
    voucher=VoucherRule(
        trigger=VoucherTrigger.PURCHASE_ABOVE,
        threshold_centavos=2_000,
        value_centavos=500,
        min_purchase_to_use_centavos=2_000,
        validity_days=30,
    ),
)

PHARMACY = LoyaltyProgram(
    key="pharmacy",
    name="Farmácia: 5% de cashback + indicação premiada + vale a cada R$ 5 creditados",
    segment="pharmacy",
    earn_bps=500,
    expiry_days=180,
    max_redeem_bps=5_000,
    voucher=VoucherRule(
        trigger=VoucherTrigger.BALANCE_THRESHOLD,
        threshold_centavos=500,
        step_centavos=500,
        validity_days=60,
    ),
    referral=ReferralRule(
        referrer_bonus_centavos=1_000, referred_bonus_centavos=500, min_purchase_centavos=3_000
    ),
)

POINTS_BRAND = LoyaltyProgram(
    key="points",
    name="Marca: 1 ponto por real, 100 pontos = R$ 5",
    segment="fashion",
    mode=ProgramMode.POINTS,
    earn_bps=0,
    points_per_real=1,
    points_per_redeem_block=100,
    redeem_block_centavos=500,
    expiry_days=365,
    max_redeem_bps=10_000,
)

SALON = LoyaltyProgram(
    key="salon",
    name="Salão: 10% de cashback em cada serviço + lembrete de saldo",
    segment="salon",
    earn_bps=1_000,
    product_bps=0,
    expiry_days=180,
    max_redeem_bps=10_000,
    reminder_idle_days=30,
)

PRESETS: dict[str, LoyaltyProgram] = {
    program.key: program for program in (FASHION, COSMETICS, PHARMACY, POINTS_BRAND, SALON)
}


def preset(key: str) -> LoyaltyProgram:
    return PRESETS[key]
