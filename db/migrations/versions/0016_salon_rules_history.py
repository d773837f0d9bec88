"""the salon's commission rules and card fees kept as a history, each in force from a moment

A changed share or fee no longer rewrites the statements and NFS-e of the sales rung up
before it: the rows already there are in force since always (valid_from NULL).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("commission_rule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_from", sa.DateTime(), nullable=True))
        batch_op.drop_constraint("uq_commission_rule_staff_id", type_="unique")
    op.rename_table("card_fee", "card_fee_0015")
    op.create_table(
        "card_fee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tender", sa.String(length=10), nullable=False),
        sa.Column("fee_bps", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_fee")),
    )
    op.execute(
        "INSERT INTO card_fee (tender, fee_bps, valid_from) "
        "SELECT tender, fee_bps, NULL FROM card_fee_0015 ORDER BY tender"
    )
    op.drop_table("card_fee_0015")


def downgrade() -> None:
    """Back to one row per key: the newest of each."""
    op.execute(
        "DELETE FROM commission_rule WHERE id NOT IN (SELECT max(id) FROM commission_rule "
        "GROUP BY coalesce(staff_id, -1), coalesce(item_id, -1), item_kind)"
    )
    with op.batch_alter_table("commission_rule", schema=None) as batch_op:
        batch_op.drop_column("valid_from")
        batch_op.create_unique_constraint(
            "uq_commission_rule_staff_id", ["staff_id", "item_id", "item_kind"]
        )
    op.rename_table("card_fee", "card_fee_0016")
    op.create_table(
        "card_fee",
        sa.Column("tender", sa.String(length=10), nullable=False),
        sa.Column("fee_bps", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("tender", name=op.f("pk_card_fee")),
    )
    op.execute(
        "INSERT INTO card_fee (tender, fee_bps) SELECT tender, fee_bps FROM card_fee_0016 "
        "WHERE id IN (SELECT max(id) FROM card_fee_0016 GROUP BY tender)"
    )
    op.drop_table("card_fee_0016")
