"""Findings of `zwgk check`, grouped by GB/T 9704-2012 clause, as text or JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .docxread import Para

PASS, FAIL, WARN = "pass", "fail", "warn"
_LABEL = {PASS: "通过", FAIL: "不符合", WARN: "提示"}


@dataclass
class Finding:
    clause: str  # "7.2.5"
    item: str  # "发文字号"
    status: str  # pass | fail | warn
    message: str
    where: str = ""  # e.g. "第12段“……”"


@dataclass
class Report:
    file: str
    findings: list[Finding] = field(default_factory=list)

    def add(self, clause: str, item: str, status: str, message: str, where: str = "") -> None:
        self.findings.append(Finding(clause, item, status, message, where))

    def ok(self, clause: str, item: str, message: str) -> None:
        self.add(clause, item, PASS, message)

    def fail(self, clause: str, item: str, message: str, where: str = "") -> None:
        self.add(clause, item, FAIL, message, where)

    def warn(self, clause: str, item: str, message: str, where: str = "") -> None:
        self.add(clause, item, WARN, message, where)

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.status == FAIL]

    def sorted(self) -> list[Finding]:
        def key(f: Finding) -> tuple[int, ...]:
            return tuple(int(x) if x.isdigit() else 0 for x in f.clause.split("."))

        return sorted(self.findings, key=key)

    def as_json(self) -> dict[str, object]:
        counts = {s: sum(1 for f in self.findings if f.status == s) for s in (PASS, FAIL, WARN)}
        return {"file": self.file, "standard": "GB/T 9704-2012", "ok": not self.failures,
                "summary": counts, "findings": [asdict(f) for f in self.sorted()]}

    def as_text(self) -> str:
        lines = [f"GB/T 9704-2012《党政机关公文格式》检查：{self.file}"]
        for f in self.sorted():
            where = f"（{f.where}）" if f.where else ""
            lines.append(f"[{_LABEL[f.status]}] {f.clause} {f.item}：{f.message}{where}")
        fails, warns = len(self.failures), sum(1 for f in self.findings if f.status == WARN)
        lines.append(f"结论：{'符合' if not fails else f'{fails} 处不符合'}" + (f"，{warns} 处提示" if warns else "") + "。")
        return "\n".join(lines)


def quote(text: str, limit: int = 24) -> str:
    text = text.strip().replace("\n", " ")
    return f"“{text[:limit]}{'……' if len(text) > limit else ''}”"


def where(para: Para) -> str:
    return f"第{para.index + 1}段{quote(para.text)}" if para.index >= 0 else quote(para.text)
