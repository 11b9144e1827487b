"""The Jinja2 environment for templates/html: autoescape on, user text is only ever data."""

from __future__ import annotations

import contextlib
import functools
from typing import Optional

import jinja2

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
