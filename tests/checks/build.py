"""Hand-made letters and findings for check tests (extraction is tested elsewhere)."""

from __future__ import annotations

import re
from typing import Any

from letter_audit.checks import judge
from letter_audit.extract.evidence import evidence
from letter_audit.letter import Letter
from letter_audit.report import CriterionResult, Evidence, Findings, GpAction, Report
from letter_audit.standard import Standard, load_standard

STANDARD = load_standard()


def ev(letter: Letter, snippet: str) -> Evidence:
    """Evidence for the first place ``snippet`` occurs in the letter (whitespace-insensitive)."""
    match = re.search(r"\s+".join(re.escape(w) for w in snippet.split()), letter.text)
    assert match is not None, f"{snippet!r} not in letter"
    return evidence(letter, match.start(), match.end())


def report(text: str, standard: Standard | None = None, **findings: Any) -> Report:
    letter = Letter.from_text(text, path="letter.txt")
    resolved = {k: (v(letter) if callable(v) else v) for k, v in findings.items()}
    return judge(letter, Findings(**resolved), standard or STANDARD)


def clinic_flags(text: str, request: str, category: str, **fields: Any) -> tuple[bool, str | None]:
    """The (inappropriate, rule) the checks give ``request`` (a GpAction with ``fields``) in a clinic letter
    whose text is ``text``."""

    def make(letter: Letter) -> list[GpAction]:
        return [GpAction(text=request, evidence=ev(letter, request), category=category, **fields)]

    rep = report(text + "\n", letter_type="clinic_letter", gp_actions=make)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


def result(criterion_id: str, text: str, **findings: Any) -> CriterionResult:
    """The one criterion's result for a letter. Findings values may be callables taking the letter."""
    found = [c for c in report(text, **findings).criteria if c.id == criterion_id]
    assert len(found) == 1
    return found[0]


SAMPLE = """Northgate Valley Hospitals - Respiratory Medicine
Discharge summary
Date of discharge: 03/03/2026
Consultant: Dr A Patel
Diagnosis: Community-acquired pneumonia
Clinical summary
Admitted with cough and fever. Treated with antibiotics.
Allergies: No known drug allergies
Medications on discharge
Amoxicillin 500 mg TDS for 5 days
Apixaban 5 mg BD
Actions for GP
Please check U&E in 1 week as ramipril withheld.
Please record COPD on the register.
Please refer to dermatology for the mole.
Please let us know the result of the chest x-ray.
Fit note: please provide a fit note for 2 weeks.
Contact: Respiratory team 01234 567890
Yours sincerely
Dr B Jones, FY1
"""


def sample_report() -> Report:
    """A discharge summary with every kind of triage line, for golden-file tests."""
    import datetime as dt

    from letter_audit.report import ContactPoint, Dates, FitNote, FollowUp, GpAction, MedicationChange

    def act(letter: Letter, text: str, category: str, timeframe: str | None = None) -> GpAction:
        return GpAction(text=text, category=category, timeframe=timeframe, evidence=ev(letter, text))  # type: ignore[arg-type]

    return report(
        SAMPLE,
        letter_type="discharge_summary",
        dates=Dates(letter=dt.date(2026, 3, 4), discharge=dt.date(2026, 3, 3)),
        specialty="respiratory medicine",
        consultant="Dr A Patel",
        team="Respiratory team",
        medication_changes=lambda L: [
            MedicationChange(
                drug="amoxicillin",
                action="start",
                dose_after="500 mg TDS",
                reason="pneumonia",
                duration="5 days",
                evidence=ev(L, "Amoxicillin 500 mg TDS for 5 days"),
            ),
            MedicationChange(drug="ramipril", action="withhold", evidence=ev(L, "ramipril withheld")),
        ],
        gp_actions=lambda L: [
            act(L, "Please record COPD on the register.", "other"),
            act(L, "Please check U&E in 1 week as ramipril withheld.", "monitoring", "in 1 week"),
            act(L, "Please refer to dermatology for the mole.", "referral"),
            act(L, "Please let us know the result of the chest x-ray.", "results"),
            act(L, "please provide a fit note for 2 weeks.", "fit_note"),
        ],
        fit_note=lambda L: FitNote(status="requested_from_gp", evidence=ev(L, "please provide a fit note")),
        follow_up=FollowUp(owner="unclear"),
        contact_point=lambda L: ContactPoint(
            present=True, detail="01234 567890", evidence=ev(L, "Contact: Respiratory team 01234 567890")
        ),
        sections=["diagnoses", "clinical_summary", "allergies", "medications_discharge", "gp_actions"],
    )
