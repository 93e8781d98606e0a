"""The app shell's messages, and Swedish for click's own usage errors.

click marks its messages for gettext (``_("Missing option")``) in each of its modules;
`translate_click` points those modules' ``_``/``ngettext`` at this table, so "Missing option
'--year'." reads "Saknar flaggan '--year'." in Swedish with the same exit code 2.  click's
message ids are its English texts; one not in the table stays English (a test runs every
command's error paths and fails on English words).
"""

from __future__ import annotations

import importlib
from contextvars import ContextVar

from i18n import Lang
from i18n import Messages
from i18n import Text

MESSAGES = Messages(
    {
        "error": Text("Fel: {message}", "Error: {message}"),
        "interrupted": Text("avbrutet (Ctrl-C)", "interrupted (Ctrl-C)"),
        "store-ready": Text("Lagret är klart: {url} ({state})", "Store ready: {url} ({state})"),
        "schema-up-to-date": Text("schemat är aktuellt", "schema up to date"),
        "schema-created": Text("schemat skapat", "schema created"),
        "store-loaded": Text(
            "Register: {counties} län, {municipalities} kommuner. "
            "Katalog: {sets} indikatoruppsättning(ar), {indicators} indikatorer.",
            "Registry: {counties} counties, {municipalities} municipalities. "
            "Catalogue: {sets} indicator set(s), {indicators} indicators.",
        ),
        "database-error": Text(
            "databasfel: {cause}; ingenting skrevs", "database error: {cause}; nothing was written"
        ),
        # usage errors and status lines of the commands
        "xlsx-needs-file": Text(
            "--format xlsx behöver -o FIL.xlsx (en arbetsbok är ingen text)",
            "--format xlsx needs -o FILE.xlsx (a workbook is not text)",
        ),
        "not-a-year-range": Text(
            "inget år eller intervall: {part!r}", "not a year or range: {part!r}"
        ),
        "force-with-reason": Text(
            '--force och --reason "..." hör ihop (varför ett låst år ändras)',
            '--force and --reason "..." go together (why a locked year changes)',
        ),
        "reason-needs-force": Text(
            "--reason hör till --force (den säger varför ett låst år ändras)",
            "--reason goes with --force (it says why a locked year changes)",
        ),
        "opens-with-closes": Text(
            "--opens och --closes hör ihop (första och sista dagen)",
            "--opens and --closes go together (the first and last day)",
        ),
        "report-suffix": Text(
            "rapporten måste sluta på .json eller .xlsx", "the report must end in .json or .xlsx"
        ),
        "county-or-municipality": Text(
            "använd --county eller --municipality, inte båda",
            "use --county or --municipality, not both",
        ),
        "from-after-to": Text(
            "--from {first} ligger efter --to {last}", "--from {first} is after --to {last}"
        ),
        "not-a-date": Text(
            "{value!r} är inget datum (ÅÅÅÅ-MM-DD)", "{value!r} is not a date (YYYY-MM-DD)"
        ),
        "not-a-number": Text("{value!r} är inget tal", "{value!r} is not a number"),
        "plan-report-suffix": Text(
            "{name}: använd .pdf, .html eller .xlsx", "{name}: use .pdf, .html or .xlsx"
        ),
        "not-a-web-address": Text(
            "väntade en webbadress som börjar med https:// eller http://, fick {value!r}",
            "expected a web address starting with https:// or http://, got {value!r}",
        ),
        "not-an-orgnr": Text(
            "väntade ett organisationsnummer med tio siffror (212000-2411), fick {value!r}",
            "expected an organisation number of ten digits (212000-2411), got {value!r}",
        ),
        "one-area": Text(
            "ange en av --county, --group och --whole-country",
            "give one of --county, --group and --whole-country",
        ),
        "left-needs-remove": Text("--left kräver --remove", "--left needs --remove"),
        "since-needs-left": Text(
            "--since och --remove kräver --left (året den lämnade)",
            "--since and --remove need --left (the year it left)",
        ),
        "no-format": Text(
            "{name!r} har inget format som vi skriver; använd {kinds}",
            "{name!r} has no format we write; use {kinds}",
        ),
        "or-png-folder": Text(", eller en mapp för PNG-bilder", ", or a folder for PNG images"),
        "municipality-or-all": Text(
            "ange MUNICIPALITY eller --all (med --county och --jobs)",
            "give MUNICIPALITY, or --all (with --county and --jobs)",
        ),
        "municipality-needed": Text(
            "ange MUNICIPALITY (en kommunkod eller ett namn) eller --all",
            "give MUNICIPALITY (a kommunkod or name), or --all",
        ),
        "all-needs-folder": Text("med --all anger -o en mapp", "with --all, -o names a folder"),
        "municipality-xor-county": Text(
            "ange exakt en av --municipality och --county",
            "give exactly one of --municipality and --county",
        ),
        "off-or-on": Text("ange --off eller --on, inte båda", "give --off or --on, not both"),
        "workbook-not-stdout": Text(
            "en arbetsbok kan inte skrivas till standard ut; ange en .xlsx-fil",
            "a workbook cannot go to standard output; name an .xlsx file",
        ),
        "reporter-needs-municipality": Text(
            "en rapportör behöver minst en --municipality",
            "a reporter needs at least one --municipality",
        ),
        "county-user-needs-county": Text(
            "en länsanvändare behöver --county", "a county user needs --county"
        ),
        "user-added": Text("Användare tillagd: {email} ({role})", "User added: {email} ({role})"),
        "user-disabled": Text("Användare avstängd: {email}", "User disabled: {email}"),
        "user-removed": Text(
            "{email} är borttagen: kontot är stängt och namn och e-post är ersatta med "
            "{pseudonym} ({rows} texter ändrade).",
            "{email} is removed: the account is closed and name and e-mail are replaced by "
            "{pseudonym} ({rows} texts changed).",
        ),
        "users-header": Text(
            "e-post|namn|roll|kommuner eller län|läge|lösenord",
            "email|name|role|municipalities or county|state|password",
        ),
        "user-active": Text("aktiv", "active"),
        "user-inactive": Text("avstängd", "disabled"),
        "password-set": Text("satt", "set"),
        "password-invited": Text("inbjuden", "invited"),
        "invitation-link": Text(
            "Inbjudningslänk (gäller 7 dagar, en gång): {link}",
            "Invitation link (valid 7 days, use once): {link}",
        ),
        "tokens-header": Text(
            "id|skapad (UTC)|senast använd|gäller till", "id|created (UTC)|last used|expires"
        ),
        "no-tokens": Text("{email} har inga API-nycklar.", "{email} has no API tokens."),
        "token-never-used": Text("aldrig", "never"),
        "token-no-expiry": Text("ingen", "none"),
        "revoke-token-or-all": Text(
            "ange antingen --token ID eller --all", "give either --token ID or --all"
        ),
        "tokens-revoked": Text(
            "Återkallade {count} API-nyckel/-nycklar för {email}",
            "Revoked {count} API token(s) of {email}",
        ),
        "year-locked": Text("År {year} är nu låst.", "Year {year} is now locked."),
        "year-already-locked": Text("År {year} var redan låst.", "Year {year} was already locked."),
        "wrote-reports": Text(
            "Skrev {done} rapporter till {folder}", "Wrote {done} reports to {folder}"
        ),
        "wrote-template": Text(
            "Skrev {path} ({name} ({code}), {year}, {set})",
            "Wrote {path} ({name} ({code}), {year}, {set})",
        ),
        "catalogue-rejected": Text(
            "{file}: {count} fel; inget lästes in", "{file}: {count} problem(s); nothing was loaded"
        ),
        "no-history": Text("ingen historik för {what}", "no history for {what}"),
        "upload-reverted": Text(
            "Uppladdning {upload} återställd: {updated} värden återställda, "
            "{conflicts} konflikter (registrerat som uppladdning {new}).",
            "Upload {upload} reverted: {updated} values restored, "
            "{conflicts} conflicts (recorded as upload {new}).",
        ),
        "revert-conflict": Text(
            "  konflikt: {place}: uppladdningen satte {set_to}, nu {now}; lämnat orört",
            "  conflict: {place}: the upload set {set_to}, now {now}; left as it is",
        ),
        "year-unlocked": Text("År {year} är upplåst.", "Year {year} unlocked."),
        "year-is-locked": Text("Året {year} är låst.", "The year {year} is locked."),
        "wrote-values": Text("Skrev {count} värden till {path}", "Wrote {count} values to {path}"),
        "demo-reports": Text("Rapporter (exempeldata):", "Reports (example data):"),
        "demo-database": Text("Databas: {path}", "Database: {path}"),
        "demo-users": Text("Demoanvändare (lösenord):", "Demo users (password):"),
        "demo-imported": Text(
            "Importerade {imported} exempelfiler ({warnings} varningar att granska, "
            "{rejected} avvisade).",
            "Imported {imported} example files ({warnings} warnings to review, "
            "{rejected} rejected).",
        ),
        "demo-reports-written": Text(
            "Skrev länsrapport, {count} kommunrapporter och inrapporteringsrapport.",
            "Wrote the county report, {count} municipality reports and the completeness report.",
        ),
        "demo-plan": Text(
            "Importerade handlingsplanen och skrev dess uppföljningsrapport.",
            "Imported the action plan and wrote its follow-up report.",
        ),
        # file names of the demo's documents (ASCII: they are typed and linked)
        "file-county": Text("lan", "county"),
        "file-completeness": Text("inrapportering", "completeness"),
        "file-rejected": Text(
            "{file}: {count} fel; inget har sparats",
            "{file}: {count} problem(s); nothing was written",
        ),
        "targets-loaded": Text(
            "Läste in {total} mål från {file} ({created} nya, {replaced} ersatta).",
            "Loaded {total} targets from {file} ({created} new, {replaced} replaced).",
        ),
        "no-targets": Text("Inga mål.", "No targets."),
        "since-after-year": Text(
            "--since {since} ligger efter rapportåret {year}",
            "--since {since} is after the report year {year}",
        ),
        "year-not-stored": Text(
            "år {year} ligger utanför databasens år {span}",
            "year {year} is outside the stored years {span}",
        ),
        "since-after-stored": Text(
            "--since {since} ligger efter databasens sista år {last}",
            "--since {since} is after the last stored year {last}",
        ),
        "database-error-short": Text("databasfel: {cause}", "database error: {cause}"),
        "unexpected": Text(
            "{kind}: {text} (sätt MILJOMAL_DEBUG=1 för detaljer)",
            "{kind}: {text} (set MILJOMAL_DEBUG=1 for details)",
        ),
        "user-control": Text(
            "namnet innehåller styrtecken (radbrytning, ESC eller liknande) som kan förfalska "
            "historiken",
            "the name holds control characters (a line break, ESC or the like) that could "
            "forge the history",
        ),
        "login-control": Text(
            "inloggningsnamnet ($USER) innehåller styrtecken som kan förfalska historiken; "
            "ange vem som gör ändringen med --user NAMN",
            "the login name ($USER) holds control characters that could forge the history; "
            "say who makes the change with --user NAME",
        ),
        # the audit trail: `history`, `uploads`, `year` (table columns are split at "|")
        "history-columns": Text(
            "år|gammalt värde|nytt värde|status|när|av vem|uppladdning|kommentar",
            "year|old value|new value|status|when|by|upload|comment",
        ),
        "uploads-columns": Text(
            "id|fil|av vem|när|nya|ändrade|oförändrade|utfall",
            "id|file|by|when|created|updated|unchanged|outcome",
        ),
        "upload-fields": Text(
            "fil|av vem|när|nya|ändrade|oförändrade|utfall|skäl",
            "file|by|when|created|updated|unchanged|outcome|reason",
        ),
        "revisions-columns": Text(
            "kommun|indikator|år|gammalt värde|nytt värde|status|kommentar",
            "municipality|indicator|year|old value|new value|status|comment",
        ),
        "years-columns": Text("år|låst|när|av vem", "year|locked|when|by"),
        "no-year-locks": Text("Inget år har låsts.", "No year has been locked."),
        "no-uploads": Text("Inga uppladdningar ännu.", "No uploads yet."),
        "upload-heading": Text("uppladdning {upload}", "upload {upload}"),
        "status-reported": Text("rapporterat", "reported"),
        "status-missing": Text("saknas", "missing"),
        "status-not-applicable": Text("ej tillämpligt", "not applicable"),
        "outcome-imported": Text("inläst", "imported"),
        "outcome-revert": Text("återställning", "revert"),
        "reverted-by": Text(
            "{outcome} (återställd av {upload})", "{outcome} (reverted by {upload})"
        ),
        "nothing-written": Text(
            "Provkörning: inget skrevs till databasen.",
            "Dry run: nothing was written to the database.",
        ),
        "yes": Text("ja", "yes"),
        "no": Text("nej", "no"),
        "on": Text("på", "on"),
        "off": Text("av", "off"),
        "wrote": Text("Skrev {path}", "Wrote {path}"),
        "wrote-images": Text("Skrev {path} ({count} bilder)", "Wrote {path} ({count} images)"),
        "report-over-input": Text(
            "rapporten skulle skriva över filen som importeras ({path}); välj ett annat namn, "
            "till exempel granskning.xlsx",
            "the report would overwrite the file being imported ({path}); choose another "
            "name, such as review.xlsx",
        ),
        # county review (`approval ...`)
        "approval-columns": Text(
            "kod|kommun|status|rapp.|..|.|saknas|senast ändrad|av vem",
            "code|municipality|state|rep.|..|.|absent|last change|by",
        ),
        "reminders-columns": Text("kod|kommun|varför|kommentar", "code|municipality|why|comment"),
        "log-columns": Text(
            "när|vad|av vem|kommun|år|skäl|fil", "when|what|by|municipality|year|reason|file"
        ),
        # indicators
        "indicators-columns": Text("kod|namn|enhet|riktning", "code|name|unit|direction"),
        "set-column": Text("uppsättning", "set"),
        "indicator-fields": Text(
            "kod|namn|namn (en)|beskrivning|enhet|riktning|decimaler|min – max|rapporteras av"
            "|källa|miljömål|tröskel|uppsättning",
            "code|name|name (en)|description|unit|direction|decimals|min – max|reported by"
            "|source|objectives|threshold|set",
        ),
        "direction-lower": Text("lägre", "lower"),
        "direction-higher": Text("högre", "higher"),
        "reporter-municipality": Text("kommun", "municipality"),
        "reporter-central": Text("central", "central"),
        # municipalities and groups
        "municipalities-columns": Text("kod|namn|län|SEkom", "code|name|county|SEkom"),
        "municipality-fields": Text(
            "kod|namn|kortnamn|län|SEkom|grupper", "code|name|short name|county|SEkom|groups"
        ),
        "member-years": Text("medlem {first}–{last}", "member {first}–{last}"),
        "sekom-yes-since": Text("ja ({since})", "yes ({since})"),
        "sekom-no-years": Text("nej ({years})", "no ({years})"),
        "no-longer-member": Text(
            "{label} är inte längre SEkom-medlem{years}.",
            "{label} is no longer a SEkom member{years}.",
        ),
        "is-member": Text("{label} är SEkom-medlem.", "{label} is a SEkom member."),
        "member-since": Text(
            "{label} är SEkom-medlem sedan {since}.", "{label} is a SEkom member since {since}."
        ),
        "group-created": Text(
            "Gruppen {name!r} har {count} kommuner: {members}.",
            "Group {name!r} has {count} municipalities: {members}.",
        ),
        "groups-columns": Text("namn|kommuner|beskrivning", "name|municipalities|description"),
        "group-members-columns": Text("kod|namn", "code|name"),
        "group-deleted": Text("Gruppen {name!r} är borttagen.", "Group {name!r} deleted."),
        # the action plan
        "not-a-status": Text(
            "{value!r} är ingen status; använd ej påbörjad, pågår, klar, försenad eller avbruten",
            "{value!r} is not a status; use ej påbörjad, pågår, klar, försenad, avbruten",
        ),
        "plan-dry-run": Text("skulle importeras (provkörning)", "would be imported (dry run)"),
        "plan-created": Text("importerad som ny plan", "imported as a new plan"),
        "plan-updated": Text("uppdaterad", "updated"),
        "plan-imported": Text(
            "Plan {name!r} {verb} från {file}.", "Plan {name!r} {verb} from {file}."
        ),
        "plan-counts": Text(
            "{goals} mål, {activities} aktiviteter.", "{goals} goals, {activities} activities."
        ),
        "unknown-amounts": Text(
            "Okända belopp (behålls som okända, räknas inte som 0):",
            "Unknown amounts (kept as unknown, not counted as 0):",
        ),
        "totals-checked": Text("Kontroll av angivna summor:", "Stated totals checked:"),
        "total-mismatch": Text(
            "Varning: {label} stämmer inte (skillnad {diff}); importerad som skriven.",
            "Warning: {label} does not add up (difference {diff}); imported as written.",
        ),
        "plan-changes": Text("{count} ändringar:", "{count} changes:"),
        "plan-no-changes": Text(
            "Inga ändringar sedan förra importen.", "No changes since the last import."
        ),
        "plan-listing": Text(
            "{name}\t{activities} aktiviteter\t{file}\t{when}",
            "{name}\t{activities} activities\t{file}\t{when}",
        ),
        "date-after-today": Text(
            "{day} ligger efter i dag ({today}); lägg till --planned för en planerad post",
            "{day} is after today ({today}); add --planned for a planned entry",
        ),
        "spent-goes-down": Text(
            "Varning: förbrukat hittills minskar från {earlier} till {spent}; förbrukat är "
            "summan hittills, inte periodens kostnad.",
            "Warning: spent so far goes down from {earlier} to {spent}; spent is the total so "
            "far, not this period's cost.",
        ),
        "spent-part": Text("förbrukat {amount}", "spent {amount}"),
        "progress-part": Text("framsteg {share}", "progress {share}"),
        "example-mark": Text(" (exempel)", " (example)"),
        "updates-imported": Text(
            "{count} statusuppdateringar importerade från {file}.",
            "{count} status updates imported from {file}.",
        ),
        "plan-as-of": Text("{plan}, per {day}", "{plan}, as of {day}"),
        "plan-columns": Text(
            "Kod|Aktivitet|Status|Sedan|Förbrukat|Budget|Framsteg|Tid|Flagga",
            "Code|Activity|Status|Since|Spent|Budget|Progress|Time|Flag",
        ),
        "plan-goals": Text("Mål:", "Goals:"),
        "plan-goal": Text(
            "  Mål {number}: {flag} ({counts}); budget {budget}, förbrukat {spent}",
            "  Goal {number}: {flag} ({counts}); budget {budget}, spent {spent}",
        ),
        "linked": Text("Länkade {code} till {indicator}.", "Linked {code} to {indicator}."),
        "already-linked": Text(
            "{code} var redan länkad till {indicator}.", "{code} was already linked to {indicator}."
        ),
        "unlinked": Text(
            "Tog bort länken {code} – {indicator}.", "Removed the link {code} – {indicator}."
        ),
        "not-linked": Text(
            "{code} var inte länkad till {indicator}.", "{code} was not linked to {indicator}."
        ),
        "plan-unchanged-since-first": Text(
            "Inga ändringar sedan första importen.", "No changes since the first import."
        ),
        # targets
        "target-set": Text(
            "Satte mål för {owner}, {indicator}: {value} till {year}{base}",
            "Set target for {owner}, {indicator}: {value} by {year}{base}",
        ),
        "target-replaced": Text(
            "Ersatte målet för {owner}, {indicator}: {value} till {year}{base}",
            "Replaced target for {owner}, {indicator}: {value} by {year}{base}",
        ),
        "owner-municipality": Text("kommun {code}", "municipality {code}"),
        "owner-county": Text("län {code}", "county {code}"),
        "target-base-year": Text(" (basår {year})", " (base year {year})"),
        "targets-columns": Text(
            "ägare|indikator|målvärde|målår|basår", "owner|indicator|target|year|base year"
        ),
        "national-columns": Text(
            "uppsättning|indikator|målvärde|målår|län {county}",
            "set|indicator|target|year|county {county}",
        ),
    }
)


