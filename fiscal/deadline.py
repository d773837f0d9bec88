"""How long an off-line contingency NFC-e may wait before it reaches SEFAZ.

General rule: as soon as the fault ends, and by the first business day after
the issue (SEF-MG FAQ on Ajuste SINIEF 19/16,
portalsped.fazenda.mg.gov.br/spedmg/nfce/Perguntas-Frequentes/respostas_iii/).
Stricter states keep a number of hours: PA 24 h (IN SEFA 11/2014 art. 14).
A note sent late is still authorised with cStat 150. Sources: FISCAL_FACTS.md §1.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fiscal.errors import InvalidInput

HOURS_BY_UF: dict[str, int] = {"PA": 24}


def next_business_day(day: date, holidays: Collection[date] = ()) -> date:
    candidate = day + timedelta(days=1)
    while candidate.weekday() >= 5 or candidate in holidays:
        candidate += timedelta(days=1)
    return candidate


def contingency_deadline(
    uf: str,
    issued_at: datetime,
    timezone: str = "America/Sao_Paulo",
    holidays: Collection[date] = (),
) -> datetime:
    """The last moment to transmit a tpEmis 9 note issued at `issued_at` in `uf`."""
    if issued_at.tzinfo is None:
        raise InvalidInput("dhEmi", "data/hora sem fuso horário", "date/time without time zone")
    if uf in HOURS_BY_UF:
        return issued_at + timedelta(hours=HOURS_BY_UF[uf])
    local = issued_at.astimezone(ZoneInfo(timezone))
    day = next_business_day(local.date(), holidays)
    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(timezone))
