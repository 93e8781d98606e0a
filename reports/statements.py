"""The statements a Swedish public body must publish: accessibility and personal data.

The public site (`miljomal publish`) and the portal show the same two texts, built here as
a :class:`Statement` that each renders with its own template.  Who runs the service, where
to write, when it was assessed and how long names are kept come from the county's settings
(:class:`Organisation`) and are never guessed: a missing setting is named on the page.

The accessibility statement follows DIGG's model (lag 2018:1937 om tillgänglighet till
digital offentlig service): conformance status, content that is not accessible and why,
how it was evaluated, the dates, the feedback address and DIGG's form for reporting a
deficiency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from typing import Literal

from i18n import Lang
from i18n import Messages
from i18n import Text

DIGG_FORM = "https://www.digg.se/tdosanmalan"
SITE: Literal["site"] = "site"
PORTAL: Literal["portal"] = "portal"
Service = Literal["site", "portal"]

# The conformance status DIGG asks for is one of three; miljomal's known gaps (below) make
# it "delvis" for both services.
CONFORMANCE = "partial"
CONFORMANCE_WORDS = Messages(
    {
        "full": Text("helt förenlig", "fully compliant"),
        "partial": Text("delvis förenlig", "partially compliant"),
        "none": Text("inte förenlig", "not compliant"),
    }
)

# Each setting, as the publish command and the portal's environment name it.
SETTINGS = {
    "name": ("--org-name", "MILJOMAL_ORG_NAME"),
    "contact": ("--org-contact", "MILJOMAL_ORG_CONTACT"),
    "assessed": ("--assessed", "MILJOMAL_ACCESSIBILITY_ASSESSED"),
    "retention_years": ("", "MILJOMAL_RETENTION_YEARS"),
}

TEXTS = Messages(
    {
        "accessibility": Text("Tillgänglighetsredogörelse", "Accessibility statement"),
        "privacy": Text("Personuppgifter", "Personal data"),
        "missing-word": Text("uppgift saknas", "not given"),
        "missing": Text(
            "Uppgifter saknas i inställningarna, så redogörelsen är inte komplett:",
            "Settings are missing, so the statement is not complete:",
        ),
        "missing-name": Text("organisationens namn", "the organisation's name"),
        "missing-contact": Text("kontaktadress", "contact address"),
        "missing-assessed": Text("datum för bedömningen", "the date of the assessment"),
        "missing-retention_years": Text(
            "hur många år namn och e-post sparas", "how many years names and e-mail are kept"
        ),
        "not-a-date": Text(
            "{setting} är inte ett datum (ÅÅÅÅ-MM-DD): {value}",
            "{setting} is not a date (YYYY-MM-DD): {value}",
        ),
        "not-years": Text(
            "{setting} är inte ett antal år: {value}",
            "{setting} is not a number of years: {value}",
        ),
        "site-what": Text(
            "webbplatsen med miljömålsindikatorer", "the website of environmental indicators"
        ),
        "portal-what": Text(
            "portalen för inrapportering av miljömålsindikatorer",
            "the portal for reporting environmental indicators",
        ),
        "intro": Text(
            "{org} står bakom {what}. Vi vill att så många som möjligt ska kunna använda den. "
            "Här beskriver vi hur {what} uppfyller lagen (2018:1937) om tillgänglighet till "
            "digital offentlig service, vilka kända brister som finns och hur du kan "
            "rapportera brister till oss så att vi kan åtgärda dem.",
            "{org} is responsible for {what}. We want as many people as possible to be able "
            "to use it. This statement describes how {what} complies with the Swedish Act "
            "(2018:1937) on accessibility to digital public services, the known gaps, and how "
            "you can report problems to us so that we can fix them.",
        ),
        "cannot-use": Text(
            "Om du inte kan använda delar av {what}",
            "If you cannot use parts of {what}",
        ),
        "cannot-use-text": Text(
            "Om du behöver innehåll som inte är tillgängligt för dig kan du be oss om det i "
            "annan form. Kontakt: {contact}.",
            "If you need content that is not accessible to you, you can ask us for it in "
            "another form. Contact: {contact}.",
        ),
        "report": Text("Rapportera brister i tillgängligheten", "Report accessibility problems"),
        "report-text": Text(
            "Om du upptäcker problem som inte beskrivs här, eller om du anser att vi inte "
            "uppfyller lagens krav, berätta det för oss så att vi kan åtgärda det: {contact}.",
            "If you find problems not described here, or think that we do not meet the "
            "requirements of the law, tell us so that we can fix them: {contact}.",
        ),
        "supervision": Text("Tillsyn", "Enforcement"),
        "supervision-text": Text(
            "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen "
            "om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi "
            "hanterar dina synpunkter kan du anmäla det till Digg.",
            "The Agency for Digital Government (Digg) supervises the Act on accessibility to "
            "digital public services. If you are not satisfied with how we handle your "
            "feedback, you can report it to Digg.",
        ),
        "digg-link": Text(
            "Anmäl bristande tillgänglighet till Digg",
            "Report a lack of accessibility to Digg (in Swedish)",
        ),
        "status": Text("Teknisk information om tillgängligheten", "Compliance status"),
        "status-text": Text(
            "{What} är {status} med lagen om tillgänglighet till digital offentlig service, "
            "på grund av de brister som beskrivs nedan.",
            "{What} is {status} with the Act on accessibility to digital public services, "
            "because of the gaps described below.",
        ),
        "gaps": Text("Innehåll som inte är tillgängligt", "Content that is not accessible"),
        "gap-data-files": Text(
            "Datafilerna (CSV, JSON, RDF/XML och Turtle) är maskinläsbara öppna data och inte "
            "anpassade för att läsas med skärmläsare; samma värden finns i tabellerna på "
            "sidorna.",
            "The data files (CSV, JSON, RDF/XML and Turtle) are machine-readable open data "
            "and not adapted for screen readers; the same values are in the tables on the "
            "pages.",
        ),
        "gap-pdf": Text(
            "PDF-rapporterna är inte taggade, så en skärmläsare hittar inte rubriker och "
            "tabeller i dem; samma innehåll finns som HTML.",
            "The PDF reports are not tagged, so a screen reader finds no headings or tables "
            "in them; the same content is available as HTML.",
        ),
        "gap-excel": Text(
            "Excel-filerna (inrapporteringsmallen, granskningskopian och rapporterna i xlsx) "
            "har inte kontrollerats med skärmläsare; värdena kan i stället skrivas in direkt i "
            "formuläret i portalen och rapporterna finns som HTML.",
            "The Excel files (the reporting template, the annotated copy and the xlsx "
            "reports) have not been checked with a screen reader; the values can be typed "
            "into the portal's form instead and the reports are available as HTML.",
        ),
        "method": Text("Hur vi testat", "How we tested"),
        "method-text": Text(
            "Vi har själva bedömt {what} (självskattning). Varje sida kontrolleras automatiskt "
            "med axe-core i webbläsaren Chromium vid 1280 och 400 pixlars bredd mot WCAG 2.1 "
            "nivå A och AA; inga allvarliga eller kritiska fel godtas.",
            "We assessed {what} ourselves (self-assessment). Every page is checked "
            "automatically with axe-core in the Chromium browser at 1280 and 400 pixels wide "
            "against WCAG 2.1 levels A and AA; no serious or critical failure is accepted.",
        ),
        "manual": Text(
            "Kontrolleras för hand vid varje bedömning:", "Checked by hand at each assessment:"
        ),
        "manual-keyboard": Text(
            "att allt går att nå och använda med tangentbordet och att fokus syns",
            "that everything can be reached and used with the keyboard and that focus shows",
        ),
        "manual-skip": Text(
            "att länken Hoppa till innehållet är först och fungerar",
            "that the Skip to content link comes first and works",
        ),
        "manual-structure": Text(
            "att varje sida har en huvudrubrik och att rubrikerna följer sidans ordning",
            "that every page has one main heading and that the headings follow the page",
        ),
        "manual-charts": Text(
            "att varje diagram har en titel, en beskrivning och en tabell med värdena",
            "that every chart has a title, a description and a table of its values",
        ),
        "manual-zoom": Text(
            "att sidorna går att läsa vid 400 pixlars bredd utan att något blir bredare än skärmen",
            "that the pages read at 400 pixels wide with nothing wider than the screen",
        ),
        "dates": Text("Datum", "Dates"),
        "dates-text": Text(
            "Bedömningen gjordes {assessed}. Redogörelsen uppdaterades senast {updated}.",
            "The assessment was made on {assessed}. The statement was last updated on {updated}.",
        ),
        "dates-missing": Text(
            "Datum för bedömningen: uppgift saknas. Redogörelsen uppdaterades senast: "
            "uppgift saknas.",
            "Date of the assessment: not given. The statement was last updated: not given.",
        ),
        # The privacy page.
        "kept": Text(
            "Vilka personuppgifter portalen sparar", "What personal data the portal keeps"
        ),
        "kept-account": Text(
            "Namn och e-postadress för den som har ett konto, med roll, kommuner eller län och "
            "språkval.",
            "The name and e-mail address of everyone with an account, with role, "
            "municipalities or county, and language.",
        ),
        "kept-history": Text(
            "Vem som ändrade vad och när: varje uppladdning, ändrat värde och beslut av "
            "länsstyrelsen sparas med e-postadressen för den som gjorde det och tidpunkten.",
            "Who changed what and when: every upload, changed value and decision of the "
            "county board is kept with the e-mail address of the person who made it and the "
            "time.",
        ),
        "kept-logins": Text(
            "Misslyckade inloggningar räknas per e-postadress och IP-adress under en kort tid, "
            "för att stoppa lösenordsgissning.",
            "Failed logins are counted per e-mail address and IP address for a short time, "
            "to stop password guessing.",
        ),
        "why": Text("Varför", "Why"),
        "why-text": Text(
            "Kommunerna rapporterar sina nyckeltal och länsstyrelsen granskar och godkänner "
            "dem. Historiken visar vem som ansvarar för varje värde, så att en uppgift kan "
            "följas upp och rättas. Uppgifterna används inte till något annat, och den publika "
            "webbplatsen visar inga namn eller e-postadresser. Hos en myndighet är de allmänna "
            "handlingar som kan begäras ut enligt offentlighetsprincipen, om inte sekretess "
            "gäller.",
            "The municipalities report their indicators and the county board reviews and "
            "approves them. The history shows who is responsible for each value, so that it "
            "can be followed up and corrected. The data is used for nothing else, and the "
            "public website shows no names or e-mail addresses. At a public authority they are "
            "official documents that anyone may ask to see under the principle of public "
            "access, unless secrecy applies.",
        ),
        "how-long": Text("Hur länge", "How long"),
        "how-long-text": Text(
            "Namn och e-postadress sparas så länge kontot finns och därefter i {years} år. "
            "Sedan ersätts de i historiken, granskningsloggen och uppladdningarna med en "
            "pseudonym; historiken visar fortfarande att samma (pseudonyma) person gjorde "
            "ändringarna.",
            "Name and e-mail address are kept while the account exists and for {years} years "
            "after. Then they are replaced in the history, the audit log and the uploads by "
            "a pseudonym; the history still shows that the same (pseudonymous) person made "
            "the changes.",
        ),
        "how-long-missing": Text(
            "Hur länge namn och e-postadress sparas efter att ett konto stängts är inte "
            "angivet i inställningarna. När de tas bort ersätts de i historiken, "
            "granskningsloggen och uppladdningarna med en pseudonym.",
            "How long names and e-mail addresses are kept after an account is closed is not "
            "set in the settings. When they are removed, they are replaced in the history, "
            "the audit log and the uploads by a pseudonym.",
        ),
        "rights": Text("Dina rättigheter", "Your rights"),
        "rights-text": Text(
            "Du kan få veta vilka uppgifter om dig som sparas, få dem rättade och begära att "
            "de tas bort. Då stängs kontot och ditt namn och din e-postadress ersätts med en "
            "pseudonym i all historik.",
            "You can ask which data about you is kept, have it corrected, and ask for it to be "
            "removed. The account is then closed and your name and e-mail address are "
            "replaced by a pseudonym throughout the history.",
        ),
        # The public site's privacy page.
        "site-shown": Text("Vad webbplatsen visar", "What the website shows"),
        "site-shown-text": Text(
            "Webbplatsen visar kommunernas värden med deras kommentarer och om länsstyrelsen "
            "har godkänt dem, men inte vem som rapporterade eller ändrade dem: namn och "
            "e-postadresser finns bara i den inloggade portalen.",
            "The website shows the municipalities' values with their comments and whether "
            "the county board has approved them, but not who reported or changed them: names "
            "and e-mail addresses are only in the portal, behind a login.",
        ),
        "site-cookies": Text("Kakor och skript", "Cookies and scripts"),
        "site-cookies-text": Text(
            "Webbplatsen använder inga kakor och inga skript och hämtar ingenting från andra "
            "webbplatser.",
            "The website uses no cookies and no scripts and fetches nothing from other websites.",
        ),
        "site-logs": Text("Webbserverns loggar", "The web server's logs"),
        "site-logs-text": Text(
            "Webbservern som visar sidorna kan spara besökarnas IP-adresser i sin logg; hur "
            "länge bestämmer {org}.",
            "The web server that shows the pages may keep visitors' IP addresses in its log; "
            "{org} decides for how long.",
        ),
        "site-contact-text": Text("Frågor om personuppgifter: {contact}.", "Questions: {contact}."),
        "contact": Text("Kontakt", "Contact"),
        "contact-text": Text(
            "{org} är personuppgiftsansvarig. Kontakt: {contact}.",
            "{org} is the controller of the personal data. Contact: {contact}.",
        ),
    }
)


@dataclass(frozen=True)
class Organisation:
    """Who runs the site or portal, as the county configured it; ``None`` when not given."""

    name: str | None = None
    contact: str | None = None
    assessed: dt.date | None = None
    updated: dt.date | None = None
    retention_years: int | None = None
    problems: tuple[Text, ...] = ()

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Organisation:
        """From the portal's configuration (environment texts); a bad value is a problem."""
        problems: list[Text] = []

        def text(key: str) -> str | None:
            value = settings.get(key)
            return str(value).strip() or None if value is not None else None

        def date(key: str) -> dt.date | None:
            value = text(key)
            if value is None:
                return None
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                problems.append(_problem("not-a-date", setting=key, value=value[:40]))
                return None

        years = text("MILJOMAL_RETENTION_YEARS")
        if years is not None and not (years.isdigit() and 0 < int(years) < 200):
            problems.append(_problem("not-years", setting="MILJOMAL_RETENTION_YEARS", value=years))
            years = None
        return cls(
            name=text("MILJOMAL_ORG_NAME"),
            contact=text("MILJOMAL_ORG_CONTACT"),
            assessed=date("MILJOMAL_ACCESSIBILITY_ASSESSED"),
            updated=date("MILJOMAL_ACCESSIBILITY_UPDATED"),
            retention_years=int(years) if years else None,
            problems=tuple(problems),
        )

    def missing(self, *fields: str) -> list[str]:
        """The names of ``fields`` that are not set."""
        return [name for name in fields if getattr(self, name) is None]


