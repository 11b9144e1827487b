"""A table's collapsed border grid resolved with each box's borders read once (installed by layout_shortcuts.py).

With `border-collapse: collapse` (our task table) WeasyPrint (70) resolves, when it builds the table,
which border wins on every edge of the grid: for each cell, then each row, row group, column and the
table, it calls set_one_border for every grid edge the box touches, and each call reads the side's
style, width and colour from the box's style (three formatted property names, get_color imported and
called) before comparing scores. A 1,000-task table makes ~70,000 such calls from a few dozen styles
(a row's style, a cell's style per column kind).

collapse_table_borders here is WeasyPrint's (a copy of weasyprint.layout.table.collapse_table_borders
70.0, checked by the SHA-256 of its source) but for that: a style's side gives its (score, (style,
width, colour)) once per call of collapse_table_borders — the same values read by the same code — and
every edge it wins gets that entry. Entries are only read afterwards (drawing unpacks them), so an
entry shared by several edges is as good as one per edge. tests/test_pdf_collapsed_borders.py compares
the grids and the PDFs with WeasyPrint's own.
"""

from __future__ import annotations

import functools
from typing import Any

from .sources import known_source

# sha256 of weasyprint.layout.table.collapse_table_borders's source (70.0), which the copy below follows
KNOWN_SOURCES = {"db721de3fd90b0a4e7dc6bd39b2d9dad16b85690d8ae488b530e4b869bac1580"}
_SIDES = {side: (f"border_{side}_style", f"border_{side}_width", f"border_{side}_color")
          for side in ("top", "right", "bottom", "left")}


def known(function: Any) -> bool:
    """`function` is the collapse_table_borders that the copy follows (its source unchanged)."""
    return known_source(function, KNOWN_SOURCES)


@functools.cache
def install() -> bool:
    """Replace collapse_table_borders where the box builder calls it (once); False when this WeasyPrint is not
    the one followed."""
    from weasyprint.formatting_structure import build
    from weasyprint.layout import table

    own = table.collapse_table_borders  # stays table's, and the replacement's __wrapped__
    followed = build.collapse_table_borders is own and known(own)
    if followed:
        build.collapse_table_borders = sides_read_once(own)
    return followed


