"""The site's open data described in DCAT-AP-SE 3.0.1, for dataportal.se to harvest.

Built with rdflib and written twice: RDF/XML at ``datasets/dcat`` (the path dataportal.se's
harvester asks for) and Turtle at ``datasets/dcat.ttl``.  The catalogue, the dataset and
each distribution get an IRI under the site's address (``publish --base-url``), never a
blank node, so a harvester sees the same things again on the next harvest.  The publisher
is dataportal.se's organisation IRI, ``http://dataportal.se/organisation/SE<orgnr>``.

Nothing here is guessed: without the site's address, the publisher's organisation number,
its name and a contact address the files are not written and the publication says which
setting is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from defusedxml import ElementTree as defused
from rdflib import Graph
from rdflib import Literal
from rdflib import Namespace
from rdflib import URIRef
from rdflib.namespace import DCAT
from rdflib.namespace import DCTERMS
from rdflib.namespace import FOAF
from rdflib.namespace import RDF
from rdflib.namespace import XSD

from i18n import Text
from reports.messages import SITE_LABELS
from reports.site.bulk import ZIP_PATH
from reports.site.data import SiteData
from reports.site.settings import SiteSettings
from reports.site.settings import publisher_iri

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
PREFIXES = {
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "vcard": VCARD,
    "locn": LOCN,
    "rdf": RDF,
}
EU = "http://publications.europa.eu/resource/authority/"
RDF_XML = "datasets/dcat"
ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
TURTLE = "datasets/dcat.ttl"

TITLE = SITE_LABELS["title"]
SWEDEN = SITE_LABELS["sweden"]
DESCRIPTION = Text(
    "Kommunernas värden för miljömålsindikatorerna (Sveriges Ekokommuners gröna nyckeltal) "
    "som de rapporterat till länsstyrelsen, per kommun, nyckeltal och år, med status och "
    "kommentar. Källa: kommunernas inrapportering (miljomal).",
    "The municipalities' values of the environmental objective indicators (the Swedish "
    "Eco-municipalities' green key indicators) as reported to the county administrative "
    "board, by municipality, indicator and year, with status and comment. Source: the "
    "municipalities' reporting (miljomal).",
)
CATALOG_TITLE = Text("Öppna data – {scope}", "Open data – {scope}")
CATALOG_DESCRIPTION = Text(
    "Öppna data från den publika webbplatsen med miljömålsindikatorer.",
    "Open data from the public website of environmental objective indicators.",
)
KEYWORDS = (
    Text("miljömål", "environmental objectives"),
    Text("gröna nyckeltal", "green key indicators"),
    Text("kommuner", "municipalities"),
)


@dataclass(frozen=True)
class Distribution:
    """One open-data file of the site and what it holds."""

    path: str
    title: Text
    media_type: str
    file_type: str  # the EU file-type authority's code


# One distribution per open-data file (data/), with format and media type.
DISTRIBUTIONS = (
    Distribution(
        "data/observations.csv",
        Text(
            "Värden per kommun, nyckeltal och år (CSV)",
            "Values by municipality, indicator and year (CSV)",
        ),
        "text/csv",
        "CSV",
    ),
    Distribution(
        "data/indicators.csv", Text("Nyckeltalen (CSV)", "The indicators (CSV)"), "text/csv", "CSV"
    ),
    Distribution(
        "data/municipalities.csv",
        Text("Kommunerna (CSV)", "The municipalities (CSV)"),
        "text/csv",
        "CSV",
    ),
    Distribution(
        ZIP_PATH,
        Text(
            "Alla öppna data i en zip-fil (datapaketet och dess CSV-filer)",
            "All the open data in one zip file (the data package and its CSV files)",
        ),
        "application/zip",
        "ZIP",
    ),
    Distribution(
        "data/datapackage.json",
        Text(
            "Frictionless Data Package med tabellscheman (JSON)",
            "Frictionless Data Package with table schemas (JSON)",
        ),
        "application/json",
        "JSON",
    ),
)


def _scopes(data: SiteData) -> tuple[str, str]:
    """The area's name in Swedish and English (only the whole country differs)."""
    if data.scope_name in (SWEDEN.sv, SWEDEN.en):
        return SWEDEN.sv, SWEDEN.en
    return data.scope_name, data.scope_name


def _both(graph: Graph, subject: URIRef, predicate: URIRef, text: Text, **params: str) -> None:
    graph.add((subject, predicate, Literal(text.render("sv", **params), lang="sv")))
    graph.add((subject, predicate, Literal(text.render("en", **params), lang="en")))


