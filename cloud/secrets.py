"""Secrets the endpoint must be able to read back, encrypted at rest (AES-256-GCM).

The chain's SMTP password, webhook header values and WhatsApp token, app secret and
verify token (it presents them to the servers, or checks Meta's signature with them)
and each store's voucher-signing key (it verifies survey QRs and hands the key to the
chain's other stores) cannot be kept as hashes like the tokens. They are stored as

    v1:<key id>:<base64(nonce || ciphertext || tag)>

AES-256-GCM with a random 96-bit nonce per value, and as associated data the chain id
and the value's place (`delivery_settings.smtp_password`, a header's name, a store's
uuid): a token copied to another chain or another column does not decrypt. The key id
(8 hex of a SHA-256 of the key) tells "sealed with another key" apart from "damaged".

The 32-byte key lives outside the database: `POSAPP_CLOUD_SECRET_KEY` (base64) or the
file named by `POSAPP_CLOUD_SECRET_KEY_FILE`; `posapp-cloud secret-key new` makes one.
A dump or a backup of the database alone reveals none of these secrets.

A value that is not a token is a clear value written before migration 0004; it is read
as it is, and `seal` (run by `serve` at start-up, or `posapp-cloud secrets seal`)
encrypts it in place. `rotate` re-encrypts every value under a new key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session, attributes

from cloud.errors import ApiError
from cloud.models import DeliverySettings, Event, Store

KEY_ENV = "POSAPP_CLOUD_SECRET_KEY"
KEY_FILE_ENV = "POSAPP_CLOUD_SECRET_KEY_FILE"
KEY_BYTES = 32
NONCE_BYTES = 12
VERSION = "v1"
BOX_INFO = "posapp_secret_box"
"""The `Session.info` key of the box a session's code uses (see `box_for`)."""
_TOKEN = re.compile(r"^v1:([0-9a-f]{8}):([A-Za-z0-9+/]{40,}={0,2})$")
"""A token: 12 nonce + 16 tag bytes at least, so never fewer than 40 base64 characters."""

SMTP_PASSWORD = "delivery_settings.smtp_password"
WHATSAPP_TOKEN = "delivery_settings.whatsapp_access_token"
WHATSAPP_APP_SECRET = "delivery_settings.whatsapp_app_secret"
WHATSAPP_VERIFY_TOKEN = "delivery_settings.whatsapp_verify_token"
WHATSAPP_SECRETS = (WHATSAPP_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN)
"""Places of the WhatsApp secrets; each is the `delivery_settings` column after the dot."""
HOW_TO_MAKE = (
    "Crie uma com `posapp-cloud secret-key new` e guarde-a fora do banco, em "
    f"${KEY_ENV} ou num arquivo apontado por ${KEY_FILE_ENV}.",
    "Make one with `posapp-cloud secret-key new` and keep it outside the database, in "
    f"${KEY_ENV} or in a file named by ${KEY_FILE_ENV}.",
)


def header_place(name: str) -> str:
    return f"delivery_settings.webhook_headers:{name}"


def signing_key_place(store_uuid: str) -> str:
    """The store's key, in its `store` row and in its `store.joined` events alike."""
    return f"store.signing_key:{store_uuid}"


class SecretKeyProblem(Exception):
    """No key configured, or one that is not base64 of 32 bytes (pt_BR, then English)."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(f"{message} / {message_en}")
        self.message = message
        self.message_en = message_en


class WrongSecretKey(Exception):
    """A stored value does not decrypt with the configured key."""

    def __init__(self, chain_id: str, place: str, detail: str) -> None:
        super().__init__(f"chave de segredos errada / wrong secret key: {chain_id} {place}")
        self.chain_id = chain_id
        self.place = place
        self.detail = detail

    def pt(self) -> str:
        return (
            "Chave de segredos errada: o servidor não consegue decifrar os segredos "
            f"guardados desta rede ({self.detail}). Inicie-o com a chave que os cifrou "
            f"(${KEY_ENV})."
        )

    def en(self) -> str:
        return (
            "Wrong secret key: the server cannot decrypt this chain's stored secrets "
            f"({self.detail}). Start it with the key that encrypted them (${KEY_ENV})."
        )

    def api_error(self) -> ApiError:
        """503: the endpoint's operator must fix its configuration; nothing the caller did."""
        return ApiError(503, "secret_key_wrong", self.pt(), self.en())


