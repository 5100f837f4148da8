"""Render fixture letter sources into the formats letter-audit reads.

    python scripts/build_fixtures.py SRC_DIR OUT_DIR [NAME ...]

Each ``SRC_DIR/<name>.txt`` starts with YAML front matter naming its ``format`` (txt, docx, docx-tables,
docx-grid, pdf, pdf-table, pdf-grid, scan, html, html-grid, html-itk,
rtf) and is rendered to
``OUT_DIR/<name>.<ext>``. The body uses a tiny markup (see fixtures/README.md): ``# `` headings, `` | ``
table rows, ``- `` / ``N. `` list items, blank lines between paragraphs. Output is deterministic: fixed
dates and metadata, fixed zip timestamps, reportlab's invariant mode, and seeded noise for scans, so
rebuilding gives the same bytes.

The corpus lives in the repo so every rule change can be measured; this script is how it is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

FIXED_TIME = dt.datetime(2024, 1, 1, 9, 0, 0)
"""Every generated file claims this creation time, so rebuilds are byte-identical."""

SourceFormat = Literal[
    "txt",
    "docx",
    "docx-tables",
    "docx-grid",
    "pdf",
    "pdf-table",
    "pdf-grid",
    "scan",
    "html",
    "html-grid",
    "html-itk",
    "rtf",
]
EXTENSIONS: dict[str, str] = {
    "txt": "txt",
    "docx": "docx",
    "docx-tables": "docx",
    "docx-grid": "docx",
    "pdf": "pdf",
    "pdf-table": "pdf",
    "pdf-grid": "pdf",
    "scan": "pdf",
    "html": "html",
    "html-grid": "html",
    "html-itk": "html",
    "rtf": "rtf",
}
LIST_RE = re.compile(r"^(?:(- )|(\d+)\. )")


class FrontMatter(BaseModel):
    """The YAML header of a source file."""

    model_config = ConfigDict(extra="forbid")

    format: SourceFormat
    title: str | None = None
    """Document title metadata (PDF/DOCX/HTML); defaults to the file name."""
    footer: str | None = None
    """Page furniture repeated on every page of PDFs (e.g. a trust's confidentiality line)."""


class SourceError(Exception):
    """A source file that cannot be rendered; the message names the file and line."""


# -- parsing the markup -----------------------------------------------------------------------------
@dataclass
class Item:
    """One block of the letter body."""

    kind: Literal["heading", "paragraph", "table", "list_item"]
    lines: list[str] = field(default_factory=list)
    """Paragraph lines (kept as line breaks), the heading text, or the list item text."""
    rows: list[list[str]] = field(default_factory=list)
    """Table rows as cells."""
    marker: str = ""
    """For list items: "-" or the number as written."""


@dataclass
class Source:
    name: str
    meta: FrontMatter
    body: str
    items: list[Item]


def read_source(path: Path) -> Source:
    """Split front matter from body and parse the body into items."""
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n"):
        raise SourceError(f"{path}:1: source must start with '---' front matter")
    end = raw.find("\n---\n", 4)
    if end < 0:
        raise SourceError(f"{path}:1: front matter is not closed with '---'")
    try:
        meta = FrontMatter.model_validate(yaml.safe_load(raw[4:end]) or {})
    except (yaml.YAMLError, ValidationError) as exc:
        first = str(exc).splitlines()[0:3]
        raise SourceError(f"{path}:2: bad front matter: {' '.join(first)}") from exc
    body = raw[end + len("\n---\n") :]
    body = body.lstrip("\n")
    return Source(name=path.stem, meta=meta, body=body, items=parse_body(body))


def parse_body(body: str) -> list[Item]:
    items: list[Item] = []
    para: Item | None = None
    table: Item | None = None
    for line in body.splitlines():
        line = line.rstrip()
        if not line.strip():
            para = table = None
            continue
        if line.startswith("# "):
            para = table = None
            items.append(Item("heading", [line[2:].strip()]))
        elif " | " in line:
            para = None
            if table is None:
                table = Item("table")
                items.append(table)
            table.rows.append([c.strip() for c in line.split(" | ")])
        elif m := LIST_RE.match(line):
            para = table = None
            marker = "-" if m.group(1) else m.group(2)
            items.append(Item("list_item", [line[m.end() :].strip()], marker=marker))
        else:
            table = None
            if para is None:
                para = Item("paragraph")
                items.append(para)
            para.lines.append(line.strip())
    return items


def sections(items: list[Item]) -> Iterator[tuple[str | None, list[Item]]]:
    """Group items under their heading (None for what comes before the first heading)."""
    heading: str | None = None
    group: list[Item] = []
    for it in items:
        if it.kind == "heading":
            if heading is not None or group:
                yield heading, group
            heading, group = it.lines[0], []
        else:
            group.append(it)
    if heading is not None or group:
        yield heading, group


def marker_text(it: Item) -> str:
    return "\u2022" if it.marker == "-" else f"{it.marker}."


# -- txt, html, rtf ---------------------------------------------------------------------------------
def render_txt(src: Source) -> bytes:
    out = []
    for line in src.body.splitlines():
        out.append(line[2:] if line.startswith("# ") else line)
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def _html_head(src: Source) -> list[str]:
    title = html.escape(src.meta.title or src.name)
    return [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        f'<head><meta charset="utf-8"><title>{title}</title></head>',
        "<body>",
    ]


def _html_items(items: list[Item]) -> list[str]:
    """HTML for a run of items: headings, paragraphs, lists (consecutive items in one list) and tables."""
    esc = html.escape
    parts: list[str] = []
    open_list: str | None = None
    for it in items:
        want = None
        if it.kind == "list_item":
            want = "ul" if it.marker == "-" else "ol"
        if open_list and open_list != want:
            parts.append(f"</{open_list}>")
            open_list = None
        if want and not open_list:
            parts.append(f"<{want}>")
            open_list = want
        if it.kind == "heading":
            parts.append(f"<h2>{esc(it.lines[0])}</h2>")
        elif it.kind == "paragraph":
            parts.append("<p>" + "<br>\n".join(esc(x) for x in it.lines) + "</p>")
        elif it.kind == "list_item":
            parts.append(f"<li>{esc(it.lines[0])}</li>")
        else:
            parts.append('<table border="1">')
            for row in it.rows:
                parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
    if open_list:
        parts.append(f"</{open_list}>")
    return parts


def render_html(src: Source) -> bytes:
    parts = _html_head(src) + _html_items(src.items)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts).encode("utf-8")


