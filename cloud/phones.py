"""How the endpoint matches a customer's phone: one key, `phone_digits`, for every form.

Counters write the phone into a `customer.upsert` in whatever form they stored it (today
E.164, '+5511987654321'; older ones or other tools '(11) 98765-4321', '11987654321'...);
a customer types it any way on the page's sign-in; WhatsApp names her by a wa_id that
often lacks a mobile's ninth digit ('551187654321'). All of them meet on the national
form: DDD + number, digits only.

- The separators go (only the ASCII digits are kept).
- A country code 55 in front of 10 or 11 digits goes; so does a long-distance trunk 0 in
  front of 11 ('0 11 98765-4321').
- A 10-digit number whose first digit after the DDD is 6, 7, 8 or 9 is a mobile written
  before the ninth digit: the 9 is put back ('11 8765-4321' -> '11987654321'). A landline
  (2 to 5) keeps its 10 digits.
- Anything that is not then 10 or 11 digits (no DDD, another country) has no key: it
  matches nothing.
- A number someone gives with a country code (`given_key`: '+' typed at the sign-in, a
  WhatsApp wa_id, which always has one) is Brazilian only with 55: another country's
  number has no key even when its digits read as a DDD and a mobile (Peru's
  +51 9XX XXX XXX is Porto Alegre's (51) 9XXXX-XXXX, Russia's +7 99X... Sergipe's).

The endpoint's `customer.phone_digits` holds this key of `data['phone']` (cloud/events.py;
NULL for an anonymized customer), indexed with the chain. Migration 0011 backfilled the
rows held before with the same rule written in SQL: change one, change the other (and
write a migration that fills the column again).
"""

from __future__ import annotations

ASCII_DIGITS = frozenset("0123456789")
MOBILE_FIRST = frozenset("6789")
"""The first digit of a Brazilian mobile's 8 digits before the ninth was added."""


def phone_digits(text: str | None) -> str | None:
    """The phone's matching key (see the module), or None when it has none."""
    found = "".join(c for c in text or "" if c in ASCII_DIGITS)
    if len(found) in (12, 13) and found.startswith("55"):
        found = found[2:]
    elif len(found) == 12 and found.startswith("0"):
        found = found[1:]
    if len(found) == 10 and found[2] in MOBILE_FIRST:
        found = found[:2] + "9" + found[2:]
    return found if len(found) in (10, 11) else None


def given_key(text: str | None) -> str | None:
    """The key of a number someone gives (the page's sign-in; a wa_id with '+' put in
    front): written with a country code other than 55, none (see the module)."""
    written = (text or "").strip()
    if written.startswith("+"):
        found = "".join(c for c in written if c in ASCII_DIGITS)
        if not (len(found) in (12, 13) and found.startswith("55")):
            return None
    return phone_digits(written)


def wa_id_key(wa_id: str) -> str | None:
    """The key of the number a WhatsApp id names (country code + number, no '+')."""
    return given_key("+" + wa_id.strip().lstrip("+"))