# -- keys ------------------------------------------------------------------------------


def new_key() -> str:
    """A fresh key, as `POSAPP_CLOUD_SECRET_KEY` takes it (base64 of 32 random bytes)."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def parse_key(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise SecretKeyProblem(
            f"A chave de segredos em {where} não é base64 de 32 bytes. {HOW_TO_MAKE[0]}",
            f"The secret key in {where} is not base64 of 32 bytes. {HOW_TO_MAKE[1]}",
        )
    return key


def read_key_file(path: str | Path) -> bytes:
    try:
        text = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise SecretKeyProblem(
            f"Não foi possível ler a chave de segredos em {path}: {error}",
            f"Could not read the secret key in {path}: {error}",
        ) from None
    return parse_key(text, str(path))


def key_from_environment(environ: Mapping[str, str] | None = None) -> bytes:
    """The key from `POSAPP_CLOUD_SECRET_KEY` or the file `POSAPP_CLOUD_SECRET_KEY_FILE`."""
    env = os.environ if environ is None else environ
    if env.get(KEY_ENV):
        return parse_key(env[KEY_ENV], f"${KEY_ENV}")
    if env.get(KEY_FILE_ENV):
        return read_key_file(env[KEY_FILE_ENV])
    raise SecretKeyProblem(
        "Falta a chave de segredos do servidor: sem ela as senhas de envio e as chaves das "
        f"lojas não podem ser cifradas. {HOW_TO_MAKE[0]}",
        "The server's secret key is missing: without it the delivery passwords and the "
        f"stores' keys cannot be encrypted. {HOW_TO_MAKE[1]}",
    )


def key_id(key: bytes) -> str:
    """8 hex naming the key in each token (not enough to guess anything about it)."""
    return hashlib.sha256(b"posapp-cloud secret key id\x00" + key).hexdigest()[:8]


def is_sealed(value: str) -> bool:
    return _TOKEN.match(value) is not None


# -- the box -----------------------------------------------------------------------------


class SecretBox:
    """Seal and open values of one chain under one key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("the secret key must be 32 bytes")
        self._aead = AESGCM(key)
        self._link_key = hashlib.sha256(b"posapp-cloud customer links\x00" + key).digest()
        self.key_id = key_id(key)

    def link_signature(self, text: str) -> str:
        """HMAC-SHA256 of `text` under a key derived from this one (the customer's page links:
        a new key makes every link given out before it invalid, nothing else)."""
        digest = hmac.new(self._link_key, text.encode("utf-8"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> SecretBox:
        return cls(key_from_environment(environ))

    @staticmethod
    def _associated(chain_id: str, place: str) -> bytes:
        return f"posapp-cloud\x00{VERSION}\x00{chain_id}\x00{place}".encode()

    def seal(self, chain_id: str, place: str, plain: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain.encode("utf-8"), self._associated(chain_id, place))
        return f"{VERSION}:{self.key_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def open(self, chain_id: str, place: str, value: str) -> str:
        """The clear value; a value not yet sealed (from before 0004) is returned as it is."""
        found = _TOKEN.match(value)
        if found is None:
            return value
        if found.group(1) != self.key_id:
            raise WrongSecretKey(
                chain_id, place, f"cifrado com a chave {found.group(1)}, esta é {self.key_id}"
            )
        raw = base64.b64decode(found.group(2))
        try:
            plain = self._aead.decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], self._associated(chain_id, place)
            )
        except InvalidTag:
            raise WrongSecretKey(chain_id, place, "valor alterado ou de outro lugar") from None
        return plain.decode("utf-8")

    def seal_if_clear(self, chain_id: str, place: str, value: str) -> str:
        """Seal a clear, non-empty value; a token (or '') is kept as it is."""
        return value if not value or is_sealed(value) else self.seal(chain_id, place, value)

    def reseal(self, old: SecretBox, chain_id: str, place: str, value: str) -> str:
        """Open with `old` (or take as clear) and seal with this box; '' stays ''."""
        return self.seal(chain_id, place, old.open(chain_id, place, value)) if value else value


