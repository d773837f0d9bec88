"""Ringing up and undoing sales: the catalogue, quote, checkout, refunds, receipts, printing.

`catalog`, `sale_reads` (small reads of the sale screen), `quote`, `checkout`,
`authority` (the protocol checkout asks before its write; sync implements it),
`parking`, `cart_cancel`, `refunds`, `history` (the day's sales), `receipts`,
`printing` (the print queue on the device thread). `catalog` also holds checkout's
NFC-e gate (a product without its tax data is refused while NFC-e is on).

Imports: `cash`, `customers`, `messages`, `loyalty`, `common`, `hardware`; never sync
(the sync domain reads sales from the outbox).
"""
