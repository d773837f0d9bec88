"""The survey page the chain's endpoint hosts, offered in Gerência when sync is on."""

from __future__ import annotations

from posapp.services.common.station import Station
from posapp.services.messages.survey import ENDPOINT_SURVEY_PATH
from posapp.services.sync.config import config_in


def endpoint_survey_url(sync_url: str) -> str | None:
    """The survey page the chain's endpoint hosts, `<sync url>/s`; None without a sync URL.

    Customers' answers there come back to this counter as `nps.recorded` on the next
    pull (posapp.services.sync.pull), so they count in the X/Z reports' NPS.
    """
    url = sync_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        return None
    return url + ENDPOINT_SURVEY_PATH


def endpoint_survey_base(station: Station) -> str | None:
    """`endpoint_survey_url` of this counter's configured sync URL (the Gerência offer)."""
    with station.read() as session:
        return endpoint_survey_url(config_in(session).url)
