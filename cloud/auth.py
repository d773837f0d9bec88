"""Who is calling: a terminal's token or a chain's admin key (`Authorization: Bearer ...`).

The call is counted (the rate limit's bucket, the terminal's last contact) in a short
transaction of its own, committed before the request's work: a request refused later
(a bad event, an unknown voucher) has still used a call, so a token cannot call without
limit by calling badly, and the bucket's row is not held for the length of a push.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from cloud.db import unit_of_work
from cloud.errors import unauthorized
from cloud.models import Terminal
from cloud.terminals import RateLimit, authenticate, chain_of_admin_key, locked_terminal

_bearer = HTTPBearer(auto_error=False, description="A terminal's token or a chain's admin key")


def bearer(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The bearer secret of the request; 401 without one."""
    if credentials is None or not credentials.credentials:
        raise unauthorized()
    return credentials.credentials


Bearer = Annotated[str, Depends(bearer)]


def _counting(session: Session) -> Session:
    # a bucket lost in a crash costs nothing: the call need not wait for the disk
    session.execute(text("SET LOCAL synchronous_commit = off"))
    return session


def terminal_of(
    sessions: sessionmaker[Session], session: Session, token: str, limit: RateLimit
) -> Terminal:
    """The token's terminal in `session`, its row locked there, once the call is counted
    (its last contact noted, its rate limit taken); 401 / 429."""
    with unit_of_work(sessions) as own:
        authenticate(_counting(own), token, limit)
    return locked_terminal(session, token)


def chain_id_of(sessions: sessionmaker[Session], admin_key: str, limit: RateLimit) -> str:
    """The admin key's chain, once the call is counted (as a terminal token's); 401 / 429."""
    with unit_of_work(sessions) as own:
        return chain_of_admin_key(_counting(own), admin_key, limit).id
