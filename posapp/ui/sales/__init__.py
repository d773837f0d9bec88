"""The sales screen (issue 4, refunds and voids of committed sales) and its dialogs."""

from posapp.ui.sales.screen import SalesScreen

__all__ = ["SalesScreen"]