def render_html_grid(src: Source) -> bytes:
    """The paired-section grid of ``render_docx_grid`` as HTML (a template exported to a web page): two
    bold headings in one row of a bordered table, their contents (paragraphs, lists) in the row under it."""
    esc = html.escape
    parts = _html_head(src)
    grid_open = False
    for kind, cells in grid_plan(src):
        if kind == "plain":
            if grid_open:
                parts.append("</table>")
                grid_open = False
            parts += _html_items(cells[0][1])
            continue
        if not grid_open:
            parts.append('<table border="1">')
            grid_open = True
        pad = ["<td></td>"] * (2 - len(cells))
        if kind == "pair":
            parts.append(
                "<tr>" + "".join(f"<td><b>{esc(h)}</b></td>" for h, _ in cells) + "".join(pad) + "</tr>"
            )
        if any(items for _, items in cells):
            tds = ["<td>" + "\n".join(_html_items(items)) + "</td>" for _, items in cells]
            parts.append("<tr>" + "".join(tds + pad) + "</tr>")
    if grid_open:
        parts.append("</table>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts).encode("utf-8")


_VALEDICTION = re.compile(
    r"^(?:yours (?:sincerely|faithfully)|(?:with )?(?:kind |best )?(?:regards|wishes))\b", re.I
)
_RE_LINE = re.compile(r"re\b", re.I)
_DATE_LINE = re.compile(r"(?:\w+day,? )?\d{1,2}(?:[/.-]\d{1,2}[/.-]\d{2,4}|(?:st|nd|rd|th)? \w+ \d{4})")
_CC = re.compile(r"^(?:cc|copy to)\b:?", re.I)


def _seeded(name: str, salt: str) -> random.Random:
    return random.Random(int(hashlib.sha256(f"{salt}:{name}".encode()).hexdigest()[:12], 16))


def _uuid(rng: random.Random) -> str:
    h = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def _prose(it: Item) -> bool:
    """A paragraph of running text (the letter proper), not a letterhead line."""
    text = " ".join(it.lines)
    return it.kind != "paragraph" or (len(text.split()) >= 12 and text.rstrip().endswith((".", ":", "?")))


def _itk_parts(src: Source) -> tuple[list[str], list[tuple[str | None, list[Item]]], list[str], list[str]]:
    """The letter cut the ITK way: letterhead lines, the sections, the signer's lines and the cc lines.

    The letterhead is what comes before the salutation (or, with none, before the first paragraph of
    running text, or the first heading), with the "Re:" patient line; the salutation opens the first
    section, as it says whom the letter speaks to. The signer's lines are those after the last valediction
    ("Yours sincerely" itself is dropped); cc lines become the distribution list.
    """
    groups = list(sections(src.items))
    head: list[str] = []
    if groups and groups[0][0] is None:
        front = groups.pop(0)[1]
        opens = (i for i, it in enumerate(front) if _prose(it) or it.lines[0].startswith("Dear "))
        cut = next(opens, len(front))
        if not groups and cut == len(front):
            cut = 0
        for it in front[:cut]:
            head += it.lines
        rest = front[cut:]
        dear = (
            rest.pop(0)
            if rest and rest[0].kind == "paragraph" and rest[0].lines[0].startswith("Dear ")
            else None
        )
        while (
            rest and rest[0].kind == "paragraph" and _RE_LINE.match(rest[0].lines[0]) and not _prose(rest[0])
        ):
            head += rest.pop(0).lines  # the patient ("Re: Mr A B, DOB ...") goes with the demographics
        if dear is not None:
            rest.insert(0, dear)  # who the letter speaks to stays at the head of its text
        groups.insert(0, (None, rest))
    signer: list[str] = []
    cc: list[str] = []
    if groups:
        heading, items = groups[-1]
        at = next(
            (i for i in range(len(items) - 1, -1, -1)
             if items[i].kind == "paragraph" and _VALEDICTION.match(items[i].lines[0])),
            None,
        )  # fmt: skip
        if at is not None:
            tail = items[at:]
            groups[-1] = (heading, items[:at])
            tail[0] = Item("paragraph", tail[0].lines[1:])
            for it in tail:
                lines = it.lines if it.kind != "table" else [" ".join(r) for r in it.rows]
                for line in lines:
                    (cc if _CC.match(line) or cc else signer).append(line)
    return head, groups, signer, cc


def _itk_row(label: str, value: str) -> str:
    esc = html.escape
    return f"<tr><th>{esc(label)}</th><td>{esc(value)}</td></tr>"


def render_html_itk(src: Source) -> bytes:
    """An ITK / PRSB outpatient letter as a FHIR renderer lays it out.

    A "Bundle Details" block of urn:uuid references opens it; the letterhead and patient lines become a
    "Patient Demographics" label|value table; each section of the letter is a heading (h2, or h3 in some
    letters) with its paragraphs, lists and tables, or (in some letters) a table whose first row names
    the section ("Plan | Please ..."); the signer becomes "Person completing record", cc lines the
    "Distribution list"; a machine dump of the FHIR resources (Practitioner identifiers, a home phone and
    email, Composition Header with identifiers and a timestamp) closes it. The dump gives no work phone or
    email: the reader takes those as the team's contact, which would change what the letter's gold says.
    Seeded by the letter's name.
    """
    esc = html.escape
    rng = _seeded(src.name, "itk")
    head, groups, signer, cc = _itk_parts(src)
    hx = "h3" if rng.random() < 0.3 else "h2"
    field_rows = rng.random() < 0.5
    uuids = [_uuid(rng) for _ in range(8)]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        '<head><meta charset="utf-8"><title>FHIR document</title></head>',
        "<body>",
        '<div class="bundle"><h2>Bundle Details</h2>',
        f"Bundle id: {uuids[0]}<br>",
        "Type: document<br>",
        "Full Url: " + " ".join(f"urn:uuid:{u}" for u in uuids[1:]) + "<br>",
        "</div>",
        '<div class="letter">',
        "<h1>Patient Demographics</h1>",
        "<table>",
    ]
    for i, line in enumerate(head):
        label, sep, value = line.partition(": ")
        if sep and 0 < len(label) <= 30:
            parts.append(_itk_row(label, value))
        elif _DATE_LINE.fullmatch(line):
            parts.append(_itk_row("Document Created", line))
        else:
            parts.append(_itk_row("Document Owner" if i == 0 else "Details", line))
    parts.append("</table>")
    for heading, items in groups:
        if not items and heading is None:
            continue
        title = heading or "Clinical summary"
        parts.append(f"<{hx}>{esc(title)}</{hx}>")
        if field_rows and items and all(it.kind == "paragraph" for it in items):
            parts.append("<table>")
            for i, it in enumerate(items):
                cell = "<br>".join(esc(x) for x in it.lines)
                th = f"<th>{esc(title)}</th>" if i == 0 else "<th></th>"
                parts.append(f"<tr>{th}<td>{cell}</td></tr>")
            parts.append("</table>")
            continue
        parts += _html_items(items)
        parts.append("<hr>")
    if signer:
        parts += [f"<{hx}>Person completing record</{hx}>", "<table>"]
        labels = ["Name", "Designation or role"]
        for i, line in enumerate(signer):
            parts.append(_itk_row(labels[i] if i < len(labels) else "Details", line))
        parts.append("</table>")
    if cc:
        parts += ["<h1>Distribution list</h1>", "<table>"]
        parts += [f"<tr><td>{esc(line)}</td></tr>" for line in cc]
        parts.append("</table>")
    parts.append("</div>")
    # the FHIR resources behind the letter, dumped field by field
    phone = f"01632 {rng.randint(960000, 960999)}"
    code = f"{rng.choice('CDGP')}{rng.randint(100000, 999999)}"
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    parts += [
        '<div class="banner">',
        "<h1>Practitioner</h1>",
        "<table><tr><th>Identifier:</th><th>Use:</th><th>Type:</th><th>System:</th><th>Period Start:</th>"
        "<th>Period End:</th></tr>",
        f"<tr><td>{code}</td><td></td><td></td><td>https://fhir.nhs.uk/Id/local-practitioner-identifier</td>"
        "<td></td><td></td></tr></table><hr>",
        "<table><tr><th>Use:</th><th>Name:</th><th>Family:</th><th>Given:</th><th>Prefix:</th></tr>",
        "<tr><td>official</td><td></td><td>Practitioner</td><td></td><td></td></tr></table><hr>",
        f"<table><tr><td>System: phone<br>Value: {phone}<br>Use: home<br><br>Rank:<br><br>Period Start:<br>"
        "<br>Period End:</td></tr>",
        f"<tr><td>System: email<br>Value: pt.{code.lower()}@example.net<br>Use: home</td></tr></table><hr>",
        "<table><tr><th>Active:</th><th>Gender:</th><th>Date of Birth:</th></tr></table>",
        "<h1>Composition Header</h1>",
        "<table><tr><th>Id:</th><th>Identifier system:</th><th>Identifier value:</th></tr>",
        f"<tr><td>{uuids[1]}</td><td>https://tools.ietf.org/html/rfc4122</td><td>{_uuid(rng)}</td></tr>"
        "</table><hr>",
        "<table><tr><th>Date:</th><th>Type coding system:</th><th>Type coding code:</th></tr>",
        f"<tr><td>{stamp}</td><td>http://snomed.info/sct</td><td>{rng.randint(10**14, 10**15)}</td></tr>"
        "</table><hr>",
        "<table><tr><th>Status:</th><th>Confidentiality:</th></tr><tr><td>final</td><td>N</td></tr></table>",
        "<table><tr><th>Subject reference:</th><th>Custodian reference:</th><th>Encounter:</th></tr>",
        f"<tr><td>urn:uuid:{uuids[2]}</td><td>urn:uuid:{uuids[3]}</td><td>urn:uuid:{uuids[4]}</td></tr></table>",
        "<table><tr><th>attester mode</th><th>attester time</th><th>attester reference</th></tr>",
        f"<tr><td>legal</td><td>{stamp}</td><td>urn:uuid:{uuids[5]}</td></tr></table>",
        "</div>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts).encode("utf-8")


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) > 127:
            code = ord(ch)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
        else:
            out.append(ch)
    return "".join(out)


