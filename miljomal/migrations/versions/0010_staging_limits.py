"""staged files: their size, the review's problems and the annotated copy kept with them

Revision ID: 0010_staging_limits
Revises: 0009_tokens
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_staging_limits"
down_revision = "0009_tokens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staged_file") as table:
        table.add_column(sa.Column("size", sa.Integer(), nullable=False, server_default="0"))
        table.add_column(sa.Column("problems", sa.Text(), nullable=True))
        table.add_column(sa.Column("annotated", sa.LargeBinary(), nullable=True))
        table.add_column(sa.Column("annotated_lang", sa.String(length=2), nullable=True))
        table.add_column(sa.Column("annotation_refusal", sa.String(length=40), nullable=True))
    # Files staged before: their size is their content's.
    op.execute("UPDATE staged_file SET size = length(content)")


def downgrade() -> None:
    with op.batch_alter_table("staged_file") as table:
        table.drop_column("annotation_refusal")
        table.drop_column("annotated_lang")
        table.drop_column("annotated")
        table.drop_column("problems")
        table.drop_column("size")
