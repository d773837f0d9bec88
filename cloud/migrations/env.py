"""Alembic environment: runs on the connection handed over by cloud.db.upgrade."""

from __future__ import annotations

from alembic import context

from cloud.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
