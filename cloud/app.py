"""The FastAPI application: routes of docs/sync-protocol.md over one session per request.

Each route is one database transaction (`unit_of_work`); a refusal (`ApiError`)
raised inside it rolls everything back. Every error body is
`{"error", "message" (pt_BR), "message_en", ...}`, bad input included.
"""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from pydantic import ValidationError
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from cloud import (
    authority,
    conflicts,
    customer_access,
    customer_page,
    delivery,
    events,
    hello,
    orders,
    quarantine,
    registry,
    survey,
    terminals,
    whatsapp,
)
from cloud.auth import Bearer, chain_id_of, terminal_of
from cloud.db import make_engine, make_sessions, unit_of_work
from cloud.errors import ApiError, invalid_request
from cloud.keys import signature_matches
from cloud.ledger_head import ledger_head
from cloud.limits import PUSH_SLOTS, BodyLimit, BodyLimits
from cloud.models import Chain, Terminal
from cloud.phones import given_key
from cloud.schemas import (
    MAX_BATCH,
    AdminKeyOut,
    AuditList,
    BalanceOut,
    ClaimIn,
    ClaimOut,
    ConflictList,
    ConflictOut,
    DeliveryIn,
    DeliveryOut,
    ErrorOut,
    ExpiryTerminalIn,
    ExpiryTerminalOut,
    HealthOut,
    HelloIn,
    HelloOut,
    HoldIn,
    HoldOut,
    LedgerHeadOut,
    MovedOut,
    OrderIn,
    OrderOut,
    PullOut,
    PushIn,
    PushOut,
    QuarantineList,
    ReasonIn,
    ResolveIn,
    TerminalIn,
    TerminalList,
    TerminalOut,
)
from cloud.secrets import SecretBox
from cloud.terminals import ACTOR_API, RateLimit

UUID_PATTERN = r"^[0-9A-Fa-f]{8}-?([0-9A-Fa-f]{4}-?){3}[0-9A-Fa-f]{12}$"
UuidPath = Annotated[str, Path(pattern=UUID_PATTERN)]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 404, 409, 410, 413, 422, 429, 503)
}
"""413: `too_large` (cloud.limits); 429: `rate_limited`, with a Retry-After header;
503: `secret_key_wrong`, the server cannot open the secrets it keeps (cloud.secrets)."""


def create_app(
    database_url: str,
    *,
    delivery_interval: float = 0.0,
    box: SecretBox | None = None,
    rate: RateLimit | None = None,
    body_limits: BodyLimits | None = None,
    push_slots: int = 0,
) -> FastAPI:
    """The endpoint on a database whose schema is already at head.

    `delivery_interval` > 0 runs the chains' message delivery (cloud.delivery) on a
    background thread every that many seconds while the app is up. `box` seals and
    opens the stored secrets (default: the key of the environment, SecretKeyProblem
    when there is none). `rate` limits each terminal token's calls (default
    `RateLimit()`, admin keys likewise), `body_limits` the size of request bodies (default
    `BodyLimits()`), `push_slots` how many pushes this process applies at once (default
    `PUSH_SLOTS`).
    """
    box = box or SecretBox.from_environment()
    app = FastAPI(
        title="posapp cloud sync endpoint",
        version="1",
        description="The contract of docs/sync-protocol.md (counter <-> cloud).",
        responses=ERRORS,
    )
    engine = make_engine(database_url)
    sessions = make_sessions(engine, box)
    app.state.sessions = sessions
    if delivery_interval > 0:
        loop = delivery.DeliveryLoop(sessions, delivery_interval)
        app.state.delivery = loop
        app.router.add_event_handler("startup", loop.start)
        app.router.add_event_handler("shutdown", loop.stop)
    app.router.add_event_handler("shutdown", engine.dispose)
    app.add_middleware(BodyLimit, limits=body_limits or BodyLimits())
    _install_error_handlers(app)
    rate = rate or RateLimit()
    _routes(app, sessions, rate, threading.BoundedSemaphore(push_slots or PUSH_SLOTS))
    _admin_routes(app, sessions, rate)
    _survey_routes(app, sessions)
    _whatsapp_routes(app, sessions, rate)
    _customer_routes(app, sessions, rate)
    return app


