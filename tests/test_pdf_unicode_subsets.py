"""unicode_subsets.py: a font subset asked by characters is the subset asked by glyph ids, byte for byte,
and the glyph ids are given whenever it might not be."""

from __future__ import annotations

from typing import Any

import pytest

from zwgk_docs.writers.pdf import unicode_subsets
from zwgk_docs.writers.pdf.render import font_configuration, font_css, layout

TEXT = ("各区、县（市）人民政府，市政府各部门：现将《政务公开工作要点》印发给你们，请认真贯彻落实。"
        "年底前完成“放管服”改革 AVATAR Wave【牵头单位】")  # digits: glyphs of a feature, by id


@pytest.fixture(scope="module")
def faces() -> list[Any]:
    """The fonts of a document (body, headings), their glyphs as drawn."""
    font_configuration()
    from weasyprint.pdf import fonts as pdf_fonts

    found: list[Any] = []
    subset = pdf_fonts.Font._harfbuzz_subset

    def kept(self: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        found.append((self, sorted(to_unicode)))
        subset(self, to_unicode, hinting)

    pdf_fonts.Font._harfbuzz_subset = kept
    try:
        layout(f"<html lang='zh-CN'><style>{font_css()}</style><h1>{TEXT}</h1><h2>{TEXT}</h2><p>{TEXT}</p>"
               f"<p><b>{TEXT}</b></p></html>").write_pdf()
    finally:
        pdf_fonts.Font._harfbuzz_subset = subset
    return found


def _both(font: Any, glyphs: list[int], characters: list[int]) -> tuple[bytes, bytes]:
    from weasyprint.pdf import fonts as pdf_fonts

    subset = pdf_fonts.Font._harfbuzz_subset.subset
    return subset(font.hb_face, glyphs, False, False, False), subset(font.hb_face, glyphs, False, False, False, characters)


def _characters(font: Any, glyphs: list[int]) -> Any:
    from weasyprint.text.ffi import ffi, harfbuzz

    for _ in range(unicode_subsets.READ_AT):  # glyph ids until the character map is read
        unicode_subsets.characters(font.hb_face, glyphs, ffi, harfbuzz)
    return unicode_subsets.characters(font.hb_face, glyphs, ffi, harfbuzz)


def test_a_face_seen_once_is_subset_by_glyph_ids(faces, monkeypatch):
    from weasyprint.text.ffi import ffi, harfbuzz

    monkeypatch.setattr(unicode_subsets, "_SEEN", {})
    monkeypatch.setattr(unicode_subsets, "_MAPS", {})
    font, glyphs = faces[0]
    for _ in range(unicode_subsets.READ_AT - 1):  # a process writing one plan's two PDFs
        assert unicode_subsets.characters(font.hb_face, glyphs, ffi, harfbuzz) is None
    assert unicode_subsets.characters(font.hb_face, glyphs, ffi, harfbuzz) is not None


def test_the_subsets_by_characters_are_the_subsets_by_glyph_ids(faces):
    from weasyprint.text.ffi import harfbuzz

    if not unicode_subsets._known(harfbuzz):
        pytest.skip("another HarfBuzz: glyph ids only")
    assert len(faces) >= 2
    for font, glyphs in faces:
        characters = _characters(font, glyphs)
        assert characters is not None
        by_glyphs, by_characters = _both(font, glyphs, characters)
        assert by_glyphs == by_characters
        # opening brackets without their closing ones (no mirrored characters added), one glyph alone
        for few in (glyphs[1:2], [g for g in glyphs if g in _glyphs_of(font, "（《【“")]):
            characters = _characters(font, few)
            assert characters is not None
            assert _both(font, few, characters)[0] == _both(font, few, characters)[1]


def _glyphs_of(font: Any, text: str) -> set[int]:
    maps = unicode_subsets._MAPS[unicode_subsets._key(font.hb_face, *_ffi())]
    assert maps is not None
    wanted = set(map(ord, text))
    return {glyph for glyph, code in maps[0].items() if code in wanted or wanted & set(maps[1].get(glyph, ()))}


def _ffi() -> tuple[Any, Any]:
    from weasyprint.text.ffi import ffi, harfbuzz

    return ffi, harfbuzz


def test_glyphs_a_variation_sequence_or_no_character_gives_are_subset_by_their_ids(faces):
    from weasyprint.text.ffi import harfbuzz

    if not unicode_subsets._known(harfbuzz):
        pytest.skip("another HarfBuzz: glyph ids only")
    font, glyphs = faces[0]
    assert _characters(font, glyphs) is not None
    first, more, uvs = unicode_subsets._MAPS[unicode_subsets._key(font.hb_face, *_ffi())]  # type: ignore[misc]
    by_glyph = {glyph: {code, *more.get(glyph, ())} for glyph, code in first.items()}
    # a glyph some character gives, which a variation sequence of another character also gives:
    # HarfBuzz keeps that sequence only when asked by glyph id (the subsets differ)
    shared = next(glyph for glyph, codes in uvs.items() if glyph in by_glyph and not codes <= by_glyph[glyph])
    characters = sorted(by_glyph[shared])
    assert _both(font, [shared], characters)[0] != _both(font, [shared], characters)[1]
    assert _characters(font, [shared]) is None
    unreachable = next(glyph for glyph in range(1, 60000) if glyph not in by_glyph)
    assert _characters(font, [*glyphs, unreachable]) is None


def test_another_harfbuzz_gives_glyph_ids(faces, monkeypatch):
    from weasyprint.text.ffi import ffi, harfbuzz

    monkeypatch.setattr(unicode_subsets, "VERSION", (1, 0, 0))
    font, glyphs = faces[0]
    assert unicode_subsets.characters(font.hb_face, glyphs, ffi, harfbuzz) is None
    assert unicode_subsets._non_default_uvs(b"\0\0\0\x01\0\0\0\x05") is None  # a cmap not read as expected
