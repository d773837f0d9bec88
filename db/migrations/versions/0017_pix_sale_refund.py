"""the Pix share of a refund or void of a sale paid by a dynamic charge, returned by the PSP

A refund's money back that goes to the sale's dynamic Pix is put on record with the
refund and sent to the PSP as a devolução once the refund is committed (again until the
PSP has it).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 23:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pix_sale_refund",
        sa.Column("refund_id", sa.Integer(), nullable=False),
        sa.Column("end_to_end_id", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("devolucao_id", sa.String(length=35), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["refund_id"], ["refund.id"], name=op.f("fk_pix_sale_refund_refund_id_refund")
        ),
        sa.PrimaryKeyConstraint("refund_id", name=op.f("pk_pix_sale_refund")),
    )
    with op.batch_alter_table("pix_sale_refund", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pix_sale_refund_end_to_end_id"), ["end_to_end_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pix_sale_refund_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("pix_sale_refund")