def _error(error: ApiError) -> JSONResponse:
    wait = error.extra.get("retry_after")
    headers = {"Retry-After": str(wait)} if isinstance(wait, int) else None
    return JSONResponse(error.body(), status_code=error.status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, ApiError)
        return _error(error)

    async def on_validation(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        problems = error.errors()
        first = problems[0] if problems else {"loc": (), "msg": "?"}
        where = ".".join(str(part) for part in first.get("loc", ()))
        refusal = invalid_request(f"{where}: {first.get('msg')}")
        refusal.extra["detail"] = json.loads(json.dumps(problems, default=str))
        return _error(refusal)

    async def on_http(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 404:
            return _error(ApiError(404, "not_found", "Endereço não encontrado.", "Not found."))
        if error.status_code == 405:
            return _error(
                ApiError(405, "method_not_allowed", "Método não permitido.", "Method not allowed.")
            )
        return _error(
            ApiError(error.status_code, "http_error", str(error.detail), str(error.detail))
        )

    async def on_data_error(_: Request, error: Exception) -> JSONResponse:
        # PostgreSQL refuses what pydantic let through (a NUL character in a text):
        # bad input, so a 422, never a 500.
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        return _error(invalid_request(reason))

    async def on_integrity(_: Request, __: Exception) -> JSONResponse:
        return _error(
            ApiError(
                409,
                "retry",
                "Outra operação alterou os mesmos dados; tente de novo.",
                "Another operation changed the same data; try again.",
            )
        )

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(sa_exc.DataError, on_data_error)
    app.add_exception_handler(sa_exc.IntegrityError, on_integrity)


def _routes(
    app: FastAPI, sessions: sessionmaker[Session], rate: RateLimit, push_slots: threading.Semaphore
) -> None:
    def _terminal(session: Session, token: str) -> Terminal:
        return terminal_of(sessions, session, token, rate)

    def _said_hello(session: Session, token: str) -> Terminal:
        terminal = _terminal(session, token)
        if terminal.terminal_uuid is None:
            raise events.hello_required()
        return terminal

    @app.get("/v1/health", response_model=HealthOut, responses={})
    def health() -> HealthOut:
        """The counter's online probe (no auth)."""
        return HealthOut(status="ok")

    @app.post("/v1/admin/terminals", status_code=201, response_model=TerminalOut)
    def add_terminal(body: TerminalIn, admin_key: Bearer) -> TerminalOut:
        """Register a terminal with the chain's admin key; the token is shown once."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            made = registry.add_terminal(session, chain_id, body.name)
            terminals.audit(session, chain_id, ACTOR_API, "terminal_add", made.terminal_id)
        return TerminalOut(terminal_id=made.terminal_id, token=made.token)

    @app.post("/v1/admin/expiry-terminal", response_model=ExpiryTerminalOut)
    def expiry_terminal(body: ExpiryTerminalIn, admin_key: Bearer) -> ExpiryTerminalOut:
        """Move the chain's expiry role to one of its terminals (e.g. the old one retired).

        Every counter learns whether it runs expiry from its next pull (`runs_expiry`).
        """
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            terminal = registry.move_expiry(session, chain_id, body.terminal_id)
            terminals.audit(session, chain_id, ACTOR_API, "expiry_move", terminal.id)
            return ExpiryTerminalOut(terminal_id=terminal.id, name=terminal.name)

    @app.get("/v1/admin/delivery", response_model=DeliveryOut)
    def get_delivery(admin_key: Bearer) -> DeliveryOut:
        """The chain's delivery settings, without the SMTP password or the header values."""
        with unit_of_work(sessions) as session:
            return delivery.get_settings(session, chain_id_of(sessions, admin_key, rate))

    @app.put("/v1/admin/delivery", response_model=DeliveryOut)
    def put_delivery(body: DeliveryIn, admin_key: Bearer) -> DeliveryOut:
        """Set how the endpoint sends the chain's messages (SMTP, provider webhook).

        A password or headers left out keep the stored ones; the answer never shows them.
        """
        with unit_of_work(sessions) as session:
            return delivery.set_settings(session, chain_id_of(sessions, admin_key, rate), body)

    @app.post("/v1/hello", response_model=HelloOut)
    def say_hello(body: HelloIn, token: Bearer) -> HelloOut:
        with unit_of_work(sessions) as session:
            return hello.hello(session, _terminal(session, token), body)

    @app.post("/v1/events", response_model=PushOut)
    def push(body: PushIn, token: Bearer) -> PushOut:
        """Apply a batch in one transaction; known uuids are duplicates; a bad event refuses
        all, and is kept in quarantine with the reason."""
        pusher: tuple[str, str] | None = None
        try:
            with push_slots, unit_of_work(sessions) as session:
                terminal = _terminal(session, token)
                pusher = (terminal.chain_id, terminal.id)
                result = events.push(session, terminal, body.events)
        except ApiError as refusal:
            index = refusal.extra.get("index")
            if pusher is not None and isinstance(index, int) and 0 <= index < len(body.events):
                with unit_of_work(sessions) as session:
                    quarantine.keep(session, *pusher, body.events[index], refusal)
            raise
        return PushOut(
            accepted=result.accepted, duplicates=result.duplicates, last_seq=result.last_seq
        )

    @app.get("/v1/events", response_model=PullOut)
    def pull(
        token: Bearer,
        after: Annotated[int, Query(ge=0, le=2**62)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_BATCH)] = 500,
    ) -> PullOut:
        """The chain's events after the cursor, not the caller's own, in seq order, and
        whether the caller runs the chain's expiry now."""
        with unit_of_work(sessions) as session:
            terminal = _terminal(session, token)
            page, last_seq, more = events.pull(session, terminal, after, limit)
            expiry = registry.runs_expiry(session, terminal)
        return PullOut(events=page, last_seq=last_seq, more=more, runs_expiry=expiry)

    @app.post(
        "/v1/vouchers/{code}/claim", response_model=ClaimOut, response_model_exclude_unset=True
    )
    def claim(
        code: Annotated[str, Path(min_length=1, max_length=64)], body: ClaimIn, token: Bearer
    ) -> ClaimOut:
        with unit_of_work(sessions) as session:
            terminal = _said_hello(session, token)
            voucher = authority.claim_voucher(
                session, terminal.chain_id, code, body.sale_uuid, qr=body.qr
            )
        if voucher is None:  # the answer as before a claim could carry a QR
            return ClaimOut(status="claimed")
        return ClaimOut(status="claimed", voucher=voucher)

    @app.post("/v1/customers/{customer_uuid}/hold", response_model=HoldOut)
    def hold(customer_uuid: UuidPath, body: HoldIn, token: Bearer) -> HoldOut:
        with unit_of_work(sessions) as session:
            terminal = _said_hello(session, token)
            available = authority.hold(
                session, terminal.chain_id, customer_uuid, body.sale_uuid, body.amount
            )
        return HoldOut(held=body.amount, available=available)

    @app.get("/v1/customers/{customer_uuid}/balance", response_model=BalanceOut)
    def balance(customer_uuid: UuidPath, token: Bearer) -> BalanceOut:
        with unit_of_work(sessions) as session:
            terminal = _said_hello(session, token)
            total, spendable, applied_seq = authority.balance(
                session, terminal.chain_id, customer_uuid
            )
        return BalanceOut(total=total, spendable=spendable, applied_seq=applied_seq)

    @app.get("/v1/ledger/head", response_model=LedgerHeadOut)
    def chain_head(token: Bearer) -> LedgerHeadOut:
        with unit_of_work(sessions) as session:
            terminal = _said_hello(session, token)
            seq, head = ledger_head(session, terminal.chain_id, terminal.terminal_uuid)
        return LedgerHeadOut(seq=seq, hash=head)

    @app.get("/v1/conflicts", response_model=ConflictList)
    def list_conflicts(
        token: Bearer, status: Literal["open", "resolved"] | None = None
    ) -> ConflictList:
        with unit_of_work(sessions) as session:
            terminal = _said_hello(session, token)
            found = conflicts.list_conflicts(session, terminal.chain_id, status)
        return ConflictList(conflicts=[ConflictOut.model_validate(row) for row in found])

    @app.post("/v1/conflicts/{conflict_id}/resolve", response_model=ConflictOut)
    def resolve(conflict_id: UuidPath, body: ResolveIn, token: Bearer) -> ConflictOut:
        with unit_of_work(sessions) as session:
            terminal = _said_hello(session, token)
            done = conflicts.resolve(
                session, terminal.chain_id, conflict_id, body, terminal.terminal_uuid
            )
            return ConflictOut.model_validate(conflicts.conflict_body(done))

    @app.post(
        "/v1/chains/{chain_id}/orders",
        response_model=OrderOut,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": OrderIn.model_json_schema()}},
            }
        },
    )
    async def order(
        chain_id: UuidPath,
        request: Request,
        x_posapp_signature: Annotated[str | None, Header()] = None,
    ) -> OrderOut:
        """An online-shop order, signed with HMAC-SHA256 of the raw body (webhook secret)."""
        raw = await request.body()
        return await run_in_threadpool(_order, chain_id, raw, x_posapp_signature)

    def _order(chain_id: str, raw: bytes, signature: str | None) -> OrderOut:
        with unit_of_work(sessions) as session:
            chain = session.get(Chain, chain_id)
            if chain is None or not signature_matches(chain.webhook_secret_hash, raw, signature):
                raise ApiError(
                    401,
                    "bad_signature",
                    "Assinatura do pedido ausente ou inválida.",
                    "Missing or invalid order signature.",
                )
            try:
                placed = OrderIn.model_validate_json(raw)
            except ValidationError as error:
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"]) or "body"
                raise invalid_request(f"{where}: {first['msg']}") from None
            return orders.receive(session, chain_id, placed)


