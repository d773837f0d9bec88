"""Running the store: its set-up record, staff, store and program, devices, backups,
imports, the audit search, and the daily upkeep of the program.

`store_setup`, `staff`, `staff_changes`, `store`, `devices`, `backups`, `csv_io`,
`audit_search`, `loyalty_upkeep` (expiry and matured vouchers, once a day).

Imports: any domain below it (not onboarding, above it).
"""
