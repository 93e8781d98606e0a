"""`miljomal init`: bring a store to the newest schema and load the bundled reference data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from database.engine import session_scope
from intake.catalogue_file import load_bundled_catalogues
from miljomal.db import upgrade
from municipalities.registry import load_registry

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass
class InitSummary:
    """What `init` found and did."""

    counties: int
    municipalities: int
    indicator_sets: int
    indicators: int


def initialise(engine: Engine) -> InitSummary:
    """Create or upgrade the schema, then load the registry and bundled catalogues (idempotent)."""
    upgrade(engine)
    with session_scope(engine) as session:
        counties, municipalities = load_registry(session)
        sets, indicators = load_bundled_catalogues(session)
    return InitSummary(counties, municipalities, sets, indicators)
