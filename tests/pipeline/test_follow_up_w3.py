"""Follow-up owner: wordings a third round-21 writer used that the rules missed (its odd-numbered passages,
the even ones kept back), each beside a look-alike that must keep its owner. The sentences are written for
these tests. The did-not-attend letters name the appointment that was missed, which is history, not a plan;
an outcome form answers its fields with a ticked box; a letter to the patient says no check is needed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from test_follow_up_probes import CLINIC, DISCHARGE

from letter_audit.letter import Letter

CASES = [
    (
        "none",
        CLINIC,
        "Mrs Example did not attend her cardiology appointment on 3 October and, as she has missed two, "
        "she has been discharged back to your care.",
    ),
    (
        "none",
        CLINIC,
        "She missed her rheumatology review in September; in line with our policy we have discharged "
        "her to your care.",
    ),
    # look-alike: a new appointment after the missed one is still the hospital's
    (
        "hospital",
        CLINIC,
        "She did not attend her cardiology appointment in October; we will see her in clinic in "
        "December instead.",
    ),
    ("none", CLINIC, "Attended: [x] Yes [ ] No\nFurther appointment offered: [ ] Yes [x] No"),
    ("none", CLINIC, "Outcome form\nDischarged: [x] Yes [ ] No"),
    # look-alike: the boxes ticked the other way say nothing of who follows up
    (
        "unclear",
        CLINIC,
        "Attended: [x] Yes [ ] No\nFurther appointment offered: [x] Yes [ ] No\nDischarged: [ ] Yes [x] No",
    ),
    (
        "none",
        CLINIC,
        "You do not need a check-up in the fracture clinic, as the plaster can come off at home.",
    ),
    ("none", DISCHARGE, "You won't need a routine check at the hospital afterwards."),
    # look-alike: a check that is not a visit to the team
    ("unclear", DISCHARGE, "You do not need a check of your blood pressure before the next dose."),
]


@pytest.mark.parametrize(("owner", "shell", "plan"), CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_follow_up_owner(
    owner: str, shell: str, plan: str, status_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> None:
    fu = run(status_nlp, shell.format(plan=plan))._.follow_up
    assert (fu["owner"] if fu else "unclear") == owner
