"""What a Gerência tab may ask of the screen that holds it.

The tabs (Mensagens, Campanhas, Sincronização) receive their host as this protocol,
so a tab never imports the screen that imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from posapp.services.common.station import Station
from posapp.ui.context import UiContext
from posapp.ui.runner import Jobs

T = TypeVar("T")


class TabHost(Protocol):
    context: UiContext
    station: Station
    lang: str
    zone: str
    jobs: Jobs

    def say(self, text: str, *, error: bool = False) -> None: ...

    def with_pin(
        self,
        action: str,
        call: Callable[[int, str], T],
        on_success: Callable[[T], None],
        cancelled: str,
    ) -> None: ...
