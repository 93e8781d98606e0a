"""A staged file may belong to no single municipality: a county compilation's upload

Revision ID: 0012_county_upload
Revises: 0011_review_loop
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_county_upload"
down_revision = "0011_review_loop"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staged_file", schema=None) as batch_op:
        batch_op.alter_column("municipality_code", existing_type=sa.String(length=4), nullable=True)


def downgrade() -> None:
    # A county compilation's staged copy is only kept for a day: dropping them is safe.
    op.execute("DELETE FROM staged_file WHERE municipality_code IS NULL")
    with op.batch_alter_table("staged_file", schema=None) as batch_op:
        batch_op.alter_column(
            "municipality_code", existing_type=sa.String(length=4), nullable=False
        )
