"""Running the store: set-up and first run, staff, store and program, devices, backups,
imports, the audit search, the demo, and the daily upkeep of the program.

`store_setup`, `quick_start` (`posapp --preset`), `wizard` (the first-run wizard),
`staff`, `staff_changes`, `store`, `devices`, `backups`, `csv_io`, `audit_search`,
`demo`, `loyalty_upkeep` (expiry and matured vouchers, once a day).

Imports: any domain below it.
"""
