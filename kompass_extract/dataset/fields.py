"""The field catalogue: every column of the output tables, described once.

Each field has a name, a type (Frictionless: ``string``, ``integer``, ``number``), an English
and a Swedish description, a unit where it has one, and its constraints (``required``, allowed
values, range, pattern). A table lists the fields it holds in ``resources.py``; where a field
means something narrower in one table (``page``: the page of the area heading, of the box ...),
that table's entry says so. The row models, ``datapackage.json``, the JSON Schemas, the codebook
and the README test all read this catalogue (through ``catalogue.py``).

Python data rather than a data file: the allowed values of every coded column are taken from
where the program defines them (the record types in ``models.py``, the revisions in
``rules/frameworks/``, the error classes, the checks' registry, ``rules/counties.csv``), so
they are stated once; mypy checks every entry, and a mistake fails at import with the field's
name.
"""

from __future__ import annotations

from typing import get_args

from kompass_extract.checks import CHECKS, VERDICTS
from kompass_extract.dataset.places import PLACE_FIELDS
from kompass_extract.dataset.specs import Constraints, FieldSpec
from kompass_extract.errors import ERROR_CODES
from kompass_extract.models import SEVERITIES, FindingKind, SummaryKind
from kompass_extract.rules.counties import load_counties
from kompass_extract.rules.frameworks import load_frameworks
from kompass_extract.rules.recognition import UNKNOWN

REQUIRED = Constraints(required=True)

FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)
SUMMARY_KINDS: tuple[str, ...] = get_args(SummaryKind)
FRAMEWORKS: tuple[str, ...] = (*(f.name for f in load_frameworks()), UNKNOWN)
COUNTY_CODES: tuple[str, ...] = tuple(load_counties())
COUNTIES: tuple[str, ...] = tuple(load_counties().values())


