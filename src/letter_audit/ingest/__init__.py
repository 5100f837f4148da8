"""File bytes -> Letter. One reader per format; ``read_letter`` picks one by the file's content.

The extension is only a hint (used to word an error); the bytes decide. Every failure a practice inbox
can produce becomes an ``InputError`` subclass with a stable LA1xx code and the file's name.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import EmptyFile, FileMissing, InputError, InternalError, NoText, TooLarge, TooLittleText
from ..letter import Letter
from .builder import LetterBuilder
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, MAX_UNZIPPED_BYTES, time_limit
from .sniff import sniff

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT_S", "MIN_WORDS", "read_bytes", "read_letter"]

MIN_WORDS = 10
"""Fewer words than this is not a letter (LA113). The tersest dev letter has 28; a stray "hello" has 1."""
_WORD = re.compile(r"[^\W\d_]{2,}")


def read_letter(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    ocr: bool = True,
    min_words: int = MIN_WORDS,
) -> Letter:
    """Read a letter file (PDF, scanned PDF, DOCX, text, HTML, RTF) into located text.

    ``max_bytes`` refuses larger files before reading them (LA105); ``timeout_s`` bounds the whole read
    (LA110; None for no limit); ``ocr=False`` refuses scanned pages instead of running Tesseract;
    ``min_words`` refuses a file with fewer words as not a letter (LA113; 0 reads any text, as
    ``letter-audit read`` and the readers' own tests do).
    """
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise FileMissing(path=name) from None
    except OSError as exc:
        raise InputError(f"cannot open the file: {exc.strerror or exc}", path=name) from None
    if p.is_dir():
        raise InputError("this is a folder, not a file", path=name)
    _check_size(size, max_bytes, name)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    return read_bytes(data, name, max_bytes=max_bytes, timeout_s=timeout_s, ocr=ocr, min_words=min_words)


def read_bytes(
    data: bytes,
    name: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    ocr: bool = True,
    max_unzipped_bytes: int = MAX_UNZIPPED_BYTES,
    min_words: int = MIN_WORDS,
) -> Letter:
    """Read a letter already in memory (a web upload); ``name`` is reported as its path."""
    _check_size(len(data), max_bytes, name)
    if not data:
        raise EmptyFile(path=name)
    with time_limit(timeout_s, name):
        fmt = sniff(data, name)
        builder = LetterBuilder()
        pages, used_ocr = 1, False
        try:
            if fmt == "pdf":
                from .pdf import read_pdf

                pages, used_ocr = read_pdf(data, name, builder, ocr=ocr)
            elif fmt == "docx":
                from .docx import read_docx

                read_docx(data, name, builder, max_unzipped_bytes)
            elif fmt == "html":
                from .html import read_html

                read_html(data, name, builder)
            elif fmt == "rtf":
                from .rtf import read_rtf

                read_rtf(data, name, builder)
            else:
                from .text import read_text

                read_text(data, name, builder)
        except InputError:
            raise
        except RecursionError:
            raise InputError(f"{fmt.upper()} is nested too deeply to read", path=name) from None
        except MemoryError:
            raise InputError("file needs more memory to read than is available", path=name) from None
        except Exception as exc:  # a reader bug: one line for the user, the cause kept for --debug
            raise InternalError(
                f"internal error while reading this {fmt.upper()} ({type(exc).__name__}); "
                "please report it; run with --debug",
                path=name,
            ) from exc
    if builder.empty:
        if fmt == "pdf" and not used_ocr:
            raise NoText("no text found: the PDF has no text layer and no scanned image", path=name)
        raise NoText(path=name)
    letter = builder.build(data, name, fmt, pages=pages, ocr=used_ocr)
    words = len(_WORD.findall(letter.text))
    if words < min_words:
        raise TooLittleText(
            f"too little text to be a letter ({words} word{'s' if words != 1 else ''}; "
            f"a letter has at least {min_words})",
            path=name,
        )
    return letter


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size == 0:
        raise EmptyFile(path=name)
    if size > max_bytes:
        raise TooLarge(
            f"file is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB size limit", path=name
        )
