"""The survey the endpoint hosts (`GET /s`, `POST /s`): real PostgreSQL, real uvicorn, httpx."""

from __future__ import annotations

from typing import Any

import httpx
import psycopg
import pytest

from posapp.core.nps import sign_survey_qr, survey_url
from tests.cloud.helpers import Counter, event, new_uuid, program_json
from tests.cloud_fixtures import CloudServer

KEY_A = "a1" * 32
KEY_B = "b2" * 32


def hello(counter: Counter, key: str) -> None:
    """Say hello with the store's own signing key (the helper's is the same for every store)."""
    answer = counter.client.post(
        "/v1/hello",
        json={
            "terminal_uuid": counter.terminal_uuid,
            "terminal_name": "Caixa 1",
            "store_uuid": counter.store_uuid,
            "store_name": counter.store_name,
            "segment": "salon",
            "program": program_json(),
            "signing_key": key,
        },
    )
    assert answer.status_code == 200, answer.text


def payload(store_uuid: str, sale_uuid: str, key: str) -> str:
    return sign_survey_qr(store_uuid, sale_uuid, bytes.fromhex(key))


def answers(server: CloudServer) -> list[tuple[Any, ...]]:
    with psycopg.connect(server.dsn) as connection:
        return connection.execute(
            "SELECT chain_id, store_uuid, sale_uuid, score, comment, source FROM nps_answer"
        ).fetchall()


def nps_events(watcher: Counter) -> list[dict[str, Any]]:
    return [e for e in watcher.pull_all() if e["kind"] == "nps.recorded"]


@pytest.fixture
def shops(cloud_server: CloudServer) -> tuple[Counter, Counter, Counter]:
    """Store A (two terminals: the one that sold, one that watches) of chain 1; store B of
    chain 2, each store with its own key."""
    chain = cloud_server.create_chain("Rede Bela")
    seller = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    seller.store_name = "Salão <Bela> & Cia"
    hello(seller, KEY_A)
    watcher = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 2"))
    watcher.store_uuid = seller.store_uuid
    watcher.store_name = seller.store_name
    hello(watcher, KEY_A)
    other = Counter(
        cloud_server.url, cloud_server.add_terminal(cloud_server.create_chain("X"), "1")
    )
    other.store_name = "Farmácia Outra"
    hello(other, KEY_B)
    return seller, watcher, other


def test_the_page_of_a_real_payload_shows_the_store_and_eleven_buttons(
    cloud_server: CloudServer, shops: tuple[Counter, Counter, Counter]
) -> None:
    seller, _, _ = shops
    link = survey_url(f"{cloud_server.url}/s", payload(seller.store_uuid, new_uuid(), KEY_A))
    page = httpx.get(link)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "Salão &lt;Bela&gt; &amp; Cia" in page.text  # the store's name, escaped
    assert "Salão <Bela>" not in page.text
    assert "Como foi o atendimento? De 0 a 10" in page.text
    assert page.text.count('name="score"') == 11
    assert all(f'value="{score}"' in page.text for score in range(11))
    assert 'name="comment" maxlength="500"' in page.text
    assert "<script" not in page.text
    assert 'lang="pt-BR"' in page.text and 'name="viewport"' in page.text


def test_an_answer_is_recorded_once_and_told_to_the_chain(
    cloud_server: CloudServer, shops: tuple[Counter, Counter, Counter]
) -> None:
    seller, watcher, other = shops
    sale = new_uuid()
    code = payload(seller.store_uuid, sale, KEY_A)
    first = httpx.post(f"{cloud_server.url}/s", data={"c": code, "score": "9", "comment": "Ótimo"})
    assert first.status_code == 200
    assert "Obrigado pela sua resposta!" in first.text
    again = httpx.post(f"{cloud_server.url}/s", data={"c": code, "score": "2", "comment": "Mudei"})
    assert again.status_code == 200
    assert "Você já respondeu, obrigado!" in again.text
    page = httpx.get(f"{cloud_server.url}/s", params={"c": code})
    assert "Você já respondeu, obrigado!" in page.text and 'name="score"' not in page.text

    stored = answers(cloud_server)
    assert [row[1:] for row in stored] == [(seller.store_uuid, sale, 9, "Ótimo", "customer")]
    told = nps_events(watcher)
    assert len(told) == 1
    body = told[0]["body"]
    assert {k: body[k] for k in ("sale", "store", "score", "comment")} == {
        "sale": sale,
        "store": seller.store_uuid,
        "score": 9,
        "comment": "Ótimo",
    }
    assert body["at"] and told[0]["terminal_uuid"] is None
    assert nps_events(other) == []  # another chain hears nothing of it


