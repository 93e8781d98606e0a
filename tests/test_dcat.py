"""The site's DCAT-AP-SE 3.0.1 catalogue: what dataportal.se harvests at `datasets/dcat`.

Parsed back with rdflib, the catalogue must hold every property the profile marks mandatory
(Catalog: title, description, publisher, dataset, license; Dataset: title, description,
publisher, contact point; Distribution: access URL; Agent: name; contact: fn and e-mail),
and the catalogue, dataset and distributions must be IRIs under the site's address.

pySHACL is not used: DIGG publishes no SHACL shapes for DCAT-AP-SE in any package.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import approve_years
from rdflib import BNode
from rdflib import Graph
from rdflib import Literal
from rdflib import Namespace
from rdflib import URIRef
from rdflib.compare import isomorphic
from test_publish_site import excel_csv

# Plain namespaces: pytest's collection probes module attributes, and rdflib's closed ones
# warn on every unknown name.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
BASE = "https://miljo.example.se/indikatorer/"
HARVEST = (
    "--base-url",
    BASE,
    "--publisher-orgnr",
    "202100-2288",
    "--org-name",
    "Länsstyrelsen Västernorrland",
    "--org-contact",
    "miljomal@lansstyrelsen.example.se",
)
PUBLISHER = URIRef("http://dataportal.se/organisation/SE2021002288")
CC_BY = URIRef("http://creativecommons.org/licenses/by/4.0/")


@pytest.fixture
def reported(miljomal, store_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Sundsvall's GN.6 for 2017-2024, approved, and Timrå's 2024, not approved."""
    rows = [f"Sundsvall;GN.6;{year};{year - 2000},5;;" for year in range(2017, 2025)]
    rows.append("Timrå;GN.6;2024;3,5;;")
    result = miljomal("import", str(excel_csv(tmp_path / "in.csv", *rows)), "--user", "anna")
    assert result.exit_code == 0, result.output
    approve_years(store_url, "2281", range(2017, 2025))
    return miljomal


FILES = [
    "observations.csv",
    "indicators.csv",
    "municipalities.csv",
    "miljomal-oppna-data.zip",
    "datapackage.json",
]
MEDIA = {"CSV": "text/csv", "JSON": "application/json", "ZIP": "application/zip"}


def published(reported, site: Path, *options: str) -> Graph:  # type: ignore[no-untyped-def]
    result = reported("publish", "-o", str(site), *HARVEST, *options)
    assert result.exit_code == 0, result.output
    graph = Graph()
    graph.parse(site / "datasets" / "dcat", format="xml")
    return graph


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The languages of a property's literals, sorted (one literal per language)."""
    values = list(graph.objects(subject, predicate))
    assert all(isinstance(v, Literal) and str(v).strip() for v in values), values
    return sorted(v.language for v in values)  # type: ignore[union-attr]


