"""What every command shares: the database URL, the language, and a lazily opened engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass
class AppContext:
    """Configuration resolved from the root options and the environment."""

    db_option: str | None = None
    lang: str = "sv"
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def db_url(self) -> str:
        from miljomal.db import database_url

        return database_url(self.db_option)

    def engine(self, *, require_schema: bool = True) -> Engine:
        """The engine for the configured database; checks the schema exists unless told not to."""
        if self._engine is None:
            from miljomal.db import check_schema, make_engine

            self._engine = make_engine(self.db_url)
            if require_schema:
                check_schema(self._engine)
        return self._engine
