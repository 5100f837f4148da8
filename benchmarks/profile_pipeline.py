"""Where the time goes: ms per letter for each pipeline component, extract, judge and read.

    python benchmarks/profile_pipeline.py [FOLDER] [--repeat 5] [--fresh] [--as-batch] [--cpu]

Times, in one process and the same run, spaCy's blank tokenizer, every component of the pipeline,
``extract`` and ``judge`` over the .txt letters of FOLDER (default fixtures/letters/dev), and prints
ms per letter side by side (median of ``--repeat`` passes; ``--cpu`` times with the process's CPU
clock, which other jobs on a shared machine disturb less than the wall clock). ``--fresh`` builds
the pipeline from the data files instead of loading ``models/pipeline``. ``--as-batch`` times letters
the way a batch worker checks them: after the batch warm-up, each letter (read included) inside
spaCy's memory zone, with the report turned into JSON ("dump"). Not a test: run by hand, compare
ratios from one run.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "fixtures/letters/dev")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--as-batch", action="store_true", help="Warm up and use memory zones as batch does")
    parser.add_argument(
        "--cpu", action="store_true", help="Time with the process's CPU clock (steadier on a busy machine)"
    )
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.txt"))
    if not paths:
        print("no .txt letters found", file=sys.stderr)
        return 2

    import spacy

    from letter_audit import Letter, load_pipeline
    from letter_audit.checks import judge
    from letter_audit.extract import extract
    from letter_audit.ingest import read_letter
    from letter_audit.pipeline import build_pipeline
    from letter_audit.standard import load_standard

    blank = spacy.blank("en")
    nlp = build_pipeline() if args.fresh else load_pipeline()
    standard = load_standard()
    letters = [Letter.from_text(p.read_text(encoding="utf-8")) for p in paths]
    zone: Any = contextlib.nullcontext
    if args.as_batch:
        import letter_audit.batch as batch
        import letter_audit.pipeline as pipeline

        pipeline.load_pipeline = lambda *a, **k: nlp  # type: ignore[assignment]
        batch._warm_up(None)
        zone = nlp.memory_zone

    clock = time.process_time if args.cpu else time.perf_counter
    times: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        times.setdefault(name, []).append(seconds)

    for rep in range(args.repeat + 1):  # the first pass warms caches and is dropped
        cur: dict[str, float] = {}
        t0 = clock()
        for letter in letters:
            blank.make_doc(letter.text)
        cur["blank tokenizer"] = clock() - t0
        if not args.as_batch:
            t0 = clock()
            for path in paths:
                read_letter(path)
            cur["read"] = clock() - t0
        for path, letter in zip(paths, letters, strict=True):
            with zone():
                if args.as_batch:
                    t = clock()
                    letter = read_letter(path)
                    cur["read"] = cur.get("read", 0.0) + clock() - t
                t = clock()
                doc = nlp.make_doc(letter.text)
                doc._.letter = letter
                cur["make_doc"] = cur.get("make_doc", 0.0) + clock() - t
                for name, proc in nlp.pipeline:
                    t = clock()
                    doc = proc(doc)
                    cur[name] = cur.get(name, 0.0) + clock() - t
                t = clock()
                findings = extract(doc, letter)
                cur["extract"] = cur.get("extract", 0.0) + clock() - t
                t = clock()
                report = judge(letter, findings, standard)
                cur["judge"] = cur.get("judge", 0.0) + clock() - t
                if args.as_batch:
                    t = clock()
                    report.model_dump(mode="json")
                    cur["dump"] = cur.get("dump", 0.0) + clock() - t
        if rep:
            for name, seconds in cur.items():
                add(name, seconds)

    n = len(letters)
    med = {name: 1000 * statistics.median(v) / n for name, v in times.items()}
    blank_ms = med["blank tokenizer"]
    nlp_names = ["make_doc", *nlp.pipe_names, "extract"]
    print(f"letters: {n} (.txt), repeats: {args.repeat}, clock: {'CPU' if args.cpu else 'wall'}")
    print(f"{'step':<24}{'ms/letter':>10}{'x blank':>9}")
    extra = ["dump"] if args.as_batch else []
    for name in ["blank tokenizer", "read", *nlp_names, "judge", *extra]:
        print(f"{name:<24}{med[name]:>10.3f}{med[name] / blank_ms:>9.2f}")
    nlp_ms = sum(med[k] for k in nlp_names)
    print(f"{'NLP + extract':<24}{nlp_ms:>10.3f}{nlp_ms / blank_ms:>9.2f}")
    total = nlp_ms + med["judge"]
    print(f"{'NLP + extract + judge':<24}{total:>10.3f}{total / blank_ms:>9.2f}")
    if args.as_batch:
        whole = total + med["read"] + med["dump"]
        print(f"{'read to JSON (batch)':<24}{whole:>10.3f}{whole / blank_ms:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
