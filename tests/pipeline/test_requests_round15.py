"""la_requests round 15: statements filed under a GP heading (a result still to come, a test said not to be
needed, what was discussed or given, a named colleague's own visits, a signed line, who holds a copy), a
heading in the GP section that turns to the family, an ask that points back with "it"/"this" and says with
whom or for how long, a table row before the prose ask, and kinds read from wound aftercare, replacement
therapy and a suggestion told as a gerund. Every wording is this file's own; each family has a look-alike
that must stay as it is."""

from __future__ import annotations

import pytest
from request_text import D, P, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests")


G = D + "GP actions:\n"


@pytest.mark.parametrize(
    "statement",
    [
        "The sputum culture taken on the ward is still pending.",
        "Bone density scan is not indicated (she is 88; treat on clinical grounds).",
        "Diet advice given: smaller meals, no food after 8 pm.",
        "HRT discussed: she would like to think about it.",
        "Priya will continue to visit Tom weekly and Dr Osei will see him in clinic in 3 months.",
        "Now that the valve is mechanical, she has been discharged from the anticoagulation clinic.",
        "Summary signed: Dr P. Marsh, 03/02/2027",
        "Discharging pharmacist: L. Okoye",
        "Dr Reid has a copy of this letter.",
        "Nadia is weighing herself each morning and will ring us if she gains 2 kg.",
        "F/U chest clinic 3/12 with CT",
    ],
)
def test_statement_under_a_gp_heading_is_no_request(nlp, run, statement):
    text = G + "Please check her U&E in 1 week.\n" + statement
    assert [t for t, _ in found(nlp, run, text)] == ["Please check her U&E in 1 week"]


def test_pending_result_with_an_ask_still_asks(nlp, run):
    # Near miss: the same statement with the ask in it is the request.
    text = G + "Her stool culture is still pending - please chase it."
    assert [t for t, _ in found(nlp, run, text)] == ["Her stool culture is still pending - please chase it"]


def test_negated_need_is_no_request(nlp, run):
    text = D + "I have discharged her. His lipids do not need checking again this year."
    assert found(nlp, run, text) == []


def test_need_asked_still_asks(nlp, run):
    # Near miss: a need told with no negation is the request it always was.
    got = found(nlp, run, D + "I have discharged her. Her potassium needs rechecking in 1 week.")
    assert [t for t, _ in got] == ["Her potassium needs rechecking in 1 week"]


def test_heading_to_the_family_ends_the_practices_part(nlp, run):
    text = (
        D + "For the GP\n- Please add the montelukast to her repeat prescription.\n"
        "For parents\nPlease take the action plan to nursery. If she needs her reliever every 3 hours, "
        "bring her back to the ward."
    )
    assert [t for t, _ in found(nlp, run, text)] == ["Please add the montelukast to her repeat prescription"]