def catalog_graph(data: SiteData, settings: SiteSettings) -> Graph:
    """The catalogue, its one dataset and a distribution per open-data file, as a graph."""
    assert settings.base_url and settings.publisher_orgnr  # checked by missing_for_dcat
    base = settings.base_url.rstrip("/") + "/"
    here = base + RDF_XML
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    catalog = URIRef(here + "#catalog")
    dataset = URIRef(here + "#dataset")
    publisher = URIRef(publisher_iri(settings.publisher_orgnr))
    contact = URIRef(here + "#contact")
    license_ = URIRef(settings.license)
    sv, en = _scopes(data)

    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(CATALOG_TITLE.render("sv", scope=sv), lang="sv")))
    graph.add((catalog, DCTERMS.title, Literal(CATALOG_TITLE.render("en", scope=en), lang="en")))
    _both(graph, catalog, DCTERMS.description, CATALOG_DESCRIPTION)
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, license_))
    graph.add((catalog, FOAF.homepage, URIRef(base + "index.html")))
    graph.add((catalog, DCTERMS.language, URIRef(EU + "language/SWE")))
    graph.add((catalog, DCAT.dataset, dataset))

    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(settings.organisation.name, lang="sv")))

    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(settings.organisation.name, lang="sv")))
    address = settings.organisation.contact or ""
    if address.startswith(("https://", "http://")):
        graph.add((contact, VCARD.hasURL, URIRef(address)))
    else:
        graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + address.removeprefix("mailto:"))))

    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(TITLE.render("sv", scope=sv), lang="sv")))
    graph.add((dataset, DCTERMS.title, Literal(TITLE.render("en", scope=en), lang="en")))
    _both(graph, dataset, DCTERMS.description, DESCRIPTION)
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCAT.landingPage, URIRef(base + "index.html")))
    graph.add((dataset, DCTERMS.language, URIRef(EU + "language/SWE")))
    graph.add((dataset, DCAT.theme, URIRef(EU + "data-theme/ENVI")))
    graph.add((dataset, DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/ANNUAL")))
    for keyword in KEYWORDS:
        _both(graph, dataset, DCAT.keyword, keyword)
    _coverage(graph, data, dataset, here, sv)
    if data.series:
        graph.add((dataset, DCTERMS.modified, Literal(data.data_date(), datatype=XSD.date)))

    for item in DISTRIBUTIONS:
        distribution = URIRef(f"{here}#{item.path.rsplit('/', 1)[-1]}")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        _both(graph, distribution, DCTERMS.title, item.title)
        graph.add((distribution, DCAT.accessURL, URIRef(base + item.path)))
        graph.add((distribution, DCAT.downloadURL, URIRef(base + item.path)))
        graph.add((distribution, DCTERMS.format, URIRef(EU + "file-type/" + item.file_type)))
        graph.add(
            (
                distribution,
                DCAT.mediaType,
                URIRef("https://www.iana.org/assignments/media-types/" + item.media_type),
            )
        )
        graph.add((distribution, DCTERMS.license, license_))
    return graph


def _coverage(graph: Graph, data: SiteData, dataset: URIRef, here: str, scope: str) -> None:
    """The years the values cover and the area (Sweden, and the county or group by its
    Swedish name, ``scope``)."""
    years = sorted({p.year for s in data.series.values() for p in s.points})
    if years:
        period = URIRef(here + "#period")
        graph.add((dataset, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        start, end = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
        graph.add((period, DCAT.startDate, Literal(start.isoformat(), datatype=XSD.date)))
        graph.add((period, DCAT.endDate, Literal(end.isoformat(), datatype=XSD.date)))
    graph.add((dataset, DCTERMS.spatial, URIRef(EU + "country/SWE")))
    if scope != SWEDEN.sv:
        area = URIRef(here + "#area")
        graph.add((dataset, DCTERMS.spatial, area))
        graph.add((area, RDF.type, DCTERMS.Location))
        graph.add((area, LOCN.geographicName, Literal(scope, lang="sv")))


def dcat_files(data: SiteData, settings: SiteSettings) -> Iterator[tuple[str, bytes]]:
    """``datasets/dcat`` (RDF/XML) and ``datasets/dcat.ttl`` (Turtle)."""
    graph = catalog_graph(data, settings)
    yield RDF_XML, _canonical_xml(graph)
    yield TURTLE, graph.serialize(format="turtle", encoding="utf-8")


def _canonical_xml(graph: Graph) -> bytes:
    """RDF/XML in one order: a subject per element, subjects and properties sorted.

    rdflib writes subjects and namespace declarations in the order of its sets, which
    follows Python's string hashing and so changes from one process to the next; a site
    republished from unchanged data must come out byte for byte the same.
    """
    document = graph.serialize(format="xml", encoding="utf-8")
    for prefix, namespace in PREFIXES.items():
        ElementTree.register_namespace(prefix, str(namespace))
    root = defused.fromstring(document)
    for element in root:
        element[:] = sorted(element, key=_element_key)
    root[:] = sorted(root, key=lambda e: (e.get(ABOUT, ""), _element_key(e)))
    for element in root.iter():
        element.tail = None
        if len(element):
            element.text = None
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n").encode("utf-8")


def _element_key(element: ElementTree.Element) -> tuple[str, str, str]:
    return (element.tag, repr(sorted(element.attrib.items())), element.text or "")
