"""Alembic environment: runs migrations on the engine miljomal hands over."""

from __future__ import annotations

from alembic import context

import indicators.models  # noqa: F401  (registers the tables on the shared metadata)
import plan.models  # noqa: F401  (the action plan tables)
from municipalities.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        # A batch migration on SQLite rebuilds a table (copy, drop, rename), and SQLite
        # refuses to drop a table other tables refer to while it enforces foreign keys.
        # The pragma works only outside a transaction, hence on the driver's connection.
        driver = connection.connection.driver_connection if sqlite else None
        if driver is not None:
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                transaction_per_migration=False,
            )
            with context.begin_transaction():
                context.run_migrations()
                if driver is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:3]}")
            connection.commit()
        finally:
            if driver is not None:
                driver.execute("PRAGMA foreign_keys=ON")


run_migrations_online()
