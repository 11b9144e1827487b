"""`zwgk fix`: rewrite a plan's half-width punctuation in place, keeping comments and layout.

The places come from ruamel.yaml's round-trip marks (load/punctuation.py); only those characters
(and the spaces that went with them) change in the text. The result is parsed again and must
equal the normalised data; if an escape or quoting defeated the mapping, the file is written by
ruamel's round-trip dumper instead, which also keeps comments.
"""

from __future__ import annotations

from ..model.tree import Loc

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import Location, UserError
from ..model.punctuation import EXEMPT_FIELDS, normalise
from .punctuation import Place, _field_of, find_places
from .yaml_reader import read_yaml


def fix_text(text: str, name: str) -> tuple[str, int]:
    """(new text, number of marks changed)."""
    data, smap = read_yaml(text, name)
    places = find_places(data, text, smap)
    if not places:
        return text, 0
    edited = _edit(text, places) if all(p.offset >= 0 for p in places) else None
    if edited is not None and read_yaml(edited, name)[0] == _normalised(data):
        return edited, len(places)
    return _round_trip(text), len(places)


def _edit(text: str, places: list[Place]) -> str:
    chars = list(text)
    for p in sorted(places, key=lambda p: p.offset, reverse=True):
        end = p.offset + 1
        for _ in range(p.fix.strip_after):
            if end < len(chars) and chars[end] in " \t":
                chars[end] = ""
                end += 1
        start = p.offset
        for _ in range(p.fix.strip_before):
            if start > 0 and chars[start - 1] in " \t":
                chars[start - 1] = ""
                start -= 1
        chars[p.offset] = p.fix.replacement
    return "".join(chars)


def _normalised(data: Any, path: Loc = ()) -> Any:
    if isinstance(data, dict):
        return {k: _normalised(v, path + (str(k),)) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalised(v, path + (i,)) for i, v in enumerate(data)]
    if isinstance(data, str) and _field_of(path) not in EXEMPT_FIELDS:
        return normalise(data)
    return data


def _round_trip(text: str) -> str:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    doc = yaml.load(text)
    _fix_node(doc, ())
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def _fix_node(node: Any, path: Loc) -> None:
    items = node.items() if isinstance(node, CommentedMap) else enumerate(node) if isinstance(node, CommentedSeq) else ()
    for key, value in list(items):
        sub = path + ((str(key),) if isinstance(node, CommentedMap) else (key,))
        if isinstance(value, str) and _field_of(sub) not in EXEMPT_FIELDS:
            new = normalise(str(value))
            if new != value:
                node[key] = type(value)(new) if type(value) is not str else new
        else:
            _fix_node(value, sub)


def fix_file(path: Path) -> int:
    """Rewrite path atomically; returns the number of marks changed. `-`: standard input, corrected
    to standard output (a filter, `zwgk fix - < a.yaml > b.yaml`), never a file named "-"."""
    from . import STDIN, read_source

    text, name = read_source(path)
    new, count = fix_text(text, name)
    if str(path) == STDIN:
        sys.stdout.write(new)
        sys.stdout.flush()
    elif count:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(new)
            os.chmod(tmp, path.stat().st_mode & 0o777)
            os.replace(tmp, path)
        except OSError as exc:
            raise UserError.single(f"无法写入文件：{exc.strerror}", Location(str(path))) from None
    return count
