"""when each customer's details were last edited at a counter

An upsert's details are taken only when edited after the ones held. The rows held now
stay undated (NULL, the moment of their edit was not kept): the next upsert of each
customer applies as before and dates it.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "customer", sa.Column("details_changed_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("customer", "details_changed_at")
