"""Caixa: the shift, the drawer and the X/Z reports."""
