"""One error type per kind of refusal in payments, each with its message in pt_BR and en.

The same shape as posapp's PosError (`code`, `pt_BR`, `en`, `message(locale)`),
kept apart because this package knows nothing of posapp. Parameters ending in
`_centavos` are integer centavos, formatted as money when the message is made.
"""

from __future__ import annotations

from typing import Any, ClassVar


def format_brl(centavos: int, locale: str = "pt_BR") -> str:
    """R$ 1.234,56 for pt_BR, R$1,234.56 otherwise."""
    sign = "-" if centavos < 0 else ""
    reais, cents = divmod(abs(centavos), 100)
    if locale.startswith("pt"):
        return f"{sign}R$ {reais:,}".replace(",", ".") + f",{cents:02d}"
    return f"{sign}R${reais:,}.{cents:02d}"


class PaymentError(Exception):
    """A payment step the user can act on was refused or failed."""

    code: ClassVar[str] = "payment_error"
    pt_BR: ClassVar[str] = "Pagamento recusado."
    en: ClassVar[str] = "Payment refused."

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, locale: str = "pt_BR") -> str:
        template = self.pt_BR if locale.startswith("pt") else self.en
        values = {
            key.removesuffix("_centavos"): format_brl(value, locale)
            if key.endswith("_centavos") and isinstance(value, int)
            else value
            for key, value in self.params.items()
        }
        return template.format(**values)