SURVEY_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "c": {"type": "string", "description": "The receipt's signed payload (PS1|...)."},
        "score": {"type": "string", "enum": list(survey.SCORES)},
        "comment": {"type": "string", "maxLength": survey.MAX_COMMENT},
    },
    "required": ["c", "score"],
}
HTML_PAGES: dict[int | str, dict[str, Any]] = {
    code: {"description": why, "content": {"text/html": {"schema": {"type": "string"}}}}
    for code, why in (
        (200, "The page."),
        (400, "Bad link or answer, said in pt_BR."),
        (403, "A receipt's link: the customer's data needs their one-time code first (pt_BR)."),
        (503, "The server cannot open the stores' keys (wrong secret key), said in pt_BR."),
    )
}


def _form(**fields: str) -> dict[str, Any]:
    """An urlencoded form body for the OpenAPI document (all fields text, all required)."""
    schema = {
        "type": "object",
        "properties": {
            name: {"type": "string", "description": why} for name, why in fields.items()
        },
        "required": list(fields),
    }
    return {
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": schema}},
        }
    }


def _customer_routes(app: FastAPI, sessions: sessionmaker[Session], rate: RateLimit) -> None:
    """The customer's own page (cloud.customer_page) and how they get in (cloud.customer_access)."""
    access, page = customer_access, customer_page

    def refused(error: customer_access.AccessRefused) -> HTMLResponse:
        title = "Confirme que é você" if error.status == 403 else "Link inválido"
        return HTMLResponse(page.message_page(title, error.message), status_code=error.status)

    def form_of(raw: bytes) -> dict[str, str]:
        try:
            return survey.parse_form(raw)
        except survey.SurveyRefused as bad:
            raise customer_access.AccessRefused(bad.message) from None

    @app.get("/c", response_class=HTMLResponse, responses=HTML_PAGES)
    def customer_home(
        t: Annotated[str | None, Query(max_length=300)] = None,
        r: Annotated[str | None, Query(max_length=survey.MAX_PAYLOAD)] = None,
    ) -> HTMLResponse:
        """The page, from a signed link (`t`) or a receipt's QR payload (`r`)."""
        try:
            with unit_of_work(sessions) as session:
                if r is not None:
                    visitor = access.open_receipt(session, r)
                    token = access.make_link(
                        session,
                        visitor.chain_id,
                        visitor.customer_uuid,
                        access.SESSION,
                        verified=False,
                    )
                else:
                    visitor = access.open_link(session, t)
                    token = t or ""
                data = page.gather(session, visitor)
        except access.AccessRefused as error:
            return refused(error)
        return HTMLResponse(page.render(data, token, ""))

    @app.get("/c/dados.json", responses=HTML_PAGES)
    def customer_data(t: Annotated[str | None, Query(max_length=300)] = None) -> Any:
        """Everything kept about the customer (LGPD), as a JSON download."""
        try:
            with unit_of_work(sessions) as session:
                text = page.data_json(session, access.open_link(session, t, verified=True))
        except access.AccessRefused as error:
            return refused(error)
        return JSONResponse(
            json.loads(text),
            headers={"Content-Disposition": 'attachment; filename="meus-dados.json"'},
        )

    @app.post(
        "/c/esquecer",
        response_class=HTMLResponse,
        responses=HTML_PAGES,
        openapi_extra=_form(t="The page's signed link.", confirm="'1': the box was ticked."),
    )
    async def customer_forget(request: Request) -> HTMLResponse:
        """The customer asks to be forgotten: queued for the manager."""
        raw = await request.body()

        def run() -> HTMLResponse:
            try:
                form = form_of(raw)
                if form.get("confirm") != "1":
                    raise access.AccessRefused("Marque a confirmação para pedir.")
                with unit_of_work(sessions) as session:
                    visitor = access.open_link(session, form.get("t"), verified=True)
                    page.request_forget(session, visitor)
            except access.AccessRefused as error:
                return refused(error)
            return HTMLResponse(
                page.message_page(
                    "Pedido registrado",
                    "A gerência da rede recebeu seu pedido para apagar seus dados "
                    "(LGPD). Request received: the manager will erase your data.",
                )
            )

        return await run_in_threadpool(run)

    @app.get("/c/entrar/{chain_id}", response_class=HTMLResponse, responses=HTML_PAGES)
    def customer_sign_in(chain_id: UuidPath) -> HTMLResponse:
        return HTMLResponse(page.phone_form(chain_id))

    @app.post(
        "/c/entrar/{chain_id}",
        response_class=HTMLResponse,
        responses=HTML_PAGES,
        openapi_extra=_form(phone="The customer's mobile, with the area code."),
    )
    async def customer_send_code(chain_id: UuidPath, request: Request) -> HTMLResponse:
        """Send a one-time code to a customer's phone; the same answer for any phone."""
        raw = await request.body()

        def run() -> HTMLResponse:
            try:
                phone = form_of(raw).get("phone", "")[:40]
            except access.AccessRefused as error:
                return refused(error)
            if given_key(phone) is None:
                return HTMLResponse(
                    page.phone_form(chain_id, "Digite o celular com DDD, só números."), 400
                )
            with unit_of_work(sessions) as session:
                access.send_code(session, chain_id, phone)
            return HTMLResponse(page.code_form(chain_id, phone))

        return await run_in_threadpool(run)

    @app.post(
        "/c/entrar/{chain_id}/codigo",
        response_class=HTMLResponse,
        responses={**HTML_PAGES, 303: {"description": "To the page, signed in."}},
        openapi_extra=_form(phone="As given before.", code="The 6-digit code received."),
    )
    async def customer_check_code(chain_id: UuidPath, request: Request) -> Any:
        raw = await request.body()

        def run() -> Any:
            try:
                form = form_of(raw)
            except access.AccessRefused as error:
                return refused(error)
            phone, code = form.get("phone", "")[:40], form.get("code", "")[:10]
            with unit_of_work(sessions) as session:
                visitor = access.check_code(session, chain_id, phone, code)
                token = (
                    access.make_link(
                        session, visitor.chain_id, visitor.customer_uuid, access.SESSION
                    )
                    if visitor is not None
                    else None
                )
            if token is None:
                return HTMLResponse(page.code_form(chain_id, phone, access.WRONG_CODE), 400)
            return RedirectResponse(f"/c?t={token}", status_code=303)

        return await run_in_threadpool(run)

    @app.get("/v1/admin/forget-requests")
    def forget_requests(admin_key: Bearer) -> dict[str, Any]:
        """Customers who asked on their page to be forgotten (LGPD), for the manager."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            return {"requests": page.forget_requests(session, chain_id)}


def _whatsapp_routes(app: FastAPI, sessions: sessionmaker[Session], rate: RateLimit) -> None:
    """Meta's webhook for the chain's WhatsApp number (see cloud.whatsapp)."""

    @app.get(
        "/v1/whatsapp/{chain_id}/webhook",
        response_class=PlainTextResponse,
        responses={
            200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
            403: {"model": ErrorOut},
            422: {"model": ErrorOut},
            503: {"model": ErrorOut},
        },
    )
    def whatsapp_verify(
        chain_id: UuidPath,
        mode: Annotated[str | None, Query(alias="hub.mode", max_length=40)] = None,
        token: Annotated[str | None, Query(alias="hub.verify_token", max_length=2000)] = None,
        challenge: Annotated[str, Query(alias="hub.challenge", max_length=200)] = "",
    ) -> PlainTextResponse:
        """Meta's subscription check: the challenge back when the verify token is the chain's."""
        with unit_of_work(sessions) as session:
            whatsapp.verify(session, chain_id, mode, token)
        return PlainTextResponse(challenge)

    @app.post(
        "/v1/whatsapp/{chain_id}/webhook",
        responses={
            200: {"content": {"application/json": {"schema": {"type": "object"}}}},
            **{code: {"model": ErrorOut} for code in (401, 413, 422, 503)},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    async def whatsapp_statuses(
        chain_id: UuidPath,
        request: Request,
        x_hub_signature_256: Annotated[str | None, Header()] = None,
    ) -> dict[str, int]:
        """Message statuses from Meta, signed with the app secret (X-Hub-Signature-256)."""
        raw = await request.body()

        def apply() -> int:
            with unit_of_work(sessions) as session:
                return whatsapp.receive(session, chain_id, raw, x_hub_signature_256)

        return {"changed": await run_in_threadpool(apply)}


def _survey_routes(app: FastAPI, sessions: sessionmaker[Session]) -> None:
    """The receipt's survey (cloud.survey): pages for people, so every answer is HTML."""

    @app.get("/s", response_class=HTMLResponse, responses=HTML_PAGES)
    def survey_page(
        c: Annotated[str | None, Query(description="The receipt's signed payload.")] = None,
    ) -> HTMLResponse:
        """The survey page of one sale (no auth: the signed payload is the credential)."""
        try:
            with unit_of_work(sessions) as session:
                found = survey.find_survey(session, c)
                done = survey.existing_score(session, found) is not None
        except survey.SurveyRefused as refusal:
            return HTMLResponse(survey.refused_page(refusal), status_code=refusal.status)
        page = survey.already_page(found) if done else survey.form_page(found)
        return HTMLResponse(page)

    @app.post(
        "/s",
        response_class=HTMLResponse,
        responses=HTML_PAGES,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/x-www-form-urlencoded": {"schema": SURVEY_FORM_SCHEMA}},
            }
        },
    )
    async def survey_answer(request: Request) -> HTMLResponse:
        """Record the customer's answer once per sale (a plain form POST: c, score, comment)."""
        raw = await request.body()
        page = await run_in_threadpool(_survey_answer, raw)
        return HTMLResponse(page.html, status_code=page.status)

    def _survey_answer(raw: bytes) -> survey.Page:
        try:
            form = survey.parse_form(raw)
            with unit_of_work(sessions) as session:
                return survey.answer(session, form)
        except survey.SurveyRefused as refusal:
            return survey.Page(refusal.status, survey.refused_page(refusal))


