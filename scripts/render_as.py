"""Render a split's letters in another format, golds beside them, to measure how much the format matters.

    python scripts/render_as.py txt /tmp/dev-as-txt            # every dev letter as plain text
    python scripts/render_as.py docx-tables /tmp/dt --split dev --only pdf   # the dev PDFs as a DOCX template
    letter-audit eval /tmp/dev-as-txt                          # then compare with the letters as written

A practice receives one trust's letter as DOCX, PDF, HTML, RTF or a plain-text export; what the checker
finds should not hang on which. Each source under ``fixtures/sources/<split>`` is rendered by
``build_fixtures.py`` with its ``format`` replaced, and its gold copied; the gold holds for every format,
since GP action texts match whitespace aside. A PDF's page footer (``footer:`` in the front matter) is page
furniture only PDFs have, so in other formats it opens the letter, as a letterhead line: a phone number
that lives only in the footer is still there to find, and no plan ends in it. Letters are rendered in two
processes.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_fixtures as bf  # noqa: E402  (the script folder is put on the path just above)

_PAGED = ("pdf", "pdf-table", "pdf-grid", "scan")


def render_one(path: Path, fmt: str, out: Path, gold_dir: Path, only: str | None) -> bool:
    """Render one source as ``fmt`` into ``out`` with its gold; False when ``only`` leaves it out."""
    src = bf.read_source(path)
    if only is not None and src.meta.format != only:
        return False
    footer = src.meta.footer
    src.meta.format = fmt
    if footer and fmt not in _PAGED:
        src.items.insert(0, bf.Item(kind="paragraph", lines=[footer]))
        src.body = f"{footer}\n\n{src.body}"  # the plain-text renderer writes the body as it is
    name, data = bf.render(src)
    (out / name).write_bytes(data)
    shutil.copyfile(gold_dir / f"{src.name}.gold.json", out / f"{src.name}.gold.json")
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("format", choices=sorted(bf.EXTENSIONS))
    ap.add_argument("out", type=Path, help="folder to write into (created)")
    ap.add_argument("--split", default="dev", help="fixtures split (default dev)")
    ap.add_argument("--only", help="only the letters written in this format")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    src_dir = ROOT / "fixtures" / "sources" / args.split
    gold_dir = ROOT / "fixtures" / "letters" / args.split
    if not src_dir.is_dir():
        print(f"render_as: no sources at {src_dir}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    work = partial(render_one, fmt=args.format, out=args.out, gold_dir=gold_dir, only=args.only)
    paths = sorted(src_dir.glob("*.txt"))
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        done = sum(pool.map(work, paths, chunksize=20))
    print(f"rendered {done} letters as {args.format} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
