"""The customer's own page on the chain's endpoint: `/c` (pt_BR first, English beneath).

What the endpoint knows of one customer across the chain's stores: the balance (and
what is still pending), what expires when, the open vouchers with their QR (an inline
SVG, signed with the issuing store's key as the counter prints it), the statement, the
referral code with a share link, and the survey of the receipt's sale when the page was
opened from a receipt. LGPD: the customer downloads their data as JSON, and asks to be
forgotten: the request is queued (`forget_request`, and a `customer.forget_requested`
event the chain's counters pull) for the manager, who anonymizes at the counter.

One self-contained HTML page: no JavaScript, no font, image or style from elsewhere;
every value is HTML-escaped. See cloud.customer_access for how a visitor gets in.
"""

from __future__ import annotations

import html
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import qrcode
import qrcode.image.svg
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud import secrets
from cloud.chains import append_event, iso, lock_chain
from cloud.customer_access import Visitor
from cloud.models import (
    Chain,
    Customer,
    CustomerMessage,
    ForgetRequest,
    LedgerEntry,
    NpsAnswer,
    Store,
    Voucher,
)
from cloud.secrets import WrongSecretKey
from posapp.core.codes import sign_voucher_qr
from posapp.core.errors import PosError
from posapp.core.ledger import Balance, EntryKind, Movement, replay
from posapp.core.money import format_money

ZONE = ZoneInfo("America/Sao_Paulo")
STATEMENT_ROWS = 50
FORGET_KIND = "customer.forget_requested"
LABELS: dict[str, tuple[str, str]] = {
    EntryKind.EARN: ("Cashback da compra", "Cashback earned"),
    EntryKind.REDEEM: ("Usado na compra", "Spent"),
    EntryKind.EXPIRE: ("Expirou", "Expired"),
    EntryKind.REVERSE: ("Estorno do cashback", "Cashback reversed"),
    EntryKind.RESTORE: ("Devolvido ao saldo", "Given back"),
    EntryKind.ADJUST: ("Ajuste da loja", "Store adjustment"),
    EntryKind.REFERRAL_BONUS: ("Bônus de indicação", "Referral bonus"),
    EntryKind.VOUCHER_ISSUE: ("Vale emitido", "Voucher issued"),
    EntryKind.VOUCHER_REDEEM: ("Vale usado", "Voucher used"),
    EntryKind.VOUCHER_RESTORE: ("Vale devolvido", "Voucher given back"),
    EntryKind.VOUCHER_CHANGE: ("Troco do vale", "Voucher change"),
    EntryKind.VOUCHER_CANCEL: ("Vale cancelado", "Voucher cancelled"),
}


@dataclass(frozen=True, slots=True)
class OpenVoucher:
    code: str
    value: int
    expires_at: datetime | None
    qr_svg: str | None


@dataclass(frozen=True, slots=True)
class PageData:
    chain_name: str
    customer_name: str
    referral_code: str
    balance: Balance
    expiring: list[tuple[int, datetime]]
    vouchers: list[OpenVoucher]
    statement: list[LedgerEntry]
    survey_payload: str | None
    forget_requested: bool
    chain_id: str = ""
    verified: bool = True
    """False: opened from a receipt; the data download and "forget me" need a code first."""


def _day(moment: datetime | None) -> str:
    return moment.astimezone(ZONE).strftime("%d/%m/%Y") if moment else ""


def _money(centavos: int) -> str:
    return format_money(centavos, "pt_BR")


def _entries(session: Session, visitor: Visitor) -> list[LedgerEntry]:
    return list(
        session.scalars(
            select(LedgerEntry)
            .where(
                LedgerEntry.chain_id == visitor.chain_id,
                LedgerEntry.customer_uuid == visitor.customer_uuid,
            )
            .order_by(LedgerEntry.id)
        )
    )


def _qr_svg(session: Session, voucher: Voucher) -> str | None:
    """The QR the counter would print for it (signed by its store), as inline SVG."""
    store_uuid = (voucher.data or {}).get("store")
    store = (
        session.scalars(
            select(Store).where(Store.chain_id == voucher.chain_id, Store.store_uuid == store_uuid)
        ).first()
        if isinstance(store_uuid, str)
        else None
    )
    if store is None or voucher.value <= 0 or voucher.expires_at is None:
        return None
    try:
        key = secrets.box_for(session).open(
            store.chain_id, secrets.signing_key_place(store.store_uuid), store.signing_key
        )
        payload = sign_voucher_qr(
            voucher.code,
            voucher.value,
            voucher.expires_at.astimezone(ZONE).date(),
            store.store_uuid,
            bytes.fromhex(key),
        )
    except (WrongSecretKey, ValueError, PosError):  # a code of an older format: no QR
        return None
    image = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    svg: str = image.to_string(encoding="unicode")
    return svg


