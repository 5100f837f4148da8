"""Write models/lexicons/common_chunks.txt: the pieces of text (runs between spaces) that many dev
letters share, which a batch run tokenizes once before it forks its workers.

Why: batch workers check each letter inside spaCy's memory zone, where the tokenizer neither keeps nor
caches a chunk it has not met before, so "daily.", "(rash)" or "Discharged:" were split again in every
letter. Chunks met once outside the zone stay cached for every letter after. The list is a cache and
changes no result; it is built from the project's own invented dev letters, keeping chunks found in at
least ``--min-letters`` of them and leaving out those with three or more digits (dates, phone numbers
and hospital numbers, which differ from letter to letter).

    python scripts/build_common_chunks.py [--min-letters 3]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "sources" / "dev"
OUT = ROOT / "models" / "lexicons" / "common_chunks.txt"
_DIGITS = re.compile(r"(?:\D*\d){3}")


def common_chunks(texts: list[str], min_letters: int) -> list[str]:
    """Chunks (split on whitespace) found in at least ``min_letters`` of ``texts``, sorted."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(set(text.split()))
    return sorted(c for c, n in seen.items() if n >= min_letters and not _DIGITS.match(c))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-letters", type=int, default=3)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
    chunks = common_chunks(texts, args.min_letters)
    header = (
        "# Text chunks common to the project's invented dev letters, tokenized once before a batch\n"
        "# forks its workers (a cache: see scripts/build_common_chunks.py). One per line.\n"
    )
    OUT.write_text(header + "\n".join(chunks) + "\n", encoding="utf-8")
    print(f"{len(chunks)} chunks from {len(texts)} letters -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
