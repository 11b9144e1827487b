"""A switch that holds within a `with` block, for this thread (or task) only: a context variable."""

from __future__ import annotations

import contextlib
import contextvars
from typing import Iterator


class Flag:
    def __init__(self, name: str) -> None:
        self._var: contextvars.ContextVar[bool] = contextvars.ContextVar(name, default=False)

    @contextlib.contextmanager
    def on(self) -> Iterator[None]:
        token = self._var.set(True)
        try:
            yield
        finally:
            self._var.reset(token)

    def __bool__(self) -> bool:
        return self._var.get()
