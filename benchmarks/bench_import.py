"""Import speed: generated task tables of 1,000 / 5,000 / 20,000 rows (.xlsx, .docx, .csv, tab text), and bombs.

    python benchmarks/bench_import.py [--sizes 1000,5000,20000] [--formats xlsx,csv,txt,docx]

Per size and format: seconds for `import_to_yaml` (read → plan → YAML text) and per 1,000 rows, so linear
reading shows as a flat last column. Goal (issue 12): 20,000 rows in a few seconds; a zip bomb refused
in well under a second. The tables have the common shape: 序号 · a category merged over several rows ·
a long detail · units · deadline.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zwgk_docs.errors import UserError  # noqa: E402
from zwgk_docs.importers import import_to_yaml  # noqa: E402

HEADER = ["序号", "工作类别", "推进举措", "责任单位", "完成时限"]
UNITS = ["区财政局", "区政府办公室、区司法局", "区发展改革局\n区统计局", "各街道办事处"]
DEADLINES = ["6月底前", "全年", "2024年12月底前", "长期坚持"]


def rows(n: int) -> list[list[str]]:
    out = []
    for i in range(n):
        out.append([str(i + 1), f"第{i // 5 + 1}类重点工作",
                    f"第{i + 1}项：完善政务公开制度，及时公开相关信息，回应社会关切，确保各项任务落实到位。",
                    UNITS[i % 4], DEADLINES[i % 4]])
    return out


def write_xlsx(path: Path, data: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in data:
        ws.append([int(r[0])] + r[1:])
    for start in range(2, len(data) + 2, 5):
        ws.merge_cells(start_row=start, start_column=2, end_row=min(start + 4, len(data) + 1), end_column=2)
    wb.save(path)


def write_csv(path: Path, data: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER] + data)


def write_txt(path: Path, data: list[list[str]]) -> None:
    path.write_text("\n".join("\t".join(c.replace("\n", "、") for c in r) for r in [HEADER] + data), encoding="utf-8")


def write_docx(path: Path, data: list[list[str]]) -> None:
    import docx

    from docx.table import _Cell

    doc = docx.Document()
    table = doc.add_table(rows=len(data) + 1, cols=len(HEADER))
    # Cells through each row's own <w:tc> elements: `table.rows[r].cells` walks the whole table's grid on
    # every call, which made writing the 20,000-row input take minutes (quadratic), not the import.
    for tr, row in zip(table._tbl.tr_lst, [HEADER] + data):
        for tc, text in zip(tr.tc_lst, row):
            _Cell(tc, table).text = text
    doc.save(str(path))


WRITERS = {"xlsx": write_xlsx, "csv": write_csv, "txt": write_txt, "docx": write_docx}


def bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for _ in range(1024):
                f.write(b" " * (1 << 20))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--formats", default="xlsx,csv,txt,docx")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"本机 {os.cpu_count()} 个核心，平均负载 {os.getloadavg()[0]:.1f}（机器忙时看 CPU 列）")
        print(f"{'format':6} {'rows':>7} {'seconds':>8} {'cpu s':>7} {'s/1000 rows':>12} {'tasks':>7}")
        for fmt in args.formats.split(","):
            for n in sizes:
                src = folder / f"t{n}.{fmt}"
                WRITERS[fmt](src, rows(n))
                start, cpu = time.perf_counter(), time.process_time()
                _, draft = import_to_yaml(src)
                took, cpu = time.perf_counter() - start, time.process_time() - cpu
                print(f"{fmt:6} {n:7} {took:8.2f} {cpu:7.2f} {took / n * 1000:12.3f} {len(draft.tasks()):7}")
        src = folder / "bomb.xlsx"
        bomb(src)
        start = time.perf_counter()
        try:
            import_to_yaml(src)
            verdict = "NOT REFUSED"
        except UserError as exc:
            verdict = str(exc).split("：", 1)[-1][:60]
        print(f"zip bomb (1 GB unpacked, {src.stat().st_size // 1024} KB): {time.perf_counter() - start:.3f} s — {verdict}")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
