"""The sale screen (issue 4, "The counter") and the dialogs it opens."""

from posapp.ui.sale.screen import SaleScreen

__all__ = ["SaleScreen"]
