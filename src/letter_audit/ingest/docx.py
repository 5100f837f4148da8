"""DOCX letters: paragraphs and tables in document order, heading styles kept, zip bombs refused.

Trust templates are often built entirely of tables, so a table row is the common case, not the odd one.
A row with several non-empty cells becomes a ``table_row`` (python-docx repeats a merged cell once per
grid column; repeats are dropped); a row with one non-empty cell, or with a cell holding a nested table
or more than three paragraphs, is layout, and its cells are read one after another as ordinary blocks. A
row of headings over a row of their contents (a paired-section grid, ``grid.py``) is read column by column:
each heading, then the blocks of the cell under it.
DOCX has no pages, so every block is on page 1.

Headers and footers repeat on every printed page; their text goes to ``Letter.furniture``, never into
``Letter.text``, so that a letterhead is not read as content twice. (Patient identifiers that a template
puts only in the header are therefore not seen by the checker; the body of every template we have seen
repeats them.)
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import TYPE_CHECKING, Any

from ..errors import CorruptDocx, ZipBomb
from .builder import LetterBuilder
from .grid import grid_pairs
from .limits import MAX_ZIP_RATIO, check_deadline
from .text import line_kind

if TYPE_CHECKING:
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

_HEADING_STYLE = re.compile(r"^(heading|título|titre|überschrift)\s*(\d)?$", re.I)
_LIST_STYLE = re.compile(r"list", re.I)
_MAX_CELL_PARAGRAPHS = 3
"""A cell with more paragraphs than this is a page region (a template's column), not a table value."""
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def check_zip(data: bytes, name: str, max_unzipped_bytes: int) -> None:
    """Refuse a DOCX whose parts would inflate far beyond its size, before anything decompresses it.

    Declared sizes are checked first (cheap); then every part is inflated in chunks and counted, because
    a crafted archive can declare small sizes and still inflate to gigabytes.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocx(f"DOCX (zip) is damaged or truncated: {exc}", path=name) from None
    with zf:
        infos = zf.infolist()
        declared = sum(i.file_size for i in infos)
        if declared > max_unzipped_bytes:
            raise ZipBomb(
                f"DOCX would inflate to {declared // (1024 * 1024)} MB "
                f"(limit {max_unzipped_bytes // (1024 * 1024)} MB); possible zip bomb, refused",
                path=name,
            )
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_ZIP_RATIO * max(1, info.compress_size):
                raise ZipBomb(
                    f"DOCX part {info.filename} inflates {info.file_size // max(1, info.compress_size)} "
                    "times its size; possible zip bomb, refused",
                    path=name,
                )
        total = 0
        try:
            for info in infos:
                with zf.open(info) as part:
                    while chunk := part.read(1024 * 1024):
                        total += len(chunk)
                        if total > max_unzipped_bytes:
                            raise ZipBomb(path=name)
                check_deadline()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise CorruptDocx(f"DOCX (zip) is damaged or truncated: {exc}", path=name) from None


def read_docx(data: bytes, name: str, builder: LetterBuilder, max_unzipped_bytes: int) -> None:
    check_zip(data, name, max_unzipped_bytes)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptDocx(f"DOCX is damaged or is not a Word document: {exc}", path=name) from None
    except Exception as exc:  # lxml XMLSyntaxError and friends from a damaged part
        raise CorruptDocx(f"DOCX is damaged: {type(exc).__name__}", path=name) from None
    _read_container(document, document.element.body, builder, _Styles(document, data))
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            try:
                if part.is_linked_to_previous:
                    continue
                for line in _container_lines(part, part._element):
                    builder.add_furniture(line)
            except (KeyError, ValueError):  # a header relationship pointing nowhere: ignore it
                continue


_KNOWN_STYLES: dict[tuple[str, str | None, str], Any] = {}
"""(styles part digest, style id, "name" or "bold") -> answer, across documents: letters from one
template share their styles part, and the answers depend on nothing else."""
_MAX_KNOWN = 512


class _Styles:
    """Paragraph styles of one document, each resolved once.

    Why: python-docx resolves ``paragraph.style`` afresh on every call, and a paragraph with no style
    of its own (most of them) makes it scan every style in the document for the default one, which
    was most of the time spent reading a DOCX letter. The answer depends only on the style id and the
    document's styles part, so it is kept per id, and per styles part across the letters of one
    template: the same name and boldness python-docx gives, found once.
    """

    def __init__(self, document: Any, data: bytes) -> None:
        self._part = document.part
        self._styles: dict[str | None, Any] = {}
        self._digest = _styles_digest(document, data)
        self._formats: dict[tuple[str, str], str] = {}
        self._counts: dict[str, int] = {}  # list key -> items numbered so far in the current run

    def list_mark(self, paragraph: Paragraph, style: str) -> str:
        """The mark Word shows before a list paragraph, which is not in its text: "N. " for a numbered list
        (counted from 1 again after any paragraph that is not a list item), "• " for a bulleted one."""
        key, fmt = self._numbering(paragraph)
        if fmt == "":  # numbered by its style alone ("List Number", "List Bullet"), or not at all
            low = style.lower()
            fmt = "decimal" if "number" in low else "bullet" if "bullet" in low else "none"
        # the writer typed one ("1. Check U&E"), which Word shows as it is
        typed = line_kind(paragraph.text) == "list_item"
        if fmt == "none":
            return ""
        if fmt == "bullet":
            return "" if typed else "\u2022 "
        key = key or style
        self._counts[key] = self._counts.get(key, 0) + 1
        return "" if typed else f"{self._counts[key]}. "

    def list_break(self) -> None:
        """A paragraph that is not a list item ends the lists before it."""
        self._counts.clear()

    def _numbering(self, paragraph: Paragraph) -> tuple[str, str]:
        """(numId, numFmt) of a paragraph's own numbering ("bullet", "decimal", ...), ("", "") without it."""
        ppr = paragraph._p.pPr
        num_pr: Any = ppr.numPr if ppr is not None else None
        if num_pr is None or num_pr.numId is None:
            return "", ""
        num_id = str(num_pr.numId.val)
        level = str(num_pr.ilvl.val) if num_pr.ilvl is not None else "0"
        if (num_id, level) not in self._formats:
            self._formats[(num_id, level)] = self._num_format(num_id, level)
        return num_id, self._formats[(num_id, level)]

    def _num_format(self, num_id: str, level: str) -> str:
        try:
            numbering = self._part.numbering_part.element
            abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
            if not abstract:
                return ""
            found = numbering.xpath(
                f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
            )
        except (KeyError, ValueError, NotImplementedError, AttributeError):
            return ""
        return str(found[0]) if found else ""

    def _style(self, style_id: str | None) -> Any:
        if style_id not in self._styles:
            from docx.enum.style import WD_STYLE_TYPE

            self._styles[style_id] = self._part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
        return self._styles[style_id]

    def _known(self, style_id: str | None, what: str) -> Any:
        key = (self._digest or "", style_id, what)
        if self._digest is not None and key in _KNOWN_STYLES:
            return _KNOWN_STYLES[key]
        style = self._style(style_id)
        if what == "name":
            answer: Any = (style.name if style is not None else "") or ""
        else:
            answer = bool(style is not None and style.font.bold)
        if self._digest is not None:
            if len(_KNOWN_STYLES) >= _MAX_KNOWN:
                _KNOWN_STYLES.clear()
            _KNOWN_STYLES[key] = answer
        return answer

    def name(self, paragraph: Paragraph) -> str:
        """The name of the paragraph's style ("" without one)."""
        return str(self._known(paragraph._p.style, "name"))

    def bold(self, paragraph: Paragraph) -> bool:
        """Whether the paragraph's style makes its text bold."""
        return bool(self._known(paragraph._p.style, "bold"))


def _styles_digest(document: Any, data: bytes) -> str | None:
    """SHA-256 of the document's styles part as stored in the file (None without one)."""
    import hashlib

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        partname = document.part.part_related_by(RT.STYLES).partname
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return hashlib.sha256(zf.read(partname.lstrip("/"))).hexdigest()
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error):
        return None


