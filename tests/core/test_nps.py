import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.codes import (
    new_store_key,
    new_voucher_code,
    sign_customer_card,
    sign_voucher_qr,
    verify_voucher_qr,
)
from posapp.core.errors import ForgedVoucher
from posapp.core.nps import (
    InvalidScore,
    InvalidSurveyCode,
    Period,
    nps,
    nps_by_period,
    payload_from_url,
    sign_survey_qr,
    summarize,
    survey_url,
    validate_score,
    verify_survey_qr,
)

D = datetime.date
KEY = bytes(range(32))


@pytest.mark.parametrize("raw", [-1, 11, 9.0, True, "dez", "", None, "1 0"])
def test_invalid_scores_are_refused(raw: object) -> None:
    with pytest.raises(InvalidScore):
        validate_score(raw)


def test_valid_scores() -> None:
    assert validate_score(0) == 0 and validate_score(10) == 10 and validate_score(" 9 ") == 9


def test_nps_counts_and_rounding() -> None:
    summary = summarize([10, 9, 8, 7, 6, 0])
    assert (summary.promoters, summary.passives, summary.detractors) == (2, 2, 2)
    assert summary.score == 0
    assert nps([10, 10, 6]) == 33  # 33.33 rounds to 33
    assert nps([10, 6, 6]) == -33
    assert nps([10] * 67 + [0] * 33 + [8] * 100) == 17  # 17.0
    assert nps([10] * 2 + [8] * 6) == 25
    assert nps([10] + [8] * 199) == 1  # 0.5 rounds away from zero
    assert nps([0] + [8] * 199) == -1  # -0.5 as well
    assert nps([]) is None
    assert nps([10]) == 100 and nps([0]) == -100


def test_nps_per_period() -> None:
    answers = [(D(2026, 5, 4), 10), (D(2026, 5, 10), 3), (D(2026, 5, 11), 9), (D(2026, 6, 1), 7)]
    monthly = nps_by_period(answers, Period.MONTH)
    assert list(monthly) == [D(2026, 5, 1), D(2026, 6, 1)]
    assert monthly[D(2026, 5, 1)].score == 33
    assert monthly[D(2026, 6, 1)].score == 0
    weekly = nps_by_period(answers, Period.WEEK)
    assert list(weekly) == [D(2026, 5, 4), D(2026, 5, 11), D(2026, 6, 1)]
    assert weekly[D(2026, 5, 4)].score == 0
    assert nps_by_period([], Period.DAY) == {}


def test_survey_qr_round_trip_and_url() -> None:
    payload = sign_survey_qr("loja-1", "T1-000123", KEY)
    assert payload.startswith("PS1|loja-1|T1-000123|")
    assert verify_survey_qr(payload + "\n", KEY) == ("loja-1", "T1-000123")
    url = survey_url("https://pesquisa.example.com/nps", payload)
    assert "|" not in url and url.startswith("https://pesquisa.example.com/nps?c=PS1%7C")
    assert verify_survey_qr(payload_from_url(url), KEY) == ("loja-1", "T1-000123")
    assert payload_from_url(payload) == payload
    assert survey_url("https://x.example/s?loja=1", payload).startswith(
        "https://x.example/s?loja=1&c="
    )


def test_survey_qr_refuses_forgeries_other_keys_and_other_kinds() -> None:
    payload = sign_survey_qr("loja-1", "T1-000123", KEY)
    with pytest.raises(InvalidSurveyCode):
        verify_survey_qr(payload.replace("000123", "000124"), KEY)
    with pytest.raises(InvalidSurveyCode):
        verify_survey_qr(payload, new_store_key())
    with pytest.raises(InvalidSurveyCode):
        verify_survey_qr(sign_customer_card("T1-000123", "loja-1", KEY), KEY)
    with pytest.raises(ForgedVoucher):
        verify_voucher_qr(payload, KEY)
    voucher = sign_voucher_qr(new_voucher_code(), 500, D(2026, 1, 1), "loja-1", KEY)
    with pytest.raises(InvalidSurveyCode):
        verify_survey_qr(voucher, KEY)
    with pytest.raises(ValueError):
        sign_survey_qr("loja 1", "x", KEY)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=300))
def test_nps_is_bounded_and_near_the_exact_value(scores: list[int]) -> None:
    summary = summarize(scores)
    exact = 100 * (summary.promoters - summary.detractors) / len(scores)
    assert summary.score is not None
    assert -100 <= summary.score <= 100
    assert abs(summary.score - exact) <= 0.5
    assert summary.promoters + summary.passives + summary.detractors == len(scores)
