"""The manager's message templates: one per kind and language, with a live preview.

A kind without a row of its own uses the default text (`posapp.core.messages`); the
salon's balance reminder default nudges to book. Saving validates the template
(unknown fields, stray braces) and refuses it with every problem listed; `preview`
shows a template as typed, filled with sample figures and the store's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import MessageTemplate
from posapp.core.errors import PosError
from posapp.core.messages import (
    PLACEHOLDERS,
    MessageKind,
    RenderedMessage,
    Template,
    default_template,
    language,
    preview,
    resolve_template,
    validate_template,
)
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station

LANGUAGES = ("pt_BR", "en")


class InvalidTemplate(PosError):
    code = "invalid_template"
    pt_BR = "Modelo de mensagem com problemas: {problems_pt}"
    en = "The message template has problems: {problems_en}"


@dataclass(frozen=True, slots=True)
class TemplateView:
    kind: MessageKind
    locale: str
    template: Template
    edited: bool
    """False: the default text."""
    placeholders: tuple[str, ...]
    """The fields this kind may use, for the editor to list."""


def overrides(session: Session) -> dict[tuple[MessageKind, str], Template]:
    """The store's edited templates, as `resolve_template` takes them."""
    return {
        (MessageKind(row.kind), row.locale): Template(row.subject, row.text)
        for row in session.scalars(select(MessageTemplate))
    }


def cached_overrides(
    station: Station, session: Session
) -> Mapping[tuple[MessageKind, str], Template]:
    return station.cached("message_templates", session, overrides)


def templates(station: Station, locale: str = "pt_BR") -> list[TemplateView]:
    """Every kind's template in `locale`'s language: the store's own or the default."""
    lang = language(locale)
    with station.read() as session:
        segment = station.snapshot(session).store.segment
        edited = overrides(session)
    return [
        TemplateView(
            kind,
            lang,
            resolve_template(kind, lang, segment, edited),
            (kind, lang) in edited,
            tuple(sorted(PLACEHOLDERS[kind])),
        )
        for kind in MessageKind
    ]


def preview_template(
    station: Station, kind: MessageKind, locale: str, template: Template
) -> RenderedMessage:
    """The template as typed, filled with sample figures and this store's name, and its
    problems (each with `message(locale)`)."""
    with station.read() as session:
        store = station.snapshot(session).store
    return preview(kind, template, store.name, language(locale), store.segment)


def save_template(
    station: Station,
    kind: MessageKind,
    locale: str,
    template: Template,
    *,
    staff_id: int,
    manager_pin: str,
) -> None:
    """Keep the manager's text for (kind, language); refused with its problems listed."""
    lang = language(locale)
    problems = validate_template(kind, template)
    if problems:
        raise InvalidTemplate(
            problems_pt=" ".join(p.message("pt_BR") for p in problems),
            problems_en=" ".join(p.message("en") for p in problems),
        )
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar mensagem", now)
        row = session.scalars(
            select(MessageTemplate).where(
                MessageTemplate.kind == kind.value, MessageTemplate.locale == lang
            )
        ).first()
        if row is None:
            row = MessageTemplate(kind=kind.value, locale=lang)
            session.add(row)
        row.subject, row.text = template.subject, template.text
        row.updated_at, row.updated_by = now, staff.id
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="message_template.save",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"template:{kind.value}:{lang}",
        )


def reset_template(
    station: Station, kind: MessageKind, locale: str, *, staff_id: int, manager_pin: str
) -> Template:
    """Go back to the default text for (kind, language); returns it."""
    lang = language(locale)
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "alterar mensagem", now)
        row = session.scalars(
            select(MessageTemplate).where(
                MessageTemplate.kind == kind.value, MessageTemplate.locale == lang
            )
        ).first()
        if row is not None:
            session.delete(row)  # through the ORM, so the station's cache drops it
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="message_template.reset",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"template:{kind.value}:{lang}",
        )
        segment = station.snapshot(session).store.segment
    return default_template(kind, lang, segment)
