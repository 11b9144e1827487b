"""PDFs of one document joined page after page (split.py: the notice's head and tail; segments.py:
their segments), with pikepdf.

The first file is the base: its document information (title, dates, producer), language,
named destinations and outline stay; the other files' pages follow, their named destinations
joined to the base's and their outline entries after the base's: nested by the bookmark levels
of each file when they are given (a segment may start inside a section: its headings go under
that section's, as WeasyPrint nests the bookmarks of one document), else at the top level (the
tail starts with an 附件 title, a top-level heading as in the single layout). Each file embeds its own subsets of the
same fonts, which WeasyPrint names with the same tag ("ABCDEF+Noto-Serif-CJK-SC"); different
subsets in one file must have different tags (ISO 32000 §9.6.4), so the tail's are renamed. qpdf writes the result with an /ID made
from the content (deterministic_id) and no date of its own: the same two files, the same bytes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Callable, Optional, Sequence, Union

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Part:
    """A file to join: `levels`, the bookmark level (CSS bookmark-level) of each of its outline entries in
    order; `under`, a file whose pages are drawn under this one's (tasks.pdf: its numbers over the content)."""

    path: PathLike
    levels: Optional[Sequence[int]] = None
    under: Optional[PathLike] = None


def join(parts: Sequence[Part], out: PathLike, over: Optional[PathLike] = None, over_from: int = 0,
         wait: Optional[Callable[[int], object]] = None) -> Path:
    """The parts' pages one after the other, written to `out`; `over`'s pages drawn over the joined pages
    from page `over_from` (0-based) on (the tail's page numbers in the notice).
    `wait(n)`: called before part n (from 1) is read, and with len(parts) before `over` is: the files still
    being written meanwhile (each part is read only when the parts before it are joined; the same steps
    on the joined file, in the same order, as when every file is there from the start)."""
    import pikepdf

    out = Path(out)
    with ExitStack() as files:

        def opened(n: int) -> Any:
            if n and wait is not None:
                wait(n)
            pdf = files.enter_context(pikepdf.open(Path(parts[n].path)))
            under = parts[n].under
            if under is not None:  # drawn on that part's own pages: nothing of the others changes
                _draw(pdf, files.enter_context(pikepdf.open(Path(under))), over=False, pikepdf=pikepdf)
            return pdf

        base = opened(0)
        entries = _flat_outline(base, pikepdf)
        nested = parts[0].levels is not None
        tags = _font_tags(base)  # the subset tags in the joined pages so far
        names: Optional[dict[bytes, Any]] = None  # the named destinations, once a part has any
        for n, part in enumerate(parts[1:], 1):
            pdf = opened(n)
            tags |= _distinct_font_tags(pdf, tags, pikepdf)
            base.pages.extend(pdf.pages)  # qpdf maps the part's page objects to their copies from here on
            nested = nested and part.levels is not None
            if nested:
                entries += [(title, _foreign(destination, base, pikepdf), closed)
                            for title, destination, closed in _flat_outline(pdf, pikepdf)]
            else:
                _join_outlines(base, pdf, pikepdf)
            names = _joined_names(names, base, pdf, pikepdf)
        if names is not None:
            _set_names(base, names, pikepdf)
        if nested and len(parts) > 1 and entries:
            levels = [level for part in parts for level in (part.levels or ())]
            if len(levels) != len(entries):
                raise ValueError("bookmark levels and outline entries differ in number")
            _set_outline(base, entries, levels, pikepdf)
        if over is not None:
            if wait is not None:
                wait(len(parts))
            numbers = files.enter_context(pikepdf.open(Path(over)))
            _draw(base, numbers, over=True, pikepdf=pikepdf, start=over_from, taken=tags)
        _save(base, out, pikepdf)
    return out


def merge(head: PathLike, tail: PathLike, out: PathLike, tail_numbers: Optional[PathLike] = None) -> Path:
    """`head`'s pages, then `tail`'s (each with the same page of `tail_numbers` drawn over it), written to `out`."""
    import pikepdf

    with pikepdf.open(Path(head)) as first:
        head_pages = len(first.pages)
    return join([Part(head), Part(tail)], out, over=tail_numbers, over_from=head_pages)


def stamped(numbers: PathLike, content: PathLike, out: PathLike) -> Path:
    """`numbers`'s pages (its metadata, outline, names) each drawn over the same page of `content`."""
    import pikepdf

    out = Path(out)
    with pikepdf.open(Path(numbers)) as base, pikepdf.open(Path(content)) as under:
        _draw(base, under, over=False, pikepdf=pikepdf)
        _save(base, out, pikepdf)
    return out