def test_check_your_sugar_is_the_patients_job(nlp, run):
    text = P + "What you need to do\nPlease check your blood pressure every morning and write it down."
    assert found(nlp, run, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            G + "The wrist cast needs a check 10 days after the swelling settles; please arrange this with "
            "the practice nurse.",
            [
                "The wrist cast needs a check 10 days after the swelling settles; please arrange this with "
                "the practice nurse"
            ],
        ),
        (
            G + "His current fit note ends on Friday; please could you extend it for a further 2 weeks.",
            ["His current fit note ends on Friday; please could you extend it for a further 2 weeks"],
        ),
        (
            D + "She will need a creatinine every week for a month on the new drug; I would be grateful if "
            "the practice could arrange these and send the results to me.",
            [
                "She will need a creatinine every week for a month on the new drug; I would be grateful if "
                "the practice could arrange these and send the results to me"
            ],
        ),
        # a referral back with the scan's report attached is how the result comes back (one item, as the
        # round-17 dev golds keep it); a referral on what the scan shows is its own item (round 17)
        (
            D + "If the pain persists, please arrange an MRI of the knee and re-refer with the report "
            "attached.",
            [
                "If the pain persists, please arrange an MRI of the knee and re-refer with the report "
                "attached"
            ],
        ),
        (
            D + "Please arrange an MRI of the knee and re-refer if it shows a meniscal tear.",
            ["Please arrange an MRI of the knee", "re-refer if it shows a meniscal tear"],
        ),
    ],
)
def test_ask_pointing_back_stays_one_request(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


def test_ask_of_its_own_after_a_statement_stands_apart(nlp, run):
    # Near miss: "prescribe it from then on" names a time, not with whom: the ask is its own.
    text = D + "She has a week's supply from us; please could you prescribe it from then on."
    assert [t for t, _ in found(nlp, run, text)] == ["please could you prescribe it from then on"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second drug's edit of the repeat list is the same item (fixtures/README, round 18)
        (
            D + "Please could you switch her repeat to Fostair and remove Symbicort and Spiriva.",
            ["Please could you switch her repeat to Fostair and remove Symbicort and Spiriva"],
        ),
        (
            D + "Please update the sinemet on his repeat to four times daily, and remove rasagiline once "
            "the taper ends on 3 March.",
            [
                "Please update the sinemet on his repeat to four times daily, and remove rasagiline once the "
                "taper ends on 3 March",
            ],
        ),
        # look-alikes that stay apart: a second ask with its own "please", a conditional step, a ";", a
        # record entry, and a switch that names no repeat list
        (
            D + "Please continue tamoxifen on her repeat prescription, and please remove norethisterone from "
            "her repeat list.",
            [
                "Please continue tamoxifen on her repeat prescription",
                "please remove norethisterone from her repeat list",
            ],
        ),
        (
            D + "Please add amlodipine to his repeat, and if his BP stays above 150/90 add indapamide "
            "2.5 mg.",
            ["Please add amlodipine to his repeat", "if his BP stays above 150/90 add indapamide 2.5 mg"],
        ),
        (
            D + "Please take amitriptyline off his repeat; update the repeat for omeprazole too.",
            ["Please take amitriptyline off his repeat", "update the repeat for omeprazole too"],
        ),
        (
            D + "Please remove the rivaroxaban from her repeat list and code the DVT as provoked.",
            ["Please remove the rivaroxaban from her repeat list", "code the DVT as provoked"],
        ),
        (
            D + "Please stop her omeprazole and start famotidine 20 mg twice daily.",
            ["Please stop her omeprazole", "start famotidine 20 mg twice daily"],
        ),
    ],
)
def test_repeat_edit_of_two_drugs_is_one_request(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


def test_ask_after_a_table_is_not_the_last_row(nlp, run):
    text = (
        D + "Drug | Change | Reason\nLosartan 50 mg OD | no change | -\n"
        "Please update his repeat prescriptions to match the table."
    )
    got = [t for t, _ in found(nlp, run, text)]
    assert got == ["Please update his repeat prescriptions to match the table"]


def test_grateful_with_now(nlp, run):
    text = (
        D + "The agreement is signed, so we would now be grateful if you could take over prescribing of the "
        "azathioprine."
    )
    assert [c for _, c in found(nlp, run, text)] == ["prescribing"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (G + "Staple removal and wound check at 10 days by the practice nurse.", "other"),
        (D + "Please could the practice nurse look at the wound and remove the stitches on day 7.", "other"),
        (G + "For you to consider: B12 replacement (loading doses, then 3-monthly).", "prescribing"),
        (D + "Please make sure his COPD is reviewed each year.", "review"),
        # ("I would suggest repeating his LFTs in 3 months, and referring if the ALT is above 150" is two
        # items under fixtures/README "One item or two": tests/test_r25_requests.py)
        (G + "Renal ultrasound yearly; please send the results to the renal unit", "monitoring"),
        (D + "For GP to consider shingles vaccination if not already given.", "other"),
    ],
)
def test_category(nlp, run, text, category):
    assert [c for _, c in found(nlp, run, text)] == [category]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Near misses: a review that removes the suture is a review; a referral for clip removal a referral.
        (D + "Please see him in a week to check the drain site and remove the suture.", "review"),
        (D + "Please refer her to the district nurses for dressings and clip removal.", "referral"),
        # a test after a check verb stays the test
        (D + "Please check her vitamin D 3 months after the loading course.", "monitoring"),
    ],
)
def test_category_near_misses(nlp, run, text, category):
    assert [c for _, c in found(nlp, run, text)] == [category]