def render_rtf(src: Source) -> bytes:
    parts = [r"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\fs22"]
    for it in src.items:
        if it.kind == "heading":
            parts.append(r"{\b " + _rtf_escape(it.lines[0]) + r"}\par")
        elif it.kind == "paragraph":
            parts.append(r"\line ".join(_rtf_escape(x) for x in it.lines) + r"\par")
        elif it.kind == "list_item":
            parts.append(_rtf_escape(f"{marker_text(it)} {it.lines[0]}") + r"\par")
        else:
            for row in it.rows:
                parts.append(r"\trowd" + "".join(f"\\cellx{2800 * (i + 1)}" for i in range(len(row))))
                parts.append("".join(r"\intbl " + _rtf_escape(c) + r"\cell" for c in row) + r"\row")
            parts.append(r"\pard\par")
        parts.append("\n")
    parts.append("}\n")
    return "".join(parts).encode("ascii")


# -- docx -------------------------------------------------------------------------------------------
def _docx_fixed_zip(data: bytes) -> bytes:
    """python-docx stamps zip entries with the current time; rewrite them with a fixed one."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def _docx_new(src: Source):  # type: ignore[no-untyped-def]
    import docx

    doc = docx.Document()
    cp = doc.core_properties
    cp.author = "letter-audit fixtures"
    cp.last_modified_by = "letter-audit fixtures"
    cp.title = src.meta.title or src.name
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    return doc


def _docx_add(container, it: Item) -> None:  # type: ignore[no-untyped-def]
    """Add a non-table item to a document or table cell."""
    if it.kind == "heading":
        if hasattr(container, "add_heading"):
            container.add_heading(it.lines[0], level=2)
        else:
            container.add_paragraph().add_run(it.lines[0]).bold = True
    elif it.kind == "paragraph":
        p = container.add_paragraph()
        for i, line in enumerate(it.lines):
            run = p.add_run(line)
            if i < len(it.lines) - 1:
                run.add_break()
    elif it.kind == "list_item":
        style = "List Bullet" if it.marker == "-" else "List Number"
        container.add_paragraph(it.lines[0], style=style)


def _docx_table(doc, rows: list[list[str]]):  # type: ignore[no-untyped-def]
    ncols = max(len(r) for r in rows)
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for i, text in enumerate(row):
            cells[i].text = text
    return table


def _docx_save(doc) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    doc.save(buf)
    return _docx_fixed_zip(buf.getvalue())


def _docx_items(doc, items: list[Item]) -> None:  # type: ignore[no-untyped-def]
    """Write items into the document body as they come: a pipe table as a table, the rest as paragraphs."""
    for it in items:
        if it.kind == "table":
            _docx_table(doc, it.rows)
        else:
            _docx_add(doc, it)


def render_docx(src: Source) -> bytes:
    doc = _docx_new(src)
    _docx_items(doc, src.items)
    return _docx_save(doc)


def render_docx_tables(src: Source) -> bytes:
    """Trust-template layout: one two-column table, heading on the left, its content on the right.

    What comes before the first heading (letterhead, addresses) stays as plain paragraphs above the
    table. Pipe rows inside a section become their own table after the current row, and the outer
    table resumes below them.
    """
    doc = _docx_new(src)
    outer = None
    for heading, group in sections(src.items):
        if heading is None:
            _docx_items(doc, group)
            continue
        if outer is None:
            outer = doc.add_table(rows=0, cols=2)
            outer.style = "Table Grid"
        left, right = outer.add_row().cells
        left.paragraphs[0].add_run(heading).bold = True
        first = True
        for it in group:
            if it.kind == "table":
                _docx_table(doc, it.rows)
                outer = doc.add_table(rows=0, cols=2)
                outer.style = "Table Grid"
                left, right = outer.add_row().cells
                first = True
                continue
            _docx_cell_add(right, it, first)
            first = False
    # drop empty trailing rows made after a table that ended its section
    for table in doc.tables:
        for row in list(table.rows):
            if all(not c.text.strip() for c in row.cells) and len(table.rows) > 0:
                row._tr.getparent().remove(row._tr)
    for table in list(doc.tables):
        if len(table.rows) == 0:
            table._tbl.getparent().remove(table._tbl)
    return _docx_save(doc)


def _docx_cell_add(cell, it: Item, first: bool) -> None:  # type: ignore[no-untyped-def]
    """Add an item to a table cell; the cell's first paragraph or list item fills the cell's own empty
    paragraph rather than leaving a blank line above it."""
    if first and not cell.paragraphs[0].text and it.kind in ("paragraph", "list_item"):
        p = cell.paragraphs[0]
        if it.kind == "list_item":
            p.style = "List Bullet" if it.marker == "-" else "List Number"
        for i, line in enumerate(it.lines):
            run = p.add_run(line)
            if i < len(it.lines) - 1:
                run.add_break()
    else:
        _docx_add(cell, it)


def _docx_fill(cell, items: list[Item]) -> None:  # type: ignore[no-untyped-def]
    """Fill a table cell with paragraphs and list items, the first in the cell's own empty paragraph."""
    for n, it in enumerate(items):
        _docx_cell_add(cell, it, n == 0)