def _admin_routes(app: FastAPI, sessions: sessionmaker[Session], rate: RateLimit) -> None:
    """The chain's terminals, tokens, admin key, audit and quarantine (Bearer admin key)."""

    @app.get("/v1/admin/terminals", response_model=TerminalList)
    def list_terminals(admin_key: Bearer) -> TerminalList:
        """Every terminal of the chain with its last contact and whether it is revoked."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            return TerminalList.model_validate({"terminals": terminals.listed(session, chain_id)})

    @app.post("/v1/admin/terminals/{terminal_id}/revoke", response_model=TerminalList)
    def revoke_terminal(terminal_id: UuidPath, body: ReasonIn, admin_key: Bearer) -> TerminalList:
        """Revoke the terminal's token (audited); its counter is told `token_revoked`."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            terminals.revoke(session, chain_id, terminal_id, body.reason, ACTOR_API)
            return TerminalList.model_validate({"terminals": terminals.listed(session, chain_id)})

    @app.post("/v1/admin/terminals/{terminal_id}/move", response_model=MovedOut)
    def move_terminal(terminal_id: UuidPath, body: ReasonIn, admin_key: Bearer) -> MovedOut:
        """The counter moves to a new PC: a new token (shown once), the old one revoked."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            token = terminals.move(session, chain_id, terminal_id, body.reason, ACTOR_API)
            moved = session.get(Terminal, terminal_id)
            assert moved is not None
            return MovedOut(terminal_id=moved.id, token=token, terminal_uuid=moved.terminal_uuid)

    @app.post("/v1/admin/key/rotate", response_model=AdminKeyOut)
    def rotate_key(admin_key: Bearer) -> AdminKeyOut:
        """A new admin key for the chain (shown once); the old one stops working."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            return AdminKeyOut(admin_key=terminals.rotate_admin_key(session, chain_id, ACTOR_API))

    @app.get("/v1/admin/audit", response_model=AuditList)
    def audit_log(admin_key: Bearer) -> AuditList:
        """What was done to the chain's terminals and keys, newest first."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            return AuditList.model_validate({"entries": terminals.audit_listed(session, chain_id)})

    @app.get("/v1/admin/quarantine", response_model=QuarantineList)
    def quarantined(admin_key: Bearer) -> QuarantineList:
        """Events the endpoint refused, with the reason, newest first (never pulled)."""
        with unit_of_work(sessions) as session:
            chain_id = chain_id_of(sessions, admin_key, rate)
            return QuarantineList.model_validate({"events": quarantine.listed(session, chain_id)})
