"""Where one `zwgk build` spends its time: import, load, context, each writer, each PDF layout.

    python benchmarks/stages.py PLAN [formats]

Runs the build in this process (PDFs one after the other, so each is timed alone) and prints
one JSON object: {"stages": [[name, wall s, cpu s], ...], "layouts": [[what, pages, wall s, cpu s], ...]}.
Used by bench_build.py; also useful alone.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

stages: list[list[object]] = []
layouts: list[list[object]] = []


class Stage:
    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> "Stage":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        stages.append([self.name, round(time.perf_counter() - self.wall, 3), round(time.process_time() - self.cpu, 3)])


def count_layouts() -> None:
    """Wrap WeasyPrint's layout and PDF writing to time each call (names the pages made)."""
    import weasyprint

    render, write = weasyprint.HTML.render, weasyprint.Document.write_pdf

    def timed_render(self, *args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        document = render(self, *args, **kwargs)
        slots = self.etree_element.find(".//div[@class='table-slot']") is not None  # compose.py's frame
        layouts.append(["排版（tasks.pdf 的页码和标题，表格取自通知）" if slots else "排版", len(document.pages), round(time.perf_counter() - start, 3),
                        round(time.process_time() - cpu, 3)])
        return document

    def timed_write(self, *args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        result = write(self, *args, **kwargs)
        layouts.append(["写入 PDF（字体子集）", len(self.pages), round(time.perf_counter() - start, 3),
                        round(time.process_time() - cpu, 3)])
        return result

    weasyprint.HTML.render, weasyprint.Document.write_pdf = timed_render, timed_write


def main() -> None:
    plan_path = sys.argv[1]
    formats = sys.argv[2].split(",") if len(sys.argv) > 2 else ["docx", "xlsx", "html", "pdf"]
    with Stage("导入 zwgk_docs"):
        import zwgk_docs  # noqa: F401
        from zwgk_docs.context import build_context
        from zwgk_docs.load import load_plan
        from zwgk_docs.writers import get_writer
    if "pdf" in formats:
        with Stage("导入 WeasyPrint"):
            from zwgk_docs.writers.pdf.libraries import import_weasyprint
            import_weasyprint()
        count_layouts()
    with Stage("读取计划"):
        plan = load_plan(plan_path)
    with Stage("渲染上下文"):
        ctx = build_context(plan)
    with tempfile.TemporaryDirectory() as tmp:
        for name in formats:
            with Stage(f"写 {name}"):
                get_writer(name)(ctx, Path(tmp))
    print(json.dumps({"stages": stages, "layouts": layouts}, ensure_ascii=False))


if __name__ == "__main__":
    main()
