"""What crosses the wire follows the Banco Central's API Pix 2.9.0 schemas: the client's
request bodies and our test PSP's answers are checked against components.schemas of
github.com/bacen/pix-api openapi.yaml (extract in data/pix_api_2.9.0_schemas.json)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from payments.pix_api import PixApiClient, PspRefused
from payments.pix_flow import PixCheckout
from payments.testing.psp_server import PspServer
from tests.payments.conftest import STORE_KEY

SCHEMAS = json.loads(
    (Path(__file__).parent / "data" / "pix_api_2.9.0_schemas.json").read_text(encoding="utf-8")
)


def validator(name: str) -> Any:
    return jsonschema_rs.Draft7Validator(
        {"$ref": f"#/components/schemas/{name}", "components": SCHEMAS["components"]},
        validate_formats=False,
    )


def errors(name: str, instance: object) -> list[str]:
    return [error.message for error in validator(name).iter_errors(instance)]


def test_the_schema_extract_is_strict_enough_to_catch_a_broken_charge() -> None:
    assert errors("CobCompleta", {"txid": "x"})  # status, valor, chave... missing
    assert errors(
        "Devolucao",
        {"id": "1", "rtrId": "D1", "valor": "1,00", "horario": {}, "status": "DEVOLVIDO"},
    )


def test_a_whole_sale_with_a_late_refund_speaks_the_api_pix_schemas(
    psp: PspServer, make_client: Callable[..., PixApiClient]
) -> None:
    client = make_client()
    flow = PixCheckout(client, STORE_KEY, timeout_s=5, poll_interval_s=0.05)
    paid = flow.start(1990, payer_request="Venda 42")
    psp.pay(paid.txid)
    flow.wait(paid)
    given_up = flow.start(500)
    flow.give_up(given_up)
    psp.pay_late(given_up.txid)
    (late,) = flow.check_late(given_up.txid)
    flow.refund_late(late)
    flow.refund_late(late)  # the PSP refuses the id, the first refund is read back
    with pytest.raises(PspRefused):
        client.cancel_charge(given_up.txid)

    request_schema = {
        ("PUT", "cob"): "CobSolicitada",
        ("PATCH", "cob"): "CobRevisada",
        ("PUT", "pix"): "DevolucaoSolicitada",
    }
    answer_schema = {
        ("PUT", "cob"): "CobGerada",
        ("PATCH", "cob"): "CobGerada",
        ("GET", "cob"): "CobCompleta",
        ("PUT", "pix"): "Devolucao",
        ("GET", "pix"): "Devolucao",
    }
    seen: set[tuple[str, str, int]] = set()
    for exchange in psp.exchanges:
        resource = exchange.path.split("/")[3]
        key = (exchange.method, resource)
        seen.add((exchange.method, resource, exchange.status))
        if key in request_schema:
            assert errors(request_schema[key], exchange.request) == [], exchange
        expected = "Problema" if exchange.status >= 400 else answer_schema[key]
        assert errors(expected, exchange.answer) == [], exchange
    assert seen >= {
        ("PUT", "cob", 201),
        ("GET", "cob", 200),
        ("PATCH", "cob", 200),
        ("PATCH", "cob", 400),
        ("PUT", "pix", 201),
        ("PUT", "pix", 400),
        ("GET", "pix", 200),
    }
