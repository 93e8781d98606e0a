"""Every word and sentence of the reports in Swedish and English (`i18n.Messages` tables).

``MESSAGES`` holds the sentences the report models and charts write (a trend's judgement,
an average's coverage, the provenance line); ``LABELS`` the documents' headings and notes
(``t`` in the document templates); ``SITE_LABELS`` and ``SITE_JUDGEMENTS`` the public site's.
This module imports nothing of the reports, so every module of the package may import it.
"""

from __future__ import annotations

from i18n import Messages
from i18n import Text
from indicators.across_sets import TEXTS as ACROSS

MESSAGES = Messages(
    {
        # how many of a group's municipalities an average or a rank is over
        "coverage-too-few": Text(
            "för få värden ({count} av {of})", "too few values ({count} of {of})"
        ),
        "coverage-mean": Text(
            "snitt av {count} av {of} kommuner", "mean of {count} of {of} municipalities"
        ),
        "coverage-short": Text("{count} av {of}", "{count} of {of}"),
        # the average lines' legend texts
        "county-average": Text("Länssnitt", "County average"),
        "sekom-average": Text("SEkom-snitt", "SEkom average"),
        "group-average": Text("Snitt {name}", "{name} average"),
        # a sharp latest change, and how it joins the trend's sentence
        "turn-rose": Text(
            "{year} ökade värdet kraftigt ({change} mot {previous})",
            "in {year} the value rose sharply ({change} on {previous})",
        ),
        "turn-fell": Text(
            "{year} minskade värdet kraftigt ({change} mot {previous})",
            "in {year} the value fell sharply ({change} on {previous})",
        ),
        "turn-against": Text("{sentence}, men {turn}", "{sentence}, but {turn}"),
        "turn-along": Text("{sentence}, och {turn}", "{sentence}, and {turn}"),
        # a trend's judgement
        "judgement-too-few-values": Text(
            "För få värden för att bedöma utvecklingen", "Too few values to judge the development"
        ),
        "judgement-improving": Text(
            "Utvecklingen går åt rätt håll sedan {year}",
            "Moving in the right direction since {year}",
        ),
        "judgement-worsening": Text(
            "Utvecklingen går åt fel håll sedan {year}",
            "Moving in the wrong direction since {year}",
        ),
        "judgement-no-clear-change": Text(
            "Ingen tydlig förändring sedan {year}", "No clear change since {year}"
        ),
        # where a series stands against its target path
        "target-not-judged": Text("Kan inte bedömas", "Cannot be judged"),
        "target-on-track": Text("I fas med målet", "On track for the target"),
        "target-behind": Text("Efter målkurvan", "Behind the target path"),
        # the provenance line at the foot of every document
        "provenance-made": Text(
            "Skapad {when} från {database}, {count} värden",
            "Made {when} from {database}, {count} values",
        ),
        "provenance-newest-upload": Text(
            "; senaste uppladdning {name} ({at} UTC)", "; newest upload {name} ({at} UTC)"
        ),
        "provenance-no-uploads": Text("; inga uppladdningar", "; no uploads"),
        "provenance-set": Text("; nyckeltal {set}", "; key indicators {set}"),
        "provenance-example": Text(
            ". EXEMPELDATA, inte verkliga värden", ". EXAMPLE DATA, not real values"
        ),
        # notes on a year's value
        "source-kolada": Text("Källa: Kolada.", "Source: Kolada."),
        "differs-from-kolada": Text(
            "Skiljer från Kolada: {value} ({kpi}).", "Differs from Kolada: {value} ({kpi})."
        ),
        # a value in percent: the unit after a space in Swedish, attached in English
        "percent": Text("{number} %", "{number}%"),
        # file names of documents
        "report-file": Text("rapport.html", "report.html"),
        "summary-file": Text("sammanfattning", "summary"),
    }
)

