"""Joining the tagged PDFs of a report's parts into one tagged PDF (pikepdf).

    merge_tagged_pdfs([first, second, ...], headings=[("Strategia", 1), ..., ("1 Painopiste: ...", 3)]) -> bytes

WeasyPrint writes a PDF/UA document whose structure tree is a /Document
element with one /Part per page, so the parts join at the page level: the
later parts' pages, /Part elements, parent-tree entries (renumbered) and named
destinations are appended to the first part's. The first part's catalog
(language, metadata, viewer preferences, mark info) stays.

A part's outline (bookmarks) lacks the headings above it that are in earlier
parts, so the outline is rebuilt from all parts' items in order, nested by the
levels of the report's headings in document order (`headings`); the items must
be those headings, or the merge fails (MergeError) rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from io import BytesIO
from typing import Any

import pikepdf


class MergeError(ValueError):
    """The parts do not have the structure WeasyPrint writes; the caller renders the report whole."""


def _document_element(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        raise MergeError("part without a structure tree")
    kids = root.get("/K")
    element = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) == 1 else kids
    if not isinstance(element, pikepdf.Dictionary) or element.get("/S") != pikepdf.Name.Document:
        raise MergeError("structure tree without a single /Document element")
    if not isinstance(element.get("/K"), pikepdf.Array):
        element.K = pikepdf.Array([element.K] if "/K" in element else [])
    return element


def _copy(target: pikepdf.Pdf, obj: Any) -> Any:
    """`obj` from another PDF, for `target`: indirect objects copied once (pikepdf keeps the map),
    direct arrays and dictionaries rebuilt around them."""
    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return obj if obj.is_owned_by(target) else target.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(target, item) for item in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(target, value) for key, value in obj.items()})
    return obj


def _children_of(
    document: pikepdf.Dictionary, parts: Any, tree: pikepdf.NumberTree
) -> list[pikepdf.Dictionary]:
    """The elements whose parent is `document`: its /Part kids, and whatever the parent tree's
    elements (the owners of marked content) lead up to."""
    found: dict[tuple[int, int], pikepdf.Dictionary] = {}
    seen: set[tuple[int, int]] = set()
    starts = [part for part in parts if isinstance(part, pikepdf.Dictionary)]
    for _, value in tree.items():
        starts.extend(
            e
            for e in (value if isinstance(value, pikepdf.Array) else [value])
            if isinstance(e, pikepdf.Dictionary)
        )
    for element in starts:
        while element.is_indirect and element.objgen not in seen:
            seen.add(element.objgen)
            parent = element.get("/P")
            if not isinstance(parent, pikepdf.Dictionary):
                break
            if parent.objgen == document.objgen:
                found[element.objgen] = element
                break
            element = parent
    return list(found.values())


def _flat_outline(target: pikepdf.Pdf, items: list[pikepdf.OutlineItem]) -> Iterator[pikepdf.OutlineItem]:
    """A part's outline items in document order, flattened and copied for `target`."""
    for item in items:
        copy = pikepdf.OutlineItem(item.title, destination=_copy(target, item.destination))
        copy.is_closed = item.is_closed
        yield copy
        yield from _flat_outline(target, item.children)


def _nest(
    items: Sequence[pikepdf.OutlineItem], headings: Sequence[tuple[str, int]]
) -> list[pikepdf.OutlineItem]:
    """Outline items in document order nested by their headings' levels, as WeasyPrint nests bookmarks."""
    titles = [" ".join(str(item.title).split()) for item in items]
    if titles != [text for text, _ in headings]:
        raise MergeError("the parts' bookmarks are not the report's headings")
    roots: list[pikepdf.OutlineItem] = []
    open_items: list[tuple[int, pikepdf.OutlineItem]] = []
    for item, (_, level) in zip(items, headings, strict=True):
        while open_items and open_items[-1][0] >= level:
            open_items.pop()
        (open_items[-1][1].children if open_items else roots).append(item)
        open_items.append((level, item))
    return roots


def _dests(pdf: pikepdf.Pdf) -> pikepdf.NameTree | None:
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    return pikepdf.NameTree(dests) if dests is not None else None


def merge_tagged_pdfs(parts: Sequence[bytes], *, headings: Sequence[tuple[str, int]]) -> bytes:
    if not parts:
        raise MergeError("no parts")
    out = pikepdf.open(BytesIO(parts[0]))
    document = _document_element(out)
    parent_tree = pikepdf.NumberTree(out.Root.StructTreeRoot.ParentTree)
    next_key = max((key for key, _ in parent_tree.items()), default=-1) + 1
    out_dests = _dests(out)
    with out.open_outline() as outline:
        bookmarks = list(_flat_outline(out, outline.root))

    for data in parts[1:]:
        src = pikepdf.open(BytesIO(data))
        src_document = _document_element(src)
        src_tree = pikepdf.NumberTree(src.Root.StructTreeRoot.ParentTree)
        # Cut the elements whose parent is the part's /Document loose before copying, so
        # that the copy does not drag the source's structure tree along. Besides the
        # /Part elements these are the page margin boxes (header, footer), which
        # WeasyPrint tags as /NonStruct children of /Document.
        orphans = _children_of(src_document, src_document.K, src_tree)
        for element in orphans:
            del element["/P"]
        first_new_page = len(out.pages)
        # Pages first: the structure elements copied next refer to them (/Pg), and
        # pikepdf maps a source object to one copy however often it is copied.
        out.pages.extend(src.pages)
        offset = next_key
        for page in out.pages[first_new_page:]:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", pikepdf.Array()):
                if isinstance(annotation, pikepdf.Dictionary) and "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        for part in src_document.K:
            document.K.append(_copy(out, part))
        for key, value in src_tree.items():
            parent_tree[key + offset] = _copy(out, value)
            next_key = max(next_key, key + offset + 1)
        for element in orphans:
            _copy(out, element).P = document
        src_dests = _dests(src)
        if src_dests is not None:
            if out_dests is None:
                names = out.Root.get("/Names")
                if names is None:
                    out.Root.Names = names = out.make_indirect(pikepdf.Dictionary())
                names.Dests = out.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array()))
                out_dests = pikepdf.NameTree(names.Dests)
            for name, destination in src_dests.items():
                out_dests[name] = _copy(out, destination)
        with src.open_outline() as outline:
            bookmarks.extend(_flat_outline(out, outline.root))

    if "/ParentTreeNextKey" in out.Root.StructTreeRoot:
        out.Root.StructTreeRoot.ParentTreeNextKey = next_key
    with out.open_outline() as outline:
        outline.root[:] = _nest(bookmarks, headings)
    buffer = BytesIO()
    # Object streams as WeasyPrint writes them: without, the thousands of structure
    # elements of a large report triple the file's size.
    out.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()
