"""indicator identity by (set, code): the same code may mean different things in two sets

Revision ID: 0003_indicator_sets
Revises: 0002
Create Date: 2026-11-30

Stored indicators and their values stay where they are (under sekom-2012); nothing is
renumbered.  Only the uniqueness moves from `code` to `(set_id, code)`, so that sekom-2023
can load its own GN.7.
"""

from __future__ import annotations

from alembic import op

revision = "0003_indicator_sets"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint("uq_indicator_code", type_="unique")
        batch_op.create_unique_constraint("uq_indicator_set_id_code", ["set_id", "code"])


def downgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint("uq_indicator_set_id_code", type_="unique")
        batch_op.create_unique_constraint("uq_indicator_code", ["code"])
