"""Hostile YAML: how long the loader takes to refuse each case (goal: < 1 s each, docs/security.md).

    python benchmarks/bench_hostile.py

In-process (no interpreter start-up), one line per case: seconds and the first diagnostic.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zwgk_docs.errors import UserError  # noqa: E402
from zwgk_docs.load import loads  # noqa: E402

MINI = (ROOT / "tests" / "data" / "mini.yaml").read_text(encoding="utf-8")
LAUGHS = "lol: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"lol{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))

CASES = {
    "billion laughs (unknown key)": MINI + LAUGHS,
    "200k-deep flow": "plan: " + "[" * 200_000 + "]" * 200_000,
    "3,000-deep block": "".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "v\n",
    "19,000-item list (within limits: linear)": "plan:\n" + "- a\n" * 19_000,
    "1M-item flow list": "plan: [" + "a, " * 1_000_000 + "]",
    "9M-char file": "a: " + "x" * 9_000_000,
    "5,000-digit year": MINI.replace("year: 2021", "year: " + "9" * 5000),
    "width .inf": MINI.replace("width: 22", "width: .inf"),
    "U+0084 in text": MINI.replace("title: 沈阳市2021年政务公开工作要点\n", "title: 沈阳\x84要点\n"),
    "290k-char scalar": 'a: "' + "x" * 290_000 + '"\n',
}


def main() -> None:
    for name, text in CASES.items():
        start = time.perf_counter()
        try:
            loads(text, "hostile.yaml")
            outcome = "accepted"
        except UserError as exc:
            outcome = str(exc.diagnostics[0])[:90]
        print(f"{time.perf_counter() - start:7.3f} s  {name:30} {outcome}")


if __name__ == "__main__":
    main()
