"""The receipt's satisfaction survey, hosted by the chain's endpoint: `GET /s`, `POST /s`.

The receipt's QR is `<sync url>/s?c=<payload>`, the payload being 'PS1|store|sale|sig'
signed with the store's key (posapp.core.nps). The endpoint has every store's key from
its hello, so it can tell a real sale from a made-up one without asking the counter.

The pages are small, self-contained HTML in pt_BR: no JavaScript, no external file,
a plain form POST (urlencoded, parsed here so no multipart library is needed). Every
value that reaches a page is HTML-escaped. Bad input always gets a page (400), never
a 500 and never JSON: the customer is on a phone, not an API client.

An answer is kept once per sale of the chain (`nps_answer`) and told to the chain's
counters as `nps.recorded` {sale, store, score, comment, at}; the counter that made the
sale adds it to its own NPS (posapp.services.sync.pull). A score the cashier recorded
(pushed as `nps.recorded` by the counter, see `note_counter_score`) is kept too, so the
page then says the sale was already scored.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from cloud import secrets
from cloud.chains import append_event, iso, lock_chain
from cloud.models import NpsAnswer, Store
from cloud.secrets import WrongSecretKey
from posapp.core.nps import SURVEY_PREFIX, InvalidSurveyCode, verify_survey_qr

log = logging.getLogger(__name__)

MAX_COMMENT = 500
MAX_PAYLOAD = 400
"""A real payload is ~120 characters; anything far longer is not one of ours."""
MAX_FORM_BYTES = 16_384
KIND = "nps.recorded"
SCORES = tuple(str(score) for score in range(11))
_UUID = re.compile(r"^[0-9A-Fa-f]{8}-?([0-9A-Fa-f]{4}-?){3}[0-9A-Fa-f]{12}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

QUESTION = "Como foi o atendimento? De 0 a 10"
ALREADY = "Você já respondeu, obrigado!"
BAD_LINK = (
    "Este link de pesquisa não é válido. Confira se abriu o QR do seu cupom "
    "sem alterações ou peça um novo cupom na loja."
)


UNAVAILABLE = (
    "A pesquisa está indisponível no momento. Tente de novo mais tarde; seu cupom continua valendo."
)


class SurveyRefused(Exception):
    """Bad input: shown to the customer as a 400 page with this pt_BR message.

    `status` 503: not the customer's fault (the server cannot open the stores' keys).
    """

    def __init__(
        self, message: str, survey: Survey | None = None, comment: str = "", status: int = 400
    ) -> None:
        super().__init__(message)
        self.message = message
        self.survey = survey
        self.comment = comment
        self.status = status


@dataclass(frozen=True, slots=True)
class Survey:
    """A verified payload: the sale, its store and the store's chain."""

    payload: str
    chain_id: str
    store_uuid: str
    store_name: str
    sale_uuid: str


@dataclass(frozen=True, slots=True)
class Page:
    status: int
    html: str


# -- reading the payload and the form --------------------------------------------------------


def find_survey(session: Session, payload: str | None) -> Survey:
    """The sale behind a payload, verified with its store's key, or SurveyRefused.

    The store is looked up by the uuid the payload names, and only that store's key is
    tried: a payload signed by another store (of this chain or another) never passes.
    """
    text = (payload or "").strip()
    parts = text.split("|")
    if len(text) > MAX_PAYLOAD or len(parts) != 4 or parts[0] != SURVEY_PREFIX:
        raise SurveyRefused(BAD_LINK)
    store_uuid = parts[1]
    if not _UUID.match(store_uuid):
        raise SurveyRefused(BAD_LINK)
    box = secrets.box_for(session)
    for store in session.scalars(select(Store).where(Store.store_uuid == store_uuid)):
        try:
            key = box.open(store.chain_id, secrets.signing_key_place(store_uuid), store.signing_key)
        except WrongSecretKey as wrong:
            log.error("survey of chain %s: %s", store.chain_id, wrong.en())
            raise SurveyRefused(UNAVAILABLE, status=503) from None
        try:
            _, sale_uuid = verify_survey_qr(text, bytes.fromhex(key))
        except (InvalidSurveyCode, ValueError):
            continue
        if not _UUID.match(sale_uuid) or len(sale_uuid) > 36:
            raise SurveyRefused(BAD_LINK)
        return Survey(text, store.chain_id, store_uuid, store.name, sale_uuid)
    raise SurveyRefused(BAD_LINK)


