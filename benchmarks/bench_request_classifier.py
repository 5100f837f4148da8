"""Time the request classifier's share of ``la_requests`` per letter (target: <= 0.4 ms/letter, idle machine).

    python benchmarks/bench_request_classifier.py [LETTER_DIR]   (default fixtures/letters/dev)

Annotates each letter once with the built pipeline and finds the rules' requests, then times
``_add_proposals`` alone (features, scoring, vetoes, category and timeframe of what it adds) over the
letter's own units, best of 5 runs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from letter_audit.ingest import read_letter
from letter_audit.pipeline import annotate, build_pipeline
from letter_audit.pipeline.sentences import ocr_letters

EXTS = {".pdf", ".docx", ".txt", ".html", ".htm", ".rtf"}


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "fixtures/letters/dev"
    nlp = build_pipeline()
    comp = nlp.get_pipe("la_requests")
    if comp.classifier is None:
        print("classifier is disabled in requests.yaml")
        return 1
    cases = []
    for path in sorted(p for p in root.iterdir() if p.suffix in EXTS):
        letter = read_letter(path)
        doc = annotate(nlp, letter)
        sections = {
            sp.start_char: (sp.label_, sp._.body_start if sp._.body_start is not None else -1, sp.end_char)
            for sp in doc.spans.get("sections", [])
        }
        text = ocr_letters(letter.text)
        found, _ = comp.finder.find(text, sections, doc._.sentence_spans)  # the rules' own requests
        cases.append((text, found, doc._.sentence_spans, sections))
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for text, found, units, sections in cases:
            comp._add_proposals(text, found, units, sections)
        best = min(best, time.perf_counter() - t0)
    print(f"{len(cases)} letters: {best / len(cases) * 1000:.3f} ms/letter (classifier step, best of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
