"""The output tables: each an ordered list of catalogue fields, a primary key and its titles.

A column is named by its field in ``fields.py``; a ``Column`` with a description or constraints
says what is narrower in this table. The order of the tables is the order they are written,
documented and compared in; the order of the columns is the order of the files' columns.
"""

from __future__ import annotations

from kompass_extract.dataset.fields import FINDING_KINDS, SUMMARY_KINDS
from kompass_extract.dataset.places import box_columns
from kompass_extract.dataset.specs import Column, LicenseSpec, PackageSpec, SourceSpec, TableSpec

OPTIONAL = {"required": False}
OVERALL_SUMMARY_NO = 0
"""``summaries.summary_no`` of the overall comments (an area's summary has its area number):
the table's key, so that no key column is ever empty (DuckDB and other databases refuse a
null in a primary key), while ``area_no`` stays empty for text that concerns no area."""


def _columns(*entries: str | Column) -> tuple[Column, ...]:
    return tuple(Column(name=entry) if isinstance(entry, str) else entry for entry in entries)


KOMMUNKOMPASSEN_PAGE = (
    "https://skr.se/demokratiledningstyrning/stodforattstyraochleda/attstyraforresultat/"
    "kommunkompassenutvarderingsverktyg.683.html"
)

PACKAGE = PackageSpec(
    name="kommunkompassen-extract",
    title="Kommunkompassen evaluation reports as tables",
    title_sv="Kommunkompassens utvärderingsrapporter som tabeller",
    description="Scores, questions, strengths, areas for improvement and summaries read from "
    "Kommunkompassen evaluation reports (SKR/SKL) of Swedish municipalities. Every row carries "
    "the page of the report it was read from; manifest.json lists the input files with their "
    "SHA-256.",
    description_sv="Poäng, frågor, styrkor, förbättringsområden och sammanfattningar ur "
    "Kommunkompassens utvärderingsrapporter (SKR/SKL) för svenska kommuner. Varje rad anger "
    "sidan i rapporten den lästes från; manifest.json listar indatafilerna med SHA-256.",
    # The compilation (structure, figures, codes, checks) is licensed; the wording quoted from
    # the reports stays the authors' (README, "Licence and data").
    licenses=(
        LicenseSpec(
            name="CC-BY-4.0",
            path="https://creativecommons.org/licenses/by/4.0/",
            title="Creative Commons Attribution 4.0 International",
        ),
    ),
    sources=(
        SourceSpec(
            title="Kommunkompassen evaluation reports, Sveriges Kommuner och Regioner (SKR, "
            "formerly SKL), as listed in manifest.json",
            path=KOMMUNKOMPASSEN_PAGE,
        ),
        SourceSpec(
            title="Swedish Geodata: municipalities.csv and counties.csv (municipality and "
            "county codes), CC0 1.0",
            path="https://github.com/sjbrg/swedish-geodata",
        ),
    ),
    citation="Kommunkompassen evaluation reports as tables, built with kompass-extract "
    "{version} from the Kommunkompassen evaluation reports of Sveriges Kommuner och Regioner "
    "(SKR) listed in its manifest.json. Licensed CC BY 4.0; the text quoted from the reports "
    "remains that of SKR and its evaluators.",
)

_TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        name="reports",
        title="Reports",
        title_sv="Rapporter",
        description="One row per extracted report.",
        description_sv="En rad per utläst rapport.",
        primary_key=("report_id",),
        columns=_columns(
            Column(
                name="report_id",
                description="Stable id: slug of municipality and year + first 8 hex digits "
                "of sha256 (+ '-p' and the first page where one file binds two reports that "
                "would share it)",
                description_sv="Stabilt id: kommun och år som slug + de första 8 hexsiffrorna "
                "av sha256 (+ '-p' och första sidan när en fil innehåller två rapporter som "
                "annars skulle dela det)",
            ),
            "source_file",
            "sha256",
            "municipality",
            "municipality_code",
            "evaluation_year",
            "evaluation_month",
            "framework",
            "evaluators",
            "total_score",
            "max_total",
            "page_count",
            "parser_version",
            "county_code",
            "county",
            "verdict",
            "completeness",
        ),
    ),
    TableSpec(
        name="areas",
        title="Areas",
        title_sv="Områden",
        description="One row per report and evaluated area (8 per report).",
        description_sv="En rad per rapport och utvärderat område (8 per rapport).",
        primary_key=("report_id", "area_no"),
        columns=_columns(
            "report_id",
            "area_no",
            "area_name",
            "area_key",
            "score",
            "max_score",
            "overview_total",
            "overview_percent",
            Column(
                name="page",
                description="Page of the area heading",
                description_sv="Sidan med områdets rubrik",
            ),
            *box_columns("the area heading (area_name) on page", "områdets rubrik på page"),
            "score_page",
            "score_x0",
            "score_top",
            "score_x1",
            "score_bottom",
            "overview_page",
            "overview_x0",
            "overview_top",
            "overview_x1",
            "overview_bottom",
        ),
    ),
    TableSpec(
        name="subareas",
        title="Sub-areas",
        title_sv="Delområden",
        description="The bullets of each area's 'Rubriker' box, in order.",
        description_sv="Punkterna i varje områdes ruta 'Rubriker', i ordning.",
        primary_key=("report_id", "area_no", "position"),
        columns=_columns(
            "report_id",
            "area_no",
            Column(
                name="position",
                description="1-based position of the heading in the box",
                description_sv="Rubrikens plats i rutan, räknat från 1",
            ),
            "heading",
            Column(name="page", description="Page of the box", description_sv="Sidan med rutan"),
            *box_columns("the sub-area heading on page", "delområdets rubrik på page"),
        ),
    ),
    TableSpec(
        name="questions",
        title="Questions",
        title_sv="Frågor",
        description="The scored questions of the overview tables in section 4.",
        description_sv="De poängsatta frågorna i översiktstabellerna i avsnitt 4.",
        primary_key=("report_id", "question_id"),
        columns=_columns(
            "report_id",
            "area_no",
            "question_id",
            "question_text",
            "points",
            "max_points",
            "percent",
            Column(
                name="page",
                description="Page of the question row",
                description_sv="Sidan med frågans rad",
            ),
            *box_columns(
                "the question's whole row on page (id, text, points, max, percent)",
                "frågans hela rad på page (id, text, poäng, max, procent)",
            ),
        ),
    ),
    TableSpec(
        name="findings",
        title="Strengths and areas for improvement",
        title_sv="Styrkor och förbättringsområden",
        description="The items under STYRKOR and FÖRBÄTTRINGSOMRÅDEN of each area.",
        description_sv="Punkterna under STYRKOR och FÖRBÄTTRINGSOMRÅDEN i varje område.",
        primary_key=("report_id", "area_no", "kind", "position"),
        columns=_columns(
            "report_id",
            "area_no",
            Column(
                name="kind",
                description="strength (STYRKOR) or improvement (FÖRBÄTTRINGSOMRÅDEN)",
                description_sv="strength (STYRKOR) eller improvement (FÖRBÄTTRINGSOMRÅDEN)",
                constraints={"enum": FINDING_KINDS},
            ),
            Column(
                name="position",
                description="1-based position within the area and kind",
                description_sv="Plats inom området och slaget, räknat från 1",
            ),
            Column(
                name="text",
                description="The item's text, wrapped lines joined, bullet dropped",
                description_sv="Punktens text, radbrytningar sammanfogade, punkttecknet borttaget",
            ),
            Column(
                name="page",
                description="Page where the item starts",
                description_sv="Sidan där punkten börjar",
            ),
            *box_columns(
                "the item on page (its part on page when it runs on to the next)",
                "punkten på page (dess del på page när den fortsätter på nästa sida)",
            ),
        ),
    ),
    TableSpec(
        name="summaries",
        title="Summaries",
        title_sv="Sammanfattningar",
        description="The evaluators' summary of each area and their overall comments. The "
        "overall comments (one per report) concern no single area: their area_no is empty, and "
        "summary_no (0 for them, the area number for an area's summary) keys the table, so "
        "that no key column is ever empty.",
        description_sv="Utvärderarnas sammanfattning av varje område och deras sammanfattande "
        "kommentarer. De sammanfattande kommentarerna (en per rapport) gäller inget enskilt "
        "område: deras area_no är tomt, och summary_no (0 för dem, områdets nummer för ett "
        "områdes sammanfattning) är nyckel, så att ingen nyckelkolumn någonsin är tom.",
        primary_key=("report_id", "summary_no"),
        columns=_columns(
            "report_id",
            "summary_no",
            Column(
                name="area_no",
                description="Area number, 1-8; empty for the overall comments, which concern the "
                "whole report",
                description_sv="Områdets nummer, 1-8; tomt för de sammanfattande kommentarerna, "
                "som gäller hela rapporten",
                constraints=OPTIONAL,
            ),
            Column(
                name="kind",
                description="area_summary (the evaluators' summary of an area) or overall_comments",
                description_sv="area_summary (utvärderarnas sammanfattning av ett område) eller "
                "overall_comments (sammanfattande kommentarer)",
                constraints={"enum": SUMMARY_KINDS},
            ),
            Column(
                name="text",
                description="Paragraphs separated by a blank line; wrapped lines joined",
                description_sv="Stycken åtskilda av en tom rad; radbrytningar sammanfogade",
            ),
            Column(
                name="page",
                description="Page where the text starts",
                description_sv="Sidan där texten börjar",
            ),
            *box_columns(
                "the text on page (its part on page when it runs on to the next)",
                "texten på page (dess del på page när den fortsätter på nästa sida)",
            ),
        ),
    ),
    TableSpec(
        name="scores",
        title="Scores (long format)",
        title_sv="Poäng (långt format)",
        description="A view for analysis: one row per report and area, with the municipality, "
        "its code, the year and the framework repeated on every row.",
        description_sv="En vy för analys: en rad per rapport och område, med kommun, kommunkod, "
        "år och version upprepade på varje rad.",
        primary_key=("report_id", "area_no"),
        columns=_columns(
            "report_id",
            "municipality",
            "municipality_code",
            "evaluation_year",
            "framework",
            "area_no",
            "area_key",
            "score",
            "max_score",
        ),
    ),
    TableSpec(
        name="checks",
        title="Checks",
        title_sv="Kontroller",
        description="Whether the printed figures of each report add up, within what rounding "
        "allows: one row per finding of a check.",
        description_sv="Om rapportens tryckta siffror går ihop, inom vad avrundningen tillåter: "
        "en rad per fynd från en kontroll.",
        columns=_columns(
            "report_id",
            "check",
            Column(
                name="area_no",
                description="Area the finding concerns; empty for the whole report",
                description_sv="Områdets nummer, där fyndet gäller ett område",
                constraints=OPTIONAL,
            ),
            Column(
                name="question_id",
                description="Question the finding concerns, e.g. 3.1",
                description_sv="Frågans id, där fyndet gäller en fråga",
                constraints=OPTIONAL,
            ),
            "severity",
            "expected",
            "actual",
            "message",
            "beyond_rounding",
        ),
    ),
    TableSpec(
        name="errors",
        title="Files that could not be extracted",
        title_sv="Filer som inte kunde läsas ut",
        description="One row per input file that failed, with a stable error code.",
        description_sv="En rad per indatafil som inte kunde läsas ut, med en stabil felkod.",
        primary_key=("source_file",),
        columns=_columns(
            Column(
                name="source_file",
                description="Path of the file that could not be extracted",
                description_sv="Sökväg till filen som inte kunde läsas ut",
            ),
            Column(
                name="sha256",
                description="SHA-256 of the file, where it could be read",
                description_sv="Filens SHA-256, där den kunde läsas",
                constraints=OPTIONAL,
            ),
            "error_code",
            Column(
                name="message",
                description="What is wrong and what to do, in words",
                description_sv="Vad som är fel och vad man kan göra, i ord",
            ),
            "elapsed_s",
        ),
    ),
)

TABLES: dict[str, TableSpec] = {table.name: table for table in _TABLES}
"""Every output table by name, in the order they are written and documented."""
