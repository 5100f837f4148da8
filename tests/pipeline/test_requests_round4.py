"""la_requests round 4: request families first met in letters by new writers (dev_7NN tertiary and
community services, dev_8NN EPR exports and devolved-nation trusts), each written here in new words."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


def found(nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(nlp, text)
    return [(s.text, s._.request_category) for s in doc.spans["gp_actions"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a condition with a comma inside it still opens the request after it
        (
            "If the platelets drop below 50, or he has nosebleeds, please refer him to haematology.",
            [
                (
                    "If the platelets drop below 50, or he has nosebleeds, please refer him to haematology",
                    "referral",
                )
            ],
        ),
        # a fact after a semicolon is not a second request
        (
            "Please check her TSH every 6 months; a TSH above 10 would be a reason to restart treatment.",
            [("Please check her TSH every 6 months", "monitoring")],
        ),
        (
            "GP review in 6 weeks, please, to decide on stopping edoxaban; a first provoked PE usually needs "
            "3 months.",
            [("GP review in 6 weeks, please, to decide on stopping edoxaban", "review")],
        ),
        # reporting back after "and please" stays with the test
        (
            "Please repeat his ferritin in 8 weeks, and please let him know the result.",
            [("Please repeat his ferritin in 8 weeks, and please let him know the result", "results")],
        ),
        # ... but another kind of job after "and please" is a request of its own
        (
            "Please check his B12 in 3 months and please add him to the diabetic eye screening list.",
            [
                ("Please check his B12 in 3 months", "monitoring"),
                ("please add him to the diabetic eye screening list", "other"),
            ],
        ),
        # a second polite ask after ", and could your practice"
        (
            "Could you please refer him to the district nurses for leg ulcer care, and could your practice "
            "also check his glucose weekly while the steroid is tapered.",
            [
                ("Could you please refer him to the district nurses for leg ulcer care", "referral"),
                (
                    "could your practice also check his glucose weekly while the steroid is tapered",
                    "monitoring",
                ),
            ],
        ),
    ],
)
def test_clauses(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviated asks in an EPR export: "GP pls", "r/v", "cont"
        (
            "GP pls cont sertraline 50mg od (unchanged).",
            [("GP pls cont sertraline 50mg od (unchanged)", "prescribing")],
        ),
        # a self-care part ahead of the request is dropped, the ask stays
        (
            "Actions for GP:\n"
            "- Daily weights at home - has scales; GP to r/v bumetanide if wt up >2kg in 2 days\n",
            [("GP to r/v bumetanide if wt up >2kg in 2 days", "review")],
        ),
        # a test after "then" is a request of its own after a drug step ...
        (
            "Actions for GP:\n- Restart lisinopril 5mg if Cr <150, then recheck U&E 1/52 after restarting\n",
            [
                ("Restart lisinopril 5mg if Cr <150", "prescribing"),
                ("recheck U&E 1/52 after restarting", "monitoring"),
            ],
        ),
        # ... but two drug steps joined by "then" are one plan
        (
            "Please restart ramipril 2.5 mg, then titrate back to 5 mg after 2 weeks.",
            [("Please restart ramipril 2.5 mg, then titrate back to 5 mg after 2 weeks", "prescribing")],
        ),
        # "GP to:" as a heading
        ("GP to:\nLying and standing BP in 2/52\n", [("Lying and standing BP in 2/52", "monitoring")]),
        # a standby supply is a prescription
        (
            "Please consider a rescue pack to keep at home.",
            [("Please consider a rescue pack to keep at home", "prescribing")],
        ),
    ],
)
def test_abbreviated_and_terse(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


def test_acting_on_results_after_a_test_is_monitoring(nlp, run) -> None:
    text = "Kindly check her LFT and lipids in 3 months because of the statin, and act on the results."
    assert found(nlp, run, text) == [
        (
            "Kindly check her LFT and lipids in 3 months because of the statin, and act on the results",
            "monitoring",
        )
    ]
    assert found(nlp, run, "Please act on the biopsy report when it arrives.") == [
        ("Please act on the biopsy report when it arrives", "results")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Wound care\nKeep dry for 2 days. Clips to be removed at day 10 by the practice nurse.\n",
        "Wound care | Stitches to be removed at 12 days by the practice nurse.\n",
    ],
)
def test_suture_removal_told_in_a_wound_care_paragraph_is_information(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []


def test_ongoing_wound_work_and_aftercare_under_a_gp_heading_are_requests(nlp, run) -> None:
    assert found(nlp, run, "Wound care\nDressing to be changed every other day by the practice nurse.\n") == [
        ("Dressing to be changed every other day by the practice nurse", "other")
    ]
    assert found(nlp, run, "Actions for GP\nClips to be removed at day 10 by the practice nurse.\n") == [
        ("Clips to be removed at day 10 by the practice nurse", "other")
    ]
