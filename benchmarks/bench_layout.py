"""CPU of laying out one plan's notice with the per-line replacements and with WeasyPrint's own, alternately in one process.

    python benchmarks/bench_layout.py PLAN [ROUNDS]

The replacements compared (issue 16): first_lines.py (a line's first Pango layout shorter),
pango_contexts.py (Pango contexts and font descriptions shared) and layout_shortcuts' normal-flow
test; layout_shortcuts' other steps stay in both. One JSON object: pages, and per variant the median
and the minimum process time of a layout (seconds), the load average before and after. In one process
both variants see the same warm caches; alternating (each round starting with the other one) keeps
a change of the machine's load from favouring one.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import sys
import time


def main() -> None:
    from zwgk_docs.context import build_context
    from zwgk_docs.load import load_plan
    from zwgk_docs.writers.pdf import first_lines, fit, layout_shortcuts, pango_contexts, print_html
    from zwgk_docs.writers.pdf.render import layout

    plan, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    html = print_html(build_context(load_plan(plan)), "notice_print.html", fit.STANDARD)
    layout("<p>字</p>")  # WeasyPrint imported, the replacements installed
    from weasyprint.formatting_structure.boxes import Box
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    ours = (inline.split_first_line, line_break.Layout.setup, Box.is_in_normal_flow)
    own = (layout_shortcuts._remembered_lines(first_lines.uninstalled()["split_first_line"]),  # the memo kept
           pango_contexts.uninstalled()["setup"], layout_shortcuts.uninstalled()["is_in_normal_flow"])
    times: dict[str, list[float]] = {"weasyprint": [], "replaced": []}
    load = os.getloadavg()[0]
    pages = 0
    for number in range(rounds):
        variants = [("weasyprint", own), ("replaced", ours)]
        for name, functions in variants[::-1] if number % 2 else variants:
            inline.split_first_line, line_break.Layout.setup, Box.is_in_normal_flow = functions
            gc.collect()
            start = time.process_time()
            document = layout(html)
            times[name].append(time.process_time() - start)
            pages = len(document.pages)
            del document
    inline.split_first_line, line_break.Layout.setup, Box.is_in_normal_flow = ours
    print(json.dumps({"plan": plan, "pages": pages, "rounds": rounds, "load": [load, os.getloadavg()[0]],
                      **{name: {"median": round(statistics.median(found), 3), "min": round(min(found), 3)}
                         for name, found in times.items()}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