def _problem(key: str, **params: str) -> Text:
    source = TEXTS[key]
    return Text(source.sv.format(**params), source.en.format(**params))


@dataclass(frozen=True)
class Link:
    """A link of a statement: its text and address."""

    text: str
    href: str


@dataclass(frozen=True)
class Section:
    """One heading of a statement with its paragraphs, list and links."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "paragraphs": list(self.paragraphs),
            "items": list(self.items),
            "links": [{"text": link.text, "href": link.href} for link in self.links],
        }


@dataclass(frozen=True)
class Statement:
    """A statement as a page shows it: title, what settings are missing, the sections."""

    title: str
    intro: str
    missing: tuple[str, ...]
    sections: tuple[Section, ...]
    contact_href: str | None = None
    lang: Lang = "sv"

    @property
    def missing_heading(self) -> str:
        """The sentence above the list of missing settings."""
        return TEXTS("missing", self.lang)

    @property
    def complete(self) -> bool:
        """True when every setting the statement needs was given."""
        return not self.missing

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "intro": self.intro,
            "complete": self.complete,
            "missing": list(self.missing),
            "sections": [section.to_dict() for section in self.sections],
        }


def contact_href(contact: str | None) -> str | None:
    """A link for the contact address: ``mailto:`` for an e-mail, the address for a web page."""
    if not contact:
        return None
    if contact.startswith(("https://", "http://")):
        return contact
    if "@" in contact and " " not in contact:
        return f"mailto:{contact}"
    return None


def _contact_links(organisation: Organisation) -> tuple[Link, ...]:
    href = contact_href(organisation.contact)
    return (Link(organisation.contact or "", href),) if href else ()


def _missing(
    organisation: Organisation, fields: tuple[str, ...], lang: Lang, service: Service
) -> tuple[str, ...]:
    # The site is published with `miljomal publish` (its option, or the environment); the
    # portal's pages name only the environment setting: the web never speaks command line.
    named = [
        (name, [s for s in SETTINGS[name] if s and (service == SITE or not s.startswith("-"))])
        for name in organisation.missing(*fields)
    ]
    lines = [f"{TEXTS(f'missing-{name}', lang)} ({' / '.join(said)})" for name, said in named]
    lines.extend(problem(lang) for problem in organisation.problems)
    return tuple(lines)


def _dates(organisation: Organisation, lang: Lang) -> str:
    """When it was assessed and when the statement was updated (default: when assessed)."""
    if organisation.assessed is None:
        return TEXTS("dates-missing", lang)
    updated = organisation.updated or organisation.assessed
    return TEXTS(
        "dates-text", lang, assessed=organisation.assessed.isoformat(), updated=updated.isoformat()
    )


def accessibility_statement(
    organisation: Organisation, service: Service, lang: Lang = "sv"
) -> Statement:
    """DIGG's accessibility statement for the public site or the portal."""
    missing_word = TEXTS("missing-word", lang)
    org = organisation.name or f"{TEXTS('missing-name', lang).capitalize()} ({missing_word})"
    contact = organisation.contact or missing_word
    what = TEXTS(f"{service}-what", lang)
    gaps = ["gap-data-files"] if service == SITE else ["gap-pdf", "gap-excel"]
    manual = ["manual-keyboard", "manual-skip", "manual-structure", "manual-zoom"]
    if service == SITE:
        manual.insert(3, "manual-charts")
    status = CONFORMANCE_WORDS(CONFORMANCE, lang)
    write_to = _contact_links(organisation)
    sections = (
        Section(
            TEXTS("cannot-use", lang, what=what),
            (TEXTS("cannot-use-text", lang, contact=contact),),
            links=write_to,
        ),
        Section(
            TEXTS("report", lang), (TEXTS("report-text", lang, contact=contact),), links=write_to
        ),
        Section(
            TEXTS("supervision", lang),
            (TEXTS("supervision-text", lang),),
            links=(Link(TEXTS("digg-link", lang), DIGG_FORM),),
        ),
        Section(
            TEXTS("status", lang),
            (TEXTS("status-text", lang, What=what[0].upper() + what[1:], status=status),),
        ),
        Section(TEXTS("gaps", lang), items=tuple(TEXTS(key, lang) for key in gaps)),
        Section(
            TEXTS("method", lang),
            (TEXTS("method-text", lang, what=what), TEXTS("manual", lang)),
            items=tuple(TEXTS(key, lang) for key in manual),
        ),
        Section(
            TEXTS("dates", lang),
            (_dates(organisation, lang),),
        ),
    )
    return Statement(
        title=TEXTS("accessibility", lang),
        intro=TEXTS("intro", lang, org=org, what=what),
        missing=_missing(organisation, ("name", "contact", "assessed"), lang, service),
        sections=sections,
        contact_href=contact_href(organisation.contact),
        lang=lang,
    )


