"""Chains and terminals: created by the operator (CLI) or a chain's admin (API)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.chains import lock_chain
from cloud.errors import ApiError
from cloud.keys import new_token, new_webhook_secret, sha256_hex
from cloud.models import Chain, Terminal
from posapp.core.ledger import GENESIS_HASH


@dataclass(frozen=True, slots=True)
class NewChain:
    chain_id: str
    admin_key: str
    webhook_secret: str
    online_terminal_uuid: str


@dataclass(frozen=True, slots=True)
class NewTerminal:
    terminal_id: str
    token: str


def create_chain(session: Session, name: str) -> NewChain:
    """A chain with its admin key and webhook secret (returned once, kept hashed)."""
    admin_key = new_token("adm")
    webhook_secret = new_webhook_secret()
    chain = Chain(
        id=str(uuid.uuid4()),
        name=name,
        admin_key_hash=sha256_hex(admin_key),
        webhook_secret_hash=sha256_hex(webhook_secret),
        online_terminal_uuid=str(uuid.uuid4()),
        online_seq=0,
        online_head=GENESIS_HASH,
        last_seq=0,
        created_at=datetime.now(UTC),
    )
    session.add(chain)
    session.flush()
    return NewChain(chain.id, admin_key, webhook_secret, chain.online_terminal_uuid)


def known_chain(session: Session, chain_id: str) -> Chain:
    """The chain; `404 unknown_chain` when there is none."""
    chain = session.get(Chain, chain_id)
    if chain is None:
        raise ApiError(
            404,
            "unknown_chain",
            f"Rede não encontrada: {chain_id}.",
            f"Chain not found: {chain_id}.",
        )
    return chain


def add_terminal(session: Session, chain_id: str, name: str) -> NewTerminal:
    """A terminal of the chain with its bearer token (returned once, kept hashed)."""
    known_chain(session, chain_id)
    token = new_token("trm")
    terminal = Terminal(
        id=str(uuid.uuid4()),
        chain_id=chain_id,
        name=name,
        token_hash=sha256_hex(token),
        created_at=datetime.now(UTC),
    )
    session.add(terminal)
    session.flush()
    return NewTerminal(terminal.id, token)


def move_expiry(session: Session, chain_id: str, terminal_id: str) -> Terminal:
    """Make the terminal the chain's only expiry terminal (`404 unknown_terminal` when it
    is not one of the chain's).

    Counters learn it from their next pull (`runs_expiry`), so a retired expiry terminal
    can be replaced without any counter saying hello again.
    """
    chain = lock_chain(session, known_chain(session, chain_id).id)
    terminal = session.get(Terminal, terminal_id)
    if terminal is None or terminal.chain_id != chain.id:
        raise ApiError(
            404,
            "unknown_terminal",
            f"Terminal não encontrado nesta rede: {terminal_id}.",
            f"Terminal not found in this chain: {terminal_id}.",
        )
    chain.expiry_terminal_id = terminal.id
    session.flush()
    return terminal


def runs_expiry(session: Session, terminal: Terminal) -> bool:
    """Whether the terminal is its chain's expiry terminal now."""
    expiry = session.scalar(select(Chain.expiry_terminal_id).where(Chain.id == terminal.chain_id))
    return expiry == terminal.id


def chain_by_admin_key(session: Session, admin_key: str) -> Chain | None:
    return session.scalars(
        select(Chain).where(Chain.admin_key_hash == sha256_hex(admin_key))
    ).one_or_none()


def terminal_by_token(session: Session, token: str) -> Terminal | None:
    return session.scalars(
        select(Terminal).where(Terminal.token_hash == sha256_hex(token))
    ).one_or_none()
