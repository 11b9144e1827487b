"""Saving a workbook: openpyxl's own writer, with each sheet's cells serialised in one go.

openpyxl writes a sheet cell by cell through lxml's incremental writer (a context manager,
an attribute dict and a coordinate string per cell, ~20 µs each: ~0.07 s for the 沈阳
ledger's 3,700 cells, most of its save), into a temporary file. Here the <sheetData> of a
sheet is built as one lxml tree with the same elements, attributes (same order) and texts,
and handed to the same writer, into memory: the saved sheet is byte for byte what openpyxl
writes (tests/test_xlsx_save.py). Everything else — styles, merges, print set-up, the
workbook's parts — is openpyxl's code. A cell this writer does not know (a comment, a link,
rich text, an array formula), another openpyxl version or openpyxl without lxml: the sheet
(or the workbook) is saved by openpyxl alone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from io import BytesIO
from pathlib import Path
from typing import Any, Optional, Union
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile

import openpyxl
from openpyxl.compat import safe_string
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter
from openpyxl.utils import datetime as dates
from openpyxl.workbook import Workbook
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml import LXML

from ..reproducible import is_rewritten_later

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# The writer's internals used here (WorksheetWriter.rows/xf, ExcelWriter.write_worksheet's steps)
# are those of openpyxl 3.1.
SUPPORTED = LXML and openpyxl.__version__.startswith("3.1.")


def save(wb: Workbook, path: Union[str, Path]) -> None:
    """wb.save(path), the same bytes, faster (see the module's docstring)."""
    if not SUPPORTED or wb.write_only or wb.read_only:
        wb.save(path)
        return
    # Inside a build the package is rewritten (and compressed) afterwards: stored, it is compressed once.
    archive = ZipFile(path, "w", ZIP_STORED if is_rewritten_later() else ZIP_DEFLATED, allowZip64=True)
    wb.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)  # as openpyxl's save_workbook
    _ExcelWriter(wb, archive).save()


class _ExcelWriter(ExcelWriter):
    def write_worksheet(self, ws: Any) -> None:
        """ExcelWriter.write_worksheet for a normal sheet, through _SheetWriter and in memory."""
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer: Any = _SheetWriter(ws, out=BytesIO())  # the stubs omit the writers' private parts
        writer.write()
        ws._rels = writer._rels
        data = writer.read()
        if writer.cells is not None:
            data = data.replace(_PLACEHOLDER, writer.cells, 1)  # the first: what precedes it holds no user text
        archive: Any = self._archive  # type: ignore[attr-defined]
        archive.writestr(ws.path[1:], data)
        self.manifest.append(ws)


_PLACEHOLDER_TAG = "zwgkSheetData"
_PLACEHOLDER = f"<{_PLACEHOLDER_TAG}/>".encode()


class _SheetWriter(WorksheetWriter):
    cells: Optional[bytes] = None

    def rows(self) -> list[tuple[int, list[Any]]]:
        """WorksheetWriter.rows: the cells by row, in (row, column) order, and the empty rows that have a
        height or style. openpyxl sorts the (coordinate, cell) pairs, comparing nested tuples; sorting the
        coordinates alone gives the same order (no two cells share one) in a third of the time."""
        ws: Any = self.ws  # a normal sheet (save() leaves write-only workbooks to openpyxl)
        cells = ws._cells
        rows: dict[int, list[Any]] = defaultdict(list)
        for key in sorted(cells):
            rows[key[0]].append(cells[key])
        for row in ws.row_dimensions.keys() - rows.keys():
            rows[row] = []
        return sorted(rows.items())

    def write_rows(self) -> None:
        self.cells = sheet_data(self.ws, self.rows())
        if self.cells is None:
            super().write_rows()
        else:  # the writer's stream writes a placeholder where the rows go (then replaced by them)
            from lxml.etree import Element

            self.xf.send(Element(_PLACEHOLDER_TAG))


def sheet_data(ws: Any, rows: list[tuple[int, list[Any]]]) -> Optional[bytes]:
    """<sheetData> of `rows` (WorksheetWriter.rows()) as WorksheetWriter.write_rows writes it
    through lxml (ASCII, other characters as decimal references; every element with an end
    tag), or None when a cell needs openpyxl's own writer."""
    iso_dates, epoch = ws.parent.iso_dates, ws.parent.epoch
    to_iso: Any = dates.to_ISO8601  # untyped in openpyxl
    to_excel: Any = dates.to_excel
    registry = ws.parent._cell_styles  # what cell.style_id adds to, in the same order
    style_ids: dict[bytes, str] = {}
    letters: dict[int, str] = {}
    dims = ws.row_dimensions
    out = ["<sheetData>"]
    for row_idx, row in rows:
        attrs = {"r": f"{row_idx}"}
        attrs.update(dims.get(row_idx, {}))
        out.append(f"<row{_attributes(attrs)}>")
        for cell in row:
            if cell._comment is not None or cell.hyperlink:
                return None
            style = cell._style
            styled = style is not None and any(style)  # cell.has_style
            value = cell._value
            if value is None and not styled:
                continue
            kind = cell.data_type
            column = cell.column
            letter = letters.get(column)
            if letter is None:
                letter = letters[column] = get_column_letter(column)
            head = f'<c r="{letter}{cell.row}"'
            if styled:
                key = style.tobytes()  # the array's nine style ids
                sid = style_ids.get(key)
                if sid is None:
                    sid = style_ids[key] = f"{registry.add(style)}"  # cell.style_id
                head += f' s="{sid}"'
            if kind == "s":
                head += ' t="inlineStr"'
            elif kind != "f":
                if kind == "d":
                    if getattr(value, "tzinfo", None) is not None:
                        return None  # openpyxl's writer raises its own error
                    if iso_dates and not isinstance(value, dt.timedelta):
                        value = to_iso(value)
                    else:
                        kind = "n"
                        value = to_excel(value, epoch)
                head += f' t="{_escape_attribute(kind)}"'
            out.append(head + ">")
            if value is None or value == "":
                pass
            elif kind == "f":
                if not isinstance(value, str):
                    return None  # an array or data-table formula
                out.append(f"<f>{_escape(value[1:])}</f><v></v>")
            elif kind == "s":
                if not isinstance(value, str):
                    return None  # rich text
                space = ' xml:space="preserve"' if value != value.strip() else ""
                out.append(f"<is><t{space}>{_escape(value)}</t></is>")
            else:
                out.append(f"<v>{_escape(safe_string(value))}</v>")
            out.append("</c>")
        out.append("</row>")
    out.append("</sheetData>")
    return "".join(out).encode("ascii", "xmlcharrefreplace")


def _escape(text: str) -> str:
    """Element text as libxml2 writes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _escape_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it."""
    return (_escape(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def _attributes(attrs: dict[str, Any]) -> str:
    return "".join(f' {name}="{_escape_attribute(str(value))}"' for name, value in attrs.items())
