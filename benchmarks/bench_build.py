"""Time `zwgk build` (all formats) against LibreOffice converting the same .docx/.xlsx to PDF.

    python benchmarks/bench_build.py [examples/shenyang-2021.yaml]

Both run as subprocesses in one go on the same machine. LibreOffice converts both files in
one process, twice: first with a fresh profile (a first start), then warm; the ratio uses
the warm time. Goals (issue 5): ours ≤ 0.5 × LibreOffice's time, notice.pdf ≤ 1 MB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, timeout=600, cwd=ROOT)
    return time.perf_counter() - start


def main() -> int:
    plan = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "shenyang-2021.yaml"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("未找到 LibreOffice（soffice），无法对比。")
        return 1
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as tmp:
        tmp = Path(tmp)
        try:
            ours = timed([sys.executable, "-m", "zwgk_docs", "build", str(plan), "-o", str(tmp / "out")])
        except subprocess.CalledProcessError as exc:
            print(f"zwgk build 失败：\n{exc.stderr.decode(errors='replace')[-2000:]}")
            return 1
        sources = [tmp / "out" / "notice.docx", tmp / "out" / "tasks.xlsx"]
        missing = [s.name for s in sources if not s.exists()]
        if missing:
            print(f"zwgk build 没有生成 {'、'.join(missing)}，无法对比。")
            return 1
        lo = [soffice, f"-env:UserInstallation=file://{tmp / 'lo-profile'}", "--headless", "--convert-to", "pdf"]
        cold = timed(lo + ["--outdir", str(tmp / "lo-cold"), *map(str, sources)])  # first start builds a profile
        office = timed(lo + ["--outdir", str(tmp / "lo"), *map(str, sources)])
        size = (tmp / "out" / "notice.pdf").stat().st_size
    ratio = ours / office
    print(f"计划文件：{plan}")
    print(f"zwgk build（全部格式）：{ours:.2f} 秒")
    print(f"LibreOffice 转换 notice.docx + tasks.xlsx 为 PDF：{office:.2f} 秒（首次启动、新建配置时 {cold:.2f} 秒，比值 {ours / cold:.2f}）")
    print(f"时间比：{ratio:.2f}（目标 ≤ 0.5）{'达标' if ratio <= 0.5 else '未达标'}")
    print(f"notice.pdf：{size / 1024:.0f} KB（目标 ≤ 1024 KB）{'达标' if size <= 1024 * 1024 else '未达标'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