def _draw(base: Any, other: Any, over: bool, pikepdf: Any, start: int = 0, taken: Optional[set[str]] = None) -> None:
    """Each page of `other` drawn as a form over (or under) the page of `base` `start` pages further: pages of
    one size, so in the same place. Their contents are only listed (/Contents), never decoded again.
    Over: every page of `base` from `start` on gets one; under: each page of `base` (`other` may have more).
    `taken`: the subset tags of `base`, when known (else read from it)."""
    targets = base.pages[start:]
    if len(other.pages) < len(targets) or (over and len(other.pages) != len(targets)):
        raise ValueError("not as many pages to draw as pages to draw them on")
    _distinct_font_tags(other, _font_tags(base) if taken is None else taken, pikepdf)
    for n, (page, source) in enumerate(zip(targets, other.pages)):  # not other.pages[n]: ~50 µs a page
        if [float(v) for v in source.mediabox] != [float(v) for v in page.mediabox]:
            raise ValueError(f"page {n + 1}: not of the same size")
        form = source.as_form_xobject()
        form = base.copy_foreign(form if form.is_indirect else other.make_indirect(form))
        name = _add_form(page, form, pikepdf)
        draw = base.make_stream(b"q " + bytes(name.unparse()) + b" Do Q\n")
        contents = page.obj.get("/Contents")
        listed = list(contents) if isinstance(contents, pikepdf.Array) else [] if contents is None else [contents]
        if over:  # the page's own drawing in q…Q: WeasyPrint leaves its y-flip on the stack
            page.obj.Contents = pikepdf.Array([base.make_stream(b"q\n"), *listed, base.make_stream(b"\nQ\n"), draw])
        else:
            page.obj.Contents = pikepdf.Array([draw, *listed])


def _add_form(page: Any, form: Any, pikepdf: Any) -> Any:
    """`form` among the page's XObjects under a name of its own (not a random one: the same bytes each
    time), in resource dictionaries of the page's own (WeasyPrint's may be shared between pages)."""
    resources = pikepdf.Dictionary({k: v for k, v in page.obj.get("/Resources", pikepdf.Dictionary()).items()})
    xobjects = pikepdf.Dictionary({k: v for k, v in resources.get("/XObject", pikepdf.Dictionary()).items()})
    n = 0
    while f"/Zwgk{n}" in xobjects:
        n += 1
    name = pikepdf.Name(f"/Zwgk{n}")
    xobjects[name] = form
    resources.XObject = xobjects
    page.obj.Resources = resources
    return name


def _save(pdf: Any, out: Path, pikepdf: Any) -> None:
    pdf.save(out, deterministic_id=True, linearize=False, object_stream_mode=pikepdf.ObjectStreamMode.preserve)


_NAME_KEYS = ("/BaseFont", "/FontName")  # a font's and its descriptor's name


def _font_names(pdf: Any) -> Any:
    """(object, key, tag, rest) for every subset font name ("TAG+Name") in `pdf`."""
    for obj in pdf.objects:
        if not hasattr(obj, "get") or not hasattr(obj, "keys"):
            continue
        for key in _NAME_KEYS:
            name = obj.get(key)
            if name is not None and str(name)[1:7].isupper() and str(name)[7:8] == "+":
                yield obj, key, str(name)[1:7], str(name)[8:]


def _font_tags(pdf: Any) -> set[str]:
    return {tag for _obj, _key, tag, _rest in _font_names(pdf)}


def _distinct_font_tags(pdf: Any, taken: set[str], pikepdf: Any) -> set[str]:
    """Rename `pdf`'s subset tags that are in `taken`: deterministically, each subset's names alike.
    Its tags once renamed."""
    renamed: dict[str, str] = {}
    names = list(_font_names(pdf))
    own = {tag for _obj, _key, tag, _rest in names}
    used = taken | own  # a new tag is neither side's
    for obj, key, tag, rest in names:
        if tag not in taken:
            continue
        if tag not in renamed:
            renamed[tag] = _new_tag(tag, used | set(renamed.values()))
        obj[key] = pikepdf.Name(f"/{renamed[tag]}+{rest}")
    return {renamed.get(tag, tag) for tag in own}


def _new_tag(tag: str, taken: set[str]) -> str:
    seed = tag.encode("ascii")
    while True:
        seed = hashlib.blake2b(seed, digest_size=6).digest()
        new = "".join(chr(ord("A") + b % 26) for b in seed)
        if new not in taken:
            return new


