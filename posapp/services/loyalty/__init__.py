"""The customer's money in the program: the ledger and what is derived from it.

`ledger` (lots, the hash chain, the book that appends entries), `projections`
(rebuilding balances), `vouchers`, `earning` (what a purchase earns), `tiers`,
`campaigns`, `verify` (`posapp db verify`).

Imports: `common`, `db`, `posapp.core`; never sales, messages or sync.
"""
