"""Customer messages and the survey: the outbox, templates, the scheduler, delivery.

`queue` (the `message` outbox and its idempotency keys), `templates`, `config`
(channels, quiet hours, the weekly cap), `scheduler` and `daily` (time-driven
messages), `delivery` (channels from `messaging/`), `log`, `voucher_notice` (a
voucher announced wherever it is issued), `survey` (NPS).

Imports: `loyalty`, `common`, `messaging`; never sales or sync.
"""