def _join_outlines(first: Any, second: Any, pikepdf: Any) -> None:
    """`second`'s outline entries (with their own nesting) after `first`'s, at the top level."""
    if "/Outlines" not in second.Root:
        return
    with second.open_outline() as theirs:
        items = list(theirs.root)
        if not items:
            return
        with first.open_outline() as ours:
            ours.root.extend(_copied(item, first, pikepdf) for item in items)


def _copied(item: Any, into: Any, pikepdf: Any) -> Any:
    copy = pikepdf.OutlineItem(item.title, _foreign(item.destination, into, pikepdf))
    copy.is_closed = item.is_closed
    copy.children.extend(_copied(child, into, pikepdf) for child in item.children)
    return copy


def _flat_outline(pdf: Any, pikepdf: Any) -> list[tuple[str, Any, bool]]:
    """(title, destination, closed) of every outline entry, in document order (depth first)."""
    if "/Outlines" not in pdf.Root:
        return []
    found: list[tuple[str, Any, bool]] = []

    def walk(items: Any) -> None:
        for item in items:
            found.append((str(item.title), item.destination, bool(item.is_closed)))
            walk(item.children)

    with pdf.open_outline() as outline:
        walk(outline.root)
    return found


def _set_outline(pdf: Any, entries: list[tuple[str, Any, bool]], levels: list[int], pikepdf: Any) -> None:
    """The outline made again from every entry and its bookmark level, nested as WeasyPrint nests the
    bookmarks of one document (weasyprint.anchors.make_page_bookmark_tree: a skipped level is no depth)."""
    root: list[Any] = []
    skipped: list[int] = []
    last_by_depth: list[list[Any]] = [root]
    previous = 0
    for (title, destination, closed), level in zip(entries, levels):
        if level > previous:
            skipped.append(level - previous - 1)
        else:
            depth_level = level
            while depth_level < previous:
                depth_level += 1 + skipped.pop()
            if depth_level > previous:
                skipped.append(depth_level - previous - 1)
        previous = level
        depth = len(skipped)
        item = pikepdf.OutlineItem(title, destination)
        item.is_closed = closed
        last_by_depth[depth - 1].append(item)
        del last_by_depth[depth:]
        last_by_depth.append(item.children)
    with pdf.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(root)


def _foreign(value: Any, into: Any, pikepdf: Any) -> Any:
    """`value` (a destination: [page /XYZ x y z], a name, …) for `into`: a page of the tail is its copy there."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return into.copy_foreign(value)  # an object already copied (the tail's pages): that copy
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array([_foreign(v, into, pikepdf) for v in value])
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _foreign(v, into, pikepdf) for k, v in value.items()})
    return value


def _joined_names(pairs: Optional[dict[bytes, Any]], first: Any, second: Any, pikepdf: Any) -> Optional[dict[bytes, Any]]:
    """The named destinations so far (None: `first`'s own are not read yet) and `second`'s (/Names /Dests, a flat
    name tree as WeasyPrint writes it) after them, an earlier one kept for a name: still None when neither has any.
    Written once, when every part is joined (_set_names)."""
    theirs = _dests(second)
    if theirs is None:
        return pairs
    if pairs is None:
        pairs = dict(_pairs(_dests(first)))
    for name, destination in _pairs(theirs):
        pairs.setdefault(name, _foreign(destination, first, pikepdf))
    return pairs


def _set_names(first: Any, pairs: dict[bytes, Any], pikepdf: Any) -> None:
    """`pairs` as `first`'s named destinations, sorted by name."""
    names = pikepdf.Array()
    for name in sorted(pairs, key=bytes):
        names.append(pikepdf.String(name))
        names.append(pairs[name])
    root = first.Root
    if "/Names" not in root:
        root.Names = pikepdf.Dictionary()
    root.Names.Dests = first.make_indirect(pikepdf.Dictionary(Names=names))


def _dests(pdf: Any) -> Any:
    names = pdf.Root.get("/Names")
    return None if names is None else names.get("/Dests")


def _pairs(tree: Any) -> list[tuple[bytes, Any]]:
    """(name, destination) of a name tree, its /Kids walked."""
    if tree is None:
        return []
    found = []
    flat = tree.get("/Names")
    if flat is not None:
        found += [(bytes(flat[i]), flat[i + 1]) for i in range(0, len(flat) - 1, 2)]
    for kid in tree.get("/Kids", ()):
        found += _pairs(kid)
    return found
