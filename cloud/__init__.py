"""The cloud sync endpoint: FastAPI over PostgreSQL, the contract of docs/sync-protocol.md.

Imports nothing of posapp but `posapp.core` (the pure rules the counters use too).
"""
