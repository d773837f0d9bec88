"""Who is calling: a terminal's token or a chain's admin key (`Authorization: Bearer ...`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from cloud.errors import unauthorized
from cloud.models import Chain, Terminal
from cloud.terminals import NO_LIMIT, RateLimit, authenticate, chain_of_admin_key

_bearer = HTTPBearer(auto_error=False, description="A terminal's token or a chain's admin key")


def bearer(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The bearer secret of the request; 401 without one."""
    if credentials is None or not credentials.credentials:
        raise unauthorized()
    return credentials.credentials


Bearer = Annotated[str, Depends(bearer)]


def terminal_of(session: Session, token: str, limit: RateLimit = NO_LIMIT) -> Terminal:
    """The token's terminal (its last contact noted, its rate limit taken); 401 / 429."""
    return authenticate(session, token, limit)


def chain_of(session: Session, admin_key: str, limit: RateLimit = NO_LIMIT) -> Chain:
    """The admin key's chain (its rate limit taken, as a terminal token's); 401 / 429."""
    return chain_of_admin_key(session, admin_key, limit)
