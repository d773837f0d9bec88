"""The counter's language, chosen in Gerência by a manager (audited as a settings change).

posapp's own texts and Qt's (buttons, Cancel, file dialogs) are loaded once, when the
window opens: a new language applies the next time posapp opens.
"""

from __future__ import annotations

from posapp.core.errors import InvalidSetting
from posapp.services.common.counter_settings import CounterSettings, load_settings, save_settings
from posapp.services.common.station import Station

LANGUAGES: dict[str, str] = {"pt_BR": "Português (Brasil)", "en": "English"}
"""The languages posapp ships, by code, each named in itself."""


def change_language(
    station: Station, language: str, *, staff_id: int, manager_pin: str
) -> CounterSettings:
    """Save `language` (pt_BR or en) for this store; the manager's PIN; audited."""
    if language not in LANGUAGES:
        raise InvalidSetting(
            value_pt=f"idioma {language!r} (use pt_BR ou en)",
            value_en=f"language {language!r} (use pt_BR or en)",
        )
    current = load_settings(station)
    return save_settings(
        station,
        current.with_changes(language=language),
        staff_id=staff_id,
        manager_pin=manager_pin,
    )
