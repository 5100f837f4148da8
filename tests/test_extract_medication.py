"""extract.medication: pipeline dicts become MedicationChange records with evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from letter_audit.extract.medication import changes
from letter_audit.letter import Letter
from letter_audit.paths import models_dir
from letter_audit.pipeline import _register, annotate

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _nlp() -> spacy.language.Language:
    _register()
    nlp = spacy.blank("en")
    for name in MEDS:
        nlp.add_pipe(name).load_data(models_dir())
    return nlp


def test_evidence_points_into_the_letter() -> None:
    text = "Plan:\nI have increased his bisoprolol from 2.5 mg to 5 mg.\n"
    letter = Letter.from_text(text)
    [change] = changes(annotate(_nlp(), letter), letter)
    assert (change.drug, change.action, change.dose_before, change.dose_after) == (
        "bisoprolol",
        "increase",
        "2.5 mg",
        "5 mg",
    )
    ev = change.evidence
    assert text[ev.start : ev.end] == ev.text == "increased his bisoprolol from 2.5 mg to 5 mg"
    assert (ev.page, ev.rule) == (1, "increase_increased")


def test_same_change_stated_twice_is_reported_once() -> None:
    text = "We started amlodipine for her blood pressure.\nTTO:\nAmlodipine 5 mg OD - new\n"
    letter = Letter.from_text(text)
    got = changes(annotate(_nlp(), letter), letter)
    assert [(c.drug, c.action, c.evidence.start) for c in got] == [("amlodipine", "start", 3)]


def test_two_products_of_one_drug_at_different_doses_are_two_changes() -> None:
    text = "Zomorph 10 mg twice daily - started.\nOramorph 2.5 mg every 2 hours as needed - started.\n"
    letter = Letter.from_text(text)
    got = changes(annotate(_nlp(), letter), letter)
    assert [(c.drug, c.brand, c.dose_after) for c in got] == [
        ("morphine", "Zomorph", "10 mg"),
        ("morphine", "Oramorph", "2.5 mg"),
    ]


def test_a_doc_without_the_components_gives_no_changes() -> None:
    letter = Letter.from_text("Ramipril stopped.")
    doc: Doc = spacy.blank("en")(letter.text)
    assert changes(doc, letter) == []


@pytest.mark.slow
def test_prsb_worked_example() -> None:
    """The PRSB eDischarge example: three starts, amlodipine up, beclometasone stopped."""
    path = Path("/work/shared/real-letters/prsb_edischarge_example_robert_smith.pdf")
    if not path.is_file():
        pytest.skip("real-letter examples not present")
    from letter_audit.ingest import read_letter

    letter = read_letter(path)
    got = [(c.drug, c.action) for c in changes(annotate(_nlp(), letter), letter)]
    assert got == [
        ("budesonide with formoterol", "start"),
        ("prednisolone", "start"),
        ("doxycycline", "start"),
        ("amlodipine", "increase"),
        ("beclometasone", "stop"),
    ]


def test_increased_drug_named_again_without_a_dose_is_not_also_started() -> None:
    text = (
        "Omeprazole increased to 40 mg BD for 8 weeks.\n"
        "H. pylori eradication: amoxicillin 1 g BD, clarithromycin 500 mg BD and omeprazole for 7 days, "
        "prescription given today.\n"
    )
    letter = Letter.from_text(text)
    got = [(c.drug, c.action) for c in changes(annotate(_nlp(), letter), letter)]
    assert got == [("omeprazole", "increase"), ("amoxicillin", "start"), ("clarithromycin", "start")]


def test_stopped_and_withheld_is_withheld() -> None:
    text = (
        "Empagliflozin was stopped.\nMedicines:\nEmpagliflozin 10 mg OD: omit until creatinine below 130.\n"
    )
    letter = Letter.from_text(text)
    got = [(c.drug, c.action) for c in changes(annotate(_nlp(), letter), letter)]
    assert got == [("empagliflozin", "withhold")]


def test_a_bridge_started_and_switched_in_one_sentence_is_no_change() -> None:
    from letter_audit.extract.medication import _begun_and_ended

    text = "Given dalteparin then switched to edoxaban on day 3.\nDalteparin restarted at home later."
    raw = [
        {"drug": "dalteparin", "action": "start", "start": 0, "end": 16},
        {"drug": "dalteparin", "action": "stop", "start": 6, "end": 30},
        {"drug": "edoxaban", "action": "start", "start": 22, "end": 42},
        {"drug": "dalteparin", "action": "start", "start": 53, "end": 73},
    ]
    kept = [(c["drug"], c["start"]) for c in _begun_and_ended(raw, text)]
    assert kept == [("edoxaban", 22), ("dalteparin", 53)]