LABELS = Messages(
    {
        "example": Text("EXEMPELDATA", "EXAMPLE DATA"),
        "example_note": Text(
            "Exempeldata – påhittade värden, inte verkliga uppgifter.",
            "Example data – invented values, not real figures.",
        ),
        "municipality_title": Text(
            "Gröna nyckeltal – {name} {year}",
            "Green key indicators – {name} {year}",
        ),
        "municipality_subtitle": Text(
            "Kommun {code}, {county}. Senaste värde till och med {year}.",
            "Municipality {code}, {county}. Latest values up to {year}.",
        ),
        "county_title": Text(
            "Gröna nyckeltal – {name} {year}",
            "Green key indicators – {name} {year}",
        ),
        "county_subtitle": Text(
            "Kommunernas värden {year}, färg efter placering i länet.",
            "The municipalities' values for {year}, coloured by rank in the county.",
        ),
        "completeness_title": Text(
            "Inrapportering {year} – {name}",
            "Reporting {year} – {name}",
        ),
        "all_municipalities": Text("alla kommuner", "all municipalities"),
        "summary": Text("Sammanfattning", "Summary"),
        "indicator": Text("Nyckeltal", "Indicator"),
        "municipality": Text("Kommun", "Municipality"),
        "code": Text("Kod", "Code"),
        "unit": Text("Enhet", "Unit"),
        "latest": Text("Senaste värde", "Latest value"),
        "trend": Text("Utveckling", "Development"),
        "rank": Text("Placering i länet", "Rank in county"),
        "rank_short": Text("Placering", "Rank"),
        "target": Text("Mål", "Target"),
        "charts": Text("Diagram per nyckeltal", "Charts per indicator"),
        "appendix": Text("Bilaga: metod", "Appendix: method"),
        "comments": Text("Kommentarer", "Comments"),
        "differs_from_kolada": Text("Skiljer från Kolada", "Differs from Kolada"),
        "official_value": Text("Officiellt värde", "Official value"),
        "kolada_value": Text("Koladas värde", "Kolada's value"),
        "kpi": Text("Kolada-id", "Kolada id"),
        "more_comments": Text("… och {n} kommentarer till", "… and {n} more comments"),
        "county_average": Text("Länssnitt", "County average"),
        "median": Text("Median", "Median"),
        "target_path": Text("Målkurva", "Target path"),
        "target_point": Text("Mål {year}", "Target {year}"),
        "no_values": Text("Inga värden", "No values"),
        "revision": Text("{year}: nya nyckeltal", "{year}: new key indicators"),
        "earlier_definition": Text(
            "Tidigare definition ({code}, {set})",
            "Earlier definition ({code}, {set})",
        ),
        "indicator_set": Text("Nyckeltal: {set}", "Key indicators: {set}"),
        "of": Text("{rank} av {n}", "{rank} of {n}"),
        "of_with_value": Text(
            "{rank} av {n} med värde ({size} i länet)",
            "{rank} of {n} with a value ({size} in the county)",
        ),
        "and": Text("och", "and"),
        "chart_data": Text("Diagrammets värden", "The chart's values"),
        "panel_key": Text(
            "Heldragen linje: kommunen, streckad: länssnitt",
            "Solid line: the municipality, dashed: county average",
        ),
        "accessible_version": Text(
            "Tillgänglig version (HTML): {name}",
            "Accessible version (HTML): {name}",
        ),
        "no_values_year": Text("Inga värden för {year}", "No values for {year}"),
        "carried_title": Text(
            "Värden för {year} som inrapporterats med den andra uppsättningens kod "
            "(samma definition)",
            "Values for {year} reported with the other set's code (same definition)",
        ),
        "incomparable_title": ACROSS["incomparable-heading"],
        "overridden_title": ACROSS["overridden-heading"],
        "no_values_in_set": Text("Inga värden för {year} i {set}", "No values for {year} in {set}"),
        "no_values_in_set_text": Text(
            "Länets kommuner har inga värden för {year} i {set}, men databasen har värden för "
            "året i {others}. Utan --set läser rapporten årets uppsättning: miljomal report "
            "county {county} --year {year}.",
            "The county's municipalities have no values for {year} in {set}, but the store has "
            "values for the year in {others}. Without --set the report reads the year's set: "
            "miljomal report county {county} --year {year}.",
        ),
        "no_values_text": Text(
            "Ingen av länets {n} kommuner har något värde för {year} i databasen, så det finns "
            "ingen tabell och inga diagram att visa. Kontrollera år och län, eller se i rapporten "
            "om inrapporteringsgraden vilka som har rapporterat.",
            "None of the county's {n} municipalities has any value for {year} in the store, so "
            "there is no table and no chart to show. Check the year and county, or see who has "
            "reported in the completeness report.",
        ),
        "with_value": Text("Kommuner med värde", "Municipalities with a value"),
        "too_few_short": Text("för få", "too few"),
        "coverage_note": Text(
            "Länssnitt och median visas bara när minst hälften av länets kommuner har ett värde; "
            "annars står det för få värden.",
            "The county average and median are shown only when at least half of the county's "
            "municipalities have a value; otherwise the table says too few values.",
        ),
        "against": Text("åt fel håll", "the wrong way"),
        "recent_turns": Text("Kraftiga förändringar {year}", "Sharp changes in {year}"),
        "no_rank": Text("saknar värde", "no value"),
        "no_target": Text("inget mål", "no target"),
        "target_text": Text("{value} till {year}: {status}", "{value} by {year}: {status}"),
        "county_owner": Text(" (länets mål)", " (county target)"),
        "national_owner": Text(" (nationellt mål)", " (national target)"),
        "small_multiples": Text("Alla kommuners serier", "Every municipality's series"),
        "values_year": Text("Värden {year}", "Values {year}"),
        "rank_key": Text(
            "Färg efter placering: grön bästa fjärdedelen, gul mittersta hälften, röd sämsta "
            "fjärdedelen, grå saknar värde. .. = uppgift saknas, . = ej tillämpligt, "
            "– = ej inlämnat.",
            "Colour by rank: green best quarter, yellow middle half, red worst quarter, grey no "
            "value. .. = missing, . = not applicable, – = not submitted.",
        ),
        "kolada_key": Text("K = Källa: Kolada.", "K = Source: Kolada."),
        "source_kolada": Text("Källa: Kolada", "Source: Kolada"),
        "better_higher": Text("högre är bättre", "higher is better"),
        "better_lower": Text("lägre är bättre", "lower is better"),
        "reported": Text("rapporterat", "reported"),
        "missing": Text("uppgift saknas", "missing"),
        "not-applicable": Text("ej tillämpligt", "not applicable"),
        # reports.model.series.ABSENT: no row at all
        "absent": Text("ej inlämnat", "not submitted"),
        "rate": Text("Andel rapporterat", "Reporting rate"),
        "rate_short": Text("Andel", "Rate"),
        "rate_by_indicator": Text("Andel per nyckeltal", "Rate per indicator"),
        "total": Text("Totalt", "Total"),
        "to_chase": Text("Värden att efterfråga", "Values still to chase"),
        "nothing_to_chase": Text("Inga värden saknas.", "No values are missing."),
        "statistics_title": Text("Från nationell statistik", "From national statistics"),
        "statistics_line": Text(
            "{year} från nationell statistik: {fetched} av {total} hämtade",
            "{year} from national statistics: {fetched} of {total} fetched",
        ),
        "statistics_gap": Text(
            "{code} {name}: värde för {fetched} av {of} kommuner",
            "{code} {name}: a value for {fetched} of {of} municipalities",
        ),
        "from_kolada": Text("hämtas från Kolada, {kpi}", "fetched from Kolada, {kpi}"),
        "kolada_mapped": Text("från Kolada: {kpis}", "from Kolada: {kpis}"),
        "nothing_sent": Text("ingen fil inlämnad för {year}", "nothing submitted for {year}"),
        "all_indicators": Text("alla nyckeltal", "every indicator"),
        "status": Text("Status", "Status"),
        "status_key": Text(
            "✓ = rapporterat, .. = uppgift saknas, . = ej tillämpligt, – = ej inlämnat",
            "✓ = reported, .. = missing, . = not applicable, – = not submitted",
        ),
        "provenance": Text("Ursprung", "Provenance"),
        "year": Text("År", "Year"),
        "overview": Text("Översikt", "Overview"),
        "page": Text("Sida {n}", "Page {n}"),
        "contents": Text("Innehåll", "Contents"),
        "own_value": Text("kommunens", "municipality"),
    }
)

