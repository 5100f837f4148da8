"""Round 19: blocks that follow a GP-actions heading once the heading after it is found in any format.

Under a patient's heading ("For parents", "Actions for patient") a "please" asks the family, not the
practice, unless the line names the practice. A passive step whose owner is the family, and a step already
done and how, are not requests even under a GP heading. Each has a look-alike that still is one. Wordings
are this file's own."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


GP_HEAD = "Actions for GP\n- Please review her asthma in the practice clinic within 2 working days.\n\n"


@pytest.mark.parametrize("heading", ["For parents", "For the family", "Actions for patient"])
def test_please_under_a_patients_heading_asks_the_family(nlp, run, heading: str) -> None:
    plan = "A written asthma plan was given today - please give a copy to her nursery."
    text = D + GP_HEAD + f"{heading}\n{plan}"
    assert found(nlp, run, text) == [
        ("Please review her asthma in the practice clinic within 2 working days", "review")
    ]


def test_a_line_under_a_patients_heading_that_names_the_practice_still_asks_it(nlp, run) -> None:
    text = D + "For parents\nPlease could the GP practice add the spacer to her repeat prescription."
    assert [t for t, _ in found(nlp, run, text)] == [
        "Please could the GP practice add the spacer to her repeat prescription"
    ]


def test_the_same_please_under_a_gp_heading_is_a_request(nlp, run) -> None:
    plan = "A written asthma plan was given today - please give a copy to the practice nurse."
    text = D + "Actions for GP\n" + plan
    assert [t for t, _ in found(nlp, run, text)] == ["please give a copy to the practice nurse"]


@pytest.mark.parametrize(
    "line",
    [
        "School to be informed by parents.",
        "The nursery to be told by her mother.",
        "Pharmacy informed of changes by phone 12/11.",
        "Community pharmacist notified by email today.",
        "Parents given a written wheeze plan and advised to return if she needs salbutamol every 4 hours.",
    ],
)
def test_family_owned_or_done_steps_under_a_gp_heading_are_not_requests(nlp, run, line: str) -> None:
    text = D + "Actions for GP\n- Please check her U&E in one week.\n" + line
    assert [t for t, _ in found(nlp, run, text)] == ["Please check her U&E in one week"]


@pytest.mark.parametrize(
    "line",
    [
        "Bloods to be checked by the practice nurse in 1 week.",
        "Please inform the pharmacy of the changes by phone.",
        "Please make sure the parents are given a copy of the plan and advised to return if worse.",
    ],
)
def test_look_alikes_that_still_ask_the_practice(nlp, run, line: str) -> None:
    text = D + "Actions for GP\n- Please check her U&E in one week.\n" + line
    texts = [t for t, _ in found(nlp, run, text)]
    assert texts[0] == "Please check her U&E in one week"
    assert len(texts) == 2, texts


def test_a_list_runs_on_as_asks_only_through_items_that_read_as_asks(nlp, run) -> None:
    text = (
        D
        + "Plan\n- GP to chase the wound swab and change the antibiotic if needed\n"
        + "- Offload the foot and keep the dressing dry\n- Smoking: never\n- Her hepatitis B? Not needed\n"
        + "- FBC and CRP in 1 week\n- Review the wound in 2 weeks"
    )
    assert [t for t, _ in found(nlp, run, text)] == [
        "GP to chase the wound swab and change the antibiotic if needed",
        "FBC and CRP in 1 week",
        "Review the wound in 2 weeks",
    ]


def test_a_medicines_list_after_an_asked_for_item_is_not_more_asks(nlp, run) -> None:
    text = (
        D
        + "Medication changes\n- Naproxen STOPPED - do not restart\n"
        + "- Omeprazole 40 mg twice daily for 8 weeks (new)\n"
        + "- Ferrous fumarate 210 mg twice daily for 3 months (new)"
    )
    texts = [t for t, _ in found(nlp, run, text)]
    assert not any("Omeprazole" in t or "Ferrous" in t for t in texts), texts


@pytest.mark.parametrize(
    ("line", "asked"),
    [
        ("Review by AF clinic 6-8/52 after the cardioversion", False),
        ("Follow-up by the heart failure nurse team in 2 weeks", False),
        ("Review by the practice nurse in 2 weeks", True),
        ("Review at his asthma clinic in 8 weeks", True),
    ],
)
def test_a_review_the_hospital_holds_is_not_asked_of_the_practice(nlp, run, line: str, asked: bool) -> None:
    text = D + "Actions for GP\n1. Please check U&E in 1 week\n2. " + line
    texts = [t for t, _ in found(nlp, run, text)]
    assert (line in texts) is asked, texts
