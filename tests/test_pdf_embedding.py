"""WeasyPrint's import and font embedding as adapted by writers/pdf (libraries.py, font_files.py)."""

from __future__ import annotations

import ctypes.util
import sys

import pdfplumber
import pytest

from zwgk_docs.writers.pdf import font_files, libraries
from zwgk_docs.writers.pdf.render import font_css, html_to_pdf


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig is Linux's")
def test_one_ldconfig_finds_what_ctypes_finds():
    cache = libraries._ldconfig_cache()
    if cache is None:
        pytest.skip("no ldconfig cache here")
    find = libraries._finder(cache)
    for name in ("pango-1.0", "harfbuzz", "fontconfig", "gobject-2.0", "no-such-library-zwgk"):
        assert find(name) == ctypes.util.find_library(name), name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig is Linux's")
def test_ldconfigs_listing_is_kept_while_the_linkers_cache_is_unchanged(tmp_path, monkeypatch):
    import os
    import shutil

    monkeypatch.setenv("ZWGK_CACHE_DIR", str(tmp_path / "cache"))
    runs = []
    real_run = libraries.subprocess.run
    monkeypatch.setattr(libraries.subprocess, "run", lambda *a, **k: runs.append(a) or real_run(*a, **k))
    first = libraries._ldconfig_cache()
    if first is None:
        pytest.skip("no ldconfig here")
    assert libraries._ldconfig_cache() == first and len(runs) == 1  # the second from the user cache
    copy = tmp_path / "ld.so.cache"
    shutil.copy(libraries.LD_SO_CACHE, copy)
    monkeypatch.setattr(libraries, "LD_SO_CACHE", str(copy))
    assert libraries._ldconfig_cache() == first and len(runs) == 2  # another linker cache: ldconfig runs again
    os.utime(copy, ns=(1, 1))
    assert libraries._ldconfig_cache() == first and len(runs) == 3  # the same one changed since: again
    assert libraries._ldconfig_cache() == first and len(runs) == 3


def test_one_pass_subset_embeds_every_glyph(tmp_path):
    text = "政务公开工作要点：12月底前，“放管服”改革（一）"
    html = f"<html lang='zh-CN'><style>{font_css()}</style><p>{text}</p><h2>黑体标题</h2></html>"
    pdf = html_to_pdf(html, tmp_path / "a.pdf")
    from weasyprint.pdf import fonts as pdf_fonts

    assert pdf_fonts.Font._harfbuzz_subset.__module__ == font_files.__name__
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_text()
    assert text in words.replace("\n", "") and "黑体标题" in words
    assert pdf.stat().st_size < 2_000_000  # subset, not whole CJK faces


FONTTOOLS_LATER = """
import sys
from zwgk_docs.writers.pdf.libraries import import_weasyprint
import_weasyprint()
assert "fontTools.subset" not in sys.modules and "fontTools.varLib.instancer" not in sys.modules, "imported at once"
from weasyprint.pdf import fonts
fonts.harfbuzz_subset = None  # as without libharfbuzz-subset0: WeasyPrint subsets with fontTools
from zwgk_docs.writers.pdf.render import font_css, html_to_pdf
html_to_pdf("<html lang='zh-CN'><style>" + font_css() + "</style><p>政务公开（一）</p></html>", sys.argv[1])
assert "fontTools.subset" in sys.modules
print(fonts.instantiateVariableFont.__name__)
"""


