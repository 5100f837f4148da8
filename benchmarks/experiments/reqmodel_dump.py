"""Dump, for every dev letter, the rule pipeline's GP actions and the letter's sentence units (with the
section each sits under), so the classifier experiment (``reqmodel_experiment.py``) runs without spaCy.

Run with whichever code and models you want the *rules* from, e.g. the tree at cdfe47d:
    PYTHONPATH=/tmp/rqbase/src LETTER_AUDIT_MODELS=/tmp/rqbase/models python reqmodel_dump.py OUT.jsonl
Only dev letters are read (never the test split).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "letters" / "dev"
EXTS = (".pdf", ".docx", ".txt", ".html", ".htm", ".rtf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def main(out_path: str) -> None:
    from letter_audit.checks import judge
    from letter_audit.extract import extract
    from letter_audit.ingest import read_letter
    from letter_audit.pipeline import annotate, build_pipeline
    from letter_audit.pipeline.sentences import sentence_spans
    from letter_audit.standard import load_standard

    nlp = build_pipeline()
    std = load_standard()
    with open(out_path, "w", encoding="utf-8") as out:
        for gold_path in sorted(DEV.glob("dev_*.gold.json")):
            stem = gold_path.name[: -len(".gold.json")]
            letter_path = next((p for e in EXTS if (p := gold_path.with_name(stem + e)).exists()), None)
            if letter_path is None:
                continue
            try:
                letter = read_letter(letter_path)
                doc = annotate(nlp, letter)
                report = judge(letter, extract(doc, letter), std)
            except Exception as exc:  # noqa: BLE001 - count, don't stop
                print(stem, "failed", type(exc).__name__, file=sys.stderr)
                continue
            text = letter.text
            secs = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get("sections", [])]
            units = []
            spans = doc._.sentence_spans or sentence_spans(text)
            for s, e in spans:
                label = next((lab for a, b, lab in secs if a <= s < b), "")
                units.append({"s": s, "e": e, "sec": label})
            rule = [(sp.start_char, sp.end_char) for sp in doc.spans.get("gp_actions", [])]
            acts = [
                {"text": a.text, "category": a.category, "s": a.evidence.start, "e": a.evidence.end}
                for a in report.gp_actions
            ]
            out.write(json.dumps({"name": stem, "text": text, "units": units, "rule_spans": rule,
                                  "actions": acts}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
