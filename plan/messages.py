"""The plan report's words and sentences in Swedish and English (an `i18n.Messages` table).

The follow-up's own words (statuses, flags, amounts, checked totals) are `plan.texts.TEXTS`;
this table holds what the report documents add: titles, column headings, notes, the
provenance line and file names.  ``Budget``, ``Start`` and ``Status`` read the same in both
languages and are written where they are used.
"""

from __future__ import annotations

from i18n import Messages
from i18n import Text

MESSAGES = Messages(
    {
        # the document
        "title": Text("Uppföljning av handlingsplan", "Action plan follow-up"),
        "follow-up-as-of": Text(
            "Uppföljning av handlingsplan per {date}", "Action plan follow-up as of {date}"
        ),
        "plan-follow-up-as-of": Text(
            "Uppföljning av handlingsplanen per {date}", "Action plan follow-up as of {date}"
        ),
        "footer": Text("uppföljning per {date}", "follow-up as of {date}"),
        "examples-html": Text(
            "Uppföljningsloggen innehåller exempel (påhittade uppgifter, märkta ”exempel”).",
            "The follow-up log holds examples (invented entries, labelled 'example').",
        ),
        "examples-pdf": Text(
            "Uppföljningsloggen innehåller exempel: påhittade uppgifter, märkta ”exempel”.",
            "The follow-up log holds examples: invented entries, labelled 'example'.",
        ),
        "examples-xlsx": Text(
            "Loggen innehåller exempel (påhittade uppgifter).",
            "The log holds examples (invented entries).",
        ),
        "provenance": Text(
            "Skapad {when} från {database}: planfil {file}, {activities} aktiviteter, "
            "{updates} statusuppdateringar",
            "Made {when} from {database}: plan file {file}, {activities} activities, "
            "{updates} status updates",
        ),
        "provenance-examples": Text(" (varav {n} exempel)", " ({n} of them examples)"),
        "file-name": Text("handlingsplan-uppfoljning", "action-plan-follow-up"),
        # the timeline
        "timeline": Text("Tidplan", "Timeline"),
        "timeline-gantt": Text("Tidplan (Gantt)", "Timeline (Gantt)"),
        "timeline-label": Text(
            "Tidplan för planens aktiviteter med status och andel klart; samma uppgifter står i "
            "tabellen över aktiviteter ovan.",
            "Timeline of the plan's activities with status and share done; the table of "
            "activities above holds the same information.",
        ),
        "timeline-caption": Text(
            "Streckad linje: {date}. Svart linje i stapeln: andel klart.",
            "Dashed line: {date}. Black line in a bar: share done.",
        ),
        # the workbook's overview sheet
        "overview": Text("Översikt", "Overview"),
        "as-of": Text("Uppföljning per", "Follow-up as of"),
        "activity-budget-kr": Text("Budget målaktiviteter (kr)", "Activity budget (SEK)"),
        "spent-kr": Text("Förbrukat (kr)", "Spent (SEK)"),
        # the workbook's sheets, one per table
        "sheet-goals": Text("Mål", "Goals"),
        "sheet-activities": Text("Aktiviteter", "Activities"),
        "sheet-budget": Text("Budget", "Budget"),
        "sheet-parties": Text("Ansvariga", "Parties"),
        "sheet-totals": Text("Summor", "Totals"),
        "sheet-recipients": Text("Mottagare", "Recipients"),
        "sheet-log": Text("Logg", "Log"),
        "sheet-indicators": Text("Nyckeltal", "Indicators"),
        # a linked indicator's county average
        "no-values-in-county": Text("inga värden i länet", "no values in the county"),
        "county-average": Text("länssnitt", "county average"),
        "judgement-improving": Text("åt rätt håll", "improving"),
        "judgement-worsening": Text("åt fel håll", "worsening"),
        "judgement-no-clear-change": Text("ingen tydlig förändring", "no clear change"),
        "judgement-too-few-values": Text("för få värden", "too few values"),
        # the tables' titles, rows and notes
        "goal-number": Text("Mål {number}", "Goal {number}"),
        "goals-title": Text("Status per mål", "Status per goal"),
        "goals-note": Text(
            "Målets läge är det allvarligaste av dess aktiviteters: ■ Sen, ▲ Risk, ● I fas, "
            "✓ Klar, – Avbruten.",
            "A goal's light is the most serious of its activities': ■ Late, ▲ At risk, "
            "● On track, ✓ Done, – Cancelled.",
        ),
        "activities-title": Text("Aktiviteter", "Activities"),
        "activities-note": Text(
            "Läget per {date}: Sen = slutdatum passerat utan att aktiviteten är klar; Risk = "
            "mindre gjort än andelen av perioden som gått, mer förbrukat än budget eller "
            "rapporterad försenad; annars I fas.",
            "Status as of {date}: Late = end date passed and not done; At risk = less done "
            "than the share of the period elapsed, more spent than the budget, or reported "
            "delayed; otherwise On track.",
        ),
        "subtotal": Text("Summa", "Subtotal"),
        "all-goal-activities": Text("Alla målaktiviteter", "All goal activities"),
        "management": Text("Projektledning", "Management"),
        "budget-title": Text(
            "Budget och förbrukat per aktivitet och mål", "Budget and spent per activity and goal"
        ),
        "unknown-amounts": Text(
            "Okända belopp (räknas inte som 0): {amounts}",
            "Unknown amounts (not counted as 0): {amounts}",
        ),
        "no-party": Text("(ingen angiven)", "(none given)"),
        "parties-title": Text("Budget per ansvarig", "Budget per responsible party"),
        "parties-note": Text(
            "En aktivitet med flera ansvariga (t.ex. Arena MV + SAMT) delas inte upp, eftersom "
            "planen inte säger hur; den räknas i sin helhet som delad hos var och en.",
            "An activity with several parties (such as Arena MV + SAMT) is not split, since the "
            "plan does not say how; it counts in full as shared under each of them.",
        ),
        "total-differs": Text(
            "{label} stämmer inte: angivet {stated}, beräknat {computed}, skillnad {difference}",
            "{label} does not add up: stated {stated}, computed {computed}, difference "
            "{difference}",
        ),
        "totals-title": Text("Planens angivna summor", "The plan's stated totals"),
        "recipients-title": Text("Aktiviteter per mottagare", "Activities by recipient group"),
        "example": Text("exempel", "example"),
        "log-title": Text("Uppföljningslogg", "Follow-up log"),
        "no-updates": Text("Inga statusuppdateringar ännu.", "No status updates yet."),
        "indicators-title": Text(
            "Länkade nyckeltal: länssnitt (Västernorrland)", "Linked indicators: county average"
        ),
        "indicators-note": Text(
            "Länssnitt = oviktat medelvärde av länets kommuners rapporterade värden per år. "
            "Utvecklingen bedöms med Mann–Kendall och Theil–Sen (se metodbilagan i "
            "nyckeltalsrapporten).",
            "County average = unweighted mean of the county's municipalities' reported values "
            "per year. The development is judged with Mann–Kendall and Theil–Sen.",
        ),
        "no-links": Text(
            "Inga aktiviteter är länkade till nyckeltal.", "No activity is linked to an indicator."
        ),
        # column headings
        "col-goal": Text("Mål", "Goal"),
        "col-goal-text": Text("Målbeskrivning", "Goal text"),
        "col-light": Text("Läge", "Light"),
        "col-activities": Text("Aktiviteter", "Activities"),
        "col-spent": Text("Förbrukat", "Spent"),
        "col-code": Text("Kod", "Code"),
        "col-activity": Text("Aktivitet", "Activity"),
        "col-responsible": Text("Ansvar", "Responsible"),
        "col-end": Text("Slut", "End"),
        "col-done": Text("Klart", "Done"),
        "col-elapsed": Text("Tid gått", "Time"),
        "col-why": Text("Orsak", "Why"),
        "col-linked-indicators": Text("Länkade nyckeltal", "Linked indicators"),
        "col-remaining": Text("Kvar", "Remaining"),
        "col-party": Text("Ansvarig", "Party"),
        "col-budget-alone": Text("Budget ensam", "Budget alone"),
        "col-budget-shared": Text("Budget delad", "Budget shared"),
        "col-spent-alone": Text("Förbrukat ensam", "Spent alone"),
        "col-spent-shared": Text("Förbrukat delad", "Spent shared"),
        "col-total": Text("Summa", "Total"),
        "col-stated": Text("Angivet", "Stated"),
        "col-computed": Text("Beräknat", "Computed"),
        "col-difference": Text("Skillnad", "Difference"),
        "col-verdict": Text("Bedömning", "Verdict"),
        "col-explanation": Text("Förklaring", "Explanation"),
        "col-recipients": Text("Mottagare av resultat", "Recipients of the results"),
        "col-flag": Text("Läge", "Status"),
        "col-date": Text("Datum", "Date"),
        "col-note": Text("Anteckning", "Note"),
        "col-by": Text("Av", "By"),
        "col-example": Text("Exempel", "Example"),
        "col-indicator": Text("Nyckeltal", "Indicator"),
        "col-name": Text("Namn", "Name"),
        "col-latest-average": Text("Senaste länssnitt", "Latest county average"),
        "col-unit": Text("Enhet", "Unit"),
        "col-year": Text("År", "Year"),
        "col-development": Text("Utveckling", "Development"),
    }
)