SITE_LABELS = Messages(
    {
        "municipalities": Text("Kommuner", "Municipalities"),
        "indicators": Text("Nyckeltal", "Indicators"),
        "method": Text("Metod", "Method"),
        "open_data": Text("Öppna data", "Open data"),
        "start": Text("Start", "Home"),
        "data_date": Text("Uppgifter till och med", "Data as of"),
        "source": Text("Källa", "Source"),
        "trend_summary": Text("Utveckling", "Development"),
        "right_way": Text("åt rätt håll", "in the right direction"),
        "of": Text("av", "of"),
        "year": Text("År", "Year"),
        "value": Text("Värde", "Value"),
        "comment": Text("Kommentar", "Comment"),
        "target": Text("Mål", "Target"),
        "preliminary": Text("preliminär", "preliminary"),
        "preliminary_note": Text(
            "Värden märkta preliminär är ännu inte godkända av länsstyrelsen.",
            "Values marked preliminary have not yet been approved by the county board.",
        ),
        "approved_only": Text(
            "Sidan visar värden som länsstyrelsen har godkänt.",
            "This page shows values the county board has approved.",
        ),
        "no_values": Text("Inga publicerade värden.", "No published values."),
        "missing": Text("uppgift saknas", "missing"),
        "not_applicable": Text("ej tillämpligt", "not applicable"),
        "download": Text("Ladda ner", "Download"),
        "municipality": Text("Kommun", "Municipality"),
        "latest": Text("Senaste värde", "Latest value"),
        "better": Text("Bättre", "Better"),
        "higher": Text("högre värde", "a higher value"),
        "lower": Text("lägre värde", "a lower value"),
        "unit": Text("Enhet", "Unit"),
        "caveats": Text("Att tänka på", "Caveats"),
        "reported_centrally": Text(
            "Värdet hämtas från nationell statistik, inte från kommunen.",
            "The value comes from national statistics, not from the municipality.",
        ),
        "gaps": Text("År utan värde", "Years without a value"),
        "too_few": Text(
            "Minst {n} värden behövs för en trendbedömning.",
            "At least {n} values are needed to judge a trend.",
        ),
        "target_for": Text("Mål {value} år {year} ({owner})", "Target {value} in {year} ({owner})"),
        "owner_municipality": Text("kommunens", "the municipality's"),
        "owner_county": Text("länets", "the county's"),
        "compare": Text("Jämförelse {year}", "Comparison {year}"),
        "data_package": Text(
            "Alla värden som publiceras finns som ett Frictionless Data Package med CSV-filer.",
            "Every published value is in a Frictionless Data Package with CSV files.",
        ),
        "bulk_download": Text(
            "Allt på en gång: en zip-fil med datapaketet och dess CSV-filer",
            "Everything at once: a zip file with the data package and its CSV files",
        ),
        "skip": Text("Hoppa till innehållet", "Skip to content"),
        "embed": Text("Bädda in", "Embed"),
        "source_kolada": Text("Källa: Kolada", "Source: Kolada"),
        "kolada_years": Text("Källa: Kolada för {years}.", "Source: Kolada for {years}."),
        "embed_intro": Text(
            "Visa diagrammet på din egen webbplats: kopiera koden och klistra in den i sidans "
            "HTML. Diagrammet visas utan JavaScript, med källa och datum.",
            "Show the chart on your own website: copy the code and paste it into the page's "
            "HTML. The chart shows without JavaScript, with its source and date.",
        ),
        "embed_label": Text("HTML-kod att kopiera", "HTML code to copy"),
        "embed_relative": Text(
            "Skriv webbplatsens adress framför sökvägen i src.",
            "Put the site's address in front of the path in src.",
        ),
        "embed_preview": Text("Förhandsgranska", "Preview"),
        "data_table": Text("Tabell med värdena", "Table of the values"),
        "new_tab": Text("öppnas i en ny flik", "opens in a new tab"),
        "short_source": Text(
            "Källa: kommunernas inrapportering till länsstyrelsen (miljomal).",
            "Source: the municipalities' reporting to the county board (miljomal).",
        ),
        "chart_desc": Text(
            "Linjediagram: {indicator} i {municipality}, {first}–{last}.",
            "Line chart: {indicator} in {municipality}, {first}–{last}.",
        ),
        "chart_latest": Text(
            "Senaste värde {value} {unit} år {year}.",
            "Latest value {value} {unit} in {year}.",
        ),
        "accessibility": Text("Tillgänglighetsredogörelse", "Accessibility statement"),
        "privacy": Text("Personuppgifter", "Personal data"),
        "data_source": Text(
            "Kommunernas inrapportering till länsstyrelsen (miljomal); nyckeltalen är "
            "Sveriges Ekokommuners gröna nyckeltal.",
            "The municipalities' reporting to the county administrative board (miljomal); the "
            "indicators are the Swedish Eco-municipalities' green key indicators.",
        ),
        "sweden": Text("Sverige", "Sweden"),
        "title": Text(
            "Miljömålsindikatorer – {scope}", "Environmental objective indicators – {scope}"
        ),
    }
)

SITE_JUDGEMENTS = Messages(
    {
        "improving": Text("åt rätt håll", "right direction"),
        "no-clear-change": Text("ingen tydlig förändring", "no clear change"),
        "worsening": Text("åt fel håll", "wrong direction"),
        "too-few-values": Text("för få värden", "too few values"),
    }
)
