"""Alembic environment: runs migrations on the engine miljomal hands over."""

from __future__ import annotations

from alembic import context

import accounts.models  # noqa: F401  (the web portal's users, tokens, staged files)
import plan.models  # noqa: F401  (the action plan tables)
from database.base import Base

# The tables of values, the county and the Kolada sync, with the index not declared at import.
from indicators.models import declare_standing_upload_index

declare_standing_upload_index()
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
