"""User-facing diagnostics: every problem in a user's file carries file:line:column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class Location:
    """Where in the user's file: name, 1-based line and column (str() gives "file:line:column")."""

    file: str
    line: Optional[int] = None  # 1-based
    column: Optional[int] = None  # 1-based

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in Chinese: message, location, field path (plan.parts[0].tasks[2].deadline), severity."""

    message: str
    location: Optional[Location] = None
    path: str = ""  # field path such as plan.parts[0].tasks[2].deadline
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        head = "错误" if self.severity == "error" else "警告"
        where = f" {self.location}" if self.location else ""
        what = f" {self.path}" if self.path else ""
        return f"{head}{where}{what}：{self.message}"


@dataclass
class UserError(Exception):
    """A mistake in the user's input. The CLI prints it and exits with code 2."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def single(cls, message: str, location: Optional[Location] = None, path: str = "") -> "UserError":
        return cls([Diagnostic(message, location, path)])
