"""NFS-e (Padrão Nacional): one row per DPS of a sale's services, never deleted

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "nfse_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("series", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("dps_id", sa.String(length=45), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=True),
        sa.Column("nfse_number", sa.String(length=13), nullable=True),
        sa.Column("dps_xml", sa.LargeBinary(), nullable=False),
        sa.Column("nfse_xml", sa.LargeBinary(), nullable=True),
        sa.Column("cancel_xml", sa.LargeBinary(), nullable=True),
        sa.Column("code", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("maybe_sent", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_nfse_note_sale_id_sale")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nfse_note")),
        sa.UniqueConstraint("dps_id", name=op.f("uq_nfse_note_dps_id")),
    )
    with op.batch_alter_table("nfse_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nfse_note_sale_id"), ["sale_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nfse_note_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_nfse_note_key"), ["key"], unique=False)
    op.execute(
        "CREATE TRIGGER nfse_note_no_delete BEFORE DELETE ON nfse_note "
        "BEGIN SELECT RAISE(ABORT, 'nfse_note rows are the fiscal archive: never deleted'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS nfse_note_no_delete")
    with op.batch_alter_table("nfse_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nfse_note_key"))
        batch_op.drop_index(batch_op.f("ix_nfse_note_status"))
        batch_op.drop_index(batch_op.f("ix_nfse_note_sale_id"))
    op.drop_table("nfse_note")
