"""Indicator sets as versions: a code means something only within its set.

SEkom renumbered its gröna nyckeltal in 2023: GN.7 is household waste (kg/person) in the
2012 set and renewable and recovered energy in premises (%) in the 2023 set.
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from indicators.models import Indicator, IndicatorSet, Observation


def test_migration_keeps_stored_values_under_sekom_2012_and_lets_2023_reuse_codes(
    engine: Engine,
) -> None:
    from alembic import command

    from indicators.catalogue import bundled_catalogues, load_catalogue
    from miljomal.bootstrap import initialise
    from miljomal.db import alembic_config, session_scope
    from municipalities.registry import load_registry

    # A store as it was before this change: schema 0002, the 2012 set, one stored value.
    command.upgrade(alembic_config(engine), "0002")
    with session_scope(engine) as session:
        load_registry(session)
        load_catalogue(session, bundled_catalogues()[0])
    with engine.begin() as connection:
        gn7 = connection.execute(text("SELECT id FROM indicator WHERE code = 'GN.7'")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO observation (municipality_code, indicator_id, year, value, status,"
                " updated_at) VALUES ('2281', :id, 2015, 455, 'reported', '2016-01-01')"
            ),
            {"id": gn7},
        )

    initialise(engine)  # upgrades to the newest schema and loads sekom-2023 beside 2012

    with session_scope(engine) as session:
        rows = session.execute(
            select(IndicatorSet.code, Indicator.code, Indicator.unit, Observation.value)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
        ).all()
        meanings = session.execute(
            select(IndicatorSet.code, Indicator.unit)
            .join(IndicatorSet, IndicatorSet.id == Indicator.set_id)
            .where(Indicator.code == "GN.7")
            .order_by(IndicatorSet.code)
        ).all()
    assert [tuple(row) for row in rows] == [("sekom-2012", "GN.7", "kg/person", 455.0)]
    assert [tuple(row) for row in meanings] == [("sekom-2012", "kg/person"), ("sekom-2023", "%")]
