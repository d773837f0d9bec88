"""Gerência: the store, the program, the devices, the staff and the audit log (managers only)."""