GridRow = tuple[Literal["plain", "pair", "cell"], list[tuple[str, list[Item]]]]


def grid_plan(src: Source) -> list[GridRow]:
    """A letter laid out as a paired-section grid, the same in every format: ``("plain", [("", items)])``
    for what stands outside the grid (the letterhead before the first heading, a pipe table);
    ``("pair", [(heading, items), ...])`` for one or two sections side by side, a row of headings over a
    row of their contents; ``("cell", [("", items)])`` for a content row with no heading (what follows a
    pipe table in its section). Sections pair in order; one holding a pipe table, or an odd one at the
    end, takes its rows alone, and its table stands outside the grid."""
    plan: list[GridRow] = []
    groups = list(sections(src.items))
    i = 0
    while i < len(groups):
        heading, group = groups[i]
        if heading is None:
            plan.append(("plain", [("", group)]))
            i += 1
            continue
        nxt = groups[i + 1] if i + 1 < len(groups) else None
        has_table = any(it.kind == "table" for it in group)
        if not has_table and nxt is not None and not any(it.kind == "table" for it in nxt[1]):
            plan.append(("pair", [(heading, group), (nxt[0] or "", nxt[1])]))
            i += 2
            continue
        i += 1
        run: list[Item] = []
        first = True
        for it in [*group, None]:
            if it is not None and it.kind != "table":
                run.append(it)
                continue
            if first:
                plan.append(("pair", [(heading, run)]))
                first = False
            elif run:
                plan.append(("cell", [("", run)]))
            run = []
            if it is not None:
                plan.append(("plain", [("", [it])]))
    return plan


