"""What the counter shows about its store: the name and the program in force."""

from __future__ import annotations

from dataclasses import dataclass

from posapp.core.program import LoyaltyProgram
from posapp.services.common.station import Station


@dataclass(frozen=True, slots=True)
class StoreInfo:
    name: str
    segment: str
    program: LoyaltyProgram


def store_info(station: Station) -> StoreInfo:
    with station.read() as session:
        store = station.store(session)
        return StoreInfo(store.name, store.segment, station.program(session))