_FIELDS: tuple[FieldSpec, ...] = (
    # --- the report -------------------------------------------------------------------------
    FieldSpec(
        name="report_id",
        type="string",
        description="Report the row belongs to (reports.report_id)",
        description_sv="Rapporten raden hör till (reports.report_id)",
        constraints=REQUIRED,
    ),
    FieldSpec(
        name="source_file",
        type="string",
        description="Path of the PDF as given to the tool",
        description_sv="Sökväg till PDF-filen som den gavs till verktyget",
        constraints=REQUIRED,
    ),
    FieldSpec(
        name="sha256",
        type="string",
        description="SHA-256 of the PDF file, lowercase hex",
        description_sv="PDF-filens SHA-256, hex med gemener",
        constraints=Constraints(required=True, pattern="^[0-9a-f]{64}$"),
    ),
    FieldSpec(
        name="municipality",
        type="string",
        description="Municipality short name, normalised (Åmål)",
        description_sv="Kommunens korta namn, normaliserat (Åmål)",
    ),
    FieldSpec(
        name="municipality_code",
        type="string",
        description="Official four-digit SCB municipality code (kommunkod) as text, e.g. 0180; "
        "empty when the name matches no municipality",
        description_sv="Officiell fyrsiffrig kommunkod (SCB) som text, t.ex. 0180; tom om namnet "
        "inte kunde kopplas till en kod",
        constraints=Constraints(pattern="^[0-9]{4}$"),
    ),
    FieldSpec(
        name="county_code",
        type="string",
        description="Two-digit SCB county code (länskod) as text: the first two digits of "
        "municipality_code, e.g. 01; empty when municipality_code is",
        description_sv="Tvåsiffrig länskod (SCB) som text: kommunkodens två första siffror, "
        "t.ex. 01; tom när kommunkoden är tom",
        constraints=Constraints(enum=COUNTY_CODES),
    ),
    FieldSpec(
        name="county",
        type="string",
        description="Name of the county (län) of county_code, e.g. Stockholms län",
        description_sv="Namnet på länet med koden county_code, t.ex. Stockholms län",
        constraints=Constraints(enum=COUNTIES),
    ),
    FieldSpec(
        name="evaluation_year",
        type="integer",
        description="Year of the evaluation",
        description_sv="Utvärderingens år",
        constraints=Constraints(minimum=2000, maximum=2100),
    ),
    FieldSpec(
        name="evaluation_month",
        type="integer",
        description="Month of the evaluation (1-12) where printed",
        description_sv="Utvärderingens månad (1-12) där den anges",
        constraints=Constraints(minimum=1, maximum=12),
    ),
    FieldSpec(
        name="framework",
        type="string",
        description="Framework revision recognised: 2002, 2010, 2016, 2020 or unknown",
        description_sv="Igenkänd version av Kommunkompassen: 2002, 2010, 2016, 2020 eller unknown",
        constraints=Constraints(required=True, enum=FRAMEWORKS),
    ),
    FieldSpec(
        name="evaluators",
        type="string",
        description="Evaluators as printed, separated by '; '",
        description_sv="Utvärderare som de anges, åtskilda med '; '",
    ),
    FieldSpec(
        name="total_score",
        type="integer",
        unit="points",
        description="Sum of the area scores; empty unless every area of the revision (1-8) "
        "was read with its score",
        description_sv="Summan av områdenas poäng; tom om inte alla versionens områden (1-8) "
        "lästes med sin poäng",
    ),
    FieldSpec(
        name="max_total",
        type="integer",
        unit="points",
        description="Sum of the area maxima (800 for 8 areas of 100); empty unless every area "
        "of the revision (1-8) was read",
        description_sv="Summan av områdenas maxpoäng (800 för 8 områden om 100); tom om inte "
        "alla versionens områden (1-8) lästes",
    ),
    FieldSpec(
        name="verdict",
        type="string",
        description="Does the report add up? adds_up: every part its revision expects was read "
        "without doubt and no check error; does_not_add_up: a check error beyond rounding on "
        "figures read without doubt; incomplete: an expected part is missing or was read with "
        "doubt (see README, Verdicts)",
        description_sv="Går rapporten ihop? adds_up: alla delar som versionen väntar lästes "
        "utan tvivel och ingen kontroll gav fel; does_not_add_up: ett fel bortom avrundning i "
        "siffror som lästes utan tvivel; incomplete: en väntad del saknas eller lästes med "
        "tvivel (se README, Verdicts)",
        constraints=Constraints(required=True, enum=VERDICTS),
    ),
    FieldSpec(
        name="completeness",
        type="number",
        unit="share",
        description="Share of the parts the revision expects (8 areas x box score, overview "
        "total, question rows, strengths, improvements, summary; the overall comments) that "
        "were read without doubt, 0-1, four decimals",
        description_sv="Andel av de delar som versionen väntar (8 områden x poängruta, "
        "summarad, frågerader, styrkor, förbättringsområden, sammanfattning; de sammanfattande "
        "kommentarerna) som lästes utan tvivel, 0-1, fyra decimaler",
        constraints=Constraints(required=True, minimum=0, maximum=1),
    ),
    FieldSpec(
        name="page_count",
        type="integer",
        unit="pages",
        description="Number of pages of the report: of the PDF, or of the part of it the report occupies when the file binds several reports",
        description_sv="Antal sidor i rapporten: i PDF-filen, eller i den del av filen som rapporten upptar när filen innehåller flera rapporter",
        constraints=Constraints(required=True, minimum=1),
    ),
    FieldSpec(
        name="parser_version",
        type="string",
        description="Version of the parser that produced the row",
        description_sv="Version av tolken som gav raden",
        constraints=REQUIRED,
    ),
    # --- areas, questions, findings, summaries ------------------------------------------------
    FieldSpec(
        name="area_no",
        type="integer",
        description="Area number, 1-8",
        description_sv="Områdets nummer, 1-8",
        constraints=Constraints(required=True, minimum=1),
    ),
    FieldSpec(
        name="summary_no",
        type="integer",
        description="Which summary: 0 for the overall comments, N for the summary of area N",
        description_sv="Vilken sammanfattning: 0 för de sammanfattande kommentarerna, N för "
        "område N:s sammanfattning",
        constraints=Constraints(required=True, minimum=0),
    ),
    FieldSpec(
        name="area_name",
        type="string",
        description="Area name as printed in the area heading",
        description_sv="Områdets namn som det står i rubriken",
        constraints=REQUIRED,
    ),
    FieldSpec(
        name="area_key",
        type="string",
        description="Canonical id of the area within its framework",
        description_sv="Områdets kanoniska id inom versionen av Kommunkompassen",
    ),
    FieldSpec(
        name="score",
        type="integer",
        unit="points",
        description="Score printed in the area's 'Rubriker | Poäng' box",
        description_sv="Poängen i områdets ruta 'Rubriker | Poäng'",
    ),
    FieldSpec(
        name="max_score",
        type="integer",
        unit="points",
        description="Maximum score of the area (100)",
        description_sv="Områdets maxpoäng (100)",
    ),
    FieldSpec(
        name="overview_total",
        type="number",
        unit="points",
        description="Points of the area's total row in section 4",
        description_sv="Poängen i områdets summarad i avsnitt 4",
    ),
    FieldSpec(
        name="overview_percent",
        type="number",
        unit="percent",
        description="Percent of the area's total row in section 4",
        description_sv="Procenten i områdets summarad i avsnitt 4",
    ),
    FieldSpec(
        name="page",
        type="integer",
        description="Physical 1-based page of the PDF file the row was read from (the first "
        "page of the file is 1, whatever the page numbers printed on the pages)",
        description_sv="Sidan i PDF-filen (den första sidan i filen är 1, oavsett vilka "
        "sidnummer som står tryckta) som raden lästes från",
        constraints=Constraints(required=True, minimum=1),
    ),
    FieldSpec(
        name="position",
        type="integer",
        description="1-based position in its list",
        description_sv="Plats i sin lista, räknat från 1",
        constraints=Constraints(required=True, minimum=1),
    ),
    FieldSpec(
        name="heading",
        type="string",
        description="Sub-area heading, a bullet of the 'Rubriker' box",
        description_sv="Delområdets rubrik, en punkt i rutan 'Rubriker'",
        constraints=REQUIRED,
    ),
    FieldSpec(
        name="question_id",
        type="string",
        description="Question id as printed, e.g. 3.4",
        description_sv="Frågans id som det står, t.ex. 3.4",
        constraints=Constraints(required=True, pattern="^[0-9]+[.][0-9]+$"),
    ),
    FieldSpec(
        name="question_text",
        type="string",
        description="Full question text, wrapped lines joined",
        description_sv="Frågans hela text, radbrytningar sammanfogade",
        constraints=REQUIRED,
    ),
    FieldSpec(
        name="points",
        type="number",
        unit="points",
        description="Points achieved, as printed (rounded)",
        description_sv="Uppnådda poäng som de står (avrundade)",
    ),
    FieldSpec(
        name="max_points",
        type="number",
        unit="points",
        description="Maximum points of the question",
        description_sv="Frågans maxpoäng",
    ),
    FieldSpec(
        name="percent",
        type="number",
        unit="percent",
        description="Percent as printed; computed by SKR from unrounded points",
        description_sv="Procent som det står; SKR räknar den från oavrundade poäng",
    ),
    FieldSpec(
        name="kind",
        type="string",
        description="What the row holds; the values depend on the table",
        description_sv="Vad raden innehåller; värdena beror på tabellen",
        constraints=REQUIRED,
    ),
    FieldSpec(
        name="text",
        type="string",
        description="Text as printed, wrapped lines joined",
        description_sv="Texten som den står, radbrytningar sammanfogade",
        constraints=REQUIRED,
    ),
    # --- checks and failures ----------------------------------------------------------------
    FieldSpec(
        name="check",
        type="string",
        description="Name of the check, e.g. questions_sum (see README)",
        description_sv="Kontrollens namn (se README)",
        constraints=Constraints(required=True, enum=tuple(CHECKS)),
    ),
    FieldSpec(
        name="severity",
        type="string",
        description="error: rounding cannot explain it; warning: not checkable, unknown "
        "framework, or a figure read with doubt; info: a difference that rounding explains",
        description_sv="error, warning eller info",
        constraints=Constraints(required=True, enum=SEVERITIES),
    ),
    FieldSpec(
        name="expected",
        type="string",
        description="The figure the check expected, as text",
        description_sv="Det väntade värdet, i ord",
    ),
    FieldSpec(
        name="actual",
        type="string",
        description="The figure printed in the report, as text",
        description_sv="Det tryckta värdet, i ord",
    ),
    FieldSpec(
        name="message",
        type="string",
        description="The finding in words, with the smallest discrepancy",
        description_sv="Vad som inte går ihop, i ord",
        constraints=REQUIRED,
    ),
    FieldSpec(
        name="beyond_rounding",
        type="number",
        unit="points",
        description="Smallest discrepancy, in points, that rounding cannot explain (errors)",
        description_sv="Minsta avvikelse som avrundning inte kan förklara",
    ),
    FieldSpec(
        name="error_code",
        type="string",
        description="Stable error code (see README)",
        description_sv="Stabil felkod (se README)",
        constraints=Constraints(required=True, enum=ERROR_CODES),
    ),
    FieldSpec(
        name="elapsed_s",
        type="number",
        unit="seconds",
        measured=True,
        description="Seconds spent on the file",
        description_sv="Sekunder som gick åt till filen (en mätning: skiljer sig mellan körningar)",
    ),
)


def _by_name(fields: tuple[FieldSpec, ...]) -> dict[str, FieldSpec]:
    names = [field.name for field in fields]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"the field catalogue describes these fields twice: {repeated}")
    return {field.name: field for field in fields}


FIELDS: dict[str, FieldSpec] = _by_name(_FIELDS + PLACE_FIELDS)
"""Every field of every output table, by name."""
