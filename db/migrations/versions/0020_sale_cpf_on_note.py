"""whether the customer's CPF goes on the sale's NFC-e ("CPF na nota?")

The cashier asks at payment; the answer is kept on the sale so every issue of its note
(contingency, a corrected resend, a new number) reads the same choice. Sales already made
keep what they did: their customer's CPF went on their note (server default true).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    # ALTER TABLE in place: a batch copy of `sale` would drop the table the lines,
    # payments, refunds and notes point at
    op.add_column(
        "sale", sa.Column("cpf_on_note", sa.Boolean(), server_default=sa.true(), nullable=False)
    )


def downgrade() -> None:
    op.drop_column("sale", "cpf_on_note")
