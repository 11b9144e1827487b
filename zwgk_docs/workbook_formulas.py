"""Formula cells saved without their result, in an .xlsx a person or a program filled in.

Excel, WPS and LibreOffice store each formula's last result next to it (`<f>` and `<v>`), and the
readers take that result (openpyxl `data_only=True`). A workbook written by a program (openpyxl,
an OA system's export) stores the formula alone: it would read as an empty cell, and a unit's
progress or a report figure would vanish without a word. The readers ask here which cells those
are, so they can say so instead.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import IO, Union
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse  # untrusted files: no entity expansion

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Byte patterns of a formula element, with or without a namespace prefix (<f>, <f t="shared" …/>, <x:f>).
FORMULA_TAGS = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/")

Uncalculated = dict[str, frozenset[str]]  # sheet title → coordinates such as "H7"

# What every reader says of such a cell (the diagnostic names the file, sheet!cell and field).
UNCALCULATED = ("是公式，但文件中没有保存公式的计算结果（程序生成的文件常会这样），读不出它的值。"
                "请在 Excel 或 WPS 中打开这个文件并保存一次（会算出结果），再重试。")


def uncalculated_cells(path: Union[str, Path], sheets: Union[tuple[str, ...], None] = None) -> Uncalculated:
    """The cells of each sheet (or of `sheets`) that hold a formula but no stored result.

    A sheet without any formula is only scanned for the bytes of one, not parsed. An unreadable
    file gives {}: the reader that opens it says what is wrong with it.
    """
    try:
        with zipfile.ZipFile(path) as z:
            out: Uncalculated = {}
            for title, part in _sheet_parts(z).items():
                if (sheets is None or title in sheets) and part in z.namelist() and part_contains(z, part, FORMULA_TAGS):
                    with z.open(part) as f:
                        cells = _cells_without_result(f)
                    if cells:
                        out[title] = cells
            return out
    except (OSError, KeyError, zipfile.BadZipFile, SyntaxError, DefusedXmlException):  # SyntaxError: broken XML
        return {}


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → its part name (xl/worksheets/sheet1.xml), from workbook.xml and its relationships."""
    targets = {}
    with z.open("xl/_rels/workbook.xml.rels") as f:
        for _, rel in iterparse(f):
            if rel.tag == f"{_PKG_REL}Relationship":
                target = rel.get("Target", "")
                targets[rel.get("Id", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    parts = {}
    with z.open("xl/workbook.xml") as f:
        for _, element in iterparse(f):
            if element.tag == f"{_MAIN}sheet":
                rid = element.get(f"{_REL}id", "")
                if rid in targets:
                    parts[element.get("name", "")] = targets[rid]
    return parts


def part_contains(z: zipfile.ZipFile, part: str, needles: tuple[bytes, ...]) -> bool:
    """Whether the part's bytes hold any of `needles`: a scan in 1 MB pieces, no XML parse."""
    with z.open(part) as f:
        tail = b""
        while chunk := f.read(1 << 20):
            data = tail + chunk
            if any(n in data for n in needles):
                return True
            tail = data[-16:]
    return False


def _cells_without_result(f: IO[bytes]) -> frozenset[str]:
    found = []
    for _, element in iterparse(f):
        if element.tag == f"{_MAIN}c":
            if element.find(f"{_MAIN}f") is not None and not _has_result(element):
                found.append(element.get("r", ""))
            element.clear()  # keep memory flat on a 20,000-row sheet
    return frozenset(found)


def _has_result(cell: Element) -> bool:
    """openpyxl writes `<f>…</f><v></v>`: an empty value is no result, except an empty text result."""
    value = cell.find(f"{_MAIN}v")
    if value is None:
        return cell.find(f"{_MAIN}is") is not None
    return bool(value.text) or cell.get("t") == "str"
