"""The smallest first run: a store with a preset program and an admin with a fresh PIN.

The proper first-run wizard (store data, program choice, staff) replaces this;
until then the counter opens on an empty database instead of refusing to.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from posapp.core.presets import preset
from posapp.services.admin.store_setup import is_set_up, set_up_store
from posapp.services.common.station import Station

DEFAULT_STORE_NAME = "Minha loja"
ADMIN_NAME = "Administrador"
PIN_DIGITS = 6


@dataclass(frozen=True, slots=True)
class FirstRun:
    store_name: str
    program_key: str
    admin_name: str
    admin_pin: str


def new_pin(digits: int = PIN_DIGITS) -> str:
    return "".join(secrets.choice("0123456789") for _ in range(digits))


def first_run(
    station: Station, *, preset_key: str = "salon", store_name: str = DEFAULT_STORE_NAME
) -> FirstRun | None:
    """Set the database up when it has no store yet; None when it already has one."""
    if is_set_up(station):
        return None
    pin = new_pin()
    set_up_store(
        station, name=store_name, program=preset(preset_key), admin_name=ADMIN_NAME, admin_pin=pin
    )
    return FirstRun(store_name, preset_key, ADMIN_NAME, pin)
