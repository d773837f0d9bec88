"""The satisfaction survey: NPS scores, the score of a period, the receipt's survey QR.

NPS = % promoters (9-10) - % detractors (0-6), an integer from -100 to 100.
It is computed exactly with integers and rounded half away from zero once:
33.5 -> 34, -33.5 -> -34 (so a period's sign never flips by rounding).

The QR on the receipt is 'PS1|store|sale|sig', signed with the store key the
way posapp.core.codes signs vouchers (the prefix is signed, so a voucher or a
card can never pass as a survey, nor the other way round). On paper it is a
URL to the survey page with the payload in its query, so a phone camera opens it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, quote, urlsplit

from posapp.core.codes import _open, _seal
from posapp.core.errors import PosError

SURVEY_PREFIX = "PS1"
PROMOTER_MIN = 9
DETRACTOR_MAX = 6


class InvalidScore(PosError):
    code = "invalid_nps_score"
    pt_BR = "Nota inválida: {value}. Use um número inteiro de 0 a 10."
    en = "Invalid score: {value}. Use a whole number from 0 to 10."


class InvalidSurveyCode(PosError):
    code = "invalid_survey_code"
    pt_BR = "QR da pesquisa inválido ou adulterado."
    en = "The survey QR is invalid or altered."


def validate_score(score: object) -> int:
    """The score as an int 0..10; '9' typed at the counter is accepted, 9.5 and True are not."""
    if isinstance(score, str) and score.strip().isdigit():
        score = int(score.strip())
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise InvalidScore(value=score)
    return score


@dataclass(frozen=True, slots=True)
class NpsSummary:
    responses: int
    promoters: int
    passives: int
    detractors: int

    @property
    def score(self) -> int | None:
        """NPS from -100 to 100, or None when nobody answered."""
        if not self.responses:
            return None
        return _round_half_away(100 * (self.promoters - self.detractors), self.responses)


def _round_half_away(numerator: int, denominator: int) -> int:
    magnitude, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        magnitude += 1
    return -magnitude if numerator < 0 else magnitude


def summarize(scores: Iterable[int]) -> NpsSummary:
    promoters = passives = detractors = 0
    for raw in scores:
        score = validate_score(raw)
        if score >= PROMOTER_MIN:
            promoters += 1
        elif score <= DETRACTOR_MAX:
            detractors += 1
        else:
            passives += 1
    return NpsSummary(promoters + passives + detractors, promoters, passives, detractors)


def nps(scores: Iterable[int]) -> int | None:
    return summarize(scores).score


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    """ISO weeks, starting on Monday."""
    MONTH = "month"


def period_start(day: datetime.date, period: Period) -> datetime.date:
    if period is Period.DAY:
        return day
    if period is Period.WEEK:
        return day - datetime.timedelta(days=day.weekday())
    return day.replace(day=1)


def nps_by_period(
    responses: Iterable[tuple[datetime.date, int]], period: Period = Period.MONTH
) -> dict[datetime.date, NpsSummary]:
    """The summary of each period that has answers, keyed by the period's first day, in order."""
    grouped: dict[datetime.date, list[int]] = defaultdict(list)
    for day, score in responses:
        grouped[period_start(day, period)].append(score)
    return {start: summarize(grouped[start]) for start in sorted(grouped)}


def sign_survey_qr(store_id: str, sale_ref: str, key: bytes) -> str:
    return _seal(SURVEY_PREFIX, [store_id, sale_ref], key)


def verify_survey_qr(payload: str, key: bytes) -> tuple[str, str]:
    """(store_id, sale_ref) from a survey payload, or InvalidSurveyCode."""
    fields = _open(payload, SURVEY_PREFIX, 2, key)
    if fields is None:
        raise InvalidSurveyCode()
    store_id, sale_ref = fields
    return store_id, sale_ref


def survey_url(base_url: str, payload: str) -> str:
    """The URL printed as the receipt's QR: the survey page with `?c=<payload>`."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}c={quote(payload, safe='')}"


def payload_from_url(url: str) -> str:
    """The payload back from a survey URL (or the text itself when it is a bare payload)."""
    values = parse_qs(urlsplit(url.strip()).query).get("c")
    return values[0] if values else url.strip()
