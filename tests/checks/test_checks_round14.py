"""Round-14 flag rules, each family worded unlike the letters it came from, each with a near miss.

Families: the practice's own standing care carried on "as before" / "as usual" hands nothing over, even
for a shared-care drug's monitoring; a test whose result the letter says the hospital will review itself
("I will see her with the X results") is the hospital's recall when the practice is asked to do it.
"""

from __future__ import annotations

import pytest

from .test_checks_round9 import rule


@pytest.mark.parametrize(
    "asked",
    [
        "Please carry on with her 3-monthly lithium levels and TFTs as before.",
        "Methotrexate bloods every 3 months as usual please.",
        "FBC and LFT monthly for the azathioprine - the practice already does this.",
    ],
)
def test_standing_care_carried_on_hands_nothing_over(asked: str) -> None:
    text = "Seen in the mood clinic; lithium and azathioprine unchanged. " + asked
    assert rule(text, asked, "monitoring") is None


def test_new_standing_monitoring_of_a_listed_drug_is_still_shared_care() -> None:
    # Near miss: the same monitoring newly handed over, with no agreement, is shared care.
    asked = "Please do her lithium levels and TFTs every 3 months from now on."
    text = "Seen in the mood clinic; we started lithium 400 mg at night. " + asked
    assert rule(text, asked, "monitoring") == "shared_care"


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        ("I will see her in clinic in 6 weeks with the stool culture results.", "call_and_recall"),
        ("We will review him in 2 months with the culture report.", "call_and_recall"),
        # Near miss: the hospital reviews another test's result; the practice's sample is its own.
        ("I will see her in clinic in 6 weeks with the colonoscopy results.", None),
    ],
)
def test_a_test_the_hospital_reviews_is_its_recall(closing: str, expected: str | None) -> None:
    asked = "Please send a stool sample for culture in 2 weeks."
    text = "Seen with diarrhoea after travel. " + asked + " " + closing
    assert rule(text, asked, "monitoring") == expected
