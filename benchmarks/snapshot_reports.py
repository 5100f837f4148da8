"""Snapshot every dev letter's report, or compare against a snapshot (guard for speed work).

    python benchmarks/snapshot_reports.py save OUT_DIR [--batch] [--also FOLDER ...]
    python benchmarks/snapshot_reports.py compare OUT_DIR [--batch] [--also FOLDER ...] [--dev DIR]
        [--pipeline SAVED_DIR]

Runs ``audit()`` on every letter in fixtures/letters/dev (all formats) with a pipeline built fresh from
the data files (or loaded from ``--pipeline``, to check a saved one), and writes or compares
``report.model_dump_json()`` per letter byte for byte. A speed change must leave every report
identical; this is how we know it did. ``--batch`` checks the same letters through
``batch.run_batch`` with two workers instead (warm-up, memory zones, worker processes), saving each
result as sorted JSON. ``--also`` adds the letters in other folders (e.g. a generated corpus or
/work/shared/real-letters). Reports name each letter's path, so a snapshot and its comparison must
read the same folders (``--dev`` when they run from two checkouts). Not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures/letters/dev"


def _letters(folders: list[Path]) -> list[Path]:
    from letter_audit.batch import discover

    found: list[Path] = []
    for folder in folders:
        found.extend(discover(folder))
    return found


def _key(path: Path) -> str:
    return f"{path.parent.name}__{path.name}"


def _report(path: Path, nlp: object) -> str:
    from letter_audit import audit
    from letter_audit.errors import LetterAuditError

    try:
        return audit(path, nlp=nlp).model_dump_json()  # type: ignore[arg-type]
    except LetterAuditError as exc:
        return "ERROR " + exc.one_line()


def _batch_reports(letters: list[Path], nlp: object) -> dict[str, str]:
    import letter_audit.pipeline as pipeline
    from letter_audit.batch import run_batch

    pipeline.load_pipeline = lambda *a, **k: nlp  # type: ignore[assignment]
    by_path = {str(p): p for p in letters}
    out: dict[str, str] = {}
    for event in run_batch(letters, jobs=2):
        out[_key(by_path[event.path])] = json.dumps(event.result, sort_keys=True)
    return out


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("mode", choices=["save", "compare"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--batch", action="store_true", help="Check the letters through run_batch")
    parser.add_argument("--also", type=Path, nargs="*", default=[], help="More folders of letters")
    parser.add_argument("--dev", type=Path, default=DEV, help="The dev letters (reports name their path)")
    parser.add_argument("--pipeline", type=Path, help="Load this saved pipeline instead of building one")
    args = parser.parse_args()
    from letter_audit.pipeline import build_pipeline, load_pipeline

    nlp = load_pipeline(str(args.pipeline)) if args.pipeline else build_pipeline()
    letters = _letters([args.dev, *args.also])
    if args.batch:
        reports = _batch_reports(letters, nlp)
    else:
        reports = {_key(p): _report(p, nlp) for p in letters}
    args.out.mkdir(parents=True, exist_ok=True)
    differ = 0
    for name, text in sorted(reports.items()):
        snap = args.out / (name + ".json")
        if args.mode == "save":
            snap.write_text(text, encoding="utf-8")
        elif not snap.exists() or snap.read_text(encoding="utf-8") != text:
            differ += 1
            (args.out / (name + ".new.json")).write_text(text, encoding="utf-8")
            print(f"DIFFERS: {name}")
    print(f"{args.mode}: {len(reports)} letters, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
