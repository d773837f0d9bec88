"""The customer's own page on the endpoint (`/c`): real PostgreSQL, real `posapp-cloud serve`,
httpx, and our local WhatsApp Graph API server for the one-time code."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from PIL import Image, ImageDraw

from cloud.customer_access import SESSION, make_link
from cloud.db import unit_of_work
from cloud.models import AccessCode
from messaging.testing.graph_server import GraphApi, GraphServer
from posapp.core.codes import new_referral_code, new_voucher_code, verify_voucher_qr
from posapp.core.nps import sign_survey_qr
from tests.cloud.helpers import SIGNING_KEY, Counter, event, new_uuid
from tests.cloud_fixtures import Chain, CloudServer
from tests.services.messages_support import decoded_qr

NUMBER_ID = "109876543210987"
TOKEN = "EAAG-token"


@dataclass
class Shop:
    server: CloudServer
    chain: Chain
    counter: Counter
    customer: str
    sale: str
    voucher: str
    referral: str

    def receipt_link(self) -> str:
        payload = sign_survey_qr(self.counter.store_uuid, self.sale, bytes.fromhex(SIGNING_KEY))
        return str(httpx.URL(f"{self.server.url}/c", params={"r": payload}))


def upsert(customer: str, referral: str, *, anonymized: bool = False) -> dict[str, Any]:
    return event(
        "customer.upsert",
        {
            "uuid": customer,
            "name": "Maria <b>Souza</b>",
            "cpf": None,
            "phone": "11912345678",
            "email": "maria@example.com",
            "birthday": None,
            "marketing_consent": True,
            "consent_at": datetime.now(UTC).isoformat(),
            "referral_code": referral,
            "referred_by": None,
            "created_at": datetime.now(UTC).isoformat(),
            "anonymized": anonymized,
        },
    )


@pytest.fixture
def shop(cloud_server: CloudServer) -> Shop:
    chain = cloud_server.create_chain("Rede Bela")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    assert counter.hello().status_code == 200
    customer, sale, voucher = new_uuid(), new_uuid(), new_voucher_code()
    referral = new_referral_code("Maria")
    now = datetime.now(UTC)
    expires = now + timedelta(days=30)
    answer = counter.push(
        upsert(customer, referral),
        counter.entry(customer, "earn", 750, sale=sale, lot=new_uuid(), expires_at=expires),
        counter.entry(
            customer,
            "earn",
            1_200,
            sale=new_uuid(),
            lot=new_uuid(),
            expires_at=now + timedelta(days=90),
        ),
        event(
            "voucher.issued",
            {
                "uuid": new_uuid(),
                "code": voucher,
                "customer": customer,
                "kind": "balance",
                "value": 2_500,
                "percent_bps": 0,
                "max_discount": 0,
                "min_purchase": 0,
                "issued_at": now.isoformat(),
                "expires_at": (now + timedelta(days=60)).isoformat(),
                "store": counter.store_uuid,
            },
        ),
    )
    assert answer.status_code == 200, answer.text
    return Shop(cloud_server, chain, counter, customer, sale, voucher, referral)


def test_the_receipt_qr_opens_the_customers_page_with_balance_expiry_voucher_and_survey(
    shop: Shop,
) -> None:
    page = httpx.get(shop.receipt_link())
    assert page.status_code == 200, page.text
    text = page.text
    assert "Olá, Maria" in text and "<b>Souza" not in text  # escaped, first name only
    assert re.search(r'class="big">R\$ 19,50<', text)  # 7,50 + 12,00
    due = (
        (datetime.now(UTC) + timedelta(days=30))
        .astimezone(ZoneInfo("America/Sao_Paulo"))
        .strftime("%d/%m/%Y")
    )
    assert f'vence em {due}</td><td class="n">R$ 7,50' in text
    assert shop.voucher in text and "R$ 25,00" in text
    svg = re.search(r"<svg.*?</svg>", text, re.S)
    assert svg is not None  # the voucher's QR, drawn inline
    assert shop.referral in text and "https://wa.me/?text=" in text
    assert "/s?c=PS1" in text  # the survey of that receipt's sale
    assert "Cashback da compra" in text
    assert "<script" not in text and "<link" not in text and 'src="http' not in text
    assert 'lang="pt-BR"' in text and 'name="viewport"' in text


def drawn(svg: str, scale: int = 8) -> bytes:
    """The inline SVG QR (unit squares `Mx,y...z`) drawn as a PNG, to be read back."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))  # type: ignore[union-attr]
    image = Image.new("L", (size * scale, size * scale), 255)
    pen = ImageDraw.Draw(image)
    for x, y in re.findall(r"M(\d+),(\d+)H", svg):
        left, top = int(x) * scale, int(y) * scale
        pen.rectangle((left, top, left + scale - 1, top + scale - 1), fill=0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_the_receipts_survey_qr_leads_to_the_customers_page(shop: Shop) -> None:
    payload = sign_survey_qr(shop.counter.store_uuid, shop.sale, bytes.fromhex(SIGNING_KEY))
    survey = httpx.get(f"{shop.server.url}/s", params={"c": payload})
    assert survey.status_code == 200
    link = re.search(r'<a href="(c\?r=[^"]+)">Cliente do programa\? Ver meu saldo', survey.text)
    assert link is not None
    page = httpx.get(f"{shop.server.url}/{html.unescape(link.group(1))}")
    assert page.status_code == 200 and "Olá, Maria" in page.text


def test_the_vouchers_qr_is_the_one_the_counter_accepts(shop: Shop) -> None:
    page = httpx.get(shop.receipt_link()).text
    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None
    [payload] = decoded_qr(drawn(svg.group(0)))
    claim = verify_voucher_qr(payload, bytes.fromhex(SIGNING_KEY))
    assert (claim.code, claim.value_centavos) == (shop.voucher, 2_500)


def test_a_forged_or_expired_link_gets_a_portuguese_page_not_a_traceback(shop: Shop) -> None:
    with unit_of_work(shop.server._sessions) as session:  # as a receipt's page makes it
        good = make_link(session, shop.chain.chain_id, shop.customer, SESSION, verified=False)
    assert httpx.get(f"{shop.server.url}/c", params={"t": good}).status_code == 200
    parts = good.split(".")
    forged = ".".join([*parts[:2], new_uuid(), *parts[3:]])
    promoted = good.replace("PR1.", "PC1.", 1)  # a receipt's link passed off as a code's
    for bad in (forged, promoted, good[:-2] + "xx", "PC1.a.b.1.c", ""):
        answer = httpx.get(f"{shop.server.url}/c", params={"t": bad})
        assert answer.status_code == 400
        assert "Este link não é válido ou expirou" in answer.text
    bad_receipt = httpx.get(f"{shop.server.url}/c", params={"r": "PS1|x|y|z"})
    assert bad_receipt.status_code == 400 and "não é válido" in bad_receipt.text


@pytest.fixture
def graph() -> Iterator[GraphServer]:
    with GraphServer(GraphApi(NUMBER_ID, TOKEN, "s", {"codigo_acesso": 1})) as server:
        yield server


def test_phone_and_a_whatsapp_code_open_the_page_and_five_wrong_tries_lock_it(
    shop: Shop, graph: GraphServer
) -> None:
    url = shop.server.url
    answer = httpx.put(
        f"{url}/v1/admin/delivery",
        headers={"Authorization": f"Bearer {shop.chain.admin_key}"},
        json={
            "whatsapp_phone_number_id": NUMBER_ID,
            "whatsapp_access_token": TOKEN,
            "whatsapp_graph_url": graph.url,
        },
    )
    assert answer.status_code == 200, answer.text
    sign_in = f"{url}/c/entrar/{shop.chain.chain_id}"
    assert "Seu celular" in httpx.get(sign_in).text
    unknown = httpx.post(sign_in, data={"phone": "(21) 98888-7777"})
    assert unknown.status_code == 200 and "Se o número estiver cadastrado" in unknown.text
    assert graph.api.sent == []  # nobody's phone: nothing sent, the same answer
    asked = httpx.post(sign_in, data={"phone": "+55 (11) 91234-5678"})
    assert asked.status_code == 200
    [sent] = graph.api.sent
    assert (sent.template, sent.to) == ("codigo_acesso", "5511912345678")
    [code] = sent.parameters
    assert re.fullmatch(r"\d{6}", code)

    wrong = httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": "000000"})
    assert wrong.status_code == 400 and "Código incorreto" in wrong.text
    right = httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": code})
    assert right.status_code == 303
    page = httpx.get(url + right.headers["location"])
    assert page.status_code == 200 and "Olá, Maria" in page.text

    httpx.post(sign_in, data={"phone": "11912345678"})
    fresh = graph.api.sent[-1].parameters[0]
    for _ in range(5):
        httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": "999999"})
    locked = httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": fresh})
    assert locked.status_code == 400 and "Código incorreto" in locked.text


def whatsapp_codes(shop: Shop, graph: GraphServer) -> str:
    """The chain sends its codes by WhatsApp through the local Graph server; the sign-in URL."""
    answer = httpx.put(
        f"{shop.server.url}/v1/admin/delivery",
        headers={"Authorization": f"Bearer {shop.chain.admin_key}"},
        json={
            "whatsapp_phone_number_id": NUMBER_ID,
            "whatsapp_access_token": TOKEN,
            "whatsapp_graph_url": graph.url,
        },
    )
    assert answer.status_code == 200, answer.text
    return f"{shop.server.url}/c/entrar/{shop.chain.chain_id}"


def code_sent_earlier(shop: Shop, minutes: int) -> None:
    """As if the customer's live code had been sent `minutes` ago (its hour of tries too)."""
    with unit_of_work(shop.server._sessions) as session:
        row = session.get(AccessCode, (shop.chain.chain_id, shop.customer))
        assert row is not None
        row.expires_at -= timedelta(minutes=minutes)
        row.created_at -= timedelta(minutes=minutes)


def test_asking_again_after_five_wrong_codes_neither_messages_the_customer_nor_opens_the_page(
    shop: Shop, graph: GraphServer
) -> None:
    sign_in = whatsapp_codes(shop, graph)
    httpx.post(sign_in, data={"phone": "11912345678"})
    for _ in range(5):
        httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": "999999"})
    code_sent_earlier(shop, 5)
    asked = httpx.post(sign_in, data={"phone": "11912345678"})
    assert asked.status_code == 200 and "Se o número estiver cadastrado" in asked.text
    assert len(graph.api.sent) == 1  # no new code on the customer's phone
    last = graph.api.sent[-1].parameters[0]
    refused = httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": last})
    assert refused.status_code == 400 and "Código incorreto" in refused.text


def test_a_code_asked_again_at_once_is_not_sent_and_one_sent_later_uses_a_try(
    shop: Shop, graph: GraphServer
) -> None:
    sign_in = whatsapp_codes(shop, graph)
    httpx.post(sign_in, data={"phone": "11912345678"})
    httpx.post(sign_in, data={"phone": "11912345678"})
    [first] = graph.api.sent  # a double tap: one message, the first code still good
    code_sent_earlier(shop, 2)
    httpx.post(sign_in, data={"phone": "11912345678"})
    assert len(graph.api.sent) == 2 and graph.api.sent[-1] is not first
    second = graph.api.sent[-1].parameters[0]
    for _ in range(4):  # the code sent again took one of the hour's five tries
        httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": "999999"})
    locked = httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": second})
    assert locked.status_code == 400 and "Código incorreto" in locked.text
    code_sent_earlier(shop, 61)  # the hour is over: a new code, five new tries
    httpx.post(sign_in, data={"phone": "11912345678"})
    third = graph.api.sent[-1].parameters[0]
    assert len(graph.api.sent) == 3
    right = httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": third})
    assert right.status_code == 303


def test_a_paper_receipt_opens_the_balance_but_not_the_data_download_nor_forget_me(
    shop: Shop,
) -> None:
    """Whoever picks up a receipt left on the counter must not get the customer's CPF and
    phone, nor ask in their name that their data and balance be erased."""
    url = shop.server.url
    page = httpx.get(shop.receipt_link())
    assert page.status_code == 200 and "Olá, Maria" in page.text
    assert "dados.json" not in page.text and "/c/esquecer" not in page.text
    assert f'href="/c/entrar/{shop.chain.chain_id}"' in page.text
    with unit_of_work(shop.server._sessions) as session:  # the page's link, as made for it
        receipt_token = make_link(
            session, shop.chain.chain_id, shop.customer, SESSION, verified=False
        )
    data = httpx.get(f"{url}/c/dados.json", params={"t": receipt_token})
    assert data.status_code == 403 and "confirme que é você" in data.text
    assert "11912345678" not in data.text
    forget = httpx.post(f"{url}/c/esquecer", data={"t": receipt_token, "confirm": "1"})
    assert forget.status_code == 403
    listed = httpx.get(
        f"{url}/v1/admin/forget-requests",
        headers={"Authorization": f"Bearer {shop.chain.admin_key}"},
    ).json()["requests"]
    assert listed == []


def signed_in(shop: Shop, graph: GraphServer) -> str:
    """The page's link after the phone and its WhatsApp code."""
    sign_in = whatsapp_codes(shop, graph)
    httpx.post(sign_in, data={"phone": "11912345678"})
    code = graph.api.sent[-1].parameters[0]
    right = httpx.post(f"{sign_in}/codigo", data={"phone": "11912345678", "code": code})
    assert right.status_code == 303
    return str(httpx.URL(right.headers["location"]).params["t"])


def test_the_customer_downloads_their_data_and_asks_to_be_forgotten(
    shop: Shop, graph: GraphServer
) -> None:
    url = shop.server.url
    token = signed_in(shop, graph)
    data = httpx.get(f"{url}/c/dados.json", params={"t": token})
    assert data.status_code == 200
    assert "attachment" in data.headers["content-disposition"]
    body = data.json()
    assert body["customer"]["phone"] == "11912345678"
    assert sorted(e["amount_centavos"] for e in body["ledger"]) == [750, 1_200]
    assert [v["code"] for v in body["vouchers"]] == [shop.voucher]

    unconfirmed = httpx.post(f"{url}/c/esquecer", data={"t": token})
    assert unconfirmed.status_code == 400
    asked = httpx.post(f"{url}/c/esquecer", data={"t": token, "confirm": "1"})
    assert asked.status_code == 200 and "Pedido registrado" in asked.text
    again = httpx.post(f"{url}/c/esquecer", data={"t": token, "confirm": "1"})
    assert again.status_code == 200
    listed = httpx.get(
        f"{url}/v1/admin/forget-requests",
        headers={"Authorization": f"Bearer {shop.chain.admin_key}"},
    ).json()["requests"]
    assert [(r["customer"], r["name"]) for r in listed] == [(shop.customer, "Maria <b>Souza</b>")]
    told = [e for e in shop.counter.pull_all() if e["kind"] == "customer.forget_requested"]
    assert [e["body"]["customer"] for e in told] == [shop.customer]
    assert "já está com a gerência" in httpx.get(f"{url}/c", params={"t": token}).text

    shop.counter.push(upsert(shop.customer, shop.referral, anonymized=True))
    gone = httpx.get(f"{url}/c", params={"t": token})
    assert gone.status_code == 400  # an anonymized customer has no page any more
    still_open = httpx.get(
        f"{url}/v1/admin/forget-requests",
        headers={"Authorization": f"Bearer {shop.chain.admin_key}"},
    ).json()["requests"]
    assert still_open == []  # forgotten at a counter: the request is done


def test_cashback_that_expired_before_the_expiry_run_wrote_it_is_not_shown_as_balance(
    shop: Shop,
) -> None:
    """The chain's expiry terminal writes the `expire` entries at its daily run; until then
    (a Sunday with that store closed) the lapsed lot is still in the ledger."""
    now = datetime.now(UTC)
    answer = shop.counter.push(
        shop.counter.entry(
            shop.customer,
            "earn",
            500,
            sale=new_uuid(),
            lot=new_uuid(),
            at=now - timedelta(days=40),
            expires_at=now - timedelta(days=1),
        )
    )
    assert answer.status_code == 200, answer.text
    text = httpx.get(shop.receipt_link()).text
    assert re.search(r'class="big">R\$ 19,50<', text)  # 7,50 + 12,00: the R$ 5,00 lapsed
    assert "Disponível agora: <b>R$ 19,50</b>" in text
