"""What every command shares: the database URL, the language, and a lazily opened engine."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING

from i18n import Lang

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass
class AppContext:
    """Configuration resolved from the root options and the environment."""

    db_option: str | None = None
    lang: Lang = "sv"
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def db_url(self) -> str:
        from database.engine import database_url  # heavy: tests/test_startup_imports.py

        return database_url(self.db_option)

    def engine(self, *, require_schema: bool = True, read_only: bool = False) -> Engine:
        """The engine for the configured database; checks the schema exists unless told not to.

        A command that only reads passes ``read_only``: a SQLite store is then opened
        read-only (it works in a folder that cannot be written).  Only `init` (which does
        not require the schema) may create a SQLite file.
        """
        if self._engine is None:
            # heavy: tests/test_startup_imports.py
            from database.engine import check_schema
            from database.engine import make_engine
            from database.engine import require_store_file

            url = self.db_url
            if require_schema:
                require_store_file(url)
            self._engine = make_engine(url, read_only=read_only)
            if require_schema:
                check_schema(self._engine)
        return self._engine
