"""TEF: the card terminal behind an interface, with one implementation over the TEF Dial /
PayGo file exchange (IntPos.001).

What was found (docs/payments.md has the full list of sources):
- Software Express, "Guia Técnico da Solução TEF Discado — Interface e Ambiente" v2.3
  (docplayer.com.br/5183581): the automation writes C:\\TEF_DIAL\\REQ\\IntPos.001, the
  Gerenciador Padrão (GP) acknowledges with C:\\TEF_DIAL\\RESP\\IntPos.Sts and answers
  with C:\\TEF_DIAL\\RESP\\IntPos.001; lines "AAA-BBB = value", ending "999-999 = 0".
- Multiplus Card TEF Dial documentation (docs.multipluscard.com.br/.../tefdial/fluxoutilizacao):
  the same folders and flow; write IntPos.tmp and rename it to IntPos.001 so the GP never
  reads half a file; ATV ends at the status file.
- Software Express CliSiTef manual (dev.softwareexpress.com.br, "arquivo_solicitacao_tef"
  and "layout_mensagens_comunicacao"): the field table (000 header, 001 identification,
  002 fiscal document, 003 amount, 004 currency, 009 status, 010 network, 011 transaction
  code, 012 NSU, 013 authorisation, 017/018 instalments, 027 finalisation, 028/029 slip
  lines, 030 operator text) and the operations CRT, CNF, NCN, CNC, ADM.
- ACBr (github.com/frones/ACBr, Fontes/ACBrTEFD/ACBrTEFDPayGo.pas, ACBrTEFDClass.pas,
  LGPL; read, not copied): PayGo's folders C:\\PAYGO\\REQ|RESP, its extra fields 731
  (card type 1 credit, 2 debit), 732 (financing), 739 (acquirer index), 748 (card name),
  and the NFC-e fields 600 (acquirer CNPJ), 601 (tBand), 602 (authorisation).

Not confirmed without a real GP: whether every GP echoes 001-000 in IntPos.Sts (we
require it), the encoding (we write and read cp1252), and the 600-602 fields on PayGo.
"""

from __future__ import annotations

import itertools
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from payments.card import CardDetails, CardKind, Integration, brand_code, card_details
from payments.documents import is_valid_cnpj, only_cnpj_characters
from payments.errors import PaymentError

ENCODING = "cp1252"
TEF_DIAL_ROOT = Path("C:/TEF_DIAL")
PAYGO_ROOT = Path("C:/PAYGO")
_LINE = re.compile(r"(\d{3})-(\d{3}) = ?(.*)")


class TefError(PaymentError):
    code = "tef_error"
    pt_BR = "Erro no TEF."
    en = "TEF error."


class TefManagerNotRunning(TefError):
    code = "tef_manager_not_running"
    pt_BR = (
        "O gerenciador do TEF não respondeu em {seconds} s. "
        "Confira se ele está aberto ({folder}) ou use a maquininha avulsa."
    )
    en = (
        "The TEF manager did not answer within {seconds} s. "
        "Check that it is running ({folder}) or use the stand-alone card machine."
    )


class TefNoAnswer(TefError):
    code = "tef_no_answer"
    pt_BR = "O TEF não deu resposta em {seconds} s. Confira o pinpad antes de tentar de novo."
    en = "The TEF gave no answer within {seconds} s. Check the pinpad before trying again."


class TefBadAnswer(TefError):
    code = "tef_bad_answer"
    pt_BR = "Resposta do TEF ilegível: {detail}."
    en = "Unreadable TEF answer: {detail}."


@dataclass(frozen=True, slots=True)
class TefResult:
    """The answer to a card request. Approved or not, show `operator_message`; print
    `receipt` when approved, then `confirm` once the sale is committed (or `undo`)."""

    identification: str
    approved: bool
    amount_centavos: int
    operator_message: str
    receipt: tuple[str, ...]
    card: CardDetails | None
    """None when declined, or when the answer lacks what the NFC-e needs (`card_problem`)."""
    card_problem: PaymentError | None
    network: str | None
    nsu: str | None
    finalisation: str | None
    fields: Mapping[str, str] = field(repr=False)


