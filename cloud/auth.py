"""Who is calling: a terminal's token or a chain's admin key (`Authorization: Bearer ...`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from cloud.errors import unauthorized
from cloud.models import Chain, Terminal
from cloud.registry import chain_by_admin_key, terminal_by_token

_bearer = HTTPBearer(auto_error=False, description="A terminal's token or a chain's admin key")


def bearer(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The bearer secret of the request; 401 without one."""
    if credentials is None or not credentials.credentials:
        raise unauthorized()
    return credentials.credentials


Bearer = Annotated[str, Depends(bearer)]


def terminal_of(session: Session, token: str) -> Terminal:
    terminal = terminal_by_token(session, token)
    if terminal is None:
        raise unauthorized()
    return terminal


def chain_of(session: Session, admin_key: str) -> Chain:
    chain = chain_by_admin_key(session, admin_key)
    if chain is None:
        raise unauthorized()
    return chain
