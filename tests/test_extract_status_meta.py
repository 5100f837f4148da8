"""extract.status and extract.meta: report records (with evidence) from the pipeline's verdicts."""

from __future__ import annotations

import datetime as dt

import pytest

from letter_audit.extract import extract
from letter_audit.extract.meta import meta_evidence
from letter_audit.letter import Letter
from letter_audit.pipeline import annotate, build_pipeline


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


CLINIC = """Department of Rheumatology
Clinic date: 3rd March 2026
Typed: 05-Mar-2026

Dear Dr Jones,
I saw Mrs Smith in clinic today. She has been off work for a month; we have given her a fit note for
2 weeks. I will review her in clinic with Dr Patel in 3 months.

Yours sincerely,
Dr K Rao, Consultant Rheumatologist
Rheumatology secretaries: rheum.secs@nhs.net
"""


def test_clinic_letter_findings(nlp) -> None:
    letter = Letter.from_text(CLINIC)
    f = extract(annotate(nlp, letter), letter)
    assert f.letter_type == "clinic_letter"
    assert f.dates.model_dump() == {"letter": dt.date(2026, 3, 5), "clinic": dt.date(2026, 3, 3),
                                    "admission": None, "discharge": None}
    assert (f.specialty, f.consultant, f.did_not_attend) == ("rheumatology", "Dr K Rao", False)
    assert f.fit_note.status == "issued"
    assert f.fit_note.evidence is not None and f.fit_note.evidence.rule == "fit-issued-we"
    fu = f.follow_up
    assert (fu.owner, fu.when, fu.with_whom) == ("hospital", "in 3 months", "Dr Patel")
    assert (f.contact_point.present, f.contact_point.detail) == (True, "rheum.secs@nhs.net")
    ev = f.contact_point.evidence
    assert ev is not None and CLINIC[ev.start : ev.end] == "rheum.secs@nhs.net"


def test_nothing_said_gives_defaults(nlp) -> None:
    letter = Letter.from_text("Dear Dr Jones,\nThank you.\n")
    f = extract(annotate(nlp, letter), letter)
    assert (f.letter_type, f.fit_note.status, f.follow_up.owner, f.contact_point.present) == (
        "other", "not_mentioned", "unclear", False,
    )
    assert f.fit_note.evidence is None and f.follow_up.evidence is None and f.contact_point.evidence is None


def test_dna_letter(nlp) -> None:
    text = (
        "Gastroenterology Outpatients\n18/06/2026\nDear Dr Jones,\nMr Khan did not attend his appointment "
        "on 16/06/2026. He has been discharged back to your care.\n"
    )
    letter = Letter.from_text(text)
    f = extract(annotate(nlp, letter), letter)
    assert (f.letter_type, f.did_not_attend, f.follow_up.owner) == ("clinic_letter", True, "none")
    assert (f.dates.letter, f.dates.clinic) == (dt.date(2026, 6, 18), dt.date(2026, 6, 16))
    assert f.specialty == "gastroenterology"


def test_birth_date_is_not_a_letter_date(nlp) -> None:
    letter = Letter.from_text("DISCHARGE SUMMARY\nDOB: 01/02/1950\nAdmitted: 02/03/2026\n")
    f = extract(annotate(nlp, letter), letter)
    assert (f.dates.letter, f.dates.admission) == (None, dt.date(2026, 3, 2))


def test_meta_evidence_lists_rules(nlp) -> None:
    letter = Letter.from_text(CLINIC)
    found = {kind: (value, ev.rule) for kind, value, ev in meta_evidence(annotate(nlp, letter), letter)}
    assert found["letter_type"][0] == "clinic_letter"
    assert found["dates.letter"] == ("2026-03-05", "date-letter-typed")
    assert found["specialty"][0] == "rheumatology"


@pytest.mark.parametrize(
    ("text", "field", "date"),
    [
        ("Clinic: Tuesday 09 December 2025\n", "clinic", dt.date(2025, 12, 9)),
        ("DISCHARGE SUMMARY\nAdmitted (informal): 03/02/2025\n", "admission", dt.date(2025, 2, 3)),
        ("ED DISCHARGE LETTER\nAttendance: 23/06/2025   Left department: 24/06/2025\n", "discharge",
         dt.date(2025, 6, 24)),
        ("DAY CASE DISCHARGE\nProcedure date: 14/10/2025 (discharged the same evening)\n", "discharge",
         dt.date(2025, 10, 14)),
        ("Seen: glaucoma clinic, 08 January 2026\n", "clinic", dt.date(2026, 1, 8)),
        ("Patient: | Jo Bloggs\nBorn Date: | 20 June 1989\nDischarge Date: | 21 June 2019\n", "letter", None),
    ],
)
def test_date_labels(nlp, text: str, field: str, date: dt.date | None) -> None:
    letter = Letter.from_text(text)
    f = extract(annotate(nlp, letter), letter)
    assert getattr(f.dates, field) == date


def test_ocr_zeros_do_not_hide_a_fit_note(nlp) -> None:
    letter = Letter.from_text("W0RK: SHE IS A TEACHER. STATEMENT 0F FITNESS F0R W0RK ISSUED F0R 2 WEEKS.\n")
    f = extract(annotate(nlp, letter), letter)
    assert f.fit_note.status == "issued"
    assert f.fit_note.evidence is not None and "F0R W0RK ISSUED" in f.fit_note.evidence.text


def test_a_ward_telephone_line_is_not_the_team(nlp) -> None:
    """Regression: "Ward: 01632 960750" gave the team as a phone number in the audit report."""
    text = "Discharge summary\nWard: 01632 960750\nStroke Unit team\nDear Dr Jones,\n"
    letter = Letter.from_text(text)
    f = extract(annotate(nlp, letter), letter)
    assert f.team == "Stroke Unit"
