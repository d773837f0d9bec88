"""posapp: the counter application for salons and pharmacies, with cashback built in."""

__version__ = "0.1.0"
