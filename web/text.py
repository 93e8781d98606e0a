"""Every string the portal shows, in Swedish (default) and English: one message table.

The portal keeps its strings in an `i18n.Messages` table, the one language mechanism the CLI
and the documents use (see docs/architecture.md, "Language"): a `Text` cannot lack a language,
and nothing is compiled.
"""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask import session
from flask_login import current_user

from i18n import Lang
from i18n import Messages
from i18n import Text
from i18n import pick_lang
from intake.files.problem_types import BY_CODE

MESSAGES = Messages(
    {
        "app-name": Text("miljomal – rapportering", "miljomal – reporting"),
        "skip": Text("Hoppa till innehållet", "Skip to content"),
        "accessibility-statement": Text("Tillgänglighetsredogörelse", "Accessibility statement"),
        "privacy": Text("Personuppgifter", "Personal data"),
        "email": Text("E-post", "E-mail"),
        "password": Text("Lösenord", "Password"),
        "password-again": Text("Lösenord igen", "Password again"),
        "current-password": Text("Nuvarande lösenord", "Current password"),
        "new-password": Text(
            "Nytt lösenord (minst 12 tecken)", "New password (at least 12 characters)"
        ),
        "log-in": Text("Logga in", "Log in"),
        "log-out": Text("Logga ut", "Log out"),
        "logout-intro": Text("Logga ut ur den här webbläsaren.", "Log out of this browser."),
        "log-out-everywhere": Text("Logga ut överallt", "Log out everywhere"),
        "log-out-everywhere-help": Text(
            "Avslutar alla dina inloggningar, i alla webbläsare och på alla datorer.",
            "Ends every one of your sessions, in every browser and on every computer.",
        ),
        "password-rules": Text(
            "Minst 12 tecken och minst 5 olika. Inte bara mellanslag och inte ett av de "
            "vanligaste lösenorden. Några ord som inte hör ihop är lätta att minnas och "
            "svåra att gissa.",
            "At least 12 characters, at least 5 different ones. Not only spaces and not one "
            "of the most common passwords. A few unrelated words are easy to remember and "
            "hard to guess.",
        ),
        "login-heading": Text("Logga in", "Log in"),
        "login-intro": Text(
            "Logga in med din e-postadress för att rapportera din kommuns nyckeltal.",
            "Log in with your e-mail address to report your municipality's indicators.",
        ),
        "login-failed": Text("Fel e-post eller lösenord.", "Wrong e-mail or password."),
        "login-blocked": Text(
            "För många misslyckade inloggningar. Försök igen om {minutes} minuter.",
            "Too many failed logins. Try again in {minutes} minutes.",
        ),
        "login-too-long": Text(
            "E-postadressen eller lösenordet är för långt (högst 254 och 1 024 tecken).",
            "The e-mail address or the password is too long (at most 254 and 1,024 characters).",
        ),
        "session-expired": Text(
            "Du har loggats ut efter en tids inaktivitet. Logga in igen.",
            "You were logged out after a while without activity. Log in again.",
        ),
        "password-set": Text("Lösenordet är sparat. Logga in.", "Your password is saved. Log in."),
        "nav-home": Text("Min kommun", "My municipality"),
        "nav-upload": Text("Ladda upp", "Upload"),
        "nav-form": Text("Fyll i direkt", "Fill in directly"),
        "nav-history": Text("Historik", "History"),
        "nav-settings": Text("Inställningar", "Settings"),
        "nav-municipalities": Text("Kommuner", "Municipalities"),
        "choose-municipality": Text("Välj kommun", "Choose a municipality"),
        "year": Text("År", "Year"),
        "show": Text("Visa", "Show"),
        "overview-heading": Text("{name} – nyckeltal {year}", "{name} – indicators {year}"),
        "missing-count": Text(
            "{missing} av {total} nyckeltal saknar värde för {year}.",
            "{missing} of {total} indicators have no value for {year}.",
        ),
        "all-reported": Text(
            "Alla {total} nyckeltal har ett värde för {year}.",
            "All {total} indicators have a value for {year}.",
        ),
        "saved-upload": Text("Sparat (uppladdning {id}).", "Saved (upload {id})."),
        "download-template": Text("Ladda ner mall", "Download template"),
        "indicator": Text("Nyckeltal", "Indicator"),
        "unit": Text("Enhet", "Unit"),
        "last-year": Text("Förra året ({year})", "Last year ({year})"),
        "this-year": Text("I år ({year})", "This year ({year})"),
        "status": Text("Status", "Status"),
        "comment": Text("Kommentar", "Comment"),
        "changed": Text("Ändrat av", "Changed by"),
        "not-reported": Text("saknas", "missing"),
        "status-reported": Text("rapporterat", "reported"),
        "status-missing": Text("uppgift saknas (..)", "missing (..)"),
        "status-not-applicable": Text("ej tillämpligt (.)", "not applicable (.)"),
        "upload-heading": Text("Ladda upp värden för {name}", "Upload values for {name}"),
        "upload-intro": Text(
            "Välj en fil (xlsx, xlsm, ods, csv eller txt) och tryck Granska. Filen kontrolleras "
            "helt innan något sparas.",
            "Choose a file (xlsx, xlsm, ods, csv or txt) and press Review. The file is checked "
            "completely before anything is saved.",
        ),
        "file": Text("Fil", "File"),
        "review": Text("Granska", "Review"),
        "save": Text("Spara", "Save"),
        "max-size": Text(
            "Största filstorlek: {megabytes} MB.", "Largest file size: {megabytes} MB."
        ),
        "choose-file": Text("Välj en fil att granska.", "Choose a file to review."),
        "wrong-suffix": Text(
            "{name} kan inte läsas: välj en fil av typen xlsx, xlsm, ods, csv eller txt.",
            "{name} cannot be read: choose an xlsx, xlsm, ods, csv or txt file.",
        ),
        "review-heading": Text("Granskning av {name}", "Review of {name}"),
        "review-ok": Text(
            "Filen kan sparas: {created}, {updated} och {unchanged}.",
            "The file can be saved: {created}, {updated} and {unchanged}.",
        ),
        "count-new": Text("{n} nya värden", "{n} new values"),
        "count-new-one": Text("1 nytt värde", "1 new value"),
        "count-changed": Text("{n} ändrade", "{n} changed"),
        "count-changed-one": Text("1 ändrat", "1 changed"),
        "count-unchanged": Text("{n} oförändrade", "{n} unchanged"),
        "count-unchanged-one": Text("1 oförändrat", "1 unchanged"),
        "review-errors": Text(
            "Filen har {errors} fel och kan inte sparas. Rätta felen i filen och ladda upp den "
            "igen.",
            "The file has {errors} errors and cannot be saved. Correct them in the file and "
            "upload it again.",
        ),
        "review-errors-one": Text(
            "Filen har 1 fel och kan inte sparas. Rätta felet i filen och ladda upp den igen.",
            "The file has 1 error and cannot be saved. Correct it in the file and upload it again.",
        ),
        "review-unchanged": Text(
            "Filen är redan sparad; inget ändras.", "The file is saved already; nothing changes."
        ),
        "warnings": Text("{warnings} varningar att titta på.", "{warnings} warnings worth a look."),
        "warnings-one": Text("1 varning att titta på.", "1 warning worth a look."),
        "problems": Text("Problem", "Problems"),
        "planned-heading": Text("Värden som sparas", "Values to be saved"),
        "planned-intro": Text(
            "Kontrollera att varje nyckeltal betyder det du menar innan du sparar.",
            "Check that each indicator means what you intend before you save.",
        ),
        "planned-indicator": Text("Nyckeltal", "Indicator"),
        "planned-old": Text("Lagrat värde", "Stored value"),
        "planned-new": Text("Nytt värde", "New value"),
        "planned-none": Text("inget", "none"),
        "severity": Text("Typ", "Kind"),
        "place": Text("Plats", "Place"),
        "message": Text("Beskrivning", "Description"),
        "error": Text("Fel", "Error"),
        "warning": Text("Varning", "Warning"),
        "download-review": Text("Ladda ner granskad arbetsbok", "Download the reviewed workbook"),
        "upload-another": Text("Välj en annan fil", "Choose another file"),
        "staged-gone": Text(
            "Filen finns inte längre (den har sparats eller är äldre än ett dygn). Ladda upp den "
            "igen.",
            "The file is no longer kept (it was saved, or is older than a day). Upload it again.",
        ),
        "form-heading": Text("Fyll i värden för {name} {year}", "Fill in values for {name} {year}"),
        "form-intro": Text(
            "Skriv värden med decimalkomma (12,5). Skriv .. om uppgift saknas och . om "
            "nyckeltalet inte är tillämpligt. Tomma fält lämnar sparade värden orörda. Allt "
            "sparas eller inget.",
            "Write values with a decimal comma or point. Write .. when a figure is missing and . "
            "when the indicator does not apply. Empty fields leave stored values alone. "
            "Everything is saved, or nothing.",
        ),
        "form-errors": Text(
            "Formuläret har {errors} fel; inget sparades.",
            "The form has {errors} errors; nothing was saved.",
        ),
        "form-errors-one": Text(
            "Formuläret har 1 fel; inget sparades.", "The form has 1 error; nothing was saved."
        ),
        "value": Text("Värde", "Value"),
        "range": Text("Giltigt: {range}", "Valid: {range}"),
        "range-any": Text("Inga gränser", "No limits"),
        "stored-now": Text("Sparat nu: {value}", "Stored now: {value}"),
        "history-heading": Text("Historik för {name}", "History of {name}"),
        "upload": Text("Uppladdning", "Upload"),
        "when": Text("När", "When"),
        "who": Text("Vem", "Who"),
        "file-name": Text("Fil", "File"),
        "years": Text("År", "Years"),
        "values": Text("Värden", "Values"),
        "outcome": Text("Utfall", "Outcome"),
        "revert": Text("Återställ", "Revert"),
        "reverted": Text("återställd", "reverted"),
        "outcome-imported": Text("sparad", "saved"),
        "outcome-revert": Text("återställning", "revert"),
        "count-values": Text("{count} värden", "{count} values"),
        "count-values-one": Text("1 värde", "1 value"),
        "reverted-upload": Text("Uppladdning {id} är återställd.", "Upload {id} is reverted."),
        "locked": Text("låst år", "locked year"),
        # The review loop (issue 21): the year's state, "Klar för granskning", Återställ.
        "year-state": Text("Året {year} är {state}.", "The year {year} is {state}."),
        "decided-by": Text("Beslut av {actor} {when}.", "Decided by {actor} on {when}."),
        "submitted-by": Text(
            "Markerad som klar för granskning av {actor} {when}.",
            "Marked ready for review by {actor} on {when}.",
        ),
        "board-reason": Text("Länsstyrelsens motivering:", "The county board's reason:"),
        "ready-for-review": Text("Klar för granskning", "Ready for review"),
        "ready-hint": Text(
            "När värdena för {year} är klara: markera året, så granskar länsstyrelsen det.",
            "When the values for {year} are done, mark the year and the county board reviews it.",
        ),
        "marked-ready": Text(
            "{year} är markerad som klar för granskning. Länsstyrelsen granskar den nu.",
            "{year} is marked ready for review. The county board reviews it now.",
        ),
        "reopened-by-save": Text(
            "{year} var markerad som klar för granskning; ändringen gör året öppet igen. "
            "Markera det som klart när du är färdig.",
            "{year} was marked ready for review; the change opens the year again. Mark it "
            "ready when you are done.",
        ),
        "revert-heading": Text("Återställ uppladdning {id}", "Revert upload {id}"),
        "revert-intro": Text(
            "Detta ändras om du återställer uppladdningen:",
            "This changes if you revert the upload:",
        ),
        "now": Text("Nu", "Now"),
        "after": Text("Efter", "After"),
        "value-removed": Text(
            "tas bort (fanns inte före uppladdningen)",
            "removed (did not exist before the upload)",
        ),
        "revert-nothing": Text(
            "Inga värden ändras: alla har ändrats igen sedan uppladdningen.",
            "No value changes: every one has changed again since the upload.",
        ),
        "revert-kept": Text(
            "Dessa värden har ändrats sedan uppladdningen och lämnas som de är:",
            "These values have changed since the upload and are left as they are:",
        ),
        "revert-blocked": Text(
            "Uppladdningen kan inte återställas: andra användare har ändrat värden sedan dess.",
            "The upload cannot be reverted: other users have changed its values since.",
        ),
        "changed-by": Text("ändrad av {who}", "changed by {who}"),
        "cancel": Text("Avbryt", "Cancel"),
        "no-uploads": Text("Inga uppladdningar ännu.", "No uploads yet."),
        "value-history": Text("Värdenas historik", "History of the values"),
        "settings-heading": Text("Inställningar", "Settings"),
        "language": Text("Språk", "Language"),
        "swedish": Text("Svenska", "Svenska"),
        "english": Text("English", "English"),
        "settings-saved": Text("Sparat.", "Saved."),
        "change-password": Text("Byt lösenord", "Change password"),
        "set-password-heading": Text("Välj lösenord för {email}", "Choose a password for {email}"),
        "passwords-differ": Text("Lösenorden är inte lika.", "The passwords differ."),
        "wrong-current-password": Text(
            "Nuvarande lösenord stämmer inte.", "The current password is wrong."
        ),
        "error-400": Text(
            "Begäran kunde inte tolkas (saknas formulärets säkerhetsnyckel? Ladda om sidan och "
            "försök igen).",
            "The request could not be understood (the form's security token may be missing: "
            "reload the page and try again).",
        ),
        "error-401": Text("Du behöver logga in.", "You need to log in."),
        "error-403": Text(
            "Du har inte behörighet till den här sidan.", "You may not see this page."
        ),
        "error-404": Text("Sidan finns inte.", "There is no such page."),
        "error-405": Text("Metoden är inte tillåten här.", "That method is not allowed here."),
        "error-413": Text(
            "Filen är för stor: den får vara högst {megabytes} MB.",
            "The file is too large: it may be at most {megabytes} MB.",
        ),
        "error-500": Text(
            "Något gick fel hos oss; inget sparades. Försök igen om en stund.",
            "Something went wrong on our side; nothing was saved. Try again shortly.",
        ),
        "back": Text("Tillbaka", "Back"),
        "no-changes": Text(
            "Inga ändringar av det här nyckeltalet ännu.", "No changes of this indicator yet."
        ),
        "old-value": Text("Tidigare", "Before"),
        "new-value": Text("Nytt", "New"),
        "warnings-below": Text("Titta på varningarna nedan.", "Look at the warnings below."),
        "line": Text("rad", "line"),
        # Bounds on one user's work (issue 22, cases 1, 3, 4 and 12).
        "review-busy": Text(
            "Du har redan {count} granskningar igång. Vänta tills de är klara och försök igen.",
            "You already have {count} reviews running. Wait until they are done and try again.",
        ),
        "report-busy": Text(
            "Andra rapporter tas fram just nu, så rapporten tas fram först när en av dem är "
            "klar. Försök igen om {seconds} sekunder.",
            "Other reports are being made right now, so this report can be made once one of "
            "them is done. Try again in {seconds} seconds.",
        ),
        "annotation-too-many-rows": Text(
            "Filen har fler än {rows} rader, så ingen granskad kopia av den görs. "
            "Problemen står nedan.",
            "The file has more than {rows} rows, so no annotated copy of it is made. "
            "The problems are listed below.",
        ),
        "annotation-impossible": Text(
            "Den granskade kopian kan inte göras för den här filen: den innehåller något som "
            "inte går att kopiera. Problemen står nedan.",
            "The annotated copy cannot be made for this file: it holds something that cannot "
            "be copied. The problems are listed below.",
        ),
        "staged-not-savable": Text(
            "Filen har fel och kan inte sparas. Rätta felen och ladda upp den igen.",
            "The file has errors and cannot be saved. Correct them and upload it again.",
        ),
        "county-reminders-heading": Text(
            "Påminnelser {year}",
            "Reminders {year}",
        ),
        "county-send-reminders": Text(
            "Skicka påminnelser per e-post",
            "Send reminders by e-mail",
        ),
        "county-reminders-sent": Text(
            "{sent} påminnelser skickade per e-post.",
            "{sent} reminders sent by e-mail.",
        ),
        "county-reminders-sent-one": Text(
            "1 påminnelse skickad per e-post.",
            "1 reminder sent by e-mail.",
        ),
        "municipality": Text(
            "Kommun",
            "Municipality",
        ),
        "why": Text(
            "Varför",
            "Why",
        ),
        "indicators-without-value": Text(
            "Nyckeltal utan värde",
            "Indicators without a value",
        ),
        "reporter": Text(
            "Rapportör",
            "Reporter",
        ),
        "audit-heading": Text(
            "Granskningslogg",
            "Audit log",
        ),
        "all": Text(
            "alla",
            "all",
        ),
        "everything": Text(
            "allt",
            "everything",
        ),
        "what": Text(
            "Vad",
            "What",
        ),
        "by-whom": Text(
            "Av vem",
            "By whom",
        ),
        "reason": Text(
            "Skäl",
            "Reason",
        ),
        "reports-heading": Text(
            "Rapporter {year}",
            "Reports {year}",
        ),
        "reports-intro": Text(
            "Rapporterna görs av det som finns sparat nu. En rapport som redan gjorts hämtas "
            "direkt tills något sparas, godkänns eller ändras.",
            "The reports are made from what is stored now. A report made already is fetched at "
            "once until something is saved, approved or changed.",
        ),
        "report": Text(
            "Rapport",
            "Report",
        ),
        "fetch": Text(
            "Hämta",
            "Download",
        ),
        "report-county": Text(
            "Länsrapport",
            "County report",
        ),
        "report-municipality": Text(
            "Kommunrapport",
            "Municipality report",
        ),
        "report-completeness": Text(
            "Inrapporteringsgrad",
            "Completeness",
        ),
        "report-plan": Text(
            "Åtgärdsplanens uppföljning",
            "Action plan follow-up",
        ),
        "mail-subject": Text(
            "Nyckeltal {year} – {name}",
            "Indicators {year} – {name}",
        ),
        "county-upload-heading": Text(
            "Ladda upp en länssammanställning för {name}",
            "Upload a county compilation for {name}",
        ),
        "county-upload-intro": Text(
            "En fil med värden för flera av länets kommuner (xlsx, xlsm, ods, csv eller txt), "
            "till exempel kommuner som rader och nyckeltal som kolumner. Rader med summor "
            "(Summa, Totalt, Riket, länets rad) hoppas över med en varning. Filen kontrolleras "
            "helt innan något sparas.",
            "A file with values for several of the county's municipalities (xlsx, xlsm, ods, "
            "csv or txt), for example municipalities as rows and indicators as columns. Rows of "
            "totals (Summa, Totalt, Riket, the county's row) are skipped with a warning. The "
            "file is checked completely before anything is saved.",
        ),
        "county-upload-link": Text("Ladda upp länssammanställning", "Upload a county compilation"),
        "saved-county-upload": Text(
            "Länssammanställningen är sparad (uppladdning {id}).",
            "The county compilation is saved (upload {id}).",
        ),
        "reports-for": Text("Rapporter för {year}:", "Reports for {year}:"),
        "municipality-report": Text("Kommunens rapport", "The municipality's report"),
        "county-comparison": Text("Jämförelse i länet", "Comparison within the county"),
        "action-return": Text("Skicka tillbaka", "Return"),
        "action-reopen": Text("Öppna igen", "Reopen"),
        "decision-year-locked": Text(
            "Året {year} är låst för hela länet: inget beslut om en kommun ändras förrän året "
            "låses upp.",
            "The year {year} is locked for the whole county: no decision about a municipality "
            "changes until the year is unlocked.",
        ),
        "decision-needs-reason": Text(
            "{action} kräver en motivering: skriv den i fältet Kommentar på raden för {name}. "
            "Kommunen ser den.",
            "{action} needs a reason: write it in the Comment field of {name}'s row. The "
            "municipality sees it.",
        ),
        # The JSON API's errors (web/api.py), in the language of `?lang=` or the token's user.
        "api-token-required": Text(
            "en giltig API-nyckel krävs", "a valid bearer token is required"
        ),
        "api-file-missing": Text(
            "skicka filen i fältet 'file'", "send the file as multipart field 'file'"
        ),
        "api-municipality-missing": Text("ange kommun (municipality)", "say which municipality"),
        "api-may-not-report": Text(
            "du får inte rapportera för kommun {code}",
            "you may not report for municipality {code}",
        ),
        "api-year": Text("year ska vara ett årtal (2024)", "year must be a year (2024)"),
        "api-may-not-read": Text(
            "du får inte läsa en av dessa kommuner",
            "you may not read one of these municipalities",
        ),
        "api-unknown-set": Text("okänd indikatoruppsättning {wanted!r}", "{text}"),
    }
)


