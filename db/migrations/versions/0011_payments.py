"""Payments: card details per card tender, Pix charges and Pix received too late

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 04:00:00

`card_payment` keeps a card tender's brand, NSU/DOC, authorisation, acquirer CNPJ,
instalments and tpIntegra beside its `sale_payment` row (the receipt, Vendas, the Z
report and the NFC-e card group read it). `pix_charge` is every Pix shown at the
counter: a static BR Code the cashier confirmed, or a dynamic charge recorded before
the PSP is asked, so a restart finds it. `pix_late_payment` is money received for a
charge that completed no sale, until a manager returns it (devolução).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "card_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_payment_id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("brand", sa.String(length=2), nullable=False),
        sa.Column("integration", sa.String(length=1), nullable=False),
        sa.Column("authorization", sa.String(length=128), nullable=True),
        sa.Column("nsu", sa.String(length=20), nullable=True),
        sa.Column("doc", sa.String(length=20), nullable=True),
        sa.Column("acquirer_cnpj", sa.String(length=14), nullable=True),
        sa.Column("instalments", sa.Integer(), nullable=False),
        sa.Column("terminal_ref", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sale.id"], name=op.f("fk_card_payment_sale_id_sale")
        ),
        sa.ForeignKeyConstraint(
            ["sale_payment_id"],
            ["sale_payment.id"],
            name=op.f("fk_card_payment_sale_payment_id_sale_payment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_payment")),
        sa.UniqueConstraint("sale_payment_id", name=op.f("uq_card_payment_sale_payment_id")),
    )
    with op.batch_alter_table("card_payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_payment_sale_id"), ["sale_id"], unique=False)
    op.create_table(
        "pix_charge",
        sa.Column("txid", sa.String(length=35), nullable=False),
        sa.Column("kind", sa.String(length=7), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("end_to_end_id", sa.String(length=32), nullable=True),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("sale_payment_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_pix_charge_sale_id_sale")),
        sa.ForeignKeyConstraint(
            ["sale_payment_id"],
            ["sale_payment.id"],
            name=op.f("fk_pix_charge_sale_payment_id_sale_payment"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_pix_charge_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("txid", name=op.f("pk_pix_charge")),
        sa.UniqueConstraint("sale_id", name=op.f("uq_pix_charge_sale_id")),
    )
    with op.batch_alter_table("pix_charge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pix_charge_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_pix_charge_created_at"), ["created_at"], unique=False)
    op.create_table(
        "pix_late_payment",
        sa.Column("end_to_end_id", sa.String(length=32), nullable=False),
        sa.Column("txid", sa.String(length=35), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("refund_id", sa.String(length=35), nullable=True),
        sa.Column("refund_status", sa.String(length=20), nullable=True),
        sa.Column("refunded_at", sa.DateTime(), nullable=True),
        sa.Column("refunded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["refunded_by_id"], ["staff.id"], name=op.f("fk_pix_late_payment_refunded_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["txid"], ["pix_charge.txid"], name=op.f("fk_pix_late_payment_txid_pix_charge")
        ),
        sa.PrimaryKeyConstraint("end_to_end_id", name=op.f("pk_pix_late_payment")),
    )
    with op.batch_alter_table("pix_late_payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pix_late_payment_txid"), ["txid"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pix_late_payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pix_late_payment_txid"))
    op.drop_table("pix_late_payment")
    with op.batch_alter_table("pix_charge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pix_charge_created_at"))
        batch_op.drop_index(batch_op.f("ix_pix_charge_status"))
    op.drop_table("pix_charge")
    with op.batch_alter_table("card_payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_payment_sale_id"))
    op.drop_table("card_payment")