def _read_container(parent: Any, element: Any, builder: LetterBuilder, styles: _Styles) -> None:
    """Read the paragraphs and tables directly under ``element`` (a body or a table cell) in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        check_deadline()
        if child.tag == f"{_W}p":
            _add_paragraph(Paragraph(child, parent), builder, styles)
            for box in _text_boxes(child):
                _read_container(parent, box, builder, styles)
        elif child.tag == f"{_W}tbl":
            _read_table(Table(child, parent), builder, styles)
        elif child.tag == f"{_W}sdt":  # content controls wrap paragraphs and tables in templates
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _read_container(parent, content, builder, styles)


def _text_boxes(paragraph: Any) -> list[Any]:
    """Text boxes anchored in a paragraph (templates put addresses in them), each once.

    Word stores a text box twice, as a DrawingML shape and a VML fallback for old readers; the
    fallback copy (under ``mc:Fallback``) is skipped. Text boxes nested in text boxes are reached
    when their container is read.
    """
    boxes = []
    for box in paragraph.iter(f"{_W}txbxContent"):
        ancestors = list(box.iterancestors())
        inside = ancestors[: ancestors.index(paragraph)] if paragraph in ancestors else ancestors
        if any(a.tag == f"{_MC}Fallback" or a.tag == f"{_W}txbxContent" for a in inside):
            continue
        boxes.append(box)
    return boxes


def _add_paragraph(paragraph: Paragraph, builder: LetterBuilder, styles: _Styles) -> None:
    text = paragraph.text
    if not text.strip():
        return
    style = styles.name(paragraph)
    m = _HEADING_STYLE.match(style)
    if m or style.lower() == "title":
        styles.list_break()
        builder.add("heading", text, level=int(m.group(2)) if m and m.group(2) else 1)
        return
    if _is_list(paragraph, style):
        builder.add("list_item", styles.list_mark(paragraph, style) + text)
        return
    styles.list_break()
    if (
        _all_bold(paragraph, styles)
        and len(text) <= 80
        and not text.rstrip().endswith(".")
        and "\t" not in text
    ):
        builder.add("heading", text)
    else:
        # Line breaks (Shift+Enter) end a line the writer meant to end; tab stops line up fields
        # ("Hospital No:<tab>1234567"), read as cells the way the PDF reader reads wide gaps.
        for line in text.split("\n"):
            cells = [c for c in line.split("\t") if c.strip()]
            if len(cells) >= 2:
                builder.add_row(cells)
            else:
                kind = line_kind(line)
                builder.add("list_item" if kind == "list_item" else "paragraph", line)


def _is_list(paragraph: Paragraph, style: str) -> bool:
    """Whether a paragraph is a list item: a list style, or numbering of its own."""
    ppr = paragraph._p.pPr
    return bool(_LIST_STYLE.search(style)) or (ppr is not None and ppr.numPr is not None)


def _all_bold(paragraph: Paragraph, styles: _Styles) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = styles.bold(paragraph)
    return all(r.bold or (r.bold is None and style_bold) for r in runs)


def _unique_cells(row: Any) -> list[_Cell]:
    seen: set[int] = set()
    cells: list[_Cell] = []
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(cell)
    return cells


def _read_table(table: Table, builder: LetterBuilder, styles: _Styles) -> None:
    rows = [_unique_cells(row) for row in table.rows]
    texts = [[c.text if not c.tables else "" for c in row] for row in rows]
    pairs = grid_pairs(texts, lambda r, i: _cell_bold(rows[r][i], styles))
    bodies = set(pairs.values())
    for r, row_cells in enumerate(rows):
        check_deadline()
        if r in bodies:
            continue
        if r in pairs:
            # a paired-section grid: each heading over its own content, column by column
            for head, body in zip(row_cells, rows[pairs[r]], strict=True):
                if head.text.strip():
                    styles.list_break()
                    builder.add("heading", head.text)
                _read_container(body, body._tc, builder, styles)
            continue
        cells = [c for c, text in zip(row_cells, texts[r], strict=True) if text.strip() or c.tables]
        if not cells:
            continue
        if len(cells) == 1 or any(c.tables or _filled(c) > _MAX_CELL_PARAGRAPHS for c in cells):
            for cell in cells:
                _read_container(cell, cell._tc, builder, styles)
            continue
        builder.add_row(["\n".join(_cell_line(p, styles) for p in c.paragraphs) for c in cells])


def _cell_line(paragraph: Paragraph, styles: _Styles) -> str:
    """A paragraph of a table cell, with the mark Word shows before it when it is a list item."""
    style = styles.name(paragraph)
    if paragraph.text.strip() and _is_list(paragraph, style):
        return styles.list_mark(paragraph, style) + paragraph.text
    styles.list_break()
    return paragraph.text


def _cell_bold(cell: _Cell, styles: _Styles) -> bool:
    """Whether every filled paragraph of a cell is bold throughout."""
    paragraphs = [p for p in cell.paragraphs if p.text.strip()]
    return bool(paragraphs) and all(_all_bold(p, styles) for p in paragraphs)


def _filled(cell: _Cell) -> int:
    return sum(1 for p in cell.paragraphs if p.text.strip())


def _container_lines(parent: Any, element: Any) -> list[str]:
    """Plain lines of a header or footer (paragraphs, and table rows joined by spaces)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(Paragraph(child, parent).text)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, parent).rows:
                lines.append(" ".join(c.text for c in _unique_cells(row)))
    return [" ".join(line.split()) for line in lines if line.strip()]
