"""NFC-e: items carry their tax data; the fiscal notes and their numbering

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 04:00:00

`item` gains the data an NFC-e line needs (NCM, CEST, CFOP, CSOSN or CST, origin,
unit; the GTIN was already there). `nfce_note` keeps every number of every
series and what became of it (the signed XML, SEFAZ's answer, the nfeProc with
its protocol, the cancellation or voiding event): rows are never deleted, the
XMLs are the store's 5-year archive. `nfce_series` hands out numbers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

TAX_COLUMNS = (
    ("ncm", 8),
    ("cest", 7),
    ("cfop", 4),
    ("csosn", 3),
    ("cst", 2),
    ("unit", 6),
)


def upgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        for name, length in TAX_COLUMNS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
        batch_op.add_column(sa.Column("origin", sa.Integer(), nullable=True))
    op.create_table(
        "nfce_series",
        sa.Column("series", sa.Integer(), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", name=op.f("pk_nfce_series")),
    )
    op.create_table(
        "nfce_note",
        sa.Column("series", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("key", sa.String(length=44), nullable=False),
        sa.Column("tp_emis", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("sale_ref", sa.String(length=40), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("cstat", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("protocol", sa.String(length=20), nullable=False),
        sa.Column("deadline", sa.DateTime(), nullable=True),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.Column("xml", sa.LargeBinary(), nullable=False),
        sa.Column("proc_xml", sa.LargeBinary(), nullable=False),
        sa.Column("authorised_xml", sa.LargeBinary(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_nfce_note_sale_id_sale")),
        sa.PrimaryKeyConstraint("series", "number", name=op.f("pk_nfce_note")),
    )
    with op.batch_alter_table("nfce_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nfce_note_sale_id"), ["sale_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nfce_note_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_nfce_note_key"), ["key"], unique=False)
    op.execute(
        "CREATE TRIGGER nfce_note_no_delete BEFORE DELETE ON nfce_note "
        "BEGIN SELECT RAISE(ABORT, 'nfce_note rows are the fiscal archive: never deleted'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS nfce_note_no_delete")
    with op.batch_alter_table("nfce_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nfce_note_key"))
        batch_op.drop_index(batch_op.f("ix_nfce_note_status"))
        batch_op.drop_index(batch_op.f("ix_nfce_note_sale_id"))
    op.drop_table("nfce_note")
    op.drop_table("nfce_series")
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_column("origin")
        for name, _length in reversed(TAX_COLUMNS):
            batch_op.drop_column(name)
