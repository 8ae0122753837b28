"""The shapes of the field catalogue: a field, its constraints, a table and the package.

Only classes live here; the catalogue's content is in ``fields.py`` (every column, described
once) and ``resources.py`` (every table as an ordered list of those columns), and
``catalogue.py`` puts the two together. All classes are frozen pydantic models, so a mistake
in the catalogue fails when the package is imported, naming the field or table.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

FieldType = Literal["string", "integer", "number"]
Unit = Literal["points", "percent", "pages", "seconds", "share", "pdf_points"]
"""``points``: score points of the evaluation; ``pdf_points``: lengths on a page, 1/72 inch."""


class Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Constraints(Spec):
    """What a value of a column must satisfy (Frictionless constraint names)."""

    required: bool = False
    """True: never empty (null)."""
    enum: tuple[str, ...] | None = None
    """The allowed values, in their documented order; None: any value of the type."""
    minimum: int | None = None
    """Smallest allowed value (integers and numbers)."""
    maximum: int | None = None
    """Largest allowed value (integers and numbers)."""
    pattern: str | None = None
    """Regular expression a text value must match in full."""


class FieldSpec(Spec):
    """One column, described once: name, type, meaning in English and Swedish, unit, rules."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: FieldType
    description: str = Field(min_length=1)
    description_sv: str = Field(min_length=1)
    unit: Unit | None = None
    constraints: Constraints = Constraints()
    measured: bool = False
    """A measurement of the run (a time), not data read from a report: it differs between
    runs, so ``diff`` does not count a change in it."""
    tolerance: float | None = Field(default=None, gt=0)
    """A number that ``diff`` counts as changed only when it moves by more than this, in its
    unit (a box's coordinate that moved by a rounding); None: any change counts."""

    @model_validator(mode="after")
    def _enum_only_for_text(self) -> FieldSpec:
        if self.constraints.enum is not None and self.type != "string":
            raise ValueError(f"{self.name}: allowed values are given for text columns only")
        return self


class Column(Spec):
    """A field as one table uses it: the field's name, and what differs in this table.

    ``description``/``description_sv`` replace the field's where the column means something
    narrower here (``page``: the page of the area heading, of the box ...); ``constraints``
    are merged over the field's (a column that may be empty in this table).
    """

    name: str
    description: str | None = None
    description_sv: str | None = None
    constraints: dict[str, Any] = {}


class TableSpec(Spec):
    """One output table: titles and descriptions in both languages, columns in order, key."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    title_sv: str = Field(min_length=1)
    description: str = Field(min_length=1)
    description_sv: str = Field(min_length=1)
    columns: tuple[Column, ...] = Field(min_length=1)
    primary_key: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _columns_unique_and_key_among_them(self) -> TableSpec:
        names = [column.name for column in self.columns]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"table {self.name}: columns listed twice: {repeated}")
        missing = [name for name in self.primary_key if name not in names]
        if missing:
            raise ValueError(f"table {self.name}: primary key names no column: {missing}")
        return self


class SourceSpec(Spec):
    """Where the data come from: a title and its address."""

    title: str = Field(min_length=1)
    path: str = Field(pattern=r"^https://")


class LicenseSpec(Spec):
    """A licence of the data (Frictionless ``licenses``): SPDX id, address and title."""

    name: str = Field(min_length=1)
    path: str = Field(pattern=r"^https://")
    title: str = Field(min_length=1)


class PackageSpec(Spec):
    """The data package as a whole (``datapackage.json``'s top level)."""

    name: str = Field(pattern=r"^[a-z0-9._-]+$")
    title: str = Field(min_length=1)
    title_sv: str = Field(min_length=1)
    description: str = Field(min_length=1)
    description_sv: str = Field(min_length=1)
    licenses: tuple[LicenseSpec, ...] = Field(min_length=1)
    sources: tuple[SourceSpec, ...] = Field(min_length=1)
    citation: str = Field(min_length=1)
    """How to cite the dataset; ``{version}`` stands for the version of the tool that built it."""
