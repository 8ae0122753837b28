"""The catalogue's fields that say where on its page a value was read: boxes, in PDF points.

Every box is four columns, ``x0, top, x1, bottom`` (after a prefix: ``score_x0`` ...): PDF
points (1/72 inch) from the top left of the page as displayed, as pdfplumber measures them
(``/Rotate`` applied; a larger ``top`` is further down), rounded to 2 decimals, and empty where
the value was not read from one place (never a box that was not read). ``box_columns`` gives a
table the four columns with what its box covers in their descriptions.
"""

from __future__ import annotations

from kompass_extract.dataset.specs import Column, Constraints, FieldSpec
from kompass_extract.models import BOX_SIDES

_SIDES = {
    "x0": ("Left edge", "Vänsterkant", "left", "vänsterkant"),
    "top": ("Top edge", "Överkant", "top", "överkant"),
    "x1": ("Right edge", "Högerkant", "left", "vänsterkant"),
    "bottom": ("Bottom edge", "Underkant", "top", "överkant"),
}
NOT_NEGATIVE = Constraints(minimum=0)
BOX_TOLERANCE = 1.0
"""Points a box's coordinate may move between two builds before ``diff`` counts it (without
``--exact``): rounding moves it by 0.01, the two reading engines by up to 0.5; a line is
about 12."""


def _describe(side: str, what: str, what_sv: str) -> tuple[str, str]:
    edge, edge_sv, origin, origin_sv = _SIDES[side]
    return (
        f"{edge} of {what}, in PDF points from the {origin} of the page as displayed "
        f"(pdfplumber's {side}); empty where not known",
        f"{edge_sv} för {what_sv}, i PDF-punkter från sidans {origin_sv} som sidan visas "
        f"(pdfplumbers {side}); tom där okänd",
    )


def _box_fields(prefix: str, what: str, what_sv: str) -> tuple[FieldSpec, ...]:
    return tuple(
        FieldSpec(
            name=prefix + side,
            type="number",
            unit="pdf_points",
            tolerance=BOX_TOLERANCE,
            description=_describe(side, what, what_sv)[0],
            description_sv=_describe(side, what, what_sv)[1],
            constraints=NOT_NEGATIVE,
        )
        for side in BOX_SIDES
    )


def box_columns(what: str, what_sv: str, prefix: str = "") -> tuple[Column, ...]:
    """The four box columns of a table (``prefix`` + ``x0, top, x1, bottom``), described as
    the box of ``what`` (``what_sv`` in Swedish), which the table's ``page`` names."""
    return tuple(
        Column(
            name=prefix + side,
            description=_describe(side, what, what_sv)[0],
            description_sv=_describe(side, what, what_sv)[1],
        )
        for side in BOX_SIDES
    )


PLACE_FIELDS: tuple[FieldSpec, ...] = (
    *_box_fields(
        "",
        "the box the row's value was read from on its page",
        "rutan där radens värde lästes på sin sida",
    ),
    FieldSpec(
        name="score_page",
        type="integer",
        description="Physical 1-based page of the PDF where the area's score was read; empty "
        "when no score was read",
        description_sv="Sidan i PDF-filen (räknat från 1) där områdets poäng lästes; tom när "
        "ingen poäng lästes",
        constraints=Constraints(minimum=1),
    ),
    *_box_fields(
        "score_", "the printed area score on score_page", "den tryckta poängen på score_page"
    ),
    FieldSpec(
        name="overview_page",
        type="integer",
        description="Physical 1-based page of the PDF with the area's total row in section 4 "
        "(else the page where its overview table starts); empty without an overview table",
        description_sv="Sidan i PDF-filen (räknat från 1) med områdets summarad i avsnitt 4 "
        "(annars sidan där översiktstabellen börjar); tom utan översiktstabell",
        constraints=Constraints(minimum=1),
    ),
    *_box_fields(
        "overview_",
        "the area's total row (points, max, percent) on overview_page",
        "områdets summarad (poäng, max, procent) på overview_page",
    ),
)
"""The fields of boxes and of the pages they stand on, for ``fields.FIELDS``."""
