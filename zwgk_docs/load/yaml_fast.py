"""The common plan read through libyaml (ruamel.yaml.clib): ~8× faster than the pure reader.

ruamel's round-trip reader is pure Python (~0.1 s for the 沈阳 plan, 1.8 s for 1,000 tasks),
on the path of every build, preview refresh and batch plan. libyaml's parser gives the same
events with the same marks; this module turns them into the same plain data and SourceMap
as yaml_reader._plain does from the round-trip tree — or returns None, and the pure reader
reads the text, for anything it does not treat exactly alike: errors (the pure reader words
them), anchors, aliases and merges, explicit tags, directives, non-text keys, duplicate keys,
the limits of limits.py, and characters where libyaml (YAML 1.1) and ruamel (1.2) differ.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional, Union

from .limits import MAX_DEPTH, MAX_NODES, MAX_NUMBER_CHARS, MAX_SCALAR_CHARS, NUMBER_TAGS

from ruamel.yaml.events import (
    AliasEvent, DocumentEndEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
    ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent, StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode

CSafeLoader: Any
try:
    from ruamel.yaml.cyaml import CSafeLoader
except ImportError:  # no C extension for this Python: the pure reader does it all
    CSafeLoader = None

# NEL/LS/PS are line breaks to YAML 1.1 only; a BOM or a tab inside the text is read
# differently by the two scanners; a directive may change the version.
_UNUSUAL = re.compile("[\x85\u2028\u2029\ufeff\t]|^%", re.MULTILINE)

Path = tuple[Union[str, int], ...]
STR_TAG = "tag:yaml.org,2002:str"
SCALAR_TAGS = (STR_TAG, "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", *NUMBER_TAGS,
               "tag:yaml.org,2002:timestamp")


class _Unusual(Exception):
    """Something the pure reader must read (and perhaps refuse)."""


def read_fast(text: str, plain_scalar: Callable[[Any], Any], construct: Callable[[Any], Any],
              smap: Any) -> Optional[Any]:
    """Plain data for `text`, filling smap.keys/values as yaml_reader does; None when unsure.

    `construct` turns a ScalarNode of a non-text tag into the round-trip reader's value and
    `plain_scalar` normalises it as yaml_reader._plain does, so both readers share one
    construction of dates, numbers and booleans."""
    if CSafeLoader is None or _UNUSUAL.search(text):
        return None
    loader = CSafeLoader(text)
    try:
        return _Builder(loader, text, plain_scalar, construct, smap).document()
    except _Unusual:
        return None
    except Exception:  # noqa: BLE001 — libyaml's errors: the pure reader gives the located Chinese message
        return None
    finally:
        loader.dispose()


class _Builder:
    """Plain dicts/lists from the event stream, iteratively (no recursion, so no depth crash)."""

    def __init__(self, loader: Any, text: str, plain_scalar: Callable[[Any], Any], construct: Callable[[Any], Any],
                 smap: Any) -> None:
        self.loader = loader
        self.lines = text.splitlines(keepends=True)
        self.plain_scalar = plain_scalar
        self.construct = construct
        self.smap = smap
        self.nodes = 0

    def document(self) -> Any:
        events = self.loader.get_event
        if not isinstance(events(), StreamStartEvent):
            raise _Unusual
        start = events()
        if not isinstance(start, DocumentStartEvent) or start.version is not None or start.tags:
            raise _Unusual
        root = self.node(events(), ())
        if not isinstance(events(), DocumentEndEvent) or not isinstance(events(), StreamEndEvent):
            raise _Unusual  # a second document: the pure reader refuses it
        return root

    def node(self, event: Any, path: Path) -> Any:
        """The value starting with `event`; collections are filled with an explicit stack."""
        if not isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            return self.scalar(event)
        root = self.open(event)
        # container, its path, the pending key, whether it is written [..]/{..}
        stack: list[tuple[Any, Path, Optional[str], bool]] = [(root, path, None, bool(event.flow_style))]
        while stack:
            container, cpath, key, flow = stack[-1]
            event = self.loader.get_event()
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop()
                continue
            if isinstance(container, dict):
                if key is None:  # a key: only plain text keys are read here
                    if not isinstance(event, ScalarEvent) or self.tag(event) != STR_TAG:
                        raise _Unusual
                    name = self.scalar(event)
                    if name in container:
                        raise _Unusual  # the pure reader refuses duplicate keys
                    self.smap.keys[cpath + (name,)] = _mark(event)
                    stack[-1] = (container, cpath, name, flow)
                    continue
                vpath = cpath + (key,)
                stack[-1] = (container, cpath, None, flow)
                mark = self.empty_value_mark(event, flow) if _is_empty(event) else _mark(event)
            else:
                vpath = cpath + (len(container),)
                mark = _mark(event)
            self.smap.values[vpath] = mark
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise _Unusual
                child = self.open(event)
                stack.append((child, vpath, None, bool(event.flow_style)))
            else:
                child = self.scalar(event)
            if isinstance(container, dict):
                container[key] = child
            else:
                container.append(child)
        return root

    def empty_value_mark(self, event: Any, flow: bool) -> tuple[int, int]:
        """Where the pure reader puts `key:` with nothing after it: at the next token, as
        libyaml does only when a comment follows the colon (ruamel keeps comments)."""
        if flow:
            raise _Unusual
        after = self.loader.peek_event().start_mark
        line, column = _mark(event)
        between = "".join(self.lines[line:after.line + 1])[column:]
        if "#" in between:
            raise _Unusual
        return (after.line, after.column)

    def open(self, event: Any) -> Union[dict[str, Any], list[Any]]:
        self.count()
        if event.tag is not None or event.anchor is not None:
            raise _Unusual  # an explicit tag (!!set, !foo …) or an anchor (&name)
        return {} if isinstance(event, MappingStartEvent) else []

    def scalar(self, event: Any) -> Any:
        if isinstance(event, AliasEvent) or not isinstance(event, ScalarEvent) or event.anchor is not None:
            raise _Unusual  # an anchor: `key: &a` marks its empty value where the pure reader does not
        self.count()
        tag = self.tag(event)
        value = event.value
        if len(value) > MAX_SCALAR_CHARS or (tag in NUMBER_TAGS and len(value) > MAX_NUMBER_CHARS):
            raise _Unusual
        if tag == STR_TAG:
            return value
        if tag not in SCALAR_TAGS:
            raise _Unusual
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        return self.plain_scalar(self.construct(node))

    def tag(self, event: Any) -> str:
        if event.tag is not None:
            raise _Unusual
        return str(self.loader.resolve(ScalarNode, event.value, event.implicit))

    def count(self) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Unusual


def _is_empty(event: Any) -> bool:
    return isinstance(event, ScalarEvent) and event.value == "" and not event.style


def _mark(event: Any) -> tuple[int, int]:
    return (event.start_mark.line, event.start_mark.column)
