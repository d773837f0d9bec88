"""`POST /v1/hello`: bind a token to its counter, adopt or hand out the chain's program."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud import secrets, terminals
from cloud.chains import append_event, lock_chain
from cloud.errors import ApiError
from cloud.models import Store, Terminal
from cloud.schemas import HelloIn, HelloOut, StoreOut
from cloud.secrets import SecretBox, WrongSecretKey
from posapp.core.errors import InvalidProgram
from posapp.core.program import LoyaltyProgram


def hello(session: Session, terminal: Terminal, greeting: HelloIn) -> HelloOut:
    chain = lock_chain(session, terminal.chain_id)
    if terminal.terminal_uuid not in (None, greeting.terminal_uuid):
        raise ApiError(
            409,
            "token_bound",
            "Este token já pertence a outro terminal.",
            "This token is already bound to another terminal.",
        )
    if terminal.terminal_uuid is None:
        terminals.claimed_elsewhere(session, terminal, greeting.terminal_uuid)
    try:
        LoyaltyProgram.from_json(json.dumps(greeting.program))
    except (InvalidProgram, TypeError, KeyError, ValueError) as error:
        raise ApiError(
            422,
            "invalid_program",
            f"Programa de fidelidade inválido: {error}",
            f"Invalid loyalty program: {error}",
        ) from None
    now = datetime.now(UTC)
    terminal.terminal_uuid = greeting.terminal_uuid
    terminal.terminal_name = greeting.terminal_name
    terminal.store_uuid = greeting.store_uuid
    terminal.hello_at = now
    if chain.expiry_terminal_id is None:
        chain.expiry_terminal_id = terminal.id
    if chain.program is None:  # the first store's program becomes the chain's
        chain.program = greeting.program
        chain.program_store_uuid = greeting.store_uuid
    box = secrets.box_for(session)
    stores = list(
        session.scalars(
            select(Store)
            .where(Store.chain_id == chain.id)
            .order_by(Store.joined_at, Store.store_uuid)
        )
    )
    try:
        keys = {s.store_uuid: signing_key(box, s) for s in stores}
    except WrongSecretKey as wrong:
        raise wrong.api_error() from None
    store = next((s for s in stores if s.store_uuid == greeting.store_uuid), None)
    if (
        store is None
        or keys[store.store_uuid] != greeting.signing_key
        or store.name != greeting.store_name
    ):
        if store is None:
            store = Store(chain_id=chain.id, store_uuid=greeting.store_uuid, joined_at=now)
            session.add(store)
            stores.append(store)
        sealed = box.seal(
            chain.id, secrets.signing_key_place(store.store_uuid), greeting.signing_key
        )
        store.name = greeting.store_name
        store.segment = greeting.segment
        store.signing_key = sealed
        keys[store.store_uuid] = greeting.signing_key
        session.flush()
        append_event(
            session,
            chain,
            kind="store.joined",
            # sealed here too (pull opens it): the event table is in every dump
            body={"store_uuid": store.store_uuid, "name": store.name, "signing_key": sealed},
            terminal_uuid=greeting.terminal_uuid,
            store_uuid=greeting.store_uuid,
        )
    return HelloOut(
        chain_id=chain.id,
        chain_name=chain.name,
        terminal_id=terminal.id,
        runs_expiry=chain.expiry_terminal_id == terminal.id,
        program=None if chain.program_store_uuid == greeting.store_uuid else chain.program,
        stores=[
            StoreOut(store_uuid=s.store_uuid, name=s.name, signing_key=keys[s.store_uuid])
            for s in stores
        ],
    )


def signing_key(box: SecretBox, store: Store) -> str:
    """The store's key hex in clear; WrongSecretKey when it does not open."""
    return box.open(store.chain_id, secrets.signing_key_place(store.store_uuid), store.signing_key)
