"""The first-run wizard: store, admin, printer and scanner, before the counter opens."""
