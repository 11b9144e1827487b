"""Regenerate the tutorial's pictures (docs/img/tutorial-*.png) from docs/tutorial/plan.yaml.

Each output is shown as the office will see it: .docx/.xlsx as LibreOffice lays them out
(converted headless to PDF), our own PDFs as printed, the web page in Chromium. Pages are
rendered at 50 dpi and reduced to a small palette so the pictures stay small in the repository.

    python scripts/make_screenshots.py        (needs LibreOffice, poppler-utils, chromium: scripts/setup.sh)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "docs" / "tutorial" / "plan.yaml"
IMG = ROOT / "docs" / "img"
DPI = 50

# picture name → (output file, pages to show, how to open it)
SHOTS = {
    "tutorial-notice-docx": ("notice.docx", [1, 2], "libreoffice"),
    "tutorial-notice-attachment": ("notice.docx", [3, -1], "libreoffice"),
    "tutorial-tasks-xlsx": ("tasks.xlsx", [1], "libreoffice"),
    "tutorial-ledger-xlsx": ("ledger.xlsx", [1], "libreoffice"),
    "tutorial-unit-xlsx": ("units/市财政局.xlsx", [1], "libreoffice"),
    "tutorial-notice-pdf": ("notice.pdf", [1], "pdf"),
    "tutorial-tasks-pdf": ("tasks.pdf", [1], "pdf"),
    "tutorial-notice-html": ("notice.html", [1], "browser"),
}


def run(*cmd: str, **kw: object) -> None:
    subprocess.run(cmd, check=True, capture_output=True, timeout=300, **kw)  # type: ignore[call-overload]


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_pages(pdf: Path, pages: list[int], work: Path) -> list[Image.Image]:
    count = pages_of(pdf)
    out = []
    for page in pages:
        n = count + 1 + page if page < 0 else page
        stem = work / f"{pdf.stem}-{n}"
        run("pdftoppm", "-r", str(DPI), "-png", "-f", str(n), "-l", str(n), "-singlefile", str(pdf), str(stem))
        out.append(Image.open(f"{stem}.png").convert("RGB"))
    return out


def libreoffice_pdf(src: Path, work: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        sys.exit("需要 LibreOffice：请运行 scripts/setup.sh")
    target = work / "lo" / src.stem
    target.mkdir(parents=True, exist_ok=True)
    run(exe, f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless", "--convert-to", "pdf",
        "--outdir", str(target), str(src))
    return target / (src.stem + ".pdf")


def browser_shot(page: Path, work: Path) -> Image.Image:
    png = work / "page.png"
    run(shutil.which("chromium") or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--window-size=900,1100", f"--screenshot={png}", page.as_uri())
    image = Image.open(png).convert("RGB")
    return image.resize((image.width * 2 // 3, image.height * 2 // 3))


def side_by_side(images: list[Image.Image]) -> Image.Image:
    gap = 12
    width = sum(i.width for i in images) + gap * (len(images) - 1)
    sheet = Image.new("RGB", (width, max(i.height for i in images)), "#d0d0d0")
    x = 0
    for image in images:
        sheet.paste(image, (x, 0))
        x += image.width + gap
    return sheet


def save_small(image: Image.Image, path: Path) -> None:
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zwgk-shots-") as tmp:
        work = Path(tmp)
        out = work / "out"
        run(sys.executable, "-m", "zwgk_docs", "-q", "build", str(PLAN), "-o", str(out), "--by-unit")
        converted: dict[str, Path] = {}
        for name, (rel, pages, how) in SHOTS.items():
            src = out / rel
            if how == "browser":
                image = browser_shot(src, work)
            else:
                if how == "libreoffice":
                    if rel not in converted:
                        converted[rel] = libreoffice_pdf(src, work)
                    pdf = converted[rel]
                else:
                    pdf = src
                image = side_by_side(pdf_pages(pdf, pages, work))
            target = IMG / f"{name}.png"
            save_small(image, target)
            print(f"已写出 {target.relative_to(ROOT)}（{target.stat().st_size // 1024} KB）")


if __name__ == "__main__":
    main()
