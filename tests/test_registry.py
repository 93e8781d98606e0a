"""The municipality registry: bundled data, lookup of codes and names, SEkom flags and groups."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from municipalities.errors import GroupExists
from municipalities.errors import InvalidGroup
from municipalities.errors import InvalidYear
from municipalities.errors import UnknownCounty
from municipalities.errors import UnknownGroup
from municipalities.errors import UnknownMunicipality
from municipalities.registry import DEFAULT_COUNTY
from municipalities.registry import counties
from municipalities.registry import municipalities
from municipalities.registry import municipalities_in_county
from municipalities.registry import normalise_name
from municipalities.registry import resolve_county
from municipalities.registry import resolve_municipality

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


def _reference(name: str) -> list[dict[str, str]]:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"reference file {path} is absent; comparison with it skipped")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def registry_store(migrated):  # type: ignore[no-untyped-def]
    """A store with the schema and the registry, independent of the indicator catalogues."""
    from database.engine import session_scope
    from miljomal.db import upgrade
    from municipalities.registry import load_registry

    upgrade(migrated)  # already at head: a copy of the session's migrated template
    with session_scope(migrated) as session:
        load_registry(session)
    return migrated


# --- the bundled data ---------------------------------------------------------------------


def test_every_municipality_matches_the_reference() -> None:
    expected = [
        (
            r["municipality_code"],
            r["municipality_name"],
            r["municipality_name_short"],
            r["county_code"],
        )
        for r in _reference("municipalities.csv")
    ]
    bundled = [(m.code, m.name, m.short_name, m.county_code) for m in municipalities()]
    assert bundled == expected
    assert len(bundled) == 290


def test_every_county_matches_the_reference() -> None:
    expected = [
        (r["county_code"], r["county_name"], r["county_name_short"])
        for r in _reference("counties.csv")
    ]
    assert [(c.code, c.name, c.short_name) for c in counties()] == expected
    assert len(expected) == 21


def test_every_municipality_belongs_to_a_bundled_county() -> None:
    county_codes = {c.code for c in counties()}
    assert {m.county_code for m in municipalities()} == county_codes


def test_data_files_are_semicolon_separated_with_swedish_headers() -> None:
    data = Path(__file__).resolve().parents[1] / "municipalities" / "data"
    kommuner = (data / "kommuner.csv").read_text(encoding="utf-8").splitlines()
    lan = (data / "lan.csv").read_text(encoding="utf-8").splitlines()
    assert kommuner[0] == "kommunkod;namn;kortnamn;länskod"
    assert "2281;Sundsvalls kommun;Sundsvall;22" in kommuner
    assert lan[0] == "länskod;namn;kortnamn"
    assert "22;Västernorrlands län;Västernorrland" in lan


def test_default_county_is_vasternorrland() -> None:
    assert resolve_county(DEFAULT_COUNTY).name == "Västernorrlands län"
    assert [m.short_name for m in municipalities_in_county(DEFAULT_COUNTY)] == [
        "Ånge",
        "Timrå",
        "Härnösand",
        "Sundsvall",
        "Kramfors",
        "Sollefteå",
        "Örnsköldsvik",
    ]


# --- lookup -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Örnsköldsviks kommun", "ornskoldsvik"),
        ("  SUNDSVALLS   kommun ", "sundsvall"),
        ("Västernorrlands län", "vasternorrland"),
        ("Skåne län", "skane"),
        ("Malmö stad", "malmo"),
        ("Upplands-Bro", "upplands bro"),
        ("Région Gotland", "gotland"),
        ("Kramfors", "kramfors"),
    ],
)
def test_names_are_normalised_for_comparison(text: str, expected: str) -> None:
    assert normalise_name(text) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2284",
        2284,
        2284.0,
        "2284.0",
        " 2284 ",
        "Örnsköldsvik",
        "ornskoldsvik",
        "Örnsköldsviks kommun",
        "ÖRNSKÖLDSVIK",
        "Ornskoldsviks kommun",
        "2284 Örnsköldsvik",
    ],
)
def test_municipality_is_found_by_code_or_name(value: object) -> None:
    assert resolve_municipality(value).code == "2284"


@pytest.mark.parametrize("value", ["114", 114, 114.0, "0114", "Upplands Väsby", "Upplands-Väsby"])
def test_leading_zero_of_a_code_may_be_missing(value: object) -> None:
    assert resolve_municipality(value).code == "0114"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Grums kommun", "1764"),
        ("Grums", "1764"),
        ("Kramfors kommun", "2282"),
        ("Stockholms stad", "0180"),
        ("Göteborgs stad", "1480"),
        ("Region Gotland", "0980"),
    ],
)
def test_names_ending_in_s_and_city_names_are_found(value: str, code: str) -> None:
    assert resolve_municipality(value).code == code


def test_names_equal_without_accents_are_told_apart_by_exact_spelling() -> None:
    assert resolve_municipality("Habo").code == "0643"
    assert resolve_municipality("Håbo").code == "0305"
    assert resolve_municipality("HÅBO").code == "0305"
    assert resolve_municipality("Håbo kommun").code == "0305"


def test_names_equal_without_accents_and_spelled_neither_way_suggest_both() -> None:
    with pytest.raises(UnknownMunicipality) as caught:
        resolve_municipality("Habö")
    assert caught.value.suggestions == ["Håbo", "Habo"]


def test_near_miss_name_suggests_the_municipality() -> None:
    with pytest.raises(UnknownMunicipality) as caught:
        resolve_municipality("Sundsval")
    error = caught.value
    assert error.value == "Sundsval"
    assert error.suggestions == ["Sundsvall"]
    assert str(error) == "unknown municipality 'Sundsval' (did you mean Sundsvall?)"
    assert error.message("en") == str(error)
    assert error.message("sv") == "okänd kommun 'Sundsval' (menade du Sundsvall?)"


@pytest.mark.parametrize("value", ["9999", 9999, 2284.5, "22840", None, True, "", "2284 Sundsvall"])
def test_values_naming_no_municipality_are_refused(value: object) -> None:
    with pytest.raises(UnknownMunicipality) as caught:
        resolve_municipality(value)
    assert caught.value.suggestions == []
    assert "\n" not in str(caught.value)


def test_repeated_unknown_values_raise_a_fresh_error_each_time() -> None:
    errors = []
    for _ in range(2):
        with pytest.raises(UnknownMunicipality) as caught:
            resolve_municipality("Sundsval")
        errors.append(caught.value)
    assert errors[0] is not errors[1]
    assert errors[0].suggestions == errors[1].suggestions == ["Sundsvall"]


@pytest.mark.parametrize(
    "value", ["22", 22, 22.0, "Västernorrland", "Västernorrlands län", "vasternorrland"]
)
def test_county_is_found_by_code_or_name(value: object) -> None:
    assert resolve_county(value).code == "22"


def test_county_code_without_leading_zero_is_found() -> None:
    assert resolve_county(1).name == "Stockholms län"
    assert resolve_county("Skåne län").code == "12"


def test_near_miss_county_suggests_counties() -> None:
    with pytest.raises(UnknownCounty) as caught:
        resolve_county("Västernorland")
    assert caught.value.suggestions[0] == "Västernorrland"
    assert str(caught.value).startswith(
        "unknown county 'Västernorland' (did you mean Västernorrland"
    )
    assert caught.value.message("sv").startswith(
        "okänt län 'Västernorland' (menade du Västernorrland"
    )


def test_unknown_county_code_is_refused() -> None:
    with pytest.raises(UnknownCounty, match=r"^unknown county '99'$"):
        resolve_county("99")


# --- the registry in a store ---------------------------------------------------------------


def test_loading_the_registry_stores_every_county_and_municipality(engine) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from miljomal.db import upgrade
    from municipalities.registry import list_municipalities
    from municipalities.registry import load_registry

    upgrade(engine)
    with session_scope(engine) as session:
        assert load_registry(session) == (21, 290)
    with session_scope(engine) as session:
        stored = list_municipalities(session)
        assert len(stored) == 290
        assert (stored[0].code, stored[0].name, stored[0].county_code) == (
            "0114",
            "Upplands Väsby kommun",
            "01",
        )
        assert [m.code for m in list_municipalities(session, county_code="Västernorrland")] == [
            "2260",
            "2262",
            "2280",
            "2281",
            "2282",
            "2283",
            "2284",
        ]


def test_loading_the_registry_again_keeps_sekom_flags(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.models import Municipality
    from municipalities.registry import load_registry
    from municipalities.registry import set_sekom_member

    with session_scope(registry_store) as session:
        set_sekom_member(session, "Sundsvall", 2008)
        session.get(Municipality, "2262").name = "Timrå (renamed)"
    with session_scope(registry_store) as session:
        assert load_registry(session) == (21, 290)
    with session_scope(registry_store) as session:
        sundsvall = session.get(Municipality, "2281")
        assert (sundsvall.sekom_member, sundsvall.sekom_since) == (True, 2008)
        assert session.get(Municipality, "2262").name == "Timrå kommun"


def test_sekom_membership_is_set_and_removed(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.registry import list_municipalities
    from municipalities.registry import sekom_members
    from municipalities.registry import set_sekom_member

    with session_scope(registry_store) as session:
        set_sekom_member(session, "2284", 2001)
        set_sekom_member(session, "Timrå kommun", None)
        set_sekom_member(session, 1480, 1999)
    with session_scope(registry_store) as session:
        assert sekom_members(session) == ["1480", "2262", "2284"]
        members = list_municipalities(session, county_code="22", members_only=True)
        assert [(m.code, m.sekom_since) for m in members] == [("2262", None), ("2284", 2001)]
        set_sekom_member(session, "Örnsköldsvik", 2001, member=False)
    with session_scope(registry_store) as session:
        assert sekom_members(session) == ["1480", "2262"]
        assert list_municipalities(session, county_code=22)[6].sekom_since is None


def test_implausible_sekom_year_is_refused(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.registry import set_sekom_member

    with session_scope(registry_store) as session, pytest.raises(InvalidYear):
        set_sekom_member(session, "2281", 208)


def test_listing_an_unknown_county_fails(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.registry import list_municipalities

    with session_scope(registry_store) as session, pytest.raises(UnknownCounty):
        list_municipalities(session, county_code="Norrland")


def test_group_round_trip(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.groups import create_group
    from municipalities.groups import delete_group
    from municipalities.groups import get_group
    from municipalities.groups import group_members
    from municipalities.groups import groups_of
    from municipalities.groups import list_groups

    with session_scope(registry_store) as session:
        group = create_group(
            session, "SEkom Y", ["2281", "Timrå", 2284, "2281"], description="SEkom i länet"
        )
        assert group.member_codes == ["2262", "2281", "2284"]
    with session_scope(registry_store) as session:
        assert group_members(session, "SEkom Y") == ["2262", "2281", "2284"]
        assert get_group(session, "sekom y").description == "SEkom i länet"
        assert groups_of(session, "2281") == ["SEkom Y"]
        assert [(g.name, g.member_codes) for g in list_groups(session)] == [
            ("SEkom Y", ["2262", "2281", "2284"])
        ]
        create_group(session, "SEkom Y", ["2260"], replace=True)
    with session_scope(registry_store) as session:
        assert group_members(session, "SEkom Y") == ["2260"]
        assert get_group(session, "SEkom Y").description is None
        delete_group(session, "SEkom Y")
    with session_scope(registry_store) as session:
        assert list_groups(session) == []
        assert groups_of(session, "2260") == []


def test_group_with_unknown_members_names_every_one(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.groups import create_group
    from municipalities.groups import list_groups

    with session_scope(registry_store) as session, pytest.raises(InvalidGroup) as caught:
        create_group(session, "Kust", ["2281", "Sundsval", "9999"])
    assert str(caught.value) == (
        "unknown municipalities in the group: 'Sundsval' (did you mean Sundsvall?), '9999'"
    )
    assert caught.value.message("sv") == (
        "okända kommuner i gruppen: 'Sundsval' (menade du Sundsvall?), '9999'"
    )
    with session_scope(registry_store) as session:
        assert list_groups(session) == []


def test_existing_group_is_kept_unless_replaced(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.groups import create_group
    from municipalities.groups import group_members

    with session_scope(registry_store) as session:
        create_group(session, "Kust", ["2281"])
    with session_scope(registry_store) as session, pytest.raises(GroupExists):
        create_group(session, "Kust", ["2260"])
    with session_scope(registry_store) as session:
        assert group_members(session, "Kust") == ["2281"]


def test_group_without_members_is_refused(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.groups import create_group

    with session_scope(registry_store) as session, pytest.raises(InvalidGroup, match="at least"):
        create_group(session, "Tom", ["", " "])


def test_unknown_group_suggests_close_names(registry_store) -> None:  # type: ignore[no-untyped-def]
    from database.engine import session_scope
    from municipalities.groups import create_group
    from municipalities.groups import delete_group

    with session_scope(registry_store) as session:
        create_group(session, "SEkom Y", ["2281"])
    with session_scope(registry_store) as session, pytest.raises(UnknownGroup) as caught:
        delete_group(session, "SEkom X")
    assert str(caught.value) == "no group named 'SEkom X' (did you mean SEkom Y?)"


def test_a_long_unknown_value_is_shortened_in_the_message() -> None:
    from municipalities.errors import UnknownMunicipality
    from municipalities.registry import resolve_municipality

    with pytest.raises(UnknownMunicipality) as caught:
        resolve_municipality("x" * 10_000)
    assert len(caught.value.message("sv")) < 100
    assert caught.value.message("en").endswith("…")