def box_for(session: Session) -> SecretBox:
    """The box the session was made with (`make_sessions(..., box=)`), else the environment's."""
    box = session.info.get(BOX_INFO)
    if isinstance(box, SecretBox):
        return box
    return SecretBox.from_environment()


# -- every stored secret, for seal and rotate ----------------------------------------------


@dataclass
class SealCount:
    passwords: int = 0
    whatsapp: int = 0
    headers: int = 0
    store_keys: int = 0
    events: int = 0

    def line(self) -> str:
        return (
            f"smtp_passwords={self.passwords} webhook_headers={self.headers} "
            f"store_keys={self.store_keys} store_joined_events={self.events} "
            f"whatsapp_secrets={self.whatsapp}"
        )


Change = Callable[[str, str, str], str]
"""(chain id, place, stored value) -> the value to store."""


def _rewrite(session: Session, change: Change, count: SealCount) -> None:
    """Apply `change` to every stored secret, rows locked; count the values it changed."""
    for row in session.scalars(
        select(DeliverySettings).order_by(DeliverySettings.chain_id).with_for_update()
    ):
        new = change(row.chain_id, SMTP_PASSWORD, row.smtp_password)
        if new != row.smtp_password:
            row.smtp_password, count.passwords = new, count.passwords + 1
        for place in WHATSAPP_SECRETS:
            column = place.rsplit(".", 1)[1]
            stored = str(getattr(row, column))
            new = change(row.chain_id, place, stored)
            if new != stored:
                setattr(row, column, new)
                count.whatsapp += 1
        headers = {
            name: change(row.chain_id, header_place(name), str(value))
            for name, value in row.webhook_headers.items()
        }
        changed = sum(1 for name in headers if headers[name] != row.webhook_headers[name])
        if changed:
            row.webhook_headers, count.headers = headers, count.headers + changed
    for store in session.scalars(
        select(Store).order_by(Store.chain_id, Store.store_uuid).with_for_update()
    ):
        new = change(store.chain_id, signing_key_place(store.store_uuid), store.signing_key)
        if new != store.signing_key:
            store.signing_key, count.store_keys = new, count.store_keys + 1
    for event in session.scalars(
        select(Event).where(Event.kind == "store.joined").order_by(Event.id).with_for_update()
    ):
        value = event.body.get("signing_key")
        store_uuid = event.body.get("store_uuid")
        if not isinstance(value, str) or not isinstance(store_uuid, str):
            continue
        new = change(event.chain_id, signing_key_place(store_uuid), value)
        if new != value:
            event.body = {**event.body, "signing_key": new}
            attributes.flag_modified(event, "body")
            count.events += 1
    session.flush()


def seal_clear_values(session: Session, box: SecretBox) -> SealCount:
    """Encrypt in place every value still in clear (idempotent: tokens are left alone)."""
    count = SealCount()
    _rewrite(session, box.seal_if_clear, count)
    return count


def rotate(session: Session, old: SecretBox, new: SecretBox) -> SealCount:
    """Re-encrypt every value under `new`; one that `old` cannot open aborts it all."""
    count = SealCount()
    _rewrite(session, lambda chain, place, value: new.reseal(old, chain, place, value), count)
    return count
