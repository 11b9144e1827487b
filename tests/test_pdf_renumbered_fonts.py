"""cff_renumber.py: Chinese CFF faces embedded with only their used glyphs, renumbered 1…n with an
identity charset — the same pages (rendered by poppler), the same text, a fraction of the bytes."""

from __future__ import annotations

import io
import subprocess

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from zwgk_docs.writers.pdf import cff_renumber
from zwgk_docs.writers.pdf.render import font_css, html_to_pdf

TEXT = "政务公开（一）：12月底前完成“放管服”改革，各单位认真落实。"
HTML = (f"<html lang='zh-CN'><style>{font_css()}</style><h2>黑体标题</h2><p>{TEXT}</p>"
        f"<p style='opacity: 0.5'>半透明的一段文字</p></html>")


def embedded_faces(path):
    import pikepdf

    with pikepdf.open(path) as pdf:
        return [TTFont(io.BytesIO(o.read_bytes())) for o in pdf.objects
                if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/OpenType"]


def pages_png(path, tmp_path, name):
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(tmp_path / name)], check=True, timeout=60)
    return [p.read_bytes() for p in sorted(tmp_path.glob(f"{name}*.png"))]


def test_renumbered_faces_draw_the_same_pages(tmp_path, monkeypatch):
    ours = html_to_pdf(HTML, tmp_path / "renumbered.pdf")
    faces = embedded_faces(ours)
    assert faces and all("CFF " in face for face in faces)
    for face in faces:
        cff = face["CFF "].cff
        top = cff[cff.fontNames[0]]
        assert hasattr(top, "ROS"), "still CID-keyed"
        order = face.getGlyphOrder()
        assert len(order) < 100, "the used glyphs only, not every id up to the highest"
        assert top.charset == order and all(name == f"cid{n:05d}" for n, name in enumerate(order) if n), "CID n is glyph n"
    monkeypatch.setattr(cff_renumber, "wanted", lambda font: False)  # as WeasyPrint: every id kept
    kept = html_to_pdf(HTML, tmp_path / "kept.pdf")
    assert ours.stat().st_size * 5 < kept.stat().st_size
    assert pages_png(ours, tmp_path, "a") == pages_png(kept, tmp_path, "b")
    with pdfplumber.open(ours) as a, pdfplumber.open(kept) as b:
        assert a.pages[0].extract_text() == b.pages[0].extract_text()
        assert TEXT in a.pages[0].extract_text().replace("\n", "")


def test_renumbering_is_deterministic_and_a_document_can_be_written_again(tmp_path):
    from zwgk_docs.writers.pdf.render import layout, write

    first = html_to_pdf(HTML, tmp_path / "1.pdf").read_bytes()
    assert html_to_pdf(HTML, tmp_path / "2.pdf").read_bytes() == first
    document = layout(HTML)  # its fonts (glyphs used, widths) are kept between writes
    assert write(document, tmp_path / "3.pdf").read_bytes() == first
    assert write(document, tmp_path / "4.pdf").read_bytes() == first


@pytest.mark.parametrize("fmt,size,glyphs", [(0, 1 + 2 * 40, 40), (1, 7, 40), (2, 9, 600), (1, 4, 30)])
def test_identity_charset_fits_where_the_old_one_was(fmt, size, glyphs):
    charset = cff_renumber._identity_charset(fmt, size, glyphs)
    assert charset is not None and len(charset) <= size
    cids, used = cff_renumber._charset(charset, 0, glyphs + 1)
    assert cids == list(range(1, glyphs + 1)) and used == len(charset)


def test_text_not_shown_by_tj_in_a_known_font_keeps_every_id():
    class Stream:
        def __init__(self, *items: bytes) -> None:
            self.stream = list(items)

    shown = Stream(b"q", b"/F1 16 Tf", b"1 J", b"BT", b"[<0001>] TJ", b"ET", b"0 j", b"f", b"Q")
    assert cff_renumber.text_fonts([shown]) == [(shown, 4, b"F1")]
    assert cff_renumber.text_fonts([Stream(b"q", b"/F1 16 Tf", b"Q", b"BT", b"[<0001>] TJ", b"ET")]) is None
    assert cff_renumber.text_fonts([Stream(b"/F1 16 Tf", b"BT", b"(a) Tj", b"ET")]) is None
    cff_renumber.renumber([(shown, 4, b"F1")], {b"F1": {0: 0, 1: 7}})
    assert shown.stream[4] == b"[<0007>] TJ"


def test_table_checksums_are_the_big_endian_word_sums():
    import struct

    for data in (b"", b"\x01", b"\xff" * 5, bytes(range(256)) * 3 + b"ab", b"\x80\x00\x00\x01" * 1000):
        padded = data + bytes(-len(data) % 4)
        assert cff_renumber._checksum(data) == sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def test_each_run_of_a_tj_is_renumbered_whatever_it_repeats():
    run = cff_renumber._run({0: 0, 0x1234: 1, 0xABCD: 2, 0x0042: 3})
    assert run(b"[<1234>-12<abcd>] TJ") == b"[<0001>-12<0002>] TJ"
    assert run(b"[-3<1234abcd0042>5.5<1234>] TJ") == b"[-3<000100020003>5.5<0001>] TJ"
    assert run(b"[<1234>-12<abcd>] TJ") == b"[<0001>-12<0002>] TJ"  # met again (kept)
    long = b"[" + b"<abcd>-7" * 60 + b"<0042>] TJ"  # longer than SHORT_TJ
    assert run(long) == b"[" + b"<0002>-7" * 60 + b"<0003>] TJ"
    assert run(b"[] TJ") == b"[] TJ"
