"""a customer's comment with their survey answer

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 09:30:00

Answers given on the chain endpoint's survey page arrive with an optional comment
(at most 500 characters); the counter keeps it beside the score.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("nps_response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comment", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("nps_response", schema=None) as batch_op:
        batch_op.drop_column("comment")