def render_docx_grid(src: Source) -> bytes:
    """Paired-section grid (a trust template's layout, ``grid_plan``): sections two to a row of a two-column
    table, a row of bold headings over a row of their contents, so a section's content sits below its
    heading, not beside it. What stands outside the grid (the letterhead, a pipe table) is written as
    plain paragraphs and tables, and the grid resumes below it as a new table."""
    doc = _docx_new(src)
    grid = None
    for kind, cells in grid_plan(src):
        if kind == "plain":
            grid = None
            _docx_items(doc, cells[0][1])
            continue
        if grid is None:
            grid = doc.add_table(rows=0, cols=2)
            grid.style = "Table Grid"
        if kind == "pair":
            for cell, (h, _) in zip(grid.add_row().cells, cells, strict=False):
                cell.paragraphs[0].add_run(h).bold = True
        if any(items for _, items in cells):
            for cell, (_, items) in zip(grid.add_row().cells, cells, strict=False):
                _docx_fill(cell, items)
    return _docx_save(doc)


# -- pdf --------------------------------------------------------------------------------------------
def _pdf_story(src: Source, grid: bool, paired: bool = False) -> list:  # type: ignore[type-arg]
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    head = ParagraphStyle("head", parent=body, fontName="Helvetica-Bold", fontSize=11, spaceBefore=6)
    item = ParagraphStyle("item", parent=body, leftIndent=18, bulletIndent=4, spaceAfter=3)
    cell = ParagraphStyle("cell", parent=body, spaceAfter=0)
    bullet = ParagraphStyle("bullet", parent=item, bulletFontName="Symbol")
    grid_head = ParagraphStyle("grid_head", parent=cell, fontName="Helvetica-Bold")

    def esc(t: str) -> str:
        return html.escape(t, quote=False)

    def flow(items: list[Item]) -> list:  # type: ignore[type-arg]
        story: list = []  # type: ignore[type-arg]
        for it in items:
            story += one(it)
        return story

    def one(it: Item) -> list:  # type: ignore[type-arg]
        if it.kind == "heading":
            return [Paragraph(esc(it.lines[0]), head)]
        if it.kind == "paragraph":
            return [Paragraph("<br/>".join(esc(x) for x in it.lines), body)]
        if it.kind == "list_item":
            # reportlab's Helvetica bullet has no Unicode mapping that PDF readers can decode; Symbol's has
            style = bullet if it.marker == "-" else item
            return [Paragraph(esc(it.lines[0]), style, bulletText=marker_text(it))]
        ncols = max(len(r) for r in it.rows)
        data = [[Paragraph(esc(c), cell) for c in r] + [""] * (ncols - len(r)) for r in it.rows]
        width = 480 / ncols
        t = Table(data, colWidths=[width] * ncols, hAlign="LEFT")
        style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        if grid:
            style += [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ]
        t.setStyle(TableStyle(style))
        return [t, Spacer(1, 6)]

    if not paired:
        return flow(src.items)
    # a paired-section grid (``grid_plan``): a ruled two-column table, bold headings over their contents
    story: list = []  # type: ignore[type-arg]
    for kind, cells in grid_plan(src):
        if kind == "plain":
            story += flow(cells[0][1])
            continue
        rows: list = []  # type: ignore[type-arg]
        pad = [""] * (2 - len(cells))
        if kind == "pair":
            rows.append([Paragraph(esc(h), grid_head) for h, _ in cells] + pad)
        if any(items for _, items in cells):
            rows.append([flow(items) for _, items in cells] + pad)
        t = Table(rows, colWidths=[240, 240], hAlign="LEFT")
        t.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
        )
        story += [t, Spacer(1, 6)]
    return story


