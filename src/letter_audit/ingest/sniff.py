"""Which reader a file needs, decided by its bytes; the file name is only a hint for error messages.

A practice inbox holds ".pdf" files that are really Word documents, ".doc" files that are HTML exports,
and attachments with no extension at all, so the content decides.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import PurePath
from typing import Literal

from ..errors import BinaryJunk, CorruptDocx, CorruptPdf, EmptyFile, EncryptedDocx, UnsupportedType

Sniffed = Literal["pdf", "docx", "txt", "html", "rtf"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# Formats we recognise but cannot read, with advice for the user.
_KNOWN_BINARY: list[tuple[bytes, str]] = [
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Office file (.doc, .xls or Outlook .msg); save it as DOCX or PDF",
    ),
    (b"\x89PNG\r\n\x1a\n", "a PNG image; scan or print it to PDF"),
    (b"\xff\xd8\xff", "a JPEG image; scan or print it to PDF"),
    (b"II*\x00", "a TIFF image; scan or print it to PDF"),
    (b"MM\x00*", "a TIFF image; scan or print it to PDF"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program, not a letter"),
    (b"MZ", "a Windows program, not a letter"),
]
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_HTML_ANYWHERE = re.compile(rb"<(html|body)\b[^>]*>", re.I)
_XML_START = re.compile(rb"^\s*<\?xml", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
"""Control bytes that plain text does not hold (tab, line feed, form feed and carriage return it does)."""


def sniff(data: bytes, name: str) -> Sniffed:
    """The format of ``data``, or an ``InputError`` saying why it cannot be a letter."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise EmptyFile(path=name)
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_OLE2) and _ENCRYPTED_PACKAGE in data[:65536]:
        # Office keeps a password-protected DOCX inside an OLE2 container with this stream.
        raise EncryptedDocx(path=name)
    for magic, what in _KNOWN_BINARY:
        if head.startswith(magic):
            raise UnsupportedType(f"unsupported file type: this is {what}", path=name)
    probe = _strip_bom(head)
    if _HTML_START.match(probe) or _HTML_ANYWHERE.search(data[:8192]):
        return "html"
    if _XML_START.match(probe):
        raise UnsupportedType("unsupported file type: XML that is not an HTML letter", path=name)
    if _is_json(probe, data):
        raise UnsupportedType(
            "unsupported file type: JSON data, not a letter (a FHIR message or a report?); "
            "give the letter itself as PDF, DOCX, text, HTML or RTF",
            path=name,
        )
    if not head.startswith(_BOMS[1:]) and _looks_binary(data[:65536]):
        hint = _hint(name)
        if hint == "pdf":
            raise CorruptPdf("not a PDF: the file has no PDF header", path=name)
        if hint == "docx":
            raise CorruptDocx("DOCX is not a zip archive, so it is damaged or not a Word document", path=name)
        raise BinaryJunk(path=name)
    return "txt"


def _is_json(probe: bytes, data: bytes) -> bool:
    """A whole file of JSON (an object or array) is data, never a letter's text."""
    if probe.lstrip()[:1] not in (b"{", b"["):
        return False
    try:
        json.loads(_strip_bom(data))
    except ValueError:
        return False
    return True


def _sniff_zip(data: bytes, name: str) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocx(f"DOCX (zip) is damaged or truncated: {exc}", path=name) from None
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names:
        raise UnsupportedType(
            "unsupported file type: an OpenDocument file; save it as DOCX or PDF", path=name
        )
    if any(n.startswith("xl/") for n in names):
        raise UnsupportedType("unsupported file type: an Excel workbook, not a letter", path=name)
    raise UnsupportedType("unsupported file type: a zip archive that is not a Word document", path=name)


def _strip_bom(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    if head.startswith(_BOMS[1:]):
        try:
            return head.decode("utf-16").encode("utf-8", "ignore")
        except UnicodeDecodeError:
            return head
    return head


def _looks_binary(sample: bytes) -> bool:
    """NUL bytes, or more than 2% control characters, mean this is not text in any encoding we read."""
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > max(2, len(sample) // 50)


def _hint(name: str) -> str:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    return {"htm": "html", "text": "txt"}.get(suffix, suffix)
