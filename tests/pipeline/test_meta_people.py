"""la_meta's consultant and team: the letter's author's side, not its recipients."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter


def _people(
    nlp: Language, run: Callable[[Language, str | Letter], Doc], text: str
) -> tuple[str | None, str | None]:
    meta = run(nlp, text)._.meta
    return (
        meta["consultant"]["value"] if meta["consultant"] else None,
        meta["team"]["value"] if meta["team"] else None,
    )


def test_team_on_a_recipient_line_is_not_the_senders(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    text = (
        "Discharge summary\nPlan: monitor BP.\n"
        "Primary recipients | Dr A Brown, GP\nSister A Jones - Nurse Practitioner, Community COPD Team\n"
    )
    assert _people(meta_nlp, run, text)[1] is None
    assert _people(meta_nlp, run, "cc: Heart Failure Team\n")[1] is None


def test_team_named_by_the_sender_is_kept(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    text = "Discharge summary\nFrom the Acute Frailty Team\ncc: patient\nTeam: Ward 7B\n"
    assert _people(meta_nlp, run, text)[1] == "Acute Frailty"


def test_labelled_line_under_a_recipient_line_is_not_a_continuation(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    text = "Clinic letter\ncc: patient\nTeam: Stroke Unit\n"
    assert _people(meta_nlp, run, text)[1] == "Stroke Unit"


def test_consultant_with_run_together_initials(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    assert _people(meta_nlp, run, "Seen by | Dr H.H. Crippen\n")[0] == "Dr H.H. Crippen"


def test_consultant_copied_in_is_not_responsible(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    text = "Clinic letter\nConsultant: Dr P Shah\ncc: Dr R Mole, Consultant Cardiologist\n"
    assert _people(meta_nlp, run, text)[0] == "Dr P Shah"
    assert _people(meta_nlp, run, "Clinic letter\ncc: Dr R Mole, Consultant Cardiologist\n")[0] is None


def test_responsible_healthcare_professional_is_the_responsible_clinician(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    # The PRSB outpatient letter's own label for the responsible clinician.
    text = (
        "Attendance details\nResponsible Healthcare professional | Dr. Gerald McManus\n"
        "Seen by | Susan Blight\n"
    )
    assert _people(meta_nlp, run, text)[0] == "Dr. Gerald McManus"


def test_consultant_on_a_distribution_line_is_a_reader(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    assert _people(meta_nlp, run, "Plan: home.\nDistribute to: Dr A Khan, consultant\n")[0] is None