def columns(key: str, lang: Lang | None, /, **params: object) -> tuple[str, ...]:
    """A table's column headings (message ``key``, split at "|") in ``lang``."""
    return tuple(MESSAGES(key, lang, **params).split("|"))


def word(prefix: str, value: str | None, lang: Lang | None) -> str:
    """A stored code in the reader's words (``status-missing`` -> "saknas"); else the code."""
    key = f"{prefix}-{value}"
    return MESSAGES(key, lang) if key in MESSAGES else (value or "")


def say(key: str, /, **params: object) -> str:
    """The shell's message ``key`` in the language of this run (`--lang`, else Swedish)."""
    return MESSAGES(key, CURRENT_LANG.get(), **params)


# click's message ids (its English texts) and their Swedish.  Plural forms: (singular, plural).
CLICK_SV: dict[str, str] = {
    "Error: {message}": "Fel: {message}",
    "Usage:": "Användning:",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Missing argument": "Saknar argumentet",
    "Missing option": "Saknar flaggan",
    "Missing parameter": "Saknar parametern",
    "Missing {param_type}": "Saknar {param_type}",
    "Missing parameter: {param_name}": "Saknar parametern: {param_name}",
    "Missing command.": "Ange ett kommando.",
    "No such option {name!r}.": "Flaggan {name!r} finns inte.",
    "No such command {name!r}.": "Kommandot {name!r} finns inte.",
    "Could not open file {filename!r}: {message}": "Kunde inte öppna {filename!r}: {message}",
    "unknown error": "okänt fel",
    "Aborted!": "Avbrutet!",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} värden.",
    "Invalid start character for option ({option})": "Ogiltigt första tecken i flagga ({option})",
    "file": "filen",
    "directory": "mappen",
    "path": "sökvägen",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} går inte att köra.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{value} is not in the range {range}.": "{value} ligger utanför intervallet {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inget giltigt {number_type}.",
    "integer": "heltal",
    "float": "decimaltal",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} är inget giltigt sant/falskt-värde. Godtagna värden: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} är inget giltigt UUID.",
    "Choose from:\n\t{choices}": "Välj bland:\n\t{choices}",
}
CLICK_SV_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Menade du {possibility}?",
        "(Menade du något av: {possibilities}?)",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Flaggan {name!r} kräver ett värde.",
        "Flaggan {name!r} kräver {nargs} värden.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} är inte {choice}.",
        "{value!r} är inte något av {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "{value!r} har inte formatet {format}.",
        "{value!r} har inte något av formaten {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} värden krävs, men {len_value} gavs.",
        "{len_type} värden krävs, men {len_value} gavs.",
    ),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Oväntat extra argument ({args})",
        "Oväntade extra argument ({args})",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Tar {nargs} värden men 1 gavs.",
        "Tar {nargs} värden men {len} gavs.",
    ),
}
# "Usage:" is also the heading of `--help`, which stays English (docs/cli.md is generated from
# it); it is translated only while an error is shown.
_ERROR_ONLY = {"Usage:"}

# The language click's messages are rendered in; set by the root group from `--lang` or
# $MILJOMAL_LANG before any subcommand is parsed.
CURRENT_LANG: ContextVar[Lang] = ContextVar("miljomal_lang", default="sv")
_SHOWING_ERROR: ContextVar[bool] = ContextVar("miljomal_showing_error", default=False)


def _gettext(message: str) -> str:
    if CURRENT_LANG.get() == "en":
        return message
    if message in _ERROR_ONLY and not _SHOWING_ERROR.get():
        return message
    return CLICK_SV.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    if CURRENT_LANG.get() != "en" and (singular, plural) in CLICK_SV_PLURAL:
        singular, plural = CLICK_SV_PLURAL[(singular, plural)]
    return singular if count == 1 else plural


def translate_click() -> None:
    """Route click's message lookups through this table (idempotent)."""
    for name in ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


class showing_error:  # noqa: N801 - used as a context manager, like contextlib's
    """While an error is shown, click's "Usage:" reads in the reader's language too."""

    def __enter__(self) -> None:
        self._token = _SHOWING_ERROR.set(True)

    def __exit__(self, *exc: object) -> None:
        _SHOWING_ERROR.reset(self._token)
