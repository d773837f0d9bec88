"""The API Pix client against our PSP on 127.0.0.1: HTTPS with a client certificate,
OAuth2 client credentials, /cob, /pix/{e2eid}/devolucao and the webhook."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from payments import brcode
from payments.pix_api import (
    ChargeStatus,
    InvalidTxidForApi,
    PixApiClient,
    PspAuthFailed,
    PspNotFound,
    PspRefused,
    PspTimeout,
    PspTlsRefused,
    PspUnavailable,
    PspUnreachable,
    RefundStatus,
    parse_webhook,
)
from payments.testing.psp_server import PspServer
from tests.payments.conftest import STORE_KEY, Receiver

TXID = "venda000123abcdefghijklmnopqrs"  # 30 characters


def test_a_charge_comes_back_with_a_dynamic_br_code_pointing_at_its_location(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    charge = client.create_charge(TXID, 4590, STORE_KEY, expiry_s=300)
    assert (charge.txid, charge.status, charge.amount_centavos) == (
        TXID,
        ChargeStatus.ACTIVE,
        4590,
    )
    assert charge.location is not None and charge.location.startswith("127.0.0.1:")
    assert charge.copy_paste is not None
    code = brcode.parse(charge.copy_paste)
    assert code.dynamic and code.url == charge.location and code.amount_centavos == 4590
    assert psp.charges[TXID].body["valor"]["original"] == "45.90"


def test_a_paid_charge_reads_concluida_with_the_payments_end_to_end_id(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    client.create_charge(TXID, 1000, STORE_KEY)
    paid = psp.pay(TXID)
    charge = client.get_charge(TXID)
    assert charge.status is ChargeStatus.COMPLETED
    assert [pix.end_to_end_id for pix in charge.payments] == [paid["endToEndId"]]
    assert len(paid["endToEndId"]) == 32
    assert charge.payments[0].amount_centavos == 1000


def test_one_token_serves_many_calls_and_a_new_one_is_fetched_when_it_runs_out(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    now = [1000.0]
    client = make_client(clock=lambda: now[0])
    client.create_charge(TXID, 1000, STORE_KEY)
    client.get_charge(TXID)
    client.get_charge(TXID)
    assert psp.tokens_issued == 1
    now[0] += 3600  # past expires_in (3600 s) less the 30 s margin
    client.get_charge(TXID)
    assert psp.tokens_issued == 2


def test_a_token_the_psp_stopped_honouring_is_replaced_and_the_call_repeated_once(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    client.create_charge(TXID, 1000, STORE_KEY)
    psp.revoke_tokens()
    assert client.get_charge(TXID).txid == TXID
    assert psp.tokens_issued == 2


def test_a_cancelled_charge_is_removed_and_cannot_be_cancelled_again(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    client.create_charge(TXID, 1000, STORE_KEY)
    assert client.cancel_charge(TXID).status is ChargeStatus.REMOVED_BY_RECEIVER
    with pytest.raises(PspRefused) as refused:
        client.cancel_charge(TXID)
    assert refused.value.params["kind"] == "CobOperacaoInvalida"
    assert "não está ATIVA" in refused.value.message("pt_BR")
    assert refused.value.message("en").startswith("The Pix provider refused the operation")


def test_the_psp_refuses_an_amount_of_zero_naming_the_field(
    make_client: Callable[..., PixApiClient],
) -> None:
    with pytest.raises(PspRefused) as refused:
        make_client().create_charge(TXID, 0, STORE_KEY)
    assert "cob.valor.original" in refused.value.message("pt_BR")


def test_a_short_txid_is_refused_before_anything_is_sent(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    with pytest.raises(InvalidTxidForApi) as refused:
        make_client().create_charge("venda123", 1000, STORE_KEY)
    assert "de 26 a 35" in refused.value.message("pt_BR")
    assert psp.requests == []


def test_an_unknown_charge_is_not_found(make_client: Callable[..., PixApiClient]) -> None:
    with pytest.raises(PspNotFound) as missing:
        make_client().get_charge(TXID)
    assert TXID in missing.value.message("pt_BR")


def test_wrong_credentials_say_so_in_both_languages(
    make_client: Callable[..., PixApiClient],
) -> None:
    with pytest.raises(PspAuthFailed) as refused:
        make_client(client_secret="errado").get_charge(TXID)
    assert "credenciais" in refused.value.message("pt_BR")
    assert "credentials" in refused.value.message("en")


def test_without_the_client_certificate_the_psp_refuses_the_connection(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client(cert_file=None, key_file=None)
    with pytest.raises(PspTlsRefused) as refused:
        client.get_charge(TXID)
    assert "certificado do cliente (mTLS)" in refused.value.message("pt_BR")
    assert psp.requests == []


def test_a_psp_certificate_we_do_not_trust_is_refused(
    make_client: Callable[..., PixApiClient],
) -> None:
    client = make_client(ca_file=None)  # the system's store does not know our test CA
    with pytest.raises(PspTlsRefused):
        client.get_charge(TXID)


def test_a_slow_answer_becomes_a_timeout_with_the_seconds(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client(timeout_s=0.3)
    client.access_token()
    psp.slow(1.0, "GET", "/api/v2/cob/")
    with pytest.raises(PspTimeout) as late:
        client.get_charge(TXID)
    assert late.value.message("pt_BR") == "O provedor Pix não respondeu em 0.3 s."


def test_a_stopped_psp_is_unreachable(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    psp.stop()
    with pytest.raises(PspUnreachable) as refused:
        client.get_charge(TXID)
    assert "Sem conexão com o provedor Pix" in refused.value.message("pt_BR")


def test_a_refund_is_returned_once_and_its_id_cannot_be_used_twice(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    client.create_charge(TXID, 2500, STORE_KEY)
    e2eid = psp.pay(TXID)["endToEndId"]
    refund = client.refund(e2eid, "dev1", 2500, "teste")
    assert (refund.id, refund.amount_centavos, refund.status) == (
        "dev1",
        2500,
        RefundStatus.RETURNED,
    )
    assert len(refund.rtr_id) == 32
    assert client.get_refund(e2eid, "dev1").rtr_id == refund.rtr_id
    with pytest.raises(PspRefused) as refused:
        client.refund(e2eid, "dev1", 2500)
    assert refused.value.params["kind"] == "PixDevolucaoInvalida"
    with pytest.raises(PspRefused):
        client.refund(e2eid, "dev2", 1)  # the whole amount is already back
    assert len(psp.refunds_of(e2eid)) == 1
    assert client.get_charge(TXID).payments[0].refunds[0].rtr_id == refund.rtr_id


def test_the_psp_posts_each_payment_to_the_stores_webhook(
    psp: PspServer, make_client: Callable[..., PixApiClient], webhook_receiver: Receiver
) -> None:
    client = make_client()
    client.set_webhook(STORE_KEY, webhook_receiver.url)
    client.create_charge(TXID, 1234, STORE_KEY)
    paid = psp.pay(TXID)
    assert webhook_receiver.arrived.wait(5)
    path, body = webhook_receiver.posts[0]
    assert path == "/webhook/pix"
    received = parse_webhook(body)
    assert [(pix.end_to_end_id, pix.txid, pix.amount_centavos) for pix in received] == [
        (paid["endToEndId"], TXID, 1234)
    ]


def test_the_test_psp_refuses_a_webhook_off_this_machine(
    make_client: Callable[..., PixApiClient],
) -> None:
    with pytest.raises(PspRefused) as refused:
        make_client().set_webhook(STORE_KEY, "https://example.com/hook")
    assert refused.value.params["kind"] == "WebhookOperacaoInvalida"


def test_a_psp_out_of_service_says_to_try_again_shortly(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    client.create_charge(TXID, 1000, STORE_KEY)
    psp.unavailable("GET", "/api/v2/cob/")
    with pytest.raises(PspUnavailable) as down:
        client.get_charge(TXID)
    assert down.value.message("pt_BR") == (
        "O provedor Pix está indisponível (HTTP 503). Tente de novo em instantes."
    )
    assert client.get_charge(TXID).status is ChargeStatus.ACTIVE
    psp.unavailable("POST", "/oauth/token")
    client.forget_token()
    with pytest.raises(PspUnavailable):
        client.get_charge(TXID)
