"""sync conflicts can name an event the endpoint refused

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 10:00:00

A push is all-or-nothing on the endpoint, so one outbox event it refuses as invalid
used to block every later push of the counter. The counter now sets such an event
aside (its outbox row marked sent) and records it for managers as a local
`sync_conflict` of kind 'event_refused': which event (`event_uuid`, `event_kind`)
and the server's reason in pt_BR and English (`reason`, `reason_en`).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.add_column(sa.Column("event_uuid", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("event_kind", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("reason_en", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_column("reason_en")
        batch_op.drop_column("reason")
        batch_op.drop_column("event_kind")
        batch_op.drop_column("event_uuid")
