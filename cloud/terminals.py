"""A terminal's identity and its token: authenticate (with the last contact and the rate
limit), list, revoke, move to a new PC; the chain's admin key rotated; all audited.

One counter identity (terminal uuid) belongs to one terminal of a chain, and so to one
token at a time: a counter database copied to another PC and given a new token is
refused at hello (`terminal_claimed`). Moving a counter to a new PC is an explicit act
of the chain's admin (`move`): the terminal gets a new token and the old one is revoked,
so the old PC is told so (`token_revoked`) instead of forking the ledger.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, func, literal, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cloud.chains import iso
from cloud.errors import ApiError, unauthorized
from cloud.keys import new_token, sha256_hex
from cloud.models import AdminAudit, AdminRate, Chain, RevokedSecret, Terminal

ACTOR_API = "admin_api"
ACTOR_CLI = "cli"


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A token bucket per terminal token and per chain admin key: `burst` calls at once,
    `per_second` refilled.

    Kept in the database (the terminal's row, the chain's `admin_rate` row), not in the
    process, so N workers or N servers on one database share it. `per_second` 0: no limit.
    """

    per_second: float = 10.0
    burst: float = 300.0


NO_LIMIT = RateLimit(per_second=0.0, burst=0.0)


def authenticate(session: Session, token: str, limit: RateLimit = NO_LIMIT) -> Terminal:
    """The token's terminal, its last contact noted and one call taken from its bucket.

    `401 token_revoked` for a revoked token, `401 unauthorized` for an unknown one,
    `429 rate_limited` (with `retry_after` seconds) past the limit.
    """
    digest = sha256_hex(token)
    now = func.now()
    values: dict[str, Any] = {"last_seen_at": now}
    if limit.per_second > 0:
        refilled = case(
            (Terminal.rate_at.is_(None), literal(limit.burst)),
            else_=Terminal.rate_tokens
            + func.extract("epoch", now - Terminal.rate_at) * literal(limit.per_second),
        )
        values["rate_tokens"] = func.least(literal(limit.burst), refilled) - 1
        values["rate_at"] = now
    terminal = session.scalars(
        update(Terminal)
        .where(Terminal.token_hash == digest)
        .values(values)
        .returning(Terminal)
        .execution_options(synchronize_session=False, populate_existing=True)
    ).one_or_none()
    if terminal is None:
        raise _refused(session, digest, "token")
    if limit.per_second > 0 and terminal.rate_tokens < 0:
        wait = max(1, math.ceil(-terminal.rate_tokens / limit.per_second))
        raise ApiError(
            429,
            "rate_limited",
            f"Chamadas demais deste terminal; tente de novo em {wait} s.",
            f"Too many calls from this terminal; try again in {wait} s.",
            retry_after=wait,
        )
    return terminal


def locked_terminal(session: Session, token: str) -> Terminal:
    """The token's terminal with its row locked until `session` ends (a terminal's pushes
    are serialized by it); `401` as `authenticate` says."""
    digest = sha256_hex(token)
    terminal = session.scalars(
        select(Terminal).where(Terminal.token_hash == digest).with_for_update()
    ).one_or_none()
    if terminal is None:
        raise _refused(session, digest, "token")
    return terminal


def chain_of_admin_key(session: Session, admin_key: str, limit: RateLimit = NO_LIMIT) -> Chain:
    """The chain of the admin key, one call taken from its bucket; `401 admin_key_revoked`
    for a rotated-out key, `429 rate_limited` (with `retry_after`) past the limit."""
    digest = sha256_hex(admin_key)
    chain = session.scalars(select(Chain).where(Chain.admin_key_hash == digest)).one_or_none()
    if chain is None:
        raise _refused(session, digest, "admin_key")
    if limit.per_second > 0:
        _take_admin_call(session, chain.id, limit)
    return chain


