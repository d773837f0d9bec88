"""Property test of the served OpenAPI spec: whatever schemathesis sends, never a 5xx."""

from __future__ import annotations

from typing import Any

import hypothesis
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.cloud.helpers import Counter, customer_event, new_uuid, voucher_event
from tests.cloud_fixtures import CloudServer

EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 15}


def _exercise(
    operation: Any, mode: GenerationMode, url: str, auth: dict[str, str], statuses: list[int]
) -> None:
    """Send `EXAMPLES[mode]` generated requests to one operation, checking every answer."""
    checks: list[CheckFunction] = [not_a_server_error]
    if mode is GenerationMode.POSITIVE:  # answers to valid requests match the spec too
        checks.append(response_schema_conformance)

    @given(case=operation.as_strategy(generation_mode=mode, headers=auth))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    )
    def run(case: schemathesis.Case[Any]) -> None:
        statuses.append(case.call_and_validate(base_url=url, checks=checks).status_code)

    run()


def test_no_generated_request_gets_a_server_error(cloud_server: CloudServer) -> None:
    chain = cloud_server.create_chain("Rede")
    counter = Counter(cloud_server.url, cloud_server.add_terminal(chain, "Caixa"))
    assert counter.hello().status_code == 200
    customer = new_uuid()
    seeded = counter.push(
        customer_event(customer, cpf="52998224725"),
        counter.entry(customer, "earn", 1_000),
        voucher_event("VALE-1", customer, 500),
    )
    assert seeded.status_code == 200
    schema = schemathesis.openapi.from_url(f"{cloud_server.url}/openapi.json")
    auth = {"Authorization": f"Bearer {counter.token}"}
    statuses: list[int] = []
    nothing_to_negate: list[str] = []
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results) == 32  # 14, the survey (GET, POST /s), 7 admin,
    # the WhatsApp webhook (GET, POST), the customer's page (7)
    # rotating the admin key makes it a revoked one: fuzzed last, the others get the key
    operations.sort(key=lambda operation: operation.path == "/v1/admin/key/rotate")
    admin = {"Authorization": f"Bearer {chain.admin_key}"}
    for operation in operations:
        # the chain's admin routes are fuzzed with the admin key, so bodies reach the code
        who = admin if operation.path.startswith("/v1/admin/") else auth
        for mode in EXAMPLES:
            try:
                _exercise(operation, mode, cloud_server.url, who, statuses)
            except hypothesis.errors.Unsatisfiable:
                if mode is GenerationMode.POSITIVE:
                    raise
                nothing_to_negate.append(operation.label)
    assert sorted(nothing_to_negate) == [
        "GET /v1/admin/audit",
        "GET /v1/admin/delivery",
        "GET /v1/admin/forget-requests",
        "GET /v1/admin/quarantine",
        "GET /v1/admin/terminals",
        "GET /v1/health",
        "GET /v1/ledger/head",
        "POST /v1/admin/key/rotate",
    ]
    assert any(200 <= status < 300 for status in statuses)
    assert 422 in statuses