def lang() -> Lang:
    """The language of this request: the user's setting, else the session's, else Swedish."""
    if not has_request_context():
        return "sv"
    if current_user and current_user.is_authenticated:
        return pick_lang(current_user.account.lang)
    return pick_lang(session.get("lang"))


def say(key: str, **values: Any) -> str:
    """The message ``key`` in the request's language, with ``{names}`` filled in."""
    return MESSAGES(key, lang(), **values)


def say_count(key: str, number: int, language: Lang | None = None, **values: Any) -> str:
    """The message ``key`` for ``number`` things: its ``-one`` form when there is one."""
    language = language or lang()
    if number == 1 and f"{key}-one" in MESSAGES:
        return MESSAGES(f"{key}-one", language, **values)
    return MESSAGES(key, language, **values)


def problem_message(problem: Any, language: Lang | None = None) -> str:
    """An import problem in the portal's words, else its own.

    The command line's messages name its flags (`--municipality`, `--set`, `--force
    --reason`); a problem type's ``web`` sentence says the same from the problem's parameters
    (`intake.files.problem_types`).  A type without one is shown with the import's message.
    """
    language = language or lang()
    kind = BY_CODE.get(problem.code)
    if kind is not None and kind.web is not None and problem.params:
        params = dict(problem.params)
        if "count" in params:
            count = params["count"]
            params["values"] = say_count("count-values", count, language, count=count)
        return kind.web.render(language, **params)
    return str(problem.message(language))
