"""Build the shipped spaCy pipeline from the data files under models/ and save it to models/pipeline.

Run after changing any rule, lexicon or heading file:  python scripts/build_pipeline.py

It also writes models/pipeline/regex_code.bin (see letter_audit/rxcache.py): the engine code of every
regular expression compiled while the saved pipeline loads and a sample of dev letters is audited, so a
new process need not compile them again. That step runs in a new process, where nothing is compiled yet.
The same step writes models/pipeline/gate_analysis.bin (see letter_audit/pipeline/rxmemo.py): the
literal analysis of every rule gate and scanner's pattern, recorded while those letters and the batch
warm-up letters are audited and then every gate and scanner made so far is built.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from letter_audit.paths import models_dir
from letter_audit.pipeline import build_pipeline, save_pipeline

ROOT = Path(__file__).resolve().parent.parent
WARM_LETTERS = ROOT / "fixtures/letters/dev"
WARM_COUNT = 48  # enough for every kind of letter and reader; each audit adds about 0.1 s here


def record_regex_cache(out: Path) -> tuple[int, int]:
    """In this (new) process: load the saved pipeline at ``out``, audit some letters, save the
    compiled patterns and the gates' pattern analyses to ``out``; how many of each were saved."""
    from letter_audit import rxcache

    with rxcache.recording() as entries:
        from letter_audit import audit
        from letter_audit.errors import LetterAuditError
        from letter_audit.pipeline import load_pipeline, rxmemo
        from letter_audit.render.text import render_text
        from letter_audit.standard import load_standard

        with rxmemo.recording() as analyses:
            nlp = load_pipeline(str(out))
            standard = load_standard()
            letters = sorted(p for p in WARM_LETTERS.glob("*") if not p.name.endswith(".json"))
            for path in letters[:WARM_COUNT]:
                try:
                    render_text(audit(path, standard=standard, nlp=nlp))
                except LetterAuditError:
                    continue
    # Outside the regex recording, so regex_code.bin holds what a check compiles, as before: gates
    # made only by the warm-up letters, then every gate and scanner, used or not.
    with rxmemo.recording(analyses):
        record_all_gates(nlp, standard)
    rxcache.save(out / rxcache.FILE_NAME, entries)
    rxmemo.save(out / rxmemo.FILE_NAME, analyses)
    return len(entries), len(analyses)


def record_all_gates(nlp: object, standard: object) -> int:
    """Audit the batch warm-up letters (``batch_warmup``), then build every gate and scanner not yet
    built; how many were built. Run inside ``rxmemo.recording()`` to record their analyses."""
    from letter_audit import audit
    from letter_audit.batch_warmup import WARM_UP_LETTERS
    from letter_audit.errors import LetterAuditError
    from letter_audit.ingest import read_bytes
    from letter_audit.pipeline import rxfilter

    for name, text in WARM_UP_LETTERS:
        try:
            audit(read_bytes(text.encode("utf-8"), name), standard=standard, nlp=nlp)  # type: ignore[arg-type]
        except LetterAuditError:
            continue
    return rxfilter.build_pending(used_only=False)


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "--regex-cache-only":
        count, analyses = record_regex_cache(Path(argv[2]))
        print(f"saved the code of {count} regular expressions to {Path(argv[2]) / 'regex_code.bin'}")
        print(f"saved {analyses} gate pattern analyses to {Path(argv[2]) / 'gate_analysis.bin'}")
        return 0
    out = Path(argv[1]) if len(argv) > 1 else models_dir() / "pipeline"
    nlp = build_pipeline()
    if out.exists():
        shutil.rmtree(out)
    save_pipeline(nlp, out)
    print(f"saved pipeline {nlp.pipe_names} to {out}")
    done = subprocess.run([sys.executable, __file__, "--regex-cache-only", str(out)], check=False)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