def _take_admin_call(session: Session, chain_id: str, limit: RateLimit) -> None:
    now = func.now()
    bucket = AdminRate.__table__
    refilled = bucket.c.tokens + func.extract("epoch", now - bucket.c.at) * literal(
        limit.per_second
    )
    stored = insert(AdminRate).values(chain_id=chain_id, tokens=limit.burst - 1, at=now)
    tokens = session.scalar(
        stored.on_conflict_do_update(
            index_elements=[AdminRate.chain_id],
            set_={"tokens": func.least(literal(limit.burst), refilled) - 1, "at": now},
        ).returning(AdminRate.tokens)
    )
    if tokens is not None and tokens < 0:
        wait = max(1, math.ceil(-tokens / limit.per_second))
        raise ApiError(
            429,
            "rate_limited",
            f"Chamadas demais com esta chave de administração; tente de novo em {wait} s.",
            f"Too many calls with this admin key; try again in {wait} s.",
            retry_after=wait,
        )


def _refused(session: Session, digest: str, kind: str) -> ApiError:
    revoked = session.get(RevokedSecret, digest)
    if revoked is None or revoked.kind != kind:
        return unauthorized()
    when = iso(revoked.revoked_at) or ""
    if kind == "admin_key":
        return ApiError(
            401,
            "admin_key_revoked",
            f"Esta chave de administração foi trocada em {when}; use a chave nova.",
            f"This admin key was rotated out on {when}; use the new key.",
        )
    return ApiError(
        401,
        "token_revoked",
        f"O token deste caixa foi revogado em {when} ({revoked.reason}). Se o caixa mudou de "
        "computador, ele já funciona no novo; senão, peça ao administrador da rede um novo "
        "token.",
        f"This counter's token was revoked on {when} ({revoked.reason}). If the counter moved "
        "to another PC, it runs there now; otherwise ask the chain's admin for a new token.",
        revoked_at=when,
    )


def claimed_elsewhere(session: Session, terminal: Terminal, terminal_uuid: str) -> None:
    """Refuse a hello whose terminal uuid another terminal of the chain already holds."""
    holder = session.scalars(
        select(Terminal).where(
            Terminal.chain_id == terminal.chain_id,
            Terminal.terminal_uuid == terminal_uuid,
            Terminal.id != terminal.id,
        )
    ).first()
    if holder is None:
        return
    raise ApiError(
        409,
        "terminal_claimed",
        f"Este caixa ({terminal_uuid}) já está registrado na rede como '{holder.name}', com "
        "outro token (o banco de dados foi copiado para outro computador?). Para mudar o "
        "caixa de computador, o administrador da rede usa 'mover caixa' (posapp-cloud "
        "terminal move), que revoga o token antigo.",
        f"This counter ({terminal_uuid}) is already registered in the chain as "
        f"'{holder.name}', under another token (was the database copied to another PC?). "
        "To move the counter to a new PC, the chain's admin uses 'move terminal' "
        "(posapp-cloud terminal move), which revokes the old token.",
        terminal_id=holder.id,
    )


def audit(
    session: Session,
    chain_id: str,
    actor: str,
    action: str,
    terminal_id: str | None = None,
    **detail: Any,
) -> None:
    session.add(
        AdminAudit(
            chain_id=chain_id,
            at=datetime.now(UTC),
            actor=actor,
            action=action,
            terminal_id=terminal_id,
            detail=detail,
        )
    )


def _terminal(session: Session, chain_id: str, terminal_id: str) -> Terminal:
    """The chain's terminal, row-locked (before the chain row: the order every call takes)."""
    terminal = session.get(Terminal, terminal_id, with_for_update=True)
    if terminal is None or terminal.chain_id != chain_id:
        raise ApiError(
            404,
            "unknown_terminal",
            f"Terminal não encontrado nesta rede: {terminal_id}.",
            f"Terminal not found in this chain: {terminal_id}.",
        )
    return terminal