def test_rdf_xml_at_datasets_dcat_holds_every_mandatory_property(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = published(reported, tmp_path / "site")

    [catalog] = graph.subjects(RDF.type, DCAT.Catalog)
    [dataset] = graph.subjects(RDF.type, DCAT.Dataset)
    distributions = sorted(graph.subjects(RDF.type, DCAT.Distribution))
    assert catalog == URIRef(BASE + "datasets/dcat#catalog")
    assert dataset == URIRef(BASE + "datasets/dcat#dataset")
    for node in (catalog, dataset, *distributions):
        assert isinstance(node, URIRef) and str(node).startswith(BASE)
    assert not any(isinstance(s, BNode) for s in graph.subjects())

    # Catalog
    assert languages(graph, catalog, DCTERMS["title"]) == ["en", "sv"]
    assert languages(graph, catalog, DCTERMS.description) == ["en", "sv"]
    assert list(graph.objects(catalog, DCTERMS.publisher)) == [PUBLISHER]
    assert list(graph.objects(catalog, DCAT.dataset)) == [dataset]
    assert list(graph.objects(catalog, DCTERMS.license)) == [CC_BY]
    # Dataset
    assert languages(graph, dataset, DCTERMS["title"]) == ["en", "sv"]
    assert languages(graph, dataset, DCTERMS.description) == ["en", "sv"]
    assert list(graph.objects(dataset, DCTERMS.publisher)) == [PUBLISHER]
    [contact] = graph.objects(dataset, DCAT.contactPoint)
    assert str(graph.value(contact, VCARD.fn)) == "Länsstyrelsen Västernorrland"
    assert graph.value(contact, VCARD.hasEmail) == URIRef(
        "mailto:miljomal@lansstyrelsen.example.se"
    )
    # Temporal and spatial coverage: the published years 2017-2024, Sweden and the county.
    period = graph.value(dataset, DCTERMS.temporal)
    assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == (
        "2017-01-01",
        "2024-12-31",
    )
    spatial = set(graph.objects(dataset, DCTERMS.spatial))
    assert URIRef("http://publications.europa.eu/resource/authority/country/SWE") in spatial
    # Agent
    assert str(graph.value(PUBLISHER, FOAF.name)) == "Länsstyrelsen Västernorrland"
    assert graph.value(PUBLISHER, RDF.type) == FOAF.Agent
    # Distribution: one per open-data file, with access URL, format, media type and licence.
    assert sorted(graph.objects(dataset, DCAT.distribution)) == distributions
    by_url = {str(graph.value(d, DCAT.accessURL)): d for d in distributions}
    assert sorted(by_url) == sorted(BASE + "data/" + name for name in FILES)
    for url, distribution in by_url.items():
        assert (tmp_path / "site" / url.removeprefix(BASE)).is_file()
        kind = url.rsplit(".", 1)[-1].upper()
        assert graph.value(distribution, DCTERMS["format"]) == URIRef(
            f"http://publications.europa.eu/resource/authority/file-type/{kind}"
        )
        media = MEDIA[kind]
        assert graph.value(distribution, DCAT.mediaType) == URIRef(
            f"https://www.iana.org/assignments/media-types/{media}"
        )
        assert graph.value(distribution, DCTERMS.license) == CC_BY
        assert languages(graph, distribution, DCTERMS["title"]) == ["en", "sv"]


def test_turtle_beside_it_says_the_same_and_catalog_json_is_gone(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    graph = published(reported, site)
    turtle = Graph().parse(site / "datasets" / "dcat.ttl", format="turtle")
    assert isomorphic(graph, turtle)
    assert not (site / "data" / "catalog.json").exists()


def test_licence_is_configurable(reported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cc0 = "http://creativecommons.org/publicdomain/zero/1.0/"
    graph = published(reported, tmp_path / "site", "--license", cc0)
    assert set(graph.objects(None, DCTERMS.license)) == {URIRef(cc0)}


def test_without_the_harvest_settings_no_catalogue_and_the_output_says_what_is_missing(
    reported, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    result = reported("publish", "-o", str(site), "--org-name", "Länsstyrelsen Västernorrland")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "datasets/dcat skrevs inte (katalogen för dataportal.se): ange --base-url, "
        "--publisher-orgnr, --org-contact."
    )
    assert not (site / "datasets").exists()


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--publisher-orgnr", "12345", "organisationsnummer med tio siffror"),
        ("--base-url", "miljo.example.se", "webbadress som börjar med https://"),
    ],
)
def test_a_bad_setting_is_a_usage_error_naming_the_option(  # type: ignore[no-untyped-def]
    reported, tmp_path: Path, option: str, value: str, expected: str
) -> None:
    site = tmp_path / "site"
    options = list(HARVEST)
    options[options.index(option) + 1] = value
    result = reported("publish", "-o", str(site), *options)
    assert result.exit_code == 2
    assert option in result.output and expected in result.output
    assert not site.exists()


def test_republished_in_another_process_the_rdf_xml_is_byte_for_byte_the_same(
    reported, tmp_path: Path, store_url: str
) -> None:  # type: ignore[no-untyped-def]
    """rdflib's own order follows string hashing, which differs between processes."""
    site = tmp_path / "site"
    published(reported, site)
    before = (site / "datasets" / "dcat").read_bytes()
    command = [sys.executable, "-m", "miljomal", "--db", store_url, "publish", "-o", str(site)]
    for seed in ("1", "2"):
        subprocess.run(
            [*command, *HARVEST],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert (site / "datasets" / "dcat").read_bytes() == before
