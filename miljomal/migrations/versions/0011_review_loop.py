"""review loop: "Klar för granskning" (submit) and reverts that remove created values

A municipality's reporter marks its year ready for review: a `submit` event.  A revert
removes the values its upload created; their revisions stay, keeping where the value stood
(`municipality_code`, `indicator_id`, `year`) once `observation_id` is NULL, and the removal
itself is a revision whose `new_status` is NULL.

Revision ID: 0011_review_loop
Revises: 0010_staging_limits
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_review_loop"
down_revision = "0010_staging_limits"
branch_labels = None
depends_on = None

_WITH_SUBMIT = "action IN ('approve', 'return', 'reopen', 'lock', 'unlock', 'submit')"
_WITHOUT_SUBMIT = "action IN ('approve', 'return', 'reopen', 'lock', 'unlock')"


def _replace_check(condition: str) -> None:
    # SQLite cannot alter a CHECK constraint: batch mode copies the table.
    with op.batch_alter_table("county_event", recreate="auto") as batch_op:
        batch_op.drop_constraint(op.f("ck_county_event_action"), type_="check")
        batch_op.create_check_constraint(op.f("ck_county_event_action"), condition)


def upgrade() -> None:
    _replace_check(_WITH_SUBMIT)
    with op.batch_alter_table("revision") as batch_op:
        batch_op.add_column(sa.Column("municipality_code", sa.String(length=4), nullable=True))
        batch_op.add_column(sa.Column("indicator_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("year", sa.Integer(), nullable=True))
        batch_op.alter_column("observation_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("new_status", existing_type=sa.String(length=20), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM county_event WHERE action = 'submit'")
    _replace_check(_WITHOUT_SUBMIT)
    # The history of removed values cannot be kept without their observation.
    op.execute("DELETE FROM revision WHERE observation_id IS NULL")
    with op.batch_alter_table("revision") as batch_op:
        batch_op.alter_column("new_status", existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column("observation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("year")
        batch_op.drop_column("indicator_id")
        batch_op.drop_column("municipality_code")
