"""The words and sentences of `intake`, in Swedish and English (see `i18n`).

Keys are prefixed with the module that uses them: ``template-`` (the template workbook),
``annotate-`` (the annotated copy's review sheet), ``sheet-`` (sheet names a reader also
looks for, in either language).
"""

from __future__ import annotations

from i18n import Messages
from i18n import Text

MESSAGES = Messages(
    {
        "sheet-instructions": Text("Instruktioner", "Instructions"),
        "sheet-data": Text("Värden", "Values"),
        "sheet-review": Text("Granskning", "Review"),
        "sheet-form": Text("Formulär", "Form"),
        # The template's status dropdown; the reader maps them back (any language, any case).
        "status-reported": Text("rapporterat", "reported"),
        "status-missing": Text(".. uppgift saknas", ".. missing"),
        "status-not-applicable": Text(". ej tillämpligt", ". not applicable"),
        "template-title": Text(
            "Miljömålsindikatorer – {name} ({code}) – rapportår {year}",
            "Environmental objective indicators – {name} ({code}) – reporting year {year}",
        ),
        "template-subtitle": Text(
            "Indikatoruppsättning: {set} · mallversion {version}",
            "Indicator set: {set} · template version {version}",
        ),
        "template-hint": Text(
            "Grå kolumner visar tidigare värden och kan inte ändras. Fyll i kolumnerna "
            "Värde {year}, Status och Kommentar.",
            "Grey columns show earlier values and cannot be changed. Fill in the columns "
            "Value {year}, Status and Comment.",
        ),
        "template-code": Text("Kod", "Code"),
        "template-indicator": Text("Indikator", "Indicator"),
        "template-unit": Text("Enhet", "Unit"),
        "template-value": Text("Värde {year}", "Value {year}"),
        "template-status": Text("Status", "Status"),
        "template-comment": Text("Kommentar", "Comment"),
        "template-prompt-title": Text("Värde {year}", "Value {year}"),
        "template-prompt": Text(
            "Enhet: {unit}. Giltigt: {range}. Decimalkomma går bra.",
            "Unit: {unit}. Valid: {range}.",
        ),
        "template-error-title": Text("Ogiltigt värde", "Invalid value"),
        "template-error": Text(
            "Skriv ett tal {range} ({unit}). Saknas uppgiften: lämna cellen tom och välj "
            "status i kolumnen Status.",
            "Enter a number {range} ({unit}). If the value is missing, leave the cell "
            "empty and choose a status in the Status column.",
        ),
        "template-between": Text("mellan {low} och {high}", "between {low} and {high}"),
        "template-at-least": Text("minst {low}", "at least {low}"),
        "template-at-most": Text("högst {high}", "at most {high}"),
        "template-any": Text("vilket tal som helst", "any number"),
        "template-status-title": Text("Status", "Status"),
        "template-status-prompt": Text(
            "Välj bara när värdet saknas (..) eller inte är tillämpligt (.).",
            "Choose only when the value is missing (..) or not applicable (.).",
        ),
        "template-status-error": Text(
            "Välj ett alternativ i listan.", "Choose an entry from the list."
        ),
        "template-workbook-title": Text(
            "Miljömålsindikatorer {name} {year}", "Environmental objective indicators {name} {year}"
        ),
        "annotate-title": Text("Granskning av {file}", "Review of {file}"),
        "annotate-summary": Text(
            "{errors} fel och {warnings} varningar.", "{errors} errors and {warnings} warnings."
        ),
        "annotate-legend": Text(
            "Cellerna är markerade i filen: rött = fel, gult = varning. Håll muspekaren "
            "över en markerad cell för att läsa meddelandet. Rätta felen och skicka filen "
            "igen.",
            "The cells are marked in the file: red = error, yellow = warning. Hover over a "
            "marked cell to read the message. Correct the errors and send the file again.",
        ),
        "annotate-none": Text("Inga problem hittades.", "No problems were found."),
        "annotate-severity": Text("Allvarlighet", "Severity"),
        "annotate-code": Text("Kod", "Code"),
        "annotate-cell": Text("Cell", "Cell"),
        "annotate-message": Text("Meddelande", "Message"),
        "annotate-row": Text("rad {row}", "row {row}"),
        "annotate-column": Text("kolumn {column}", "column {column}"),
        "annotate-whole": Text("hela filen", "whole file"),
        "annotate-error": Text("fel", "error"),
        "annotate-warning": Text("varning", "warning"),
    }
)


