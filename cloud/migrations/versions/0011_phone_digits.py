"""each customer's phone as the endpoint matches it, indexed

The page's sign-in and the WhatsApp opt-out found a customer by reading every customer
of the chain (or matching the phone's text); they now look `phone_digits` up in an index
(`cloud.phones`: DDD + number, the mobile's ninth digit put back). The rows held are
filled here from data->>'phone' by one UPDATE in the database (nothing is read into
Python), through a temporary function that is the rule of `cloud.phones.phone_digits`
written in PL/pgSQL. Anonymized customers stay NULL: they are never found.

On a big table: adding the nullable column is instant; the UPDATE writes a new version of
each row that gets a key (a few seconds per million rows, no memory beyond the row at
hand); the index is then built once, over the filled column. All of it runs in the
upgrade's one transaction, so the customer table is locked (ADD COLUMN's lock: readers
too) until it commits.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

KEY = "pg_temp.phone_digits_0011"
"""`cloud.phones.phone_digits` as it is at this migration, step by step, for this session."""
FUNCTION = f"""
CREATE FUNCTION {KEY}(phone text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    d text := regexp_replace(phone, '[^0-9]', '', 'g');
BEGIN
    IF length(d) IN (12, 13) AND left(d, 2) = '55' THEN
        d := substr(d, 3);
    ELSIF length(d) = 12 AND left(d, 1) = '0' THEN
        d := substr(d, 2);
    END IF;
    IF length(d) = 10 AND substr(d, 3, 1) IN ('6', '7', '8', '9') THEN
        d := left(d, 2) || '9' || substr(d, 3);
    END IF;
    RETURN CASE WHEN length(d) IN (10, 11) THEN d END;
END
$$
"""


def upgrade() -> None:
    op.add_column("customer", sa.Column("phone_digits", sa.String(11), nullable=True))
    op.execute(FUNCTION)
    # Only the rows that get a key are rewritten; the others stay NULL as added.
    op.execute(
        f"UPDATE customer SET phone_digits = {KEY}(data->>'phone') "
        f"WHERE anonymized IS FALSE AND {KEY}(data->>'phone') IS NOT NULL"
    )
    op.execute(f"DROP FUNCTION {KEY}(text)")
    op.create_index("ix_customer_phone", "customer", ["chain_id", "phone_digits"])


def downgrade() -> None:
    op.drop_index("ix_customer_phone", table_name="customer")
    op.drop_column("customer", "phone_digits")