class CardTerminal(Protocol):
    """What the counter needs of a card terminal integration."""

    def is_ready(self) -> bool: ...

    def charge(
        self,
        amount_centavos: int,
        *,
        sale_ref: str,
        kind: CardKind | None = None,
        instalments: int = 1,
    ) -> TefResult: ...

    def confirm(self, result: TefResult) -> None: ...

    def undo(self, result: TefResult) -> None: ...


def format_message(fields: list[tuple[str, str]]) -> str:
    """ "AAA-BBB = value" lines with CRLF; a final "999-999 = 0" is added if missing."""
    lines = [f"{key} = {value}" for key, value in fields]
    if not fields or fields[-1][0] != "999-999":
        lines.append("999-999 = 0")
    return "\r\n".join(lines) + "\r\n"


def parse_message(text: str) -> dict[str, str]:
    """Field -> value; TefBadAnswer on a line that is not "AAA-BBB = value"."""
    fields: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise TefBadAnswer(detail=f"linha {number}: {line[:60]!r}")
        fields[f"{match.group(1)}-{match.group(2)}"] = match.group(3)
    return fields


def write_atomically(path: Path, text: str) -> None:
    """Write IntPos.tmp next to it, then rename: the other side never reads half a file."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding=ENCODING, errors="replace", newline="")
    os.replace(temporary, path)


def read_complete(path: Path) -> dict[str, str] | None:
    """The fields of a file the other side has finished writing, or None."""
    try:
        text = path.read_text(encoding=ENCODING, errors="replace")
    except (FileNotFoundError, PermissionError):
        return None
    fields = parse_message(text)
    return fields if "999-999" in fields else None


class TefDialTerminal:
    """The TEF Dial / PayGo file exchange in `root` (C:\\TEF_DIAL, or C:\\PAYGO).

    `acquirers` maps the network name of field 010-000 (upper case) to the acquirer's
    CNPJ, for GPs that do not send field 600-000. Blocking: call off the GUI thread.
    """

    def __init__(
        self,
        root: Path,
        *,
        status_timeout_s: float = 7.0,
        answer_timeout_s: float = 300.0,
        poll_s: float = 0.1,
        acquirers: Mapping[str, str] | None = None,
        first_id: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.root = root
        self.request_dir = root / "REQ"
        self.response_dir = root / "RESP"
        self.status_timeout_s = status_timeout_s
        self.answer_timeout_s = answer_timeout_s
        self.poll_s = poll_s
        self.acquirers = {
            name.upper(): only_cnpj_characters(cnpj) for name, cnpj in (acquirers or {}).items()
        }
        self._ids = itertools.count(first_id if first_id is not None else int(time.time()) % 10**9)
        self.clock = clock
        self.sleep = sleep

    @property
    def request_file(self) -> Path:
        return self.request_dir / "IntPos.001"

    @property
    def status_file(self) -> Path:
        return self.response_dir / "IntPos.Sts"

    @property
    def response_file(self) -> Path:
        return self.response_dir / "IntPos.001"

    # the interface

    def is_ready(self) -> bool:
        """ATV: is the GP running? It answers with the status file only."""
        try:
            self._send("ATV", [])
        except TefManagerNotRunning:
            return False
        return True

    def charge(
        self,
        amount_centavos: int,
        *,
        sale_ref: str,
        kind: CardKind | None = None,
        instalments: int = 1,
    ) -> TefResult:
        """CRT: the cardholder pays on the pinpad; waits for the GP's answer."""
        extra: list[tuple[str, str]] = [
            ("002-000", sale_ref),
            ("003-000", str(amount_centavos)),
            ("004-000", "0"),
        ]
        if kind is not None:
            extra.append(("731-000", "1" if kind is CardKind.CREDIT else "2"))
        if instalments > 1:
            extra += [("018-000", str(instalments)), ("732-000", "2")]
        identification = self._send("CRT", extra)
        answer = self._wait_for(self.response_file, identification, self.answer_timeout_s)
        if answer is None:
            raise TefNoAnswer(seconds=f"{self.answer_timeout_s:g}")
        self.response_file.unlink(missing_ok=True)
        return self._result(identification, amount_centavos, answer, kind, instalments)

    def confirm(self, result: TefResult) -> None:
        """CNF: the sale is committed and the slip printed; the GP settles the transaction."""
        self._finish("CNF", result)

    def undo(self, result: TefResult) -> None:
        """NCN: the sale did not go through; the GP reverses the transaction."""
        self._finish("NCN", result)

    # plumbing

    def _finish(self, header: str, result: TefResult) -> None:
        fields = [
            ("010-000", result.network or ""),
            ("012-000", result.nsu or ""),
            ("027-000", result.finalisation or ""),
        ]
        self._send(header, [(key, value) for key, value in fields if value])

    def _send(self, header: str, fields: list[tuple[str, str]]) -> str:
        self.request_dir.mkdir(parents=True, exist_ok=True)
        self.response_dir.mkdir(parents=True, exist_ok=True)
        self.status_file.unlink(missing_ok=True)
        self.response_file.unlink(missing_ok=True)
        identification = str(next(self._ids))
        message = format_message([("000-000", header), ("001-000", identification), *fields])
        write_atomically(self.request_file, message)
        if self._wait_for(self.status_file, identification, self.status_timeout_s) is None:
            self.request_file.unlink(missing_ok=True)
            raise TefManagerNotRunning(seconds=f"{self.status_timeout_s:g}", folder=str(self.root))
        self.status_file.unlink(missing_ok=True)
        return identification

    def _wait_for(self, path: Path, identification: str, timeout_s: float) -> dict[str, str] | None:
        deadline = self.clock() + timeout_s
        while True:
            fields = read_complete(path)
            if fields is not None:
                if fields.get("001-000") == identification:
                    return fields
                path.unlink(missing_ok=True)  # a leftover answer to an older request
            if self.clock() >= deadline:
                return None
            self.sleep(self.poll_s)

    def _result(
        self,
        identification: str,
        amount_centavos: int,
        fields: dict[str, str],
        kind: CardKind | None,
        instalments: int,
    ) -> TefResult:
        approved = fields.get("009-000", "").strip() == "0"
        lines = int(fields.get("028-000", "0") or 0)
        receipt = tuple(
            fields.get(f"029-{number:03d}", "").strip('"') for number in range(1, lines + 1)
        )
        card: CardDetails | None = None
        problem: PaymentError | None = None
        if approved:
            try:
                card = self._card(fields, kind, instalments)
            except PaymentError as error:
                problem = error
        return TefResult(
            identification=identification,
            approved=approved,
            amount_centavos=int(fields.get("003-000") or amount_centavos),
            operator_message=fields.get("030-000", "").strip(),
            receipt=receipt,
            card=card,
            card_problem=problem,
            network=fields.get("010-000") or None,
            nsu=fields.get("012-000") or None,
            finalisation=fields.get("027-000") or None,
            fields=dict(fields),
        )

    def _card(self, fields: dict[str, str], kind: CardKind | None, instalments: int) -> CardDetails:
        card_type = fields.get("731-000", "").strip()
        transaction = fields.get("011-000", "").strip()
        if card_type in ("1", "2"):
            card_kind = CardKind.CREDIT if card_type == "1" else CardKind.DEBIT
        elif transaction[:1] in ("1", "2"):
            card_kind = CardKind.CREDIT if transaction[:1] == "1" else CardKind.DEBIT
        else:
            card_kind = kind or CardKind.CREDIT
        network = (fields.get("010-000") or "").strip()
        brand = fields.get("601-000", "").strip()
        if not re.fullmatch(r"\d{2}", brand):
            brand = "99"
            for name in (fields.get("748-000"), fields.get("040-000"), network):
                if name:
                    try:
                        brand = brand_code(name)
                        break
                    except PaymentError:
                        continue
        cnpj = only_cnpj_characters(fields.get("600-000", ""))
        if not is_valid_cnpj(cnpj):
            cnpj = self.acquirers.get(network.upper(), "")
        count = fields.get("018-000", "").strip() or str(instalments)
        return card_details(
            card_kind,
            brand,
            authorization=(fields.get("602-000") or fields.get("013-000") or "").strip() or None,
            nsu=fields.get("012-000"),
            acquirer_cnpj=cnpj or None,
            instalments=int(count) if count.isdigit() and int(count) > 0 else 1,
            integration=Integration.INTEGRATED,
        )