# The instruction sheet, line by line: (kind, Swedish, English).
INSTRUCTIONS: tuple[tuple[str, Text], ...] = (
    (
        "title",
        Text(
            "Miljömålsindikatorer {year} – så fyller du i filen",
            "Environmental objective indicators {year} – how to fill in this file",
        ),
    ),
    ("text", Text("", "")),
    ("text", Text("Kommun: {name} ({code})", "Municipality: {name} ({code})")),
    ("text", Text("Rapportår: {year}", "Reporting year: {year}")),
    (
        "text",
        Text(
            "Indikatoruppsättning: {set_code} ({set_name})",
            "Indicator set: {set_code} ({set_name})",
        ),
    ),
    ("text", Text("Mallversion: {version}", "Template version: {version}")),
    ("text", Text("", "")),
    ("heading", Text("Vem fyller i?", "Who fills it in?")),
    (
        "text",
        Text(
            "Den som på kommunen samlar in miljömålsindikatorerna (oftast miljöstrategen eller "
            "miljösamordnaren). Hämta gärna uppgifter från kollegor, men låt en person fylla i "
            "och skicka filen.",
            "The person at the municipality who gathers the environmental objective indicators "
            "(usually the environmental strategist). Collect figures from colleagues, but let "
            "one person fill in and send the file.",
        ),
    ),
    ("text", Text("", "")),
    ("heading", Text("Så här gör du", "How")),
    (
        "text",
        Text(
            "1. Gå till bladet {data}. Varje rad är en indikator. De grå kolumnerna visar de "
            "värden som redan finns för de fem föregående åren; de går inte att ändra.",
            "1. Go to the sheet {data}. Each row is one indicator. The grey columns show the "
            "values already stored for the five previous years; they cannot be changed.",
        ),
    ),
    (
        "text",
        Text(
            "2. Skriv årets värde i kolumnen Värde {year}: ett värde per indikator, i den "
            "enhet som står i kolumnen Enhet. Decimalkomma går bra (12,5). Andelar i procent "
            "skrivs som tal: 12,5 betyder 12,5 %.",
            "2. Enter this year's value in the column Value {year}: one value per indicator, "
            "in the unit shown in the column Unit. Shares in percent are entered as numbers: "
            "12.5 means 12.5 %. A decimal comma is fine too.",
        ),
    ),
    (
        "text",
        Text(
            "3. Excel kontrollerar att värdet är ett tal inom det giltiga intervallet; "
            "intervallet visas när du markerar cellen.",
            "3. Excel checks that the value is a number within the valid range; the range is "
            "shown when you select the cell.",
        ),
    ),
    (
        "text",
        Text(
            "4. Är värdet noll skriver du 0 (i officiell statistik betyder ett streck, -, "
            "också noll).",
            "4. A value of zero is entered as 0 (in official statistics a dash, -, also means "
            "zero).",
        ),
    ),
    (
        "text",
        Text(
            "5. Saknas uppgiften lämnar du värdecellen tom och väljer ”{missing}” i kolumnen "
            "Status. Går indikatorn inte att ta fram för kommunen väljer du "
            "”{not_applicable}”. När du har skrivit ett värde kan Status lämnas tom eller vara "
            "”{reported}”.",
            "5. If the value is missing, leave the value cell empty and choose “{missing}” in "
            "the column Status. If the indicator does not apply to the municipality, choose "
            "“{not_applicable}”. When you have entered a value, Status can stay empty or be "
            "“{reported}”.",
        ),
    ),
    (
        "text",
        Text(
            "6. Skriv gärna en kommentar i kolumnen Kommentar: källa, beräkningssätt eller "
            "varför värdet har ändrats mycket sedan förra året.",
            "6. Comments are welcome in the column Comment: the source, how the value was "
            "calculated, or why it changed much from last year.",
        ),
    ),
    (
        "text",
        Text(
            "7. Ändra inte i upplägget: byt inte namn på bladen, flytta inte kolumner och lägg "
            "inte till eller ta bort rader. Bladen är skyddade (utan lösenord) så att det inte "
            "händer av misstag.",
            "7. Do not change the layout: do not rename the sheets, move columns or add or "
            "delete rows. The sheets are protected (without a password) so that this does not "
            "happen by mistake.",
        ),
    ),
    (
        "text",
        Text(
            "8. Spara filen som Excel-arbetsbok (.xlsx) och ladda upp den, eller skicka den "
            "till den som skickade mallen till dig.",
            "8. Save the file as an Excel workbook (.xlsx) and upload it, or send it to "
            "whoever sent you the template.",
        ),
    ),
    ("text", Text("", "")),
    ("heading", Text("Frågor?", "Questions?")),
    (
        "text",
        Text(
            "Kontakta den som skickade mallen till dig.", "Contact whoever sent you the template."
        ),
    ),
)
