"""Snapshot every dev letter's report, or compare against a snapshot (guard for speed work).

    python benchmarks/snapshot_reports.py save OUT_DIR
    python benchmarks/snapshot_reports.py compare OUT_DIR

Runs ``audit()`` on every letter in fixtures/letters/dev (all formats) with a pipeline built fresh from
the data files, and writes or compares ``report.model_dump_json()`` per letter byte for byte. A speed
change must leave every report identical; this is how we know it did. Not a test: run by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "fixtures/letters/dev"


def _letters() -> list[Path]:
    return sorted(p for p in DEV.iterdir() if p.is_file() and not p.name.endswith(".json"))


def _report(path: Path, nlp: object) -> str:
    from letter_audit import audit
    from letter_audit.errors import LetterAuditError

    try:
        return audit(path, nlp=nlp).model_dump_json()  # type: ignore[arg-type]
    except LetterAuditError as exc:
        return "ERROR " + exc.one_line()


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, out = sys.argv[1], Path(sys.argv[2])
    from letter_audit.pipeline import build_pipeline

    nlp = build_pipeline()
    out.mkdir(parents=True, exist_ok=True)
    differ = 0
    letters = _letters()
    for path in letters:
        text = _report(path, nlp)
        snap = out / (path.name + ".json")
        if mode == "save":
            snap.write_text(text, encoding="utf-8")
        elif not snap.exists() or snap.read_text(encoding="utf-8") != text:
            differ += 1
            (out / (path.name + ".new.json")).write_text(text, encoding="utf-8")
            print(f"DIFFERS: {path.name}")
    print(f"{mode}: {len(letters)} letters, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