def render_pdf(src: Source, grid: bool = False, paired: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    footer = src.meta.footer

    def on_page(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        if footer:
            canvas.saveState()
            canvas.setFont("Helvetica", 8)
            canvas.drawString(56, 30, f"{footer}    Page {doc.page}")
            canvas.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=56,
        rightMargin=56,
        topMargin=56,
        bottomMargin=56,
        title=src.meta.title or src.name,
        author="letter-audit fixtures",
        creator="letter-audit build_fixtures.py",
        producer="letter-audit build_fixtures.py",
        subject="",
        invariant=1,
    )
    doc.build(_pdf_story(src, grid, paired), onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


# -- scan -------------------------------------------------------------------------------------------
SCAN_DPI = 200
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
]
BOLD_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
]


def _font(candidates: list[str], size: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for path in candidates:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _scan_lines(src: Source) -> list[tuple[str, bool, int]]:
    """(text, bold, indent in characters) per printed line, before wrapping."""
    lines: list[tuple[str, bool, int]] = []
    for it in src.items:
        if it.kind == "heading":
            lines += [("", False, 0), (it.lines[0], True, 0)]
        elif it.kind == "paragraph":
            lines += [(x, False, 0) for x in it.lines] + [("", False, 0)]
        elif it.kind == "list_item":
            lines.append((f"{marker_text(it)} {it.lines[0]}", False, 2))
        else:
            ncols = max(len(r) for r in it.rows)
            widths = [max(len(r[i]) if i < len(r) else 0 for r in it.rows) for i in range(ncols)]
            for r in it.rows:
                cells = [(r[i] if i < len(r) else "").ljust(widths[i]) for i in range(ncols)]
                lines.append(("   ".join(cells).rstrip(), False, 0))
            lines.append(("", False, 0))
    return lines


def render_scan(src: Source) -> bytes:
    """Page images only, no text layer: what a faxed or scanned letter looks like to the reader."""
    import textwrap

    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    seed = int(hashlib.sha256(src.name.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)
    w_px, h_px = int(8.27 * SCAN_DPI), int(11.69 * SCAN_DPI)
    size = 30  # ~11pt at 200 dpi
    font, bold = _font(FONT_CANDIDATES, size), _font(BOLD_CANDIDATES, size)
    line_h = int(size * 1.45)
    margin = int(0.8 * SCAN_DPI)
    max_chars = 82

    printed: list[tuple[str, bool]] = []
    for text, is_bold, indent in _scan_lines(src):
        if not text:
            printed.append(("", False))
            continue
        for i, part in enumerate(textwrap.wrap(text, max_chars - indent) or [""]):
            pad = " " * (indent + (2 if i and indent else 0))
            printed.append((pad + part, is_bold))
    per_page = (h_px - 2 * margin) // line_h
    pages = [printed[i : i + per_page] for i in range(0, len(printed), per_page)] or [[]]

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=1)
    canvas.setTitle(src.meta.title or src.name)
    canvas.setAuthor("letter-audit fixtures")
    canvas.setCreator("letter-audit build_fixtures.py")
    canvas.setProducer("letter-audit build_fixtures.py")
    for page in pages:
        img = Image.new("L", (w_px, h_px), 255)
        draw = ImageDraw.Draw(img)
        y = margin
        for text, is_bold in page:
            draw.text((margin, y), text, fill=rng.randint(0, 40), font=bold if is_bold else font)
            y += line_h
        for _ in range(1500):  # speckle
            x, yy = rng.randrange(w_px), rng.randrange(h_px)
            img.putpixel((x, yy), rng.randint(120, 200))
        img = img.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=255)
        png = io.BytesIO()
        img.save(png, format="PNG", optimize=False)
        png.seek(0)
        canvas.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


