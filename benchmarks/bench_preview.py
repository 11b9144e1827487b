"""The edit–save–reload loop of `zwgk preview`, timed in a real headless browser.

    python benchmarks/bench_preview.py [PLAN] [--rounds 7]

Starts `zwgk preview` on a copy of the plan, opens it in Debian's chromium (playwright),
then saves an edited plan N times: the time from the save to the browser showing the new
text (HTML page), and from the save to the new notice.pdf that the browser's PDF page
(/view/notice.pdf, which swaps in the new PDF by itself once it is laid out) frames; median and
worst. Also the CPU the preview's processes (server and PDF process) spent per save (a figure
that does not depend on how busy the machine is). Goals (issue 16): HTML ≤ 0.5 s, PDF ≤ 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan", nargs="?", default=str(ROOT / "examples" / "shenyang-2021.yaml"))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="zwgk-preview-") as tmp_name:
        plan = Path(tmp_name) / "plan.yaml"
        shutil.copy(args.plan, plan)
        original = plan.read_text(encoding="utf-8")
        marker = re.search(r"title: (\S+)", original.split("parts:", 1)[1]).group(1)  # the first part's title
        server = subprocess.Popen([sys.executable, "-m", "zwgk_docs", "preview", str(plan), "--port", "0", "--no-open"],
                                  stdout=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        try:
            url = re.search(r"http://\S+/", server.stdout.readline()).group(0)
            urllib.request.urlopen(url + "notice.pdf", timeout=120).read()  # warm: WeasyPrint, fonts
            html_times, pdf_times, cpu_times = [], [], []
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                page.goto(url)
                viewer = browser.new_context().new_page()  # its own window; both pages polled by timer, not frames
                viewer.goto(url + "view/notice.pdf")
                time.sleep(5.0)  # the viewer starts its PDF extension and draws the first PDF before the first save
                for n in range(args.rounds):
                    new = f"{marker}（第{n + 1}次修改）"
                    cpu = cpu_seconds(server.pid)
                    saved = time.perf_counter()
                    plan.write_text(original.replace(marker, new, 1), encoding="utf-8")
                    page.wait_for_function(f"() => document.body.innerText.includes({new!r})", timeout=60000, polling=20)
                    html_times.append(time.perf_counter() - saved)
                    # The version showing the edit (a save may be seen half-written first: one version more).
                    version = json.loads(urllib.request.urlopen(url + "status.json", timeout=60).read())["version"]
                    # The PDF page has reloaded and frames that version: fetch what its frame loads
                    # (a browser's PDF viewer does not report the response to playwright).
                    src = viewer.wait_for_function(
                        "v => { const f = document.querySelector('iframe');"
                        " return f && +f.src.split('v=')[1] >= v && f.src; }", arg=version, timeout=60000, polling=20)
                    urllib.request.urlopen(src.json_value(), timeout=120).read()
                    pdf_times.append(time.perf_counter() - saved)
                    cpu_times.append(tuple(b - a for a, b in zip(cpu, cpu_seconds(server.pid))))
                    time.sleep(2.0)  # the viewer draws the new PDF (pdfium, a core) before the next save
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
    print(f"计划文件：{args.plan}；{args.rounds} 次保存；平均负载 {load} → {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    report("保存 → 浏览器显示新内容", html_times, 0.5)
    report("保存 → 浏览器收到新的 notice.pdf", pdf_times, 2.0)
    server_cpu, pdf_cpu = (statistics.median(c[i] for c in cpu_times) for i in (0, 1))
    print(f"每次保存用 CPU（与机器忙闲无关）：服务进程 {server_cpu:.2f} 秒（读计划、生成网页），"
          f"PDF 进程 {pdf_cpu:.2f} 秒（读计划、通知 PDF：空闲的机器上“保存 → PDF”的下限）")
    return 0


def report(what: str, times: list[float], goal: float) -> None:
    median, worst = statistics.median(times), max(times)
    verdict = "达标" if worst <= goal else "中位数达标" if median <= goal else "未达标"
    print(f"{what}：中位数 {median:.2f} 秒，最慢 {worst:.2f} 秒（目标 ≤ {goal:g}）{verdict}；"
          f"各次 {', '.join(f'{t:.2f}' for t in times)}")


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User + system CPU of a running process and of its children (the PDF process), Linux /proc."""
    own = children = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid):
            own += int(fields[11]) + int(fields[12])
        elif fields[1] == str(pid):  # fields[1]: the parent's pid
            children += int(fields[11]) + int(fields[12])
    return own / os.sysconf("SC_CLK_TCK"), children / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