def _revoke_token(session: Session, terminal: Terminal, reason: str) -> None:
    if terminal.token_hash is None:
        return
    session.execute(
        insert(RevokedSecret)
        .values(
            secret_hash=terminal.token_hash,
            kind="token",
            chain_id=terminal.chain_id,
            terminal_id=terminal.id,
            revoked_at=datetime.now(UTC),
            reason=reason,
        )
        .on_conflict_do_nothing()
    )
    terminal.token_hash = None


def revoke(session: Session, chain_id: str, terminal_id: str, reason: str, actor: str) -> Terminal:
    """The terminal's token stops working (`token_revoked`); its identity stays claimed."""
    terminal = _terminal(session, chain_id, terminal_id)
    _revoke_token(session, terminal, reason)
    terminal.revoked_at = datetime.now(UTC)
    terminal.revoked_reason = reason
    audit(session, chain_id, actor, "token_revoke", terminal.id, reason=reason)
    session.flush()
    return terminal


def move(session: Session, chain_id: str, terminal_id: str, reason: str, actor: str) -> str:
    """A new token for the terminal (its counter on a new PC); the old one is revoked.

    The terminal keeps its id and its counter identity (terminal uuid, ledger chain), so
    the copied database goes on where the old PC stopped. Returns the token (shown once).
    """
    terminal = _terminal(session, chain_id, terminal_id)
    _revoke_token(session, terminal, f"caixa movido / counter moved: {reason}")
    token = new_token("trm")
    terminal.token_hash = sha256_hex(token)
    terminal.revoked_at = terminal.revoked_reason = None
    terminal.rate_at = None
    audit(
        session,
        chain_id,
        actor,
        "terminal_move",
        terminal.id,
        reason=reason,
        terminal_uuid=terminal.terminal_uuid,
    )
    session.flush()
    return token


def rotate_admin_key(session: Session, chain_id: str, actor: str) -> str:
    """A new admin key for the chain (shown once); the old one answers `admin_key_revoked`."""
    chain = session.get(Chain, chain_id, with_for_update=True)
    if chain is None:
        raise ApiError(
            404,
            "unknown_chain",
            f"Rede não encontrada: {chain_id}.",
            f"Chain not found: {chain_id}.",
        )
    session.add(
        RevokedSecret(
            secret_hash=chain.admin_key_hash,
            kind="admin_key",
            chain_id=chain.id,
            revoked_at=datetime.now(UTC),
            reason="rotated",
        )
    )
    key = new_token("adm")
    chain.admin_key_hash = sha256_hex(key)
    audit(session, chain_id, actor, "admin_key_rotate")
    session.flush()
    return key


def listed(session: Session, chain_id: str) -> list[dict[str, Any]]:
    """The chain's terminals with their last contact, oldest first."""
    expiry = session.scalar(select(Chain.expiry_terminal_id).where(Chain.id == chain_id))
    rows = session.scalars(
        select(Terminal)
        .where(Terminal.chain_id == chain_id)
        .order_by(Terminal.created_at, Terminal.id)
    )
    return [
        {
            "terminal_id": row.id,
            "name": row.name,
            "terminal_uuid": row.terminal_uuid,
            "terminal_name": row.terminal_name,
            "store_uuid": row.store_uuid,
            "created_at": iso(row.created_at) or "",
            "hello_at": iso(row.hello_at),
            "last_seen_at": iso(row.last_seen_at),
            "revoked_at": iso(row.revoked_at),
            "revoked_reason": row.revoked_reason,
            "runs_expiry": row.id == expiry,
        }
        for row in rows
    ]


def audit_listed(session: Session, chain_id: str, limit: int = 200) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(AdminAudit)
        .where(AdminAudit.chain_id == chain_id)
        .order_by(AdminAudit.id.desc())
        .limit(limit)
    )
    return [
        {
            "at": iso(row.at) or "",
            "actor": row.actor,
            "action": row.action,
            "terminal_id": row.terminal_id,
            "detail": row.detail,
        }
        for row in rows
    ]