def parse_form(raw: bytes) -> dict[str, str]:
    """The urlencoded form's fields (the first value of each); SurveyRefused when unreadable."""
    if len(raw) > MAX_FORM_BYTES:
        raise SurveyRefused("Resposta grande demais. Escreva um comentário mais curto.")
    try:
        text = raw.decode("utf-8")
        fields = parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise SurveyRefused(BAD_LINK) from None
    return {name: values[0] for name, values in fields.items() if values}


def clean_comment(raw: str) -> str | None:
    """The comment as kept: newlines normalized, control characters dropped, trimmed."""
    text = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return text or None


# -- recording ---------------------------------------------------------------------------------


def existing_score(session: Session, survey: Survey) -> int | None:
    return session.scalar(
        select(NpsAnswer.score).where(
            NpsAnswer.chain_id == survey.chain_id, NpsAnswer.sale_uuid == survey.sale_uuid
        )
    )


def answer(session: Session, form: dict[str, str]) -> Page:
    """Check and record one answer; the page to show. Raises SurveyRefused for bad input."""
    survey = find_survey(session, form.get("c"))
    comment = clean_comment(form.get("comment", ""))
    score_text = form.get("score", "").strip()
    if score_text not in SCORES:
        raise SurveyRefused("Escolha uma nota de 0 a 10.", survey, comment or "")
    if comment is not None and len(comment) > MAX_COMMENT:
        raise SurveyRefused(
            f"O comentário pode ter no máximo {MAX_COMMENT} caracteres (o seu tem {len(comment)}).",
            survey,
            comment,
        )
    chain = lock_chain(session, survey.chain_id)  # one writer of the chain's events at a time
    now = datetime.now(UTC)
    inserted = session.execute(
        insert(NpsAnswer)
        .values(
            chain_id=survey.chain_id,
            store_uuid=survey.store_uuid,
            sale_uuid=survey.sale_uuid,
            score=int(score_text),
            comment=comment,
            source="customer",
            answered_at=now,
        )
        .on_conflict_do_nothing(index_elements=["chain_id", "sale_uuid"])
        .returning(NpsAnswer.id)
    ).first()
    if inserted is None:
        return Page(200, already_page(survey))
    append_event(
        session,
        chain,
        kind=KIND,
        body={
            "sale": survey.sale_uuid,
            "store": survey.store_uuid,
            "score": int(score_text),
            "comment": comment,
            "at": iso(now),
        },
        store_uuid=survey.store_uuid,
    )
    return Page(200, thanks_page(survey, comment))


def note_counter_score(
    session: Session, chain_id: str, store_uuid: str | None, body: dict[str, Any]
) -> None:
    """Keep a score the cashier recorded (a counter's `nps.recorded`), so the page knows.

    A body this cannot read is passed over: the event is still stored and relayed as it
    always was; only the page's "already answered" misses it.
    """
    sale, score = body.get("sale"), body.get("score")
    if not isinstance(sale, str) or not _UUID.match(sale) or len(sale) > 36:
        return
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        return
    session.execute(
        insert(NpsAnswer)
        .values(
            chain_id=chain_id,
            store_uuid=store_uuid,
            sale_uuid=sale,
            score=score,
            comment=None,
            source="counter",
            answered_at=datetime.now(UTC),
        )
        .on_conflict_do_nothing(index_elements=["chain_id", "sale_uuid"])
    )


