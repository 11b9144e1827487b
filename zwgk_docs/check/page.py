"""§5: paper, 版心, type size and the 22 × 28 grid."""

from __future__ import annotations

from ..standard import gbt9704 as std
from .docxread import TWIPS_PER_MM, Document
from .findings import Report

TOL_MM = std.MARGIN_TOLERANCE_MM
MARGINS_MM = (std.MARGIN_TOP_MM, std.MARGIN_BOTTOM_MM, std.MARGIN_LEFT_MM, std.MARGIN_RIGHT_MM)


def _mm(twips: float) -> float:
    return twips / TWIPS_PER_MM


def check_page(doc: Document, report: Report) -> None:
    bad_size, bad_margins = [], []
    for n, s in enumerate(doc.sections, 1):
        w, h = sorted((_mm(s.width), _mm(s.height)))
        if abs(w - std.PAGE_W_MM) > 0.5 or abs(h - std.PAGE_H_MM) > 0.5:
            bad_size.append(f"第{n}节 {w:.0f}×{h:.0f} mm")
        if s.landscape:  # the 版心 turned: 225 × 156 mm of type area
            tw, th = _mm(s.width - s.left - s.right), _mm(s.height - s.top - s.bottom)
            if abs(tw - std.TEXT_H_MM) > 2 * TOL_MM or abs(th - std.TEXT_W_MM) > 2 * TOL_MM:
                bad_margins.append(f"第{n}节（横向）版心 {tw:.0f}×{th:.0f} mm，应为 225×156 mm")
            continue
        got = [_mm(v) for v in (s.top, s.bottom, s.left, s.right)]
        if any(abs(a - b) > TOL_MM for a, b in zip(got, MARGINS_MM)):
            bad_margins.append("第{}节 上{:.1f} 下{:.1f} 左{:.1f} 右{:.1f} mm".format(n, *got))
    if bad_size:
        report.fail("5.1", "幅面尺寸", "纸张应为 A4（210×297 mm）", "；".join(bad_size))
    else:
        report.ok("5.1", "幅面尺寸", "A4（210×297 mm）")
    if bad_margins:
        report.fail("5.2.1", "页边与版心", "天头 37 mm、订口 28 mm、版心 156×225 mm（下白边 35 mm、右白边 26 mm）", "；".join(bad_margins))
    else:
        report.ok("5.2.1", "页边与版心", "上 37、下 35、左 28、右 26 mm，版心 156×225 mm")


def check_grid(doc: Document, body_line_twips: float | None, body_size: float, report: Report) -> None:
    """§5.2.3: 22 lines of 28 characters on a full page."""
    portrait = [s for s in doc.sections if not s.landscape] or doc.sections
    if not portrait:
        return
    s = portrait[0]
    text_h, text_w = s.height - s.top - s.bottom, s.width - s.left - s.right
    pitch = body_line_twips or (s.line_pitch if s.grid_type in ("lines", "linesAndChars", "snapToChars") else None)
    if pitch:
        lines = int(text_h // pitch)
        if lines == std.LINES_PER_PAGE:
            report.ok("5.2.3", "行数", f"每面 22 行（行距 {pitch / 20:.2f} 磅）")
        else:
            report.fail("5.2.3", "行数", f"每面排 {lines} 行（行距 {pitch / 20:.2f} 磅），应为 22 行")
    else:
        report.warn("5.2.3", "行数", "正文未使用固定行距或文档网格，无法确定每面行数")
    if s.grid_type in ("linesAndChars", "snapToChars") and s.char_space is not None:
        char_pt = body_size + s.char_space / 4096
    else:
        char_pt = body_size + doc.body_tracking
    chars = int(text_w / 20 // char_pt) if char_pt > 0 else 0
    if chars == std.CHARS_PER_LINE:
        report.ok("5.2.3", "字数", "每行 28 字")
    else:
        report.fail("5.2.3", "字数", f"每行排 {chars} 字（字距 {char_pt:.2f} 磅），应为 28 字；可用文档网格或字符间距紧缩调整")
