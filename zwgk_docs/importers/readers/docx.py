""".docx → paragraphs and Grids. Merges are read from the XML (gridSpan, vMerge), not guessed."""

from __future__ import annotations

from pathlib import Path

from ..grid import Cell, Grid, clean


def _cell_text(tc) -> str:
    from docx.oxml.ns import qn

    paras = []
    for p in tc.iter(qn("w:p")):
        paras.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return clean("\n".join(paras))


def _table_grid(tbl, number: int, name: str, above: list[str]) -> Grid:
    rows: list[list[Cell]] = []
    for r, tr in enumerate(tbl.tr_lst, 1):
        row: list[Cell] = []
        for tc in tr.tc_lst:
            col = len(row)
            pos = f"表{number}第{r}行第{col + 1}列"
            vmerge = tc.vMerge
            if vmerge == "continue" and rows and col < len(rows[-1]):
                above_cell = rows[-1][col]
                cell = Cell(above_cell.text, pos, covered=True)
            else:
                cell = Cell(_cell_text(tc), pos)
            row.append(cell)
            for extra in range(1, tc.grid_span):
                row.append(Cell(cell.text, f"表{number}第{r}行第{col + extra + 1}列", covered=cell.covered, spanned=True))
        rows.append(row)
    return Grid(rows, f"{name}:表{number}", above=list(above), merges_known=True)


def read_docx(path: Path) -> tuple[list[str], list[Grid]]:
    """(paragraphs outside tables, tables) in document order."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    paragraphs: list[str] = []
    grids: list[Grid] = []
    recent: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = clean("".join(t.text or "" for t in child.iter(qn("w:t"))))
            if text:
                paragraphs.append(text)
                recent = (recent + [text])[-3:]
        elif child.tag == qn("w:tbl"):
            grids.append(_table_grid(child, len(grids) + 1, path.name, recent))
            recent = []
    return paragraphs, grids