@pytest.mark.slow  # fontTools subsets a CJK face in ~10 s
def test_fonttools_is_loaded_only_when_weasyprint_needs_it(tmp_path):
    """libraries.py defers fontTools' subsetter and instancer; the fontTools path still works."""
    import subprocess

    out = tmp_path / "fonttools.pdf"
    run = subprocess.run([sys.executable, "-c", FONTTOOLS_LATER, str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    with pdfplumber.open(out) as doc:
        assert "政务公开（一）" in doc.pages[0].extract_text()
        fonts = {c["fontname"] for c in doc.pages[0].chars}
    assert all("+" in name for name in fonts), fonts  # subset by fontTools, embedded
    assert out.stat().st_size < 2_000_000


def test_embedded_subsets_keep_no_vertical_metrics_and_streams_deflate_at_level_6(tmp_path):
    """font_files.py drops vmtx/vhea/VORG (a third of a RETAIN_GIDS subset, unused by horizontal
    text); streams.py deflates at zlib level 6. The text and the glyphs stay."""
    import io
    import zlib

    import pydyf
    from fontTools.ttLib import TTFont
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream

    text = "政务公开（一）：12月底前"
    pdf = html_to_pdf(f"<html lang='zh-CN'><style>{font_css()}</style><p>{text}</p></html>", tmp_path / "v.pdf")
    data = b"zwgk " * 5000 + bytes(range(256)) * 40
    squeezer = pydyf.zlib.compressobj(level=9)
    assert squeezer.compress(data) + squeezer.flush() == zlib.compress(data, 6)
    with open(pdf, "rb") as f:
        doc = PDFDocument(PDFParser(f))
        fonts = [obj for xref in doc.xrefs for oid in xref.get_objids()
                 if isinstance(obj := doc.getobj(oid), PDFStream) and "OpenType" in str(obj.attrs.get("Subtype"))]
        assert fonts
        for stream in fonts:
            face = TTFont(io.BytesIO(stream.get_data()))
            assert not {"vmtx", "vhea", "VORG"} & set(face.keys()), face.keys()
            assert {"CFF ", "hmtx", "cmap"} <= set(face.keys()) or "glyf" in face
    with pdfplumber.open(pdf) as opened:
        assert text in opened.pages[0].extract_text()


COMPILED_FFI = """
import sys
from zwgk_docs.writers.pdf.libraries import import_weasyprint
import_weasyprint()
from weasyprint.text.ffi import ffi
from zwgk_docs.writers.pdf.render import font_css, html_to_pdf
body = ("<h1>标题</h1><p>政务公开（一）</p><ol><li>一</li><li>二</li></ol><ul><li>甲</li></ul>"
        "<ol style='list-style-type: cjk-decimal'><li>丙</li></ol><ol style='list-style-type: lower-roman'><li>i</li></ol>"
        "<table border='1'><tr><th>表头</th><td>单元格</td></tr></table><blockquote>引文</blockquote><hr>")
html_to_pdf("<html lang='zh-CN'><style>" + font_css() + "</style>" + body + "</html>", sys.argv[1])
import weasyprint.html
print(type(ffi).__name__, "pycparser" in sys.modules, len(weasyprint.html.UA_COUNTER_STYLE))
"""


@pytest.mark.slow  # four real Python processes importing WeasyPrint (~4 s CPU); in process, the compiled
# declarations are built, matched and refused on a changed cdef by test_another_cdef_is_imported_as_usual
def test_weasyprint_declarations_and_ua_sheets_kept_then_read(tmp_path):
    """compiled_ffi.py: the first import compiles WeasyPrint's cdef into the user cache, later ones
    read it and never import pycparser; ua_sheets.py: the user-agent stylesheets (and the counter
    styles they define: list markers) are read back parsed. The PDFs are the same bytes as without."""
    import os
    import subprocess

    cache = tmp_path / "cache"
    outputs = []
    for run, folder in enumerate([str(cache), str(cache), "", str(cache)]):  # compile, read, no cache, damaged
        if run == 3:  # a damaged entry (cffi would crash on a wrong type table) is compiled again
            [entry] = (cache / "cffi").iterdir()
            entry.write_text(entry.read_text(encoding="utf-8").replace("_types", "_typez"), encoding="utf-8")
        out = tmp_path / f"{run}.pdf"
        env = dict(os.environ, ZWGK_CACHE_DIR=folder)
        done = subprocess.run([sys.executable, "-c", COMPILED_FFI, str(out)], capture_output=True, text=True, timeout=300, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append((done.stdout.split(), out.read_bytes()))
    assert outputs[0][0][0] == outputs[1][0][0] == "CompiledFFI" and outputs[1][0][1] == "False"
    assert outputs[2][0][0] == "FFI" and outputs[3][0][0] == "CompiledFFI"
    assert outputs[0][1] == outputs[1][1] == outputs[2][1] == outputs[3][1]
    assert len({words[2] for words, _ in outputs}) == 1 and int(outputs[0][0][2]) > 10
    assert list((cache / "cffi").iterdir()) and len(list((cache / "css").iterdir())) == 3
    with pdfplumber.open(tmp_path / "1.pdf") as doc:
        text = doc.pages[0].extract_text()
    assert "ii" not in text and "1.一" in text.replace(" ", "") and "i." in text


def test_another_cdef_is_imported_as_usual():
    """A cdef text other than the one compiled raises Mismatch (libraries.py then imports WeasyPrint
    with cffi's own FFI); the text is read from WeasyPrint's ffi.py without importing it."""
    from zwgk_docs.writers.pdf import compiled_ffi

    source = compiled_ffi._source_file()
    assert source is not None and source.name == "ffi.py"
    cdef = compiled_ffi._cdef_text(source.read_text(encoding="utf-8"))
    assert cdef and "pango_layout_new" in cdef
    assert compiled_ffi._cdef_text("ffi.cdef(a)\nffi.cdef('b')") is None
    made = compiled_ffi._compiled()
    assert made is not None
    ffi = compiled_ffi._compiled_class()(compiled_ffi.MODULE, **made[1])
    ffi.zwgk_cdef_digest = made[0]
    ffi.cdef(cdef)
    with pytest.raises(compiled_ffi.Mismatch):
        ffi.cdef(cdef + "int zwgk(void);")
    assert ffi.sizeof("hb_codepoint_t") == 4 and ffi.typeof("PangoLogAttr[]") is not None
