"""Save the whole pipeline with ``nlp.to_disk`` and load it back with ``spacy.load``: same findings,
and the saved copy carries its own rule files (no repo needed)."""

from __future__ import annotations

from pathlib import Path

import spacy

from letter_audit.extract import extract
from letter_audit.letter import Letter
from letter_audit.pipeline import PIPE_NAMES, annotate, build_pipeline

LETTER = """Department of Cardiology
DISCHARGE SUMMARY
Date of admission: 10/03/2026   Date of discharge: 14/03/2026
Consultant: Dr A Khan

Diagnosis: Heart failure with reduced ejection fraction

Medication changes
Ramipril 2.5 mg OD - started
Amlodipine 5 mg OD - stopped

Actions for GP
1. Please repeat U&E in 1 week and refer to the dietitian.

Follow up: heart failure clinic in 6 weeks.
Fit note: not required (retired).
Queries: heart failure nurses 01632 960 555
"""


def test_save_and_reload_gives_the_same_findings(tmp_path: Path) -> None:
    built = build_pipeline()
    built.to_disk(tmp_path / "pipeline")
    for name in ("la_sections", "la_requests", "la_status", "la_meta"):
        assert any((tmp_path / "pipeline" / name).iterdir()), f"{name} saved no rule file"
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == PIPE_NAMES

    letter = Letter.from_text(LETTER)
    before = extract(annotate(built, letter), letter)
    after = extract(annotate(loaded, letter), letter)
    assert after == before
    assert [(a.text, a.category, a.timeframe) for a in after.gp_actions] == [
        ("Please repeat U&E in 1 week", "monitoring", "in 1 week"),
        ("refer to the dietitian", "referral", None),
    ]
    assert (after.letter_type, after.specialty) == ("discharge_summary", "cardiology")
    assert after.consultant == "Dr A Khan"
    assert (after.fit_note.status, after.follow_up.owner, after.contact_point.present) == (
        "not_needed", "hospital", True,
    )
    assert {"diagnoses", "medication_changes", "gp_actions", "follow_up", "fit_note", "contact"} <= set(
        after.sections
    )
