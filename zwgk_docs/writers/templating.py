"""The Jinja2 environment for templates/html: autoescape on, user text is only ever data."""

from __future__ import annotations

import contextlib
import functools
import threading
from typing import Any, MutableMapping, Optional, Union

import jinja2
import jinja2.nodes

from .. import user_cache
from ..resources import template_path


def _compiled_templates() -> Optional[jinja2.BytecodeCache]:
    """Compiled templates kept in the user cache (~0.07 s a build): Jinja keys them by name and a
    checksum of the source, so an edited template is compiled again. Private to the user (0700)."""
    folder = user_cache.cache_dir()
    if folder is None:
        return None
    with contextlib.suppress(OSError):
        (folder / "jinja").mkdir(mode=0o700, parents=True, exist_ok=True)
        return jinja2.FileSystemBytecodeCache(str(folder / "jinja"))
    return None


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_path("html"))),
        bytecode_cache=_compiled_templates(),
        # HTML is escaped; the included .css holds only our geometry and installed font names.
        autoescape=lambda name: not (name or "").endswith(".css"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def render(name: str, **values: object) -> str:
    return environment().get_template(name).render(**values)


class _CompiledOnce(jinja2.Environment):
    """docxtpl turns a .docx template's XML into Jinja source and compiles it for every document
    (~10 ms for notice.docx). That source is the template's own, the same for every plan (values
    come at render time), so each source is compiled once per process."""

    KEPT = 32

    def __init__(self) -> None:
        super().__init__(autoescape=True)  # what docxtpl's render(autoescape=True) makes
        self._compiled: dict[str, jinja2.Template] = {}
        self._lock = threading.Lock()

    def from_string(self, source: Union[str, jinja2.nodes.Template],
                    globals: Optional[MutableMapping[str, Any]] = None,  # noqa: A002 — Jinja's name
                    template_class: Optional[type[jinja2.Template]] = None) -> jinja2.Template:
        if not isinstance(source, str) or globals or template_class is not None:
            return super().from_string(source, globals, template_class)
        with self._lock:  # render() may run in several threads
            template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            with self._lock:
                while len(self._compiled) >= self.KEPT:
                    self._compiled.pop(next(iter(self._compiled)))
                self._compiled[source] = template
        return template


@functools.lru_cache(maxsize=1)
def docx_environment() -> jinja2.Environment:
    """The Jinja environment for docxtpl templates: ``tpl.render(values, docx_environment(), autoescape=True)``."""
    return _CompiledOnce()
