"""The tables as one Excel workbook, ``OUT/kommunkompassen.xlsx``: one sheet per table.

Each sheet has the table's columns in order, a bold header row that stays in view (frozen),
column widths fitted to their content (within limits), and text cells stored as text with the
text number format, so a code such as ``0180`` keeps its leading zero when edited. Nulls are
empty cells. The file is byte-identical for the same tables: its internal dates are fixed.
Written with openpyxl; ``writers.write_tables`` puts the bytes into OUT.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd
import regex
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

MIN_WIDTH, MAX_WIDTH = 6, 60  # characters; long texts wrap in Excel's cell view instead
FIXED_DATE = datetime(2000, 1, 1)  # stands in for "now" so that equal tables give equal bytes
TEXT_FORMAT = "@"
_CORE_DATE = regex.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def cell_value(value: Any) -> Any:
    """A frame value as an Excel cell value: None for a null, Python int/float/str otherwise."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def column_width(header: str, values: pd.Series) -> int:
    """Characters wide enough for the header and the longest value, within the limits."""
    longest = max((len(str(v)) for v in values.dropna()), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, max(len(header), longest) + 2))


def fill_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """Header, rows, frozen header, widths and text format of one table's sheet."""
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        sheet.append([cell_value(value) for value in row])
    sheet.freeze_panes = "A2"
    for index, (name, dtype) in enumerate(frame.dtypes.items(), start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column_width(str(name), frame[name])
        if not pd.api.types.is_numeric_dtype(dtype):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = TEXT_FORMAT


def workbook_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """The workbook of ``frames`` (table name -> frame, one sheet each, in order) as bytes."""
    book = Workbook()
    book.remove(book.active)
    for table, frame in frames.items():
        fill_sheet(book.create_sheet(title=table), frame)
    book.properties.creator = "kompass-extract"
    book.properties.created = book.properties.modified = FIXED_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip_dates(buffer.getvalue())


def fixed_core_dates(xml: bytes) -> bytes:
    """``docProps/core.xml`` with its created and modified dates set to ``FIXED_DATE``
    (openpyxl stamps the time of saving)."""
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return _CORE_DATE.sub(rb"\g<1>" + stamp + rb"\g<2>", xml)


def fixed_zip_dates(data: bytes) -> bytes:
    """The same zip archive with every entry dated ``FIXED_DATE`` (zip stores the write time)
    and the document's own dates fixed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = fixed_core_dates(content)
            target.writestr(fixed, content)
    return output.getvalue()