# -- pages -------------------------------------------------------------------------------------

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
background:#f5f5f7;color:#1d1d1f}
main{max-width:32rem;margin:0 auto;padding:1.25rem}
h1{font-size:1.25rem;margin:.25rem 0 1rem}
h2{font-size:1.1rem;margin:1rem 0 .5rem}
p{line-height:1.4}
.store{color:#555;font-size:.95rem;margin:0}
.scores{display:grid;grid-template-columns:repeat(6,1fr);gap:.5rem}
.scores button{font-size:1.2rem;padding:.8rem 0;border:1px solid #888;border-radius:.5rem;
background:#fff;color:#1d1d1f}
.scores button:active{background:#ddd}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#555}
textarea{width:100%;box-sizing:border-box;font:inherit;min-height:5rem}
.error{background:#fde8e8;border:1px solid #c0392b;color:#8e1b10;padding:.75rem;
border-radius:.5rem}
.ok{background:#e8f6ec;border:1px solid #2e7d32;padding:.75rem;border-radius:.5rem}
blockquote{white-space:pre-wrap;border-left:3px solid #888;margin:.5rem 0;padding:.25rem .75rem}
"""


def _document(title: str, content: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="pt-BR"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{content}</main></body></html>\n"
    )


def _my_page(survey: Survey) -> str:
    """The way from the receipt's QR to the customer's own page (cloud.customer_page)."""
    link = html.escape("c?" + urlencode({"r": survey.payload}))
    return (
        f'<p class="mine"><a href="{link}">Cliente do programa? Ver meu saldo e meus vales</a></p>'
    )


def _store_line(survey: Survey | None) -> str:
    if survey is None:
        return ""
    return f'<p class="store">{html.escape(survey.store_name)}</p>'


def form_page(survey: Survey, *, error: str | None = None, comment: str = "") -> str:
    """The question, an optional comment and eleven score buttons (each one submits)."""
    buttons = "".join(
        f'<button type="submit" name="score" value="{score}" '
        f'aria-label="Nota {score}">{score}</button>'
        for score in SCORES
    )
    warning = f'<p class="error" role="alert">{html.escape(error)}</p>' if error else ""
    content = (
        f"{_store_line(survey)}<h1>{html.escape(QUESTION)}</h1>{warning}"
        '<form method="post" action="s">'
        f'<input type="hidden" name="c" value="{html.escape(survey.payload)}">'
        f'<label for="comment">Quer deixar um comentário? (opcional, até {MAX_COMMENT} '
        "caracteres) Escreva antes de tocar na nota.</label>"
        f'<textarea id="comment" name="comment" maxlength="{MAX_COMMENT}">'
        f"{html.escape(comment)}</textarea>"
        '<h2>Toque na sua nota</h2><div class="scores">'
        f"{buttons}</div>"
        '<p class="ends"><span>0 = nada satisfeito</span><span>10 = muito satisfeito</span></p>'
        f"</form>{_my_page(survey)}"
    )
    return _document(f"{survey.store_name}: pesquisa de satisfação", content)


def thanks_page(survey: Survey, comment: str | None) -> str:
    said = ""
    if comment:
        said = f"<p>Seu comentário:</p><blockquote>{html.escape(comment)}</blockquote>"
    content = (
        f"{_store_line(survey)}<h1>Obrigado pela sua resposta!</h1>"
        f'<p class="ok">Sua nota foi registrada. Ela nos ajuda a atender melhor.</p>{said}'
        f"{_my_page(survey)}"
    )
    return _document("Obrigado!", content)


def already_page(survey: Survey) -> str:
    content = (
        f"{_store_line(survey)}<h1>{html.escape(ALREADY)}</h1>"
        "<p>Esta compra já tem uma nota. A primeira resposta é a que vale.</p>"
        f"{_my_page(survey)}"
    )
    return _document(ALREADY, content)


def refused_page(refusal: SurveyRefused) -> str:
    """The 400 (or 503) page: the reason, and the form again when the link itself was fine."""
    if refusal.survey is not None:
        return form_page(refusal.survey, error=refusal.message, comment=refusal.comment)
    content = (
        "<h1>Não foi possível abrir a pesquisa</h1>"
        f'<p class="error" role="alert">{html.escape(refusal.message)}</p>'
    )
    return _document("Pesquisa indisponível", content)