def gather(session: Session, visitor: Visitor, now: datetime | None = None) -> PageData:
    now = now or datetime.now(UTC)
    customer = session.get(Customer, (visitor.chain_id, visitor.customer_uuid))
    chain = session.get(Chain, visitor.chain_id)
    assert customer is not None and chain is not None
    entries = _entries(session, visitor)
    book = replay(
        Movement(
            e.uuid,
            EntryKind(e.kind),
            e.amount,
            e.created_at,
            e.available_from,
            e.expires_at,
            e.lot_uuid,
        )
        for e in entries
    )
    expiring = sorted(
        (lot.remaining, lot.expires_at)
        for lot in book.lots.values()
        if lot.remaining > 0 and lot.expires_at is not None and lot.expires_at > now
    )
    expiring.sort(key=lambda item: item[1])
    vouchers = [
        OpenVoucher(v.code, v.value, v.expires_at, _qr_svg(session, v))
        for v in session.scalars(
            select(Voucher)
            .where(
                Voucher.chain_id == visitor.chain_id,
                Voucher.customer_uuid == visitor.customer_uuid,
                Voucher.status == "open",
            )
            .order_by(Voucher.expires_at)
        )
        if v.expires_at is None or v.expires_at > now
    ]
    survey = visitor.survey_payload
    if survey is not None and session.scalar(
        select(NpsAnswer.id).where(
            NpsAnswer.chain_id == visitor.chain_id,
            NpsAnswer.sale_uuid == survey.split("|")[2],
        )
    ):
        survey = None
    return PageData(
        chain_name=chain.name,
        customer_name=str(customer.data.get("name") or ""),
        referral_code=str(customer.data.get("referral_code") or ""),
        balance=book.balance(now),
        expiring=expiring,
        vouchers=vouchers,
        statement=list(reversed(entries))[:STATEMENT_ROWS],
        survey_payload=survey,
        forget_requested=_open_request(session, visitor) is not None,
        chain_id=visitor.chain_id,
        verified=visitor.verified,
    )


# -- LGPD ----------------------------------------------------------------------------------


def _open_request(session: Session, visitor: Visitor) -> ForgetRequest | None:
    return session.scalars(
        select(ForgetRequest).where(
            ForgetRequest.chain_id == visitor.chain_id,
            ForgetRequest.customer_uuid == visitor.customer_uuid,
            ForgetRequest.status == "open",
        )
    ).first()


def request_forget(session: Session, visitor: Visitor) -> bool:
    """Queue the request for the manager; False when one is already open."""
    chain = lock_chain(session, visitor.chain_id)
    if _open_request(session, visitor) is not None:
        return False
    request = ForgetRequest(
        id=str(uuid.uuid4()),
        chain_id=visitor.chain_id,
        customer_uuid=visitor.customer_uuid,
        status="open",
        requested_at=datetime.now(UTC),
    )
    session.add(request)
    session.flush()
    append_event(
        session,
        chain,
        kind=FORGET_KIND,
        body={
            "request": request.id,
            "customer": visitor.customer_uuid,
            "requested_at": iso(request.requested_at),
            "source": "customer_page",
        },
    )
    return True


def forget_requests(session: Session, chain_id: str) -> list[dict[str, Any]]:
    """The chain's open requests, oldest first, with the customer's name (for the manager)."""
    out = []
    for request in session.scalars(
        select(ForgetRequest)
        .where(ForgetRequest.chain_id == chain_id, ForgetRequest.status == "open")
        .order_by(ForgetRequest.requested_at)
    ):
        customer = session.get(Customer, (chain_id, request.customer_uuid))
        out.append(
            {
                "id": request.id,
                "customer": request.customer_uuid,
                "name": str(customer.data.get("name") or "") if customer else "",
                "requested_at": iso(request.requested_at),
            }
        )
    return out


def data_export(session: Session, visitor: Visitor) -> dict[str, Any]:
    """Everything the endpoint keeps about the customer (LGPD art. 18), as JSON-ready data."""
    customer = session.get(Customer, (visitor.chain_id, visitor.customer_uuid))
    assert customer is not None
    chain_id, who = visitor.chain_id, visitor.customer_uuid
    vouchers = session.scalars(
        select(Voucher).where(Voucher.chain_id == chain_id, Voucher.customer_uuid == who)
    )
    messages = session.scalars(
        select(CustomerMessage).where(
            CustomerMessage.chain_id == chain_id, CustomerMessage.customer_uuid == who
        )
    )
    return {
        "exported_at": iso(datetime.now(UTC)),
        "customer": customer.data,
        "ledger": [
            {
                "at": iso(e.created_at),
                "kind": e.kind,
                "amount_centavos": e.amount,
                "expires_at": iso(e.expires_at),
                "sale": e.sale_uuid,
                "voucher": e.voucher_code,
            }
            for e in _entries(session, visitor)
        ],
        "vouchers": [
            {
                "code": v.code,
                "value_centavos": v.value,
                "status": v.status,
                "expires_at": iso(v.expires_at),
            }
            for v in vouchers
        ],
        "messages": [
            {
                "kind": m.kind,
                "channel": m.channel,
                "to": m.to_address,
                "status": m.status,
                "reason": m.reason,
                "created_at": iso(m.created_at),
                "sent_at": iso(m.sent_at),
            }
            for m in messages
        ],
    }


