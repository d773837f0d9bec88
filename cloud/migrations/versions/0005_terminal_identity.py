"""one terminal identity per token; revoked tokens; the admin audit; quarantined events

- `terminal`: `token_hash` may be null (a revoked terminal has no token), `last_seen_at`
  (last authenticated call), `revoked_at` / `revoked_reason`, and the rate limit's bucket
  (`rate_tokens`, `rate_at`). A terminal uuid is claimed by ONE terminal of a chain
  (`ux_terminal_chain_uuid`): where copies of a counter database were already bound
  under several tokens, the first to say hello keeps the uuid and the others are unbound
  (their next call answers `hello_required`, their hello `terminal_claimed`).
- `revoked_secret`: the SHA-256 of every revoked token or admin key, so a caller still
  using one is told it was revoked (not just "invalid").
- `admin_audit`: who did what to a chain's terminals and keys, and when.
- `quarantined_event`: events the endpoint refused, with the reason (never pulled).
- `conflict.resolve_request` / `resolved_terminal_uuid`: the request id of the resolve
  that closed the conflict and the counter that sent it, so a retry of that same
  resolve gets the same answer (and that counter knows the decision was its own).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("terminal", "token_hash", existing_type=sa.String(64), nullable=True)
    op.add_column("terminal", sa.Column("last_seen_at", sa.DateTime(timezone=True)))
    op.add_column("terminal", sa.Column("revoked_at", sa.DateTime(timezone=True)))
    op.add_column("terminal", sa.Column("revoked_reason", sa.Text()))
    op.add_column(
        "terminal",
        sa.Column("rate_tokens", sa.Float(), nullable=False, server_default=sa.text("0")),
    )
    op.add_column("terminal", sa.Column("rate_at", sa.DateTime(timezone=True)))
    op.execute(
        """
        UPDATE terminal SET terminal_uuid = NULL, terminal_name = NULL, store_uuid = NULL
        WHERE id IN (
            SELECT id FROM (
                SELECT id, row_number() OVER (
                    PARTITION BY chain_id, terminal_uuid ORDER BY hello_at, created_at, id
                ) AS place
                FROM terminal WHERE terminal_uuid IS NOT NULL
            ) ranked WHERE place > 1
        )
        """
    )
    op.create_index(
        "ux_terminal_chain_uuid", "terminal", ["chain_id", "terminal_uuid"], unique=True
    )
    op.create_table(
        "revoked_secret",
        sa.Column("secret_hash", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("chain_id", sa.String(36), sa.ForeignKey("chain.id"), nullable=False),
        sa.Column("terminal_id", sa.String(36)),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "admin_audit",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("chain_id", sa.String(36), sa.ForeignKey("chain.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(32), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("terminal_id", sa.String(36)),
        sa.Column("detail", postgresql.JSONB(), nullable=False),
    )
    op.create_index("ix_admin_audit_chain", "admin_audit", ["chain_id", "id"])
    op.create_table(
        "quarantined_event",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("chain_id", sa.String(36), sa.ForeignKey("chain.id"), nullable=False),
        sa.Column("terminal_id", sa.String(36), nullable=False),
        sa.Column("event_uuid", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("error", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("chain_id", "event_uuid"),
    )
    op.add_column("conflict", sa.Column("resolve_request", sa.String(36)))
    op.add_column("conflict", sa.Column("resolved_terminal_uuid", sa.String(36)))


def downgrade() -> None:
    op.drop_column("conflict", "resolved_terminal_uuid")
    op.drop_column("conflict", "resolve_request")
    op.drop_table("quarantined_event")
    op.drop_index("ix_admin_audit_chain", table_name="admin_audit")
    op.drop_table("admin_audit")
    op.drop_table("revoked_secret")
    op.drop_index("ux_terminal_chain_uuid", table_name="terminal")
    for column in ("rate_at", "rate_tokens", "revoked_reason", "revoked_at", "last_seen_at"):
        op.drop_column("terminal", column)
    op.alter_column("terminal", "token_hash", existing_type=sa.String(64), nullable=False)
