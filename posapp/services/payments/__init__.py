"""Taking payments at the counter: Pix and card details, over the `payments` leaf package.

`settings` (the store's Pix key, name and city, the PSP's API Pix credentials and the
acquirers table; manager PIN and audit), `static_pix` (the sale's BR Code and its txid),
`dynamic_pix` (a PSP charge recorded before it is created, waited for, ended once),
`late_pix` (charges left open by a restart, Pix that arrived after the cashier gave up,
and their devolução with a manager's PIN), `tenders` (a card's or a Pix's details
written with the sale's payments, read back for the receipt, Vendas and the NFC-e),
`errors`.

Imports: `common` and the `payments`, `db` and `hardware` (the code's slip) leaves;
never sales, cash, sync or admin (sales writes a sale's tender details through
`tenders`; cash reads the card table itself, as a sibling).
"""
