"""text_drawing.py: lines drawn by the replacement give the PDF WeasyPrint's own draw_first_line gives, byte for byte."""

from __future__ import annotations

import pytest

from zwgk_docs.writers.pdf import text_drawing
from zwgk_docs.writers.pdf.render import font_configuration, font_css, layout, write

# Justified Chinese (kerning after each glyph), letter spacing, several fonts and sizes in one
# line, Latin with kerning pairs, a glyph no installed font has (.notdef), combining marks
# (glyph offsets), a zero-width space, an ellipsis (WeasyPrint's own path) and a tab.
HTML = (f"<html lang='zh-CN'><style>{font_css()} p {{ width: 120mm; text-align: justify }}</style>"
        "<h2>黑体标题：工作要点</h2>"
        "<p>各区、县（市）人民政府，市政府各部门：现将《2021年政务公开工作要点》印发给你们，请认真贯彻落实。"
        "12月底前完成“放管服”改革。</p>"
        "<p style='letter-spacing: 0.5pt'>字距加宽的一行文字 AVATAR Wave 1,234.56</p>"
        # lines of one style drawn one after the other in the Pango layout kept for it: justified word
        # spacing at other places on each line, a space alone, letter spacing
        "<p style='width: 50mm'>Open government work plan for the year, tasks by unit and deadline, a b c d e f"
        " g h, progress reported in the ledger every quarter of the year.</p>"
        "<p style='width: 50mm; letter-spacing: 1pt; word-spacing: 2pt'>Each unit reports on its tasks: 已完成 on"
        " time, 推进中 with a date, or 未启动 with the reason.</p>"
        "<p>混排 <b>加粗</b> <span style='font-size: 9pt'>小号字</span> <i>斜体</i> 文字</p>"
        "<p>缺字：\U0001FB00\U000F0000 结合：e\u0301 a\u0308 n\u0303 零宽\u200b空格\t制表</p>"
        "<p style='white-space: nowrap; overflow: hidden; text-overflow: ellipsis; width: 30mm'>"
        "一行放不下的文字会以省略号结束一行放不下的文字</p>"
        "<p style='opacity: 0.5; color: #c00'>半透明的红色文字</p>"
        # short texts repeated (drawn again from the first drawing), in other colours, spacing, fonts
        "<table style='border-collapse: collapse'>" + "".join(
            f"<tr><td>市财政局</td><td style='letter-spacing: {n % 2}pt'>12月底前</td><td><b>牵头单位</b></td>"
            f"<td style='color: #{n % 3}00'>市财政局</td><td><u>市财政局</u></td><td>缺\U0001FB00字</td></tr>"
            for n in range(6)) + "</table></html>")


def test_the_replacements_are_installed_for_this_weasyprint():
    font_configuration()
    import weasyprint.draw
    from weasyprint.draw import text

    assert text.draw_first_line.__module__ == text_drawing.__name__
    assert text.draw_text.__module__ == weasyprint.draw.draw_text.__module__ == text_drawing.__name__
    assert text_drawing.uses_kept_layouts()  # WeasyPrint's Layout methods are the ones it was written from


def test_lines_are_drawn_byte_for_byte_as_weasyprint_draws_them(tmp_path, monkeypatch):
    font_configuration()
    from weasyprint.draw import text

    import weasyprint.draw

    lines, draw_text = text.draw_first_line, text.draw_text
    document = layout(HTML)
    first = write(document, tmp_path / "ours.pdf").read_bytes()
    assert any(len(kept) > 3 for _, kept, _ in text_drawing._DOCUMENTS)  # short lines kept to be drawn again
    assert write(document, tmp_path / "again.pdf").read_bytes() == first  # a document written twice
    monkeypatch.setattr(text, "draw_first_line", lines.__wrapped__)
    monkeypatch.setattr(text, "draw_text", draw_text.__wrapped__)
    monkeypatch.setattr(weasyprint.draw, "draw_text", draw_text.__wrapped__)
    assert write(layout(HTML), tmp_path / "weasyprint.pdf").read_bytes() == first


def test_another_layout_class_keeps_weasyprint_s_reactivate(tmp_path, monkeypatch):
    """A WeasyPrint whose Layout methods differ: lines are drawn with its own reactivate (a new Pango
    layout per line), the rest of text_drawing as before — the same bytes as WeasyPrint's own."""
    font_configuration()
    from weasyprint.draw import text

    import weasyprint.draw

    ours = text.draw_first_line, text.draw_text
    monkeypatch.setattr(text, "draw_first_line", ours[0].__wrapped__)
    monkeypatch.setattr(text, "draw_text", ours[1].__wrapped__)
    monkeypatch.setattr(weasyprint.draw, "draw_text", ours[1].__wrapped__)
    theirs = write(layout(HTML), tmp_path / "weasyprint.pdf").read_bytes()
    monkeypatch.setattr(text_drawing, "_installed", False)
    monkeypatch.setattr(text_drawing, "_USES", {})
    monkeypatch.setitem(text_drawing.KNOWN_LAYOUT, "setup", "0" * 64)
    assert text_drawing.install() and not text_drawing.uses_kept_layouts()
    assert text.draw_text.__module__ == text_drawing.__name__
    assert write(layout(HTML), tmp_path / "no kept layouts.pdf").read_bytes() == theirs


def test_another_draw_first_line_is_left_alone(monkeypatch):
    monkeypatch.setattr(text_drawing, "_installed", False)
    monkeypatch.setattr(text_drawing, "KNOWN_SOURCES", set())
    from weasyprint.draw import text

    before = text.draw_first_line
    monkeypatch.setattr(text, "draw_first_line", before.__wrapped__ if hasattr(before, "__wrapped__") else before)
    assert text_drawing.install() is False
    assert not hasattr(text.draw_first_line, "__wrapped__")


if __name__ == "__main__":
    pytest.main([__file__])
