"""The receipt's survey answered on the page the chain's endpoint hosts, back in the counter's NPS.

Counter A sells with the survey on and its page at the endpoint (`<sync url>/s`); the QR
decoded from the printed receipt is opened and answered over HTTP like a phone would;
A pulls and its X report counts the customer's answer. Counter B, another store of the
chain, does not.
"""

from __future__ import annotations

import httpx
from sqlalchemy import select

from db.models import NpsResponse
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from posapp.core.nps import payload_from_url
from posapp.services.cash.reports import x_report
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.messages.survey import SurveySettings, record_score, save_survey_settings
from posapp.services.sales.receipts import sale_receipt
from posapp.services.sync.survey_page import endpoint_survey_base
from tests.support import MANAGER_PIN
from tests.sync.conftest import Counter, Network, converge


def survey_on(counter: Counter) -> str:
    base = endpoint_survey_base(counter.station)
    assert base == f"{counter.url}/s"
    save_survey_settings(
        counter.station,
        SurveySettings(True, base),
        staff_id=counter.shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    return base


def receipt_survey_qr(counter: Counter, sale_id: int, base: str) -> str:
    receipt = sale_receipt(counter.station, sale_id, CounterSettings(paper_mm=80))
    [paper] = decode(render_bytes(receipt).data)
    [qr] = [q for q in paper.qr_payloads if q.startswith(base + "?c=")]
    return qr


def responses(counter: Counter) -> list[tuple[str, int, int | None]]:
    with counter.station.read() as session:
        rows = session.execute(
            select(NpsResponse.sale_uuid, NpsResponse.score, NpsResponse.staff_id)
        ).all()
    return [(sale, score, staff) for sale, score, staff in rows]


def test_a_customer_answer_on_the_endpoint_page_counts_in_the_counters_x_report(
    network: Network,
) -> None:
    a, b = network.make("Loja A"), network.make("Loja B")
    converge(a, b)  # both said hello: the endpoint holds each store's key
    base = survey_on(a)
    sale = a.sell("shampoo", cash=3_000)
    qr = receipt_survey_qr(a, sale.sale_id, base)

    page = httpx.get(qr)  # what the phone opens from the QR
    assert page.status_code == 200
    assert "Loja A" in page.text and page.text.count('name="score"') == 11
    answered = httpx.post(
        base, data={"c": payload_from_url(qr), "score": "10", "comment": "Adorei"}
    )
    assert answered.status_code == 200 and "Obrigado" in answered.text

    assert x_report(a.station).nps.responses == 0  # not pulled yet
    converge(a, b)
    report = x_report(a.station).nps
    assert (report.responses, report.promoters, report.score) == (1, 1, 100)
    assert responses(a) == [(sale.uuid, 10, None)]  # the customer's own: no staff
    with a.station.read() as session:  # and what they wrote, kept beside the score
        assert session.scalars(select(NpsResponse.comment)).all() == ["Adorei"]
    assert x_report(b.station).nps.responses == 0 and responses(b) == []

    again = httpx.post(base, data={"c": payload_from_url(qr), "score": "0"})
    assert "Você já respondeu, obrigado!" in again.text
    converge(a, b)
    assert responses(a) == [(sale.uuid, 10, None)]


def test_the_cashiers_score_recorded_first_is_kept_over_the_customers_answer(
    network: Network,
) -> None:
    a = network.make("Loja A")
    converge(a)
    base = survey_on(a)
    sale = a.sell("shampoo", cash=3_000)
    qr = receipt_survey_qr(a, sale.sale_id, base)
    # The cashier records the score the customer said at the counter; before A syncs it,
    # the customer also answers on the page (the endpoint cannot know yet).
    record_score(a.station, sale.uuid, 3, staff_id=a.shop.cashier_id)
    answered = httpx.post(base, data={"c": payload_from_url(qr), "score": "10"})
    assert answered.status_code == 200 and "Obrigado" in answered.text

    converge(a)
    assert responses(a) == [(sale.uuid, 3, a.shop.cashier_id)]
    report = x_report(a.station).nps
    assert (report.responses, report.detractors, report.promoters) == (1, 1, 0)

    # A sale the cashier scored and synced first: the page says it was answered already.
    later = a.sell("shampoo", cash=3_000)
    record_score(a.station, later.uuid, 8, staff_id=a.shop.cashier_id)
    converge(a)
    late_qr = receipt_survey_qr(a, later.sale_id, base)
    assert "Você já respondeu, obrigado!" in httpx.get(late_qr).text
    refused = httpx.post(base, data={"c": payload_from_url(late_qr), "score": "0"})
    assert "Você já respondeu, obrigado!" in refused.text
    converge(a)
    assert sorted(score for _, score, _ in responses(a)) == [3, 8]
