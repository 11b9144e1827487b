"""The Jinja2 environment for templates/html: autoescape on, user text is only ever data."""

from __future__ import annotations

import functools

import jinja2

from ..resources import template_path


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_path("html"))),
        # HTML is escaped; the included .css holds only our geometry and installed font names.
        autoescape=lambda name: not (name or "").endswith(".css"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def render(name: str, **values: object) -> str:
    return environment().get_template(name).render(**values)
