"""Warm start for batch workers: imported by the forkserver before it forks them (batch.py).

The server imports what every plan's build needs — the writers, WeasyPrint and its libraries
— and sets up Pango's font configuration, once; the workers are forked from it and start
their first plan at once instead of each paying ~1 s of imports. It builds no plan itself:
what only a first build loads (the fonts' glyphs, the print CSS, the office templates) costs
each worker ~0.1–0.2 s on its first plan, in parallel, where a warm-up plan built in the
server (as before) kept every worker waiting ~1 s for it on one core.
"""

from __future__ import annotations

import contextlib
import gc
import importlib

from .writers import BUILD_DOCUMENTS, COMBINED, REGISTRY


def warm_up() -> None:
    """Import every build writer, WeasyPrint, and make the font configuration; never fails (a
    missing font or library is reported by the first real build)."""
    modules = [target.split(":")[0] for (document, _), target in REGISTRY.items() if document in (*BUILD_DOCUMENTS, "units")]
    modules += [target.split(":")[0] for target in COMBINED.values()]
    for name in dict.fromkeys(["zwgk_docs.collect.carry", "zwgk_docs.collect.untouched", *modules]):
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    with contextlib.suppress(Exception):
        from .writers.pdf.render import font_configuration

        font_configuration()
    # Every worker forked from here keeps these objects: the cycle collector never walks them
    # again (nor writes to their pages), and runs less often, as in the command line (entry.py).
    from .entry import fewer_collections

    fewer_collections()
    gc.freeze()


warm_up()