def test_a_score_the_cashier_pushed_first_means_already_answered(
    cloud_server: CloudServer, shops: tuple[Counter, Counter, Counter]
) -> None:
    seller, _, _ = shops
    sale = new_uuid()
    pushed = seller.push(event("nps.recorded", {"sale": sale, "score": 10}))
    assert pushed.status_code == 200, pushed.text
    code = payload(seller.store_uuid, sale, KEY_A)
    answer = httpx.post(f"{cloud_server.url}/s", data={"c": code, "score": "1"})
    assert "Você já respondeu, obrigado!" in answer.text
    assert [row[3:] for row in answers(cloud_server)] == [(10, None, "counter")]


def _refusals(seller: Counter, other: Counter) -> dict[str, dict[str, str]]:
    sale = new_uuid()
    real = payload(seller.store_uuid, sale, KEY_A)
    forged = real[:-1] + ("A" if real[-1] != "A" else "B")
    return {
        "forged signature": {"c": forged, "score": "9"},
        "a sale the payload never named": {"c": real.replace(sale, new_uuid()), "score": "9"},
        "another chain's store, signed with this store's key": {
            "c": payload(other.store_uuid, sale, KEY_A),
            "score": "9",
        },
        "a store the endpoint never met": {"c": payload(new_uuid(), sale, KEY_A), "score": "9"},
        "no payload": {"score": "9"},
        "not a payload": {"c": "PS1|nada", "score": "9"},
        "score 11": {"c": real, "score": "11"},
        "score abc": {"c": real, "score": "abc"},
        "score -1": {"c": real, "score": "-1"},
        "no score": {"c": real, "comment": "sem nota"},
        "comment of 501 characters": {"c": real, "score": "9", "comment": "x" * 501},
    }


@pytest.mark.parametrize(
    "case",
    [
        "forged signature",
        "a sale the payload never named",
        "another chain's store, signed with this store's key",
        "a store the endpoint never met",
        "no payload",
        "not a payload",
        "score 11",
        "score abc",
        "score -1",
        "no score",
        "comment of 501 characters",
    ],
)
def test_bad_input_gets_a_clear_400_page_and_nothing_is_recorded(
    cloud_server: CloudServer, shops: tuple[Counter, Counter, Counter], case: str
) -> None:
    seller, watcher, other = shops
    form = _refusals(seller, other)[case]
    answer = httpx.post(f"{cloud_server.url}/s", data=form)
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    if case.startswith(("score", "no score")):
        assert "Escolha uma nota de 0 a 10." in answer.text
        assert answer.text.count('name="score"') == 11  # the form again, to answer right
    elif case.startswith("comment"):
        assert "no máximo 500 caracteres (o seu tem 501)" in answer.text
    else:
        assert "Este link de pesquisa não é válido" in answer.text
    if "c" in form and not case.startswith(("score", "no score", "comment")):
        shown = httpx.get(f"{cloud_server.url}/s", params={"c": form["c"]})
        assert shown.status_code == 400 and "Este link de pesquisa não é válido" in shown.text
    assert answers(cloud_server) == []
    assert nps_events(watcher) == [] and nps_events(other) == []


def test_a_body_that_is_not_a_form_gets_a_page_not_a_500(
    cloud_server: CloudServer, shops: tuple[Counter, Counter, Counter]
) -> None:
    seller, _, _ = shops
    real = payload(seller.store_uuid, new_uuid(), KEY_A)
    for body in (b"\xff\xfe\x00", b'{"c": 1}', b"c=" + real.encode() + b"&score=%FF"):
        answer = httpx.post(
            f"{cloud_server.url}/s",
            content=body,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert answer.status_code == 400, (body, answer.text)
        assert answer.headers["content-type"].startswith("text/html")
    assert httpx.get(f"{cloud_server.url}/s").status_code == 400
    assert answers(cloud_server) == []


def test_the_comment_is_escaped_wherever_it_is_shown_back(
    cloud_server: CloudServer, shops: tuple[Counter, Counter, Counter]
) -> None:
    seller, _, _ = shops
    code = payload(seller.store_uuid, new_uuid(), KEY_A)
    comment = '<script>alert("x")</script> & <b>bom</b>\x00'
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bom&lt;/b&gt;"
    refused = httpx.post(
        f"{cloud_server.url}/s", data={"c": code, "score": "x", "comment": comment}
    )
    assert refused.status_code == 400
    assert (
        escaped in refused.text and "<script>" not in refused.text and "<b>bom" not in refused.text
    )
    thanks = httpx.post(f"{cloud_server.url}/s", data={"c": code, "score": "7", "comment": comment})
    assert thanks.status_code == 200
    assert escaped in thanks.text and "<script>" not in thanks.text and "<b>bom" not in thanks.text
    # the NUL was dropped, the words kept as typed
    assert answers(cloud_server)[0][4] == '<script>alert("x")</script> & <b>bom</b>'