def data_json(session: Session, visitor: Visitor) -> str:
    return json.dumps(data_export(session, visitor), ensure_ascii=False, indent=2)


# -- HTML ----------------------------------------------------------------------------------

STYLE = """
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,
sans-serif;background:#f4f1ee;color:#222;line-height:1.4}main{max-width:46rem;margin:0 auto;
padding:1rem}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .5rem}
.en{color:#777;font-size:.8rem;font-weight:normal}.card{background:#fff;border-radius:12px;
padding:1rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}.big{font-size:2.2rem;
font-weight:700;color:#0b6e4f}table{width:100%;border-collapse:collapse;font-size:.9rem}
td{padding:.35rem .2rem;border-bottom:1px solid #eee}td.n{text-align:right;white-space:nowrap}
.neg{color:#a33}.vouchers{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,
minmax(13rem,1fr))}.voucher{border:2px dashed #0b6e4f;border-radius:10px;padding:.6rem;
text-align:center}.voucher svg{width:100%;max-width:12rem;height:auto}.code{font-family:
monospace;font-size:1.2rem;letter-spacing:.1rem}a.btn,button{display:inline-block;
background:#0b6e4f;color:#fff;border:0;border-radius:8px;padding:.6rem 1rem;font-size:1rem;
text-decoration:none;cursor:pointer}button.warn{background:#a33}input[type=tel],
input[type=text]{font-size:1.2rem;padding:.5rem;width:100%;max-width:16rem;border:1px solid
#bbb;border-radius:8px}.err{background:#fde8e8;color:#7a1c1c;padding:.6rem;border-radius:8px}
@media(min-width:48rem){.cols{display:grid;grid-template-columns:1fr 1fr;gap:1rem}}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def document(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="pt-BR"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def message_page(title: str, message: str, extra: str = "") -> str:
    return document(
        title, f'<h1>{_e(title)}</h1><div class="card"><p>{_e(message)}</p>{extra}</div>'
    )


def render(data: PageData, token: str, base_url: str) -> str:
    b = data.balance
    t = quote(token, safe="")
    first = data.customer_name.split()[0] if data.customer_name.split() else ""
    parts = [
        f"<h1>Olá, {_e(first)}! <span class='en'>Hello · {_e(data.chain_name)}</span></h1>",
        '<div class="cols"><section class="card" id="saldo"><h2>Seu saldo '
        "<span class='en'>Your balance</span></h2>"
        f'<div class="big">{_e(_money(b.current))}</div>'
        f"<p>Disponível agora: <b>{_e(_money(b.spendable))}</b>"
        + (f" · a liberar: {_e(_money(b.pending))}" if b.pending else "")
        + "</p></section>",
        '<section class="card" id="vencimentos"><h2>Quando vence '
        "<span class='en'>Expiry dates</span></h2>",
    ]
    if data.expiring:
        parts.append("<table>")
        parts.extend(
            f'<tr><td>vence em {_e(_day(at))}</td><td class="n">{_e(_money(amount))}</td></tr>'
            for amount, at in data.expiring
        )
        parts.append("</table>")
    else:
        parts.append("<p>Nada a vencer. <span class='en'>Nothing expiring.</span></p>")
    parts.append("</section></div>")
    parts.append(
        '<section class="card" id="vales"><h2>Seus vales <span class=\'en\'>Your vouchers</span>'
        "</h2>"
    )
    if data.vouchers:
        parts.append('<div class="vouchers">')
        for v in data.vouchers:
            parts.append(
                '<div class="voucher">'
                + (v.qr_svg or "")
                + f'<div class="code">{_e(v.code)}</div><div><b>{_e(_money(v.value))}</b>'
                + (f" · até {_e(_day(v.expires_at))}" if v.expires_at else "")
                + "</div></div>"
            )
        parts.append(
            "</div><p>Mostre o QR no caixa. <span class='en'>Show it at the counter.</span></p>"
        )
    else:
        parts.append("<p>Nenhum vale aberto. <span class='en'>No open voucher.</span></p>")
    parts.append("</section>")
    parts.append(
        '<section class="card" id="extrato"><h2>Extrato <span class=\'en\'>Statement</span></h2>'
        "<table>"
    )
    for entry in data.statement:
        label = LABELS.get(entry.kind, (entry.kind, entry.kind))[0]
        css = ' class="n neg"' if entry.amount < 0 else ' class="n"'
        parts.append(
            f"<tr><td>{_e(_day(entry.created_at))}</td><td>{_e(label)}</td>"
            f"<td{css}>{_e(_money(entry.amount))}</td></tr>"
        )
    if not data.statement:
        parts.append(
            "<tr><td>Nenhum movimento ainda. <span class='en'>No movement yet.</span></td></tr>"
        )
    parts.append("</table></section>")
    if data.referral_code:
        share = "https://wa.me/?" + urlencode(
            {"text": f"Use meu código {data.referral_code} em {data.chain_name} e ganhe cashback!"}
        )
        parts.append(
            '<section class="card" id="indique"><h2>Indique e ganhe '
            "<span class='en'>Refer a friend</span></h2>"
            f'<p>Seu código: <span class="code">{_e(data.referral_code)}</span></p>'
            f'<a class="btn" href="{_e(share)}">Compartilhar no WhatsApp</a></section>'
        )
    if data.survey_payload:
        survey = f"{base_url}/s?" + urlencode({"c": data.survey_payload})
        parts.append(
            '<section class="card" id="pesquisa"><h2>Como foi sua visita? '
            "<span class='en'>How was your visit?</span></h2>"
            f'<a class="btn" href="{_e(survey)}">Responder a pesquisa (0 a 10)</a></section>'
        )
    parts.append(
        '<section class="card" id="privacidade"><h2>Seus dados (LGPD) '
        "<span class='en'>Your data</span></h2>"
    )
    if not data.verified:
        parts.append(
            "<p>Para baixar seus dados ou pedir para ser esquecido, confirme que é você com "
            "um código enviado ao seu celular. <span class='en'>Sign in with a code to "
            "download your data.</span></p>"
            f'<p><a class="btn" href="/c/entrar/{_e(data.chain_id)}">Receber código</a></p>'
            "</section>"
        )
        return document(f"{data.chain_name}: seu saldo", "".join(parts))
    parts.append(
        f'<p><a class="btn" href="/c/dados.json?t={_e(t)}" download>Baixar meus dados (JSON)'
        "</a></p>"
    )
    if data.forget_requested:
        parts.append(
            "<p>Seu pedido para ser esquecido já está com a gerência. "
            "<span class='en'>Your request to be forgotten is with the manager.</span></p>"
        )
    else:
        parts.append(
            '<form method="post" action="/c/esquecer">'
            f'<input type="hidden" name="t" value="{_e(token)}">'
            '<p><label><input type="checkbox" name="confirm" value="1" required> '
            "Quero que a rede apague meus dados pessoais e meu saldo.</label></p>"
            '<button class="warn" type="submit">Pedir para ser esquecido</button></form>'
        )
    parts.append("</section>")
    return document(f"{data.chain_name}: seu saldo", "".join(parts))


def phone_form(chain_id: str, error: str = "") -> str:
    warn = f'<p class="err">{_e(error)}</p>' if error else ""
    return document(
        "Entrar",
        "<h1>Ver meu saldo <span class='en'>See my balance</span></h1>"
        f'<div class="card">{warn}<form method="post" action="/c/entrar/{_e(chain_id)}">'
        '<p><label>Seu celular (com DDD)<br><input type="tel" name="phone" '
        'autocomplete="tel" required></label></p>'
        "<p>Enviaremos um código por WhatsApp, SMS ou e-mail.</p>"
        '<button type="submit">Receber código</button></form></div>',
    )


def code_form(chain_id: str, phone: str, error: str = "") -> str:
    warn = f'<p class="err">{_e(error)}</p>' if error else ""
    return document(
        "Código",
        "<h1>Digite o código <span class='en'>Enter the code</span></h1>"
        f'<div class="card">{warn}<p>Se o número estiver cadastrado, enviamos um código de 6 '
        "dígitos. Ele vale por 10 minutos. Não chegou? Peça outro depois de 1 minuto; são 5 "
        "tentativas por hora.</p>"
        f'<form method="post" action="/c/entrar/{_e(chain_id)}/codigo">'
        f'<input type="hidden" name="phone" value="{_e(phone)}">'
        '<p><input type="text" name="code" inputmode="numeric" autocomplete="one-time-code" '
        'maxlength="6" required></p><button type="submit">Entrar</button></form>'
        f'<p><a href="/c/entrar/{_e(chain_id)}">Pedir outro código</a></p></div>',
    )
