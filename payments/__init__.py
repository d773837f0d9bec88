"""Payments at the counter: Pix (static BR Codes, dynamic charges through a PSP's API Pix)
and card tender details (with a TEF integration point).

Knows nothing of posapp, db or Qt (an import-linter contract checks it): the counter
gives amounts in integer centavos and gets back typed results and errors carrying
their message in pt_BR and en (`error.message(locale)`). See docs/payments.md.
"""

from payments.errors import PaymentError

__all__ = ["PaymentError"]
