"""Joining the chain: the endpoint's client, push, pull, conflicts, the online authority.

`client` (httpx; typed Offline/Refused/Unauthorized), `config`, `push` (outbox and
ledger up), `pull` (other counters' rows down), `cycle` (one hello/push/pull),
`authority` (`OnlineAuthority`, implementing `sales.authority.Authority`),
`conflicts`, `status`, `survey_page`.

Imports: `customers`, `messages`, `loyalty`, `common`; never sales: a sale reaches
the chain as outbox events.
"""
