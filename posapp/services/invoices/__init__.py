"""Invoices: the store's fiscal documents (NFC-e, model 65) for committed sales.

Owns the fiscal set-up (CNPJ, IE, CRT, address, environment, series, CSC, the A1
certificate kept encrypted at rest with a key in this computer's config folder),
the SQLite storage of the `fiscal` package's contingency queue (`nfce_note`,
`nfce_series`), the mapping of a committed sale's product lines onto `fiscal`'s
data, issuing right after the sale commits (never inside its transaction), the
background sending of contingency notes, cancellation with posapp's own void,
the DANFE NFC-e paper for the print queue, and the archive (XML per sale, the
accountant's monthly ZIP).

Imports: `fiscal`, `db`, `hardware` (the receipt and its rendering for the PDF),
posapp.core, and the domains below it: sales (the void, the receipt's cashback
section, the tax-data switch) and common. It sits above sales and sync and below
admin; nothing below imports it: the print queue reaches it through
`PrintService.sale_paper`, set by the composition root.
"""
