"""shared_lines.py: lines drawn in an earlier document of the process, written again in the next ones —
the same bytes as WeasyPrint's own draw_first_line gives each document."""

from __future__ import annotations

from test_pdf_text_drawing import HTML

from zwgk_docs.writers.pdf import shared_lines
from zwgk_docs.writers.pdf.render import font_configuration, font_css, layout, write

# The table's lines again, after glyphs of theirs first drawn at other sizes (their kerning then
# follows the widths of those sizes), and lines the first document did not have.
SECOND = (f"<html lang='zh-CN'><style>{font_css()} p {{ width: 120mm; text-align: justify }}</style>"
          "<h1 style='font-size: 23.7pt'>市财政局 AVATAR Wave 12月底前</h1>"
          "<p style='font-size: 7.3pt'>牵头单位：市财政局 AVATAR 1,234.56</p>"
          "<table style='border-collapse: collapse'>" + "".join(
              f"<tr><td>市财政局</td><td style='letter-spacing: {n % 2}pt'>12月底前</td><td><b>牵头单位</b></td>"
              f"<td style='color: #{n % 3}00'>市财政局</td><td>新的一行文字{n}</td></tr>"
              for n in range(6)) + "</table>"
          "<p>各区、县（市）人民政府，市政府各部门：现将《2021年政务公开工作要点》印发给你们，请认真贯彻落实。</p>"
          "</html>")


def _weasyprint_s_own(monkeypatch):  # type: ignore[no-untyped-def]
    import weasyprint.draw
    from weasyprint.draw import text

    lines, draw_text = text.draw_first_line, text.draw_text
    monkeypatch.setattr(text, "draw_first_line", lines.__wrapped__)
    monkeypatch.setattr(text, "draw_text", draw_text.__wrapped__)
    monkeypatch.setattr(weasyprint.draw, "draw_text", draw_text.__wrapped__)


def test_lines_of_other_documents_are_written_as_weasyprint_writes_them(tmp_path, monkeypatch):
    font_configuration()
    monkeypatch.setattr(shared_lines, "_LINES", {})
    adopted = []
    adopt = shared_lines.adopt

    def counted(fonts, shared):  # type: ignore[no-untyped-def]
        done = adopt(fonts, shared)
        adopted.append(done)
        return done

    monkeypatch.setattr(shared_lines, "adopt", counted)
    ours = [write(layout(html), tmp_path / f"ours{n}.pdf").read_bytes() for n, html in enumerate((HTML, SECOND, HTML))]
    assert True in adopted  # lines of the first document written again in the second and third
    _weasyprint_s_own(monkeypatch)
    theirs = [write(layout(html), tmp_path / f"theirs{n}.pdf").read_bytes() for n, html in enumerate((HTML, SECOND, HTML))]
    assert ours == theirs


def test_a_line_is_kept_with_its_glyphs_widths_and_texts():
    font_configuration()
    write_line = "<html lang='zh-CN'><style>" + font_css() + "</style><p>政务公开 AV</p></html>"
    shared_lines._LINES.clear()
    document = layout(write_line)
    document.write_pdf()
    kept = [shared for (_, key), shared in shared_lines._LINES.items() if key[0] == "政务公开 AV"]
    assert len(kept) == 1 and kept[0].line.runs is None  # no Pango data kept with the line
    texts = "".join(text for run in kept[0].runs for text in run.texts)
    assert texts == "政务公开 AV"
    assert all(len(run.glyphs) == len(run.written) == len(run.widths) for run in kept[0].runs)


def test_a_font_the_document_lacks_leaves_the_line_to_pango():
    run = shared_lines.Run(1, "ABCDEF", [5], [1000], [1000], ["字"])
    shared = shared_lines.Shared(None, None, [run])
    assert not shared_lines.adopt({}, shared)

    class Font:
        hash = "ABCDEF"

        def __init__(self, widths: dict[int, int], to_unicode: dict[int, str]) -> None:
            self.widths, self.to_unicode = widths, to_unicode

    other_width = Font({5: 998}, {5: "字"})
    assert not shared_lines.adopt({1: other_width}, shared)
    assert other_width.widths == {5: 998}
    fresh = Font({3: 500}, {3: "a"})
    assert shared_lines.adopt({1: fresh}, shared)
    assert fresh.widths == {3: 500, 5: 1000} and list(fresh.to_unicode) == [3, 5]


def test_a_process_forked_for_one_write_keeps_nothing_for_later_documents(monkeypatch):
    """render.in_background(one_write=True): a segment writer's lines and character maps would die with it."""
    from zwgk_docs.writers.pdf import shared_lines, unicode_subsets

    monkeypatch.setattr(shared_lines, "_KEEPING", [True])
    monkeypatch.setattr(unicode_subsets, "READ_AT", unicode_subsets.READ_AT)
    assert shared_lines.keeping()
    shared_lines.one_job()
    unicode_subsets.one_job()
    assert not shared_lines.keeping()
    assert unicode_subsets.READ_AT > 10**9
