"""Dump, per dev letter, the rules' GP actions with the classifier OFF and exactly what ``la_requests`` would
hand its classifier (the blanked text, the sentence units, each unit's section id, the rule spans a unit must
not overlap, and whether a unit is vetoed), so ``reqmodel2_experiment.py`` can try classifiers without spaCy.

Unlike ``reqmodel_dump.py`` (written before the classifier shipped), this one captures the component's own
inputs by wrapping ``_add_proposals``, so "taken" and the vetoes are the shipped ones, not an emulation.

    PYTHONPATH=/tmp/rq9base/src LETTER_AUDIT_MODELS=/tmp/rq9base/models \
        python benchmarks/experiments/reqmodel2_dump.py OUT.jsonl [FIRST LAST | RANGES]

FIRST/LAST (numbers) limit the dump to dev_FIRST..dev_LAST; RANGES ("73-99,190-199") to those letters.
Only dev letters are read (never the test split).
"""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_right
from pathlib import Path
from typing import Any

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "letters" / "dev"
EXTS = (".pdf", ".docx", ".txt", ".html", ".htm", ".rtf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
_LIST = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●◦‣])\s*")


def main(out_path: str, first: int = 0, last: int = 10**6, ranges: str = "") -> None:
    from letter_audit.checks import judge
    from letter_audit.extract import extract
    from letter_audit.ingest import read_letter
    from letter_audit.pipeline import annotate, build_pipeline
    from letter_audit.standard import load_standard

    nlp = build_pipeline()
    std = load_standard()
    comp = nlp.get_pipe("la_requests")
    clf = comp.classifier
    assert clf is not None, "the classifier must be enabled in this rule version (its vetoes are read)"
    seen: dict[str, Any] = {}
    spans = [tuple(int(x) for x in r.split("-")) for r in ranges.split(",") if r]

    def capture(text, found, units, sections):  # type: ignore[no-untyped-def]
        bounds = sorted((start, end, lab) for start, (lab, _, end) in sections.items())
        starts = [a for a, _, _ in bounds]
        section_of = []
        for s, _ in units:
            i = bisect_right(starts, s) - 1
            section_of.append(bounds[i][2] if i >= 0 and s < bounds[i][1] else "")
        seen.update(text=text, taken=[(r.start, r.end) for r in found], units=list(units), secs=section_of)
        return found  # the classifier adds nothing: the dump holds the rules alone

    comp._add_proposals = capture
    with open(out_path, "w", encoding="utf-8") as out:
        for gold_path in sorted(DEV.glob("dev_*.gold.json")):
            stem = gold_path.name[: -len(".gold.json")]
            n = int(stem[4:7])
            if not first <= n <= last or (spans and not any(a <= n <= b for a, b in spans)):
                continue
            letter_path = next((p for e in EXTS if (p := gold_path.with_name(stem + e)).exists()), None)
            if letter_path is None:
                continue
            seen.clear()
            try:
                letter = read_letter(letter_path)
                doc = annotate(nlp, letter)
                report = judge(letter, extract(doc, letter), std)
            except Exception as exc:  # noqa: BLE001 - count, don't stop
                print(stem, "failed", type(exc).__name__, file=sys.stderr)
                continue
            text = seen["text"]
            units = []
            for (s, e), sec in zip(seen["units"], seen["secs"], strict=True):
                mark = _LIST.match(text[s:e].lower())
                body = text[s + (mark.end() if mark else 0) : e]
                units.append({"s": s, "e": e, "sec": sec, "veto": any(rx.search(body) for rx in clf.vetoes)})
            acts = [
                {"text": a.text, "category": a.category, "s": a.evidence.start, "e": a.evidence.end}
                for a in report.gp_actions
            ]
            rec = {"name": stem, "text": text, "units": units, "taken": seen["taken"], "actions": acts}
            if letter.text != text:
                rec["letter_text"] = letter.text
            out.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3:  # OUT RANGES
        main(sys.argv[1], ranges=sys.argv[2])
    else:
        main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
