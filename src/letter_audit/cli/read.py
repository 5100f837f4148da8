"""``read``: show the text (or the block structure) the checker sees in a letter file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ._group import main


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--blocks", is_flag=True, help="Print the block structure as JSON instead of the text.")
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=50.0,
    show_default=True,
    help="Refuse files larger than this many megabytes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=60.0,
    show_default=True,
    help="Give up on a file after this many seconds (0: no limit).",
)
@click.option("--no-ocr", is_flag=True, help="Refuse scanned pages instead of running OCR on them.")
def read(file: Path, blocks: bool, max_mb: float, timeout: float, no_ocr: bool) -> None:
    """Print the text letter-audit extracts from FILE, in reading order.

    Table cells are joined by " | "; headers and footers repeated on every page are left out.
    A file too short to be checked as a letter (LA113) is still printed, to show what was found.
    With --blocks, prints JSON: the source (format, pages, sha256, whether OCR was used), the
    headers and footers, and each block's kind, page, offsets, box, cells and text.
    """
    from ..ingest import read_letter

    max_bytes = int(max_mb * 1024 * 1024)
    letter = read_letter(file, max_bytes=max_bytes, timeout_s=timeout or None, ocr=not no_ocr, min_words=0)
    if not blocks:
        click.echo(letter.text)
        return
    out = {
        "source": letter.source.model_dump(),
        "furniture": letter.furniture,
        "blocks": [
            {
                "kind": b.kind,
                "page": b.page,
                "start": b.start,
                "end": b.end,
                "bbox": list(b.bbox) if b.bbox else None,
                "level": b.level,
                "cells": [letter.text[c.start : c.end] for c in b.cells] if b.cells else None,
                "text": letter.text[b.start : b.end],
            }
            for b in letter.blocks
        ],
    }
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))
