"""when each customer's details were last edited

The chain's counters and endpoint take a customer's details from an upsert only when
they were edited after the ones they hold. What a counter holds now stays undated (NULL):
the moment of its last edit was not kept, and dating it by the upgrade would make every
edit still on its way from another counter lose. Until the customer's next edit, an
upsert applies here as before.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details_changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("details_changed_at")
