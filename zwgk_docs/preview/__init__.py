"""`zwgk preview PLAN`: a warm process that rebuilds on every save and reloads the browser.

The pages come from the same writers as `zwgk build` (writers/html, writers/pdf); the
preview only adds a thin toolbar and a live-reload script. Rebuilding keeps every import,
template and font loaded, so a save shows up in the page in a fraction of a second.
"""

from __future__ import annotations

from .state import Preview

__all__ = ["Preview"]
