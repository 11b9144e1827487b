"""Which kind of input a file name says it is: a plan, or an annual-report input beside one.

Kept out of the report package so that `zwgk validate plan.yaml` tells a plan from a
progress/stats file without importing the report code (and openpyxl with it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

REPORT_INPUTS = {".progress.yaml": "progress", ".progress.yml": "progress", ".stats.yaml": "stats",
                 ".stats.yml": "stats", ".stats.xlsx": "stats"}


def report_input_kind(path: Path) -> Optional[str]:
    """"progress" or "stats" for X.progress.yaml / X.stats.yaml(.xlsx); None for anything else (a plan)."""
    name = path.name.lower()
    return next((kind for suffix, kind in REPORT_INPUTS.items() if name.endswith(suffix)), None)
