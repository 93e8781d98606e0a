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
    sqlite = op.get_bind().dialect.name == "sqlite"
    _sqlite_foreign_keys(sqlite, "OFF")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint("uq_indicator_code", type_="unique")
        batch_op.create_unique_constraint("uq_indicator_set_id_code", ["set_id", "code"])
    _sqlite_foreign_keys(sqlite, "ON")


def downgrade() -> None:
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