# -- driver -----------------------------------------------------------------------------------------
RENDERERS = {
    "txt": render_txt,
    "docx": render_docx,
    "docx-tables": render_docx_tables,
    "docx-grid": render_docx_grid,
    "pdf": render_pdf,
    "pdf-table": lambda s: render_pdf(s, grid=True),
    "pdf-grid": lambda s: render_pdf(s, paired=True),
    "scan": render_scan,
    "html": render_html,
    "html-grid": render_html_grid,
    "html-itk": render_html_itk,
    "rtf": render_rtf,
}


def render(src: Source) -> tuple[str, bytes]:
    """The output file name and bytes for one source."""
    fmt = src.meta.format
    return f"{src.name}.{EXTENSIONS[fmt]}", RENDERERS[fmt](src)


def build(src_dir: Path, out_dir: Path, names: list[str] | None = None) -> list[Path]:
    """Render every source in ``src_dir`` (or only ``names``) into ``out_dir``; return the written paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    paths = sorted(src_dir.glob("*.txt"))
    if names:
        paths = [p for p in paths if p.stem in set(names)]
    for path in paths:
        src = read_source(path)
        file_name, data = render(src)
        # a letter whose format changed must not leave its old rendering behind
        for ext in set(EXTENSIONS.values()):
            stale = out_dir / f"{src.name}.{ext}"
            if stale.name != file_name and stale.exists():
                stale.unlink()
        target = out_dir / file_name
        target.write_bytes(data)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        written = build(Path(argv[1]), Path(argv[2]), argv[3:] or None)
    except SourceError as exc:
        print(f"build_fixtures: {exc}", file=sys.stderr)
        return 2
    print(f"rendered {len(written)} letters into {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