def privacy_statement(
    organisation: Organisation, lang: Lang = "sv", service: Service = PORTAL
) -> Statement:
    """What personal data the portal keeps, why, for how long, and whom to contact.

    For the public site: that it shows no names, sets no cookies, and whom to ask.
    """
    if service == SITE:
        return _site_privacy(organisation, lang)
    missing_word = TEXTS("missing-word", lang)
    org = organisation.name or f"{TEXTS('missing-name', lang).capitalize()} ({missing_word})"
    contact = organisation.contact or missing_word
    if organisation.retention_years is not None:
        how_long = TEXTS("how-long-text", lang, years=organisation.retention_years)
    else:
        how_long = TEXTS("how-long-missing", lang)
    sections = (
        Section(
            TEXTS("kept", lang),
            items=tuple(
                TEXTS(key, lang) for key in ("kept-account", "kept-history", "kept-logins")
            ),
        ),
        Section(TEXTS("why", lang), (TEXTS("why-text", lang),)),
        Section(TEXTS("how-long", lang), (how_long,)),
        Section(TEXTS("rights", lang), (TEXTS("rights-text", lang),)),
        Section(
            TEXTS("contact", lang),
            (TEXTS("contact-text", lang, org=org, contact=contact),),
            links=_contact_links(organisation),
        ),
    )
    return Statement(
        title=TEXTS("privacy", lang),
        intro="",
        missing=_missing(organisation, ("name", "contact", "retention_years"), lang, PORTAL),
        sections=sections,
        contact_href=contact_href(organisation.contact),
        lang=lang,
    )


def _site_privacy(organisation: Organisation, lang: Lang) -> Statement:
    missing_word = TEXTS("missing-word", lang)
    org = organisation.name or f"{TEXTS('missing-name', lang).capitalize()} ({missing_word})"
    contact = organisation.contact or missing_word
    sections = (
        Section(TEXTS("site-shown", lang), (TEXTS("site-shown-text", lang),)),
        Section(TEXTS("site-cookies", lang), (TEXTS("site-cookies-text", lang),)),
        Section(TEXTS("site-logs", lang), (TEXTS("site-logs-text", lang, org=org),)),
        Section(
            TEXTS("contact", lang),
            (TEXTS("site-contact-text", lang, contact=contact),),
            links=_contact_links(organisation),
        ),
    )
    return Statement(
        title=TEXTS("privacy", lang),
        intro="",
        missing=_missing(organisation, ("name", "contact"), lang, SITE),
        sections=sections,
        contact_href=contact_href(organisation.contact),
        lang=lang,
    )
