"""NLP step throughput against spaCy's blank tokenizer on the same texts (issue 4 benchmark).

    python benchmarks/bench_nlp.py [FOLDER ...] [--repeat 5]

Reads every .txt letter under the folders (default: fixtures/letters/dev and, when present, a generated
benchmark corpus in benchmarks/corpus), then times, side by side in one process on one core:
  blank  spacy.blank("en").make_doc(text) for every letter
  nlp    letter_audit's pipeline (annotate) plus extraction of findings, from already-read letters
and prints letters/s for each and the ratio nlp/blank. Target: ratio <= 3. Not a test: run by hand.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _texts(folders: list[Path]) -> list[str]:
    texts = []
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folders = args.folders or [ROOT / "fixtures/letters/dev"]
    if not args.folders and (ROOT / "benchmarks/corpus").is_dir():
        folders.append(ROOT / "benchmarks/corpus")
    texts = _texts(folders)
    if not texts:
        print("no .txt letters found", file=sys.stderr)
        return 2

    import spacy

    from letter_audit import Letter, load_pipeline
    from letter_audit.extract import extract
    from letter_audit.pipeline import annotate

    blank = spacy.blank("en")
    nlp = load_pipeline()
    letters = [Letter.from_text(t) for t in texts]
    for letter in letters[:20]:  # warm caches on both sides
        blank.make_doc(letter.text)
        extract(annotate(nlp, letter), letter)

    blank_times, nlp_times = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for letter in letters:
            blank.make_doc(letter.text)
        t1 = time.perf_counter()
        for letter in letters:
            extract(annotate(nlp, letter), letter)
        t2 = time.perf_counter()
        blank_times.append(t1 - t0)
        nlp_times.append(t2 - t1)

    n = len(letters)
    kb = statistics.mean(len(t.encode("utf-8")) for t in texts) / 1024
    b, p = statistics.median(blank_times), statistics.median(nlp_times)
    print(f"letters: {n} (.txt, mean {kb:.1f} KB), repeats: {args.repeat}, pipeline: {nlp.pipe_names}")
    print(f"{'step':<32}{'letters/s per core':>20}{'ms/letter':>12}")
    print(f"{'spaCy blank tokenizer':<32}{n / b:>20.0f}{1000 * b / n:>12.2f}")
    print(f"{'letter-audit NLP + extract':<32}{n / p:>20.0f}{1000 * p / n:>12.2f}")
    print(f"ratio (letter-audit / blank): {p / b:.2f}  (target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
