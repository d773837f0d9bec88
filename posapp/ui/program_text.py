"""A loyalty program's rules in plain Portuguese, as the counter shows them."""

from __future__ import annotations

from posapp.core.money import format_money
from posapp.core.program import FULL_SHARE_BPS, LoyaltyProgram, ProgramMode, VoucherTrigger


def percent(bps: int) -> str:
    """Basis points as a pt_BR percentage: 1000 -> '10%', 250 -> '2,5%'."""
    whole, fraction = divmod(bps, 100)
    if not fraction:
        return f"{whole}%"
    return f"{whole},{fraction:02d}".rstrip("0") + "%"


def _days(n: int) -> str:
    return "1 dia" if n == 1 else f"{n} dias"


def program_rules(program: LoyaltyProgram) -> list[str]:
    """The key rules, one short sentence each, most important first."""
    rules = _earning(program)
    points = program.mode is ProgramMode.POINTS
    what = "os pontos" if points else "o cashback"

    def verb(singular: str, plural: str) -> str:
        return f"{what} {plural if points else singular}"

    if program.min_purchase_centavos:
        minimum = format_money(program.min_purchase_centavos)
        rules.append(f"{'pontos' if points else 'cashback'} em compras a partir de {minimum}")
    if program.pending_days:
        available = verb("fica disponível", "ficam disponíveis")
        rules.append(f"{available} {_days(program.pending_days)} após a compra")
    if program.expiry_days:
        rules.append(f"{verb('vale', 'valem')} por {_days(program.expiry_days)}")
    else:
        rules.append(verb("não vence", "não vencem"))
    if program.max_redeem_bps >= FULL_SHARE_BPS:
        rules.append(f"{verb('pode', 'podem')} pagar a compra toda")
    else:
        share = percent(program.max_redeem_bps)
        rules.append(f"{verb('paga', 'pagam')} até {share} de cada compra")
    rules += _voucher(program)
    referral = program.referral
    if referral is not None:
        text = (
            f"indicação: {format_money(referral.referrer_bonus_centavos)} para quem indica e "
            f"{format_money(referral.referred_bonus_centavos)} para o indicado na primeira compra"
        )
        if referral.min_purchase_centavos:
            text += f" a partir de {format_money(referral.min_purchase_centavos)}"
        rules.append(text)
    if program.reminder_idle_days:
        rules.append(f"lembrete de saldo após {_days(program.reminder_idle_days)} sem visita")
    return rules


def _earning(program: LoyaltyProgram) -> list[str]:
    if program.mode is ProgramMode.POINTS:
        points = "1 ponto" if program.points_per_real == 1 else f"{program.points_per_real} pontos"
        return [
            f"{points} por real gasto",
            f"{program.points_per_redeem_block} pontos = "
            f"{format_money(program.redeem_block_centavos)}",
        ]
    rules = []
    if program.earn_bps:
        rules.append(f"{percent(program.earn_bps)} de cashback em cada compra")
    for category, bps in sorted(program.category_bps.items()):
        rules.append(f"{percent(bps)} de cashback em {category}")
    if program.excluded_categories:
        rules.append("sem cashback em " + ", ".join(sorted(program.excluded_categories)))
    return rules


def _voucher(program: LoyaltyProgram) -> list[str]:
    rule = program.voucher
    validity = f" (válido por {_days(rule.validity_days)})"
    if rule.trigger is VoucherTrigger.BALANCE_THRESHOLD:
        threshold = format_money(rule.threshold_centavos)
        if rule.step_centavos:
            step = format_money(rule.step_centavos)
            text = f"vale de {step} a cada {step} de cashback"
            if rule.threshold_centavos > rule.step_centavos:
                text += f" a partir de {threshold}"
            return [text + validity]
        return [f"vale ao chegar a {threshold}{validity}"]
    if rule.trigger is VoucherTrigger.PURCHASE_ABOVE:
        if rule.value_centavos:
            worth = format_money(rule.value_centavos)
        else:
            worth = f"{percent(rule.percent_bps)} de desconto"
            if rule.max_discount_centavos:
                worth += f" (até {format_money(rule.max_discount_centavos)})"
        text = f"vale de {worth} em compras acima de {format_money(rule.threshold_centavos)}"
        if rule.min_purchase_to_use_centavos:
            text += f", para usar a partir de {format_money(rule.min_purchase_to_use_centavos)}"
        return [text + validity]
    return []
