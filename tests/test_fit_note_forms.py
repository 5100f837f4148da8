"""Fit-note asks written on a form's line or after a dash, end to end (round 21, from the blind probes).

"Fit note issued: No" says none was issued, not that none is needed, so the ask after it on the same line
("- GP to provide fit note for 8 weeks") is the practice's, and the letter asks the practice for one. An
ask that says the ward did not issue one ("Fit note for 4 weeks please - not issued on the ward") is an
ask, not a statement that the ward did. Each has a look-alike that must keep its reading.
"""

from __future__ import annotations

from typing import Any

import pytest

from letter_audit import audit
from letter_audit.letter import Letter

SHELL = """DISCHARGE SUMMARY
Ward 7, Riverside General Hospital
Admitted: 03/11/2026 Discharged: 07/11/2026
Summary
Left hip replacement, uncomplicated.
{body}
Dr C Smith, FY1
"""


@pytest.fixture(scope="module")
def nlp() -> Any:
    from letter_audit.pipeline import build_pipeline

    return build_pipeline()


def _read(nlp: Any, body: str) -> tuple[list[tuple[str, str]], str]:
    report = audit(Letter.from_text(SHELL.format(body=body)), nlp=nlp)
    return [(a.text, a.category) for a in report.gp_actions], report.fit_note.status


@pytest.mark.parametrize(
    ("body", "actions", "status"),
    [
        (
            "Checklist\nFit note issued: [ ] Yes [x] No - GP to provide fit note for 6 weeks (joiner)",
            [("GP to provide fit note for 6 weeks (joiner)", "fit_note")],
            "requested_from_gp",
        ),
        ("Discharge checklist\nFit note issued: No", [], "not_mentioned"),
        # look-alikes: a field asking whether one is needed, answered no; one issued
        ("Discharge checklist\nFit note required: No", [], "not_needed"),
        ("Discharge checklist\nFit note issued: Yes - 2 weeks", [], "issued"),
        (
            "GP actions:\n1. Fit note for 6 weeks please - not issued on the ward",
            [("Fit note for 6 weeks please - not issued on the ward", "fit_note")],
            "requested_from_gp",
        ),
        # look-alike: issued on the ward, so nothing is asked
        ("GP actions:\n1. Fit note for 6 weeks - issued on the ward", [], "issued"),
    ],
)
def test_fit_note_form_lines(nlp: Any, body: str, actions: list[tuple[str, str]], status: str) -> None:
    assert _read(nlp, body) == (actions, status)
