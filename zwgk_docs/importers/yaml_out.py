"""A plan draft as YAML text, written directly: plain data (dicts, lists, str, int, bool, date) with comments.

ruamel.yaml's pure-Python emitter needs about 1.5 ms per node, so a 20,000-row table took minutes to
write; a draft is plain data, so it is emitted here in the same block style, quoting every string
that is not unmistakably a plain scalar (tests/test_import_unseen.py loads the output back with
ruamel.yaml and compares).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any, Optional

# Plain scalars: no indicator first, no ": " / " #", nothing a YAML 1.1 or 1.2 resolver reads as
# another type (numbers, dates, yes/no/null …). Anything else is quoted.
_PLAIN_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@` \t")
_SPECIAL = re.compile(r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?\.?(?:inf|nan))$", re.I)
_DATEISH = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_FLOW_BAD = re.compile(r"[,\[\]{}]")
_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]")
_CONTROL_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029\ufeff]")


def _plain_ok(s: str, flow: bool) -> bool:
    if not s or s != s.strip() or s[0] in _PLAIN_FIRST_BAD or s[-1] == ":":
        return False
    if ": " in s or " #" in s or _CONTROL.search(s):
        return False
    if _SPECIAL.match(s) or (s[0].isdigit() or s[0] in "+-.") and s.isascii() or _DATEISH.match(s) or s in ("<<", "="):
        return False
    return not (flow and (_FLOW_BAD.search(s) or ":" in s))


def scalar(value: Any, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    s = str(value)
    if _plain_ok(s, flow):
        return s
    if not _CONTROL.search(s):
        return "'" + s.replace("'", "''") + "'"
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


@functools.lru_cache(maxsize=1024, typed=True)
def _key(k: Any) -> str:
    """A mapping key as written: the same few keys (id, title, lead …) repeat on every task."""
    return scalar(k)


def _literal_ok(s: str) -> bool:
    lines = s.split("\n")
    return "\n" in s and not s.endswith("\n") and not s.startswith((" ", "\n")) and "\t" not in s and all(
        line == line.rstrip() and not _CONTROL_BUT_TAB.search(line) for line in lines)


def flow_mapping(d: dict[Any, Any]) -> str:
    """{a: 1, b: x} on one line."""
    return "{" + ", ".join(f"{scalar(k, True)}: {scalar(v, True)}" for k, v in d.items()) + "}"


class Emitter:
    """notes: id(dict) → comment line written above that mapping (in its list or under its key)."""

    def __init__(self, notes: Optional[dict[int, str]] = None, flow_keys: tuple[str, ...] = (),
                 eol: Optional[dict[tuple[int, str], str]] = None, before: Optional[dict[tuple[int, str], str]] = None) -> None:
        self.notes = notes or {}
        self.flow_keys = flow_keys  # keys whose mapping values (or list of mappings) are written {a: 1, b: 2}
        self.eol = eol or {}  # (id(mapping), key) → end-of-line comment
        self.before = before or {}  # (id(mapping), key) → comment line above the key
        self.out: list[str] = []

    def _comment(self, text: str, indent: int) -> None:
        for line in text.split("\n"):
            self.out.append(" " * indent + "# " + line if line else " " * indent + "#")

    def mapping(self, d: dict[Any, Any], indent: int, flow_children: bool = False) -> None:
        pad = " " * indent
        for k, v in d.items():
            if (id(d), k) in self.before:
                self._comment(self.before[(id(d), k)], indent)
            if isinstance(v, dict) and id(v) in self.notes:
                self._comment(self.notes[id(v)], indent)
            eol = f"  # {self.eol[(id(d), k)]}" if (id(d), k) in self.eol else ""
            key = _key(k)
            if isinstance(v, dict) and v:
                if flow_children:
                    self.out.append(f"{pad}{key}: {flow_mapping(v)}{eol}")
                else:
                    self.out.append(f"{pad}{key}:{eol}")
                    self.mapping(v, indent + 2, k in self.flow_keys)
            elif isinstance(v, list) and v:
                self.out.append(f"{pad}{key}:{eol}")
                self.sequence(v, indent + 2, k in self.flow_keys)
            else:
                self._leaf(f"{pad}{key}: ", v, indent, eol)

    def sequence(self, items: list[Any], indent: int, flow: bool = False) -> None:
        pad = " " * indent
        for item in items:
            if isinstance(item, dict) and id(item) in self.notes:
                self._comment(self.notes[id(item)], indent)
            if isinstance(item, dict) and item:
                if flow:
                    self.out.append(f"{pad}- {flow_mapping(item)}")
                    continue
                start = len(self.out)
                self.mapping(item, indent + 2)
                first = next(i for i in range(start, len(self.out)) if not self.out[i].lstrip().startswith("#"))
                self.out[first] = pad + "- " + self.out[first][indent + 2:]
            elif isinstance(item, list) and item:
                self.out.append(f"{pad}-")
                self.sequence(item, indent + 2)
            else:
                self._leaf(f"{pad}- ", item, indent)

    def _leaf(self, lead: str, value: Any, indent: int, eol: str = "") -> None:
        """A scalar, an empty collection, or a multi-line text as a literal block."""
        if isinstance(value, str) and _literal_ok(value):
            self.out.append(f"{lead}|-{eol}")
            self.out.extend((" " * (indent + 2) + line) if line else "" for line in value.split("\n"))
        else:
            empty = "{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else scalar(value)
            self.out.append(f"{lead}{empty}{eol}")

    def document(self, data: dict[str, Any], head: str = "") -> str:
        if head:
            self._comment(head, 0)
        self.mapping(data, 0)
        return "\n".join(self.out) + "\n"
