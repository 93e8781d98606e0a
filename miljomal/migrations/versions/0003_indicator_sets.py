"""indicator identity by (set, code): the same code may mean different things in two sets

Revision ID: 0003_indicator_sets
Revises: 0002
Create Date: 2026-11-30

Stored indicators and their values stay where they are (under sekom-2012); nothing is
renumbered.  Only the uniqueness moves from `code` to `(set_id, code)`, so that sekom-2023
can load its own GN.7.  The national targets that ship with the 2023 set apply unless a
county switches them off: `national_target_off` records that.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_indicator_sets"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _sqlite_foreign_keys(sqlite, "OFF")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint("uq_indicator_code", type_="unique")
        batch_op.create_unique_constraint("uq_indicator_set_id_code", ["set_id", "code"])
    _sqlite_foreign_keys(sqlite, "ON")
    op.create_table(
        "national_target_off",
        sa.Column("county_code", sa.String(length=2), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("switched_at", sa.DateTime(), nullable=False),
        sa.Column("switched_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["county_code"],
            ["county.code"],
            name=op.f("fk_national_target_off_county_code_county"),
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_national_target_off_indicator_id_indicator"),
        ),
        sa.PrimaryKeyConstraint("county_code", "indicator_id", name=op.f("pk_national_target_off")),
    )


def downgrade() -> None:
    op.drop_table("national_target_off")
    sqlite = op.get_bind().dialect.name == "sqlite"
    _sqlite_foreign_keys(sqlite, "OFF")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint("uq_indicator_set_id_code", type_="unique")
        batch_op.create_unique_constraint("uq_indicator_code", ["code"])
    _sqlite_foreign_keys(sqlite, "ON")


def _sqlite_foreign_keys(sqlite: bool, state: str) -> None:
    """Switch SQLite's foreign key checks, outside a transaction (where the pragma works).

    SQLite drops a table constraint only by copying the table and dropping the old one;
    observations and targets refer to indicator, so their foreign keys must not be checked
    meanwhile (as in 0004_intake).
    """
    if not sqlite:
        return
    with op.get_context().autocommit_block():
        raw = op.get_bind().connection.dbapi_connection
        if raw is not None:
            # miljomal's engine begins every transaction itself (BEGIN IMMEDIATE), also
            # this empty one; the pragma is ignored inside a transaction.
            if raw.in_transaction:
                raw.execute("COMMIT")
            raw.execute(f"PRAGMA foreign_keys={state}")
