"""An optional seal image pressed on 署名 and 成文日期 (§7.3.5.1), floating over the text."""

from __future__ import annotations

from typing import Any

import io

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

from ...errors import UserError
from ...files import SEAL_FIELD, SealImage
from ...standard import gbt9704 as std
from . import geometry as g
from .ooxml import style_id
from .text import one_line, width_in_chars

SEAL_MM = std.SEAL_MM
EMU_PER_TWIP = g.EMU_PER_TWIP


def press_seal(document: Any, seal: SealImage, date_text: str, date_right_chars: float) -> None:
    """Anchor the seal in the 署名 paragraph, centred on the date, texts a little below its centre."""
    sig = next((p for p in document.paragraphs if style_id(p) == "Signature"), None)
    if sig is None:
        return
    try:
        run = sig.add_run()
        run.add_picture(io.BytesIO(seal.data), width=Mm(SEAL_MM), height=Mm(SEAL_MM))  # bytes checked by files.seal_for
    except Exception:  # noqa: BLE001 - an image Pillow accepted but python-docx cannot place
        raise UserError.single(f"无法读取印章图片“{seal.path.name}”。请使用 PNG（透明背景）。", None, SEAL_FIELD) from None
    inline = run._r.find(".//" + qn("wp:inline"))
    size = Mm(SEAL_MM)
    date_centre = g.TEXT_W - g.chars(date_right_chars) - g.chars(width_in_chars(one_line(date_text))) / 2
    x = int(date_centre * EMU_PER_TWIP - size / 2)
    y = int(g.LINE * 0.3 * EMU_PER_TWIP - size / 2)
    anchor = parse_xml(
        '<wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        '</wp:anchor>'
    )
    wp = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    anchor.append(inline.find(qn("wp:extent")))
    effect = inline.find(qn("wp:effectExtent"))
    anchor.append(effect if effect is not None else parse_xml(f'<wp:effectExtent {wp} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f"<wp:wrapNone {wp}/>"))
    for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        node = inline.find(qn(tag))
        if node is not None:
            anchor.append(node)
    inline.getparent().replace(inline, anchor)