def sides_read_once(original: Any) -> Any:
    from weasyprint.draw.color import get_color
    from weasyprint.layout.table import TRANSPARENT

    def collapse_table_borders(table: Any, grid_width: Any, grid_height: Any) -> Any:
        """WeasyPrint's collapse_table_borders, each style's side read once."""
        if not (grid_width and grid_height):
            # Don’t bother with empty tables.
            return [], []

        styles = reversed([
            'hidden', 'double', 'solid', 'dashed', 'dotted', 'ridge', 'outset',
            'groove', 'inset', 'none'])
        style_scores = {style: score for score, style in enumerate(styles)}
        style_map = {'inset': 'ridge', 'outset': 'groove'}
        weak_null_border = ((0, 0, style_scores['none']), ('none', 0, TRANSPARENT))

        # Borders are always stored left to right, top to bottom.
        vertical_borders = [
            [weak_null_border] * (grid_width + 1) for _ in range(grid_height)]
        horizontal_borders = [
            [weak_null_border] * grid_width for _ in range(grid_height + 1)]

        # Added: (id of style, side) -> the style kept alive, its side's entry
        entries: dict[tuple[int, str], tuple[Any, Any]] = {}

        def side_entry(box_style: Any, side: str) -> Any:
            """What set_one_border would write for this style's side: (score, (style, width, colour))."""
            found = entries.get((id(box_style), side))
            if found is None:
                style_name, width_name, color_name = _SIDES[side]
                style = box_style[style_name]
                width = box_style[width_name]
                color = get_color(box_style, color_name)

                # See https://www.w3.org/TR/CSS21/tables.html#border-conflict-resolution.
                score = ((1 if style == 'hidden' else 0), width, style_scores[style])

                style = style_map.get(style, style)
                found = entries[id(box_style), side] = (box_style, (score, (style, width, color)))
            return found[1]

        def set_one_border(border_grid: Any, box_style: Any, side: str, grid_x: Any, grid_y: Any) -> None:
            entry = side_entry(box_style, side)
            previous_score, _ = border_grid[grid_y][grid_x]
            # Strict < so that the earlier call wins in case of a tie.
            if previous_score < entry[0]:
                border_grid[grid_y][grid_x] = entry

        def set_borders(box: Any, x: Any, y: Any, w: Any, h: Any) -> None:
            style = box.style

            # x and y are logical (possibly rtl), but borders are graphical (always ltr).
            if table.style['direction'] == 'ltr':
                # Added: set_one_border's steps, each side's entry found once for the box
                if h > 0:
                    left, right = side_entry(style, 'left'), side_entry(style, 'right')
                    for yy in range(y, y + h):
                        grid_row = vertical_borders[yy]
                        if grid_row[x][0] < left[0]:
                            grid_row[x] = left
                        if grid_row[x + w][0] < right[0]:
                            grid_row[x + w] = right
                if w > 0:
                    top, bottom = side_entry(style, 'top'), side_entry(style, 'bottom')
                    top_row, bottom_row = horizontal_borders[y], horizontal_borders[y + h]
                    for xx in range(x, x + w):
                        if top_row[xx][0] < top[0]:
                            top_row[xx] = top
                        if bottom_row[xx][0] < bottom[0]:
                            bottom_row[xx] = bottom
            else:
                for yy in range(y, y + h):
                    set_one_border(vertical_borders, style, 'left', -1 - w - x, yy)
                    set_one_border(vertical_borders, style, 'right', -1 - x, yy)
                for xx in range(-1 - x, -1 - x - w, -1):
                    set_one_border(horizontal_borders, style, 'top', xx, y)
                    set_one_border(horizontal_borders, style, 'bottom', xx, y + h)

        # Set cell borders. The order is important here:
        # "A style set on a cell wins over one on a row, which wins over a
        #  row group, column, column group and, lastly, table"
        # See https://www.w3.org/TR/CSS21/tables.html#border-conflict-resolution.
        strong_null_border = ((1, 0, style_scores['hidden']), ('hidden', 0, TRANSPARENT))
        grid_y = 0
        for row_group in table.children:
            for row in row_group.children:
                for cell in row.children:
                    # Force null border inside of a cell with rowspan or colspan.
                    grid_x, colspan, rowspan = cell.grid_x, cell.colspan, cell.rowspan
                    if table.style['direction'] == 'ltr':
                        vertical_x_range = range(grid_x + 1, grid_x + colspan)
                        horizontal_x_range = range(grid_x, grid_x + colspan)
                    else:
                        vertical_x_range = range(-2 - grid_x, -1 - grid_x - colspan, -1)
                        horizontal_x_range = range(-1 - grid_x, -1 - grid_x - colspan, -1)
                    for xx in vertical_x_range:
                        for yy in range(grid_y, grid_y + rowspan):
                            vertical_borders[yy][xx] = strong_null_border
                    for xx in horizontal_x_range:
                        for yy in range(grid_y + 1, grid_y + rowspan):
                            horizontal_borders[yy][xx] = strong_null_border
                    # Set cell border.
                    set_borders(cell, grid_x, grid_y, colspan, rowspan)
                grid_y += 1

        # Set row borders.
        grid_y = 0
        for row_group in table.children:
            for row in row_group.children:
                set_borders(row, 0, grid_y, grid_width, 1)
                grid_y += 1

        # Set row group borders.
        grid_y = 0
        for row_group in table.children:
            rowspan = len(row_group.children)
            set_borders(row_group, 0, grid_y, grid_width, rowspan)
            grid_y += rowspan

        # Set column borders.
        for column_group in table.column_groups:
            for column in column_group.children:
                set_borders(column, column.grid_x, 0, 1, grid_height)

        # Set column group group borders.
        for column_group in table.column_groups:
            set_borders(
                column_group, column_group.grid_x, 0, column_group.span, grid_height)

        # Set table borders.
        set_borders(table, 0, 0, grid_width, grid_height)

        # Now that all conflicts are resolved, set transparent borders of the
        # correct widths on each box. The actual border grid will be painted
        # separately.
        def set_border_used_width(box: Any, side: str, twice_width: Any) -> None:
            prop = f'border_{side}_width'
            setattr(box, prop, twice_width / 2)

        def remove_borders(box: Any) -> None:
            set_border_used_width(box, 'top', 0)
            set_border_used_width(box, 'right', 0)
            set_border_used_width(box, 'bottom', 0)
            set_border_used_width(box, 'left', 0)

        def max_vertical_width(x: Any, y1: Any, y2: Any) -> Any:
            return max(grid_row[x][1][1] for grid_row in vertical_borders[y1:y2])

        def max_horizontal_width(x1: Any, y: Any, x2: Any) -> Any:
            return max(width for _, (_, width, _) in horizontal_borders[y][x1:x2])

        grid_y = 0
        for row_group in table.children:
            remove_borders(row_group)
            for row in row_group.children:
                remove_borders(row)
                for cell in row.children:
                    x, y = cell.grid_x, grid_y
                    colspan, rowspan = cell.colspan, cell.rowspan
                    if table.style['direction'] == 'ltr':
                        top = max_horizontal_width(x, y, x + colspan)
                        bottom = max_horizontal_width(x, y + rowspan, x + colspan)
                        left = max_vertical_width(x, y, y + rowspan)
                        right = max_vertical_width(x + colspan, y, y + rowspan)
                    else:
                        top = max_horizontal_width(-colspan - x, y, -x or None)
                        bottom = max_horizontal_width(-colspan - x, y + rowspan, -x or None)
                        left = max_vertical_width(-1 - colspan - x, y, y + rowspan)
                        right = max_vertical_width(-1 - x, y, y + rowspan)
                    set_border_used_width(cell, 'top', top)
                    set_border_used_width(cell, 'bottom', bottom)
                    set_border_used_width(cell, 'left', left)
                    set_border_used_width(cell, 'right', right)
                grid_y += 1

        for column_group in table.column_groups:
            remove_borders(column_group)
            for column in column_group.children:
                remove_borders(column)

        set_border_used_width(table, 'top', max_horizontal_width(0, 0, grid_width))
        set_border_used_width(
            table, 'bottom', max_horizontal_width(0, grid_height, grid_width))
        # "UAs must compute an initial left and right border width for the table
        #  by examining the first and last cells in the first row of the table."
        # https://www.w3.org/TR/CSS21/tables.html#collapsing-borders
        # ... so h=1, not grid_height:
        set_border_used_width(table, 'left', max_vertical_width(0, 0, 1))
        set_border_used_width(table, 'right', max_vertical_width(grid_width, 0, 1))

        return vertical_borders, horizontal_borders

    collapse_table_borders.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps would
    return collapse_table_borders
