"""la_requests round 14: families a writer from other UK nations and from community, hospice and
mental-health services used: ", and then <step>" after a test, a test asked with "record" or "carry out the
monitoring" after a take-over, EPR shorthand chained by a spaced "/" ("cont <drug>", "PHQ-9 at review"),
a bilingual sign-off that ends the GP section, and a letter to the patient whose "you" headings are the
patient's while a line opening "For Dr X:" speaks to the practice. Every wording is this file's own; each
family has a look-alike that must stay as it is."""

from __future__ import annotations

import pytest
from request_text import D, P, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests")


G = D + "GP actions:\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            D + "Please send an MSU 1 week after she finishes the nitrofurantoin, and then start a low-dose "
            "prophylactic trimethoprim.",
            [
                "Please send an MSU 1 week after she finishes the nitrofurantoin",
                "start a low-dose prophylactic trimethoprim",
            ],
        ),
        (
            D + "We would ask you to take over prescribing of the atomoxetine 80 mg from May, and record her "
            "pulse and BP every 6 months.",
            [
                "We would ask you to take over prescribing of the atomoxetine 80 mg from May",
                "record her pulse and BP every 6 months",
            ],
        ),
        (
            D + "Please take over the leflunomide from week 6 and carry out the blood monitoring in the "
            "protocol: FBC and LFT monthly.",
            [
                "Please take over the leflunomide from week 6",
                "carry out the blood monitoring in the protocol: FBC and LFT monthly",
            ],
        ),
        (
            G + "mood r/v 3/52 / cont mirtazapine 30mg on repeat / GAD-7 at that r/v pls",
            ["mood r/v 3/52", "cont mirtazapine 30mg on repeat", "GAD-7 at that r/v pls"],
        ),
        # a step timed by "once" on something the first part does not measure is a request of its own
        (
            D + "Please review her chest at 1 week and restart the gliclazide once she is eating normally.",
            ["Please review her chest at 1 week", "restart the gliclazide once she is eating normally"],
        ),
    ],
)
def test_second_request_splits(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a step after "then" that is not a test and follows none stays one plan
        (
            D + "Please restart the bisoprolol at 1.25 mg, and then titrate it to 2.5 mg as pulse allows.",
            ["Please restart the bisoprolol at 1.25 mg, and then titrate it to 2.5 mg as pulse allows"],
        ),
        # two tests, the second asked with "record", are one request
        (
            D + "Please check her BP in 2 weeks and record her weight.",
            ["Please check her BP in 2 weeks and record her weight"],
        ),
        # round 17 (fixtures/README, one item or two): a step "once" the test's result is there is an
        # item of its own; a target with no verb of its own stays with its step
        (
            D + "Please recheck her calcium in 2 weeks and stop the Adcal once it is above 2.6.",
            ["Please recheck her calcium in 2 weeks", "stop the Adcal once it is above 2.6"],
        ),
        (
            D + "Please check FBC in 4 weeks and stop the ferrous fumarate once Hb is above 120.",
            ["Please check FBC in 4 weeks", "stop the ferrous fumarate once Hb is above 120"],
        ),
        (
            D + "Please increase the bisoprolol to 5 mg, aiming for a resting pulse of 60.",
            ["Please increase the bisoprolol to 5 mg, aiming for a resting pulse of 60"],
        ),
    ],
)
def test_one_request_stays_whole_or_splits_at_a_step_on_the_result(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


def test_scored_questionnaire_is_monitoring(nlp, run):
    got = found(nlp, run, G + "cont sertraline 100mg / PHQ-9 in 4 weeks pls")
    assert got[-1] == ("PHQ-9 in 4 weeks pls", "monitoring")


def test_bilingual_sign_off_ends_the_gp_section(nlp, run):
    text = (
        D
        + "Requests to GP\nPlease check her ferritin in 3 months.\n\nGyda dymuniadau gorau / Kind regards\n\n"
        "Dr Carys Pugh\nConsultant Haematologist"
    )
    assert [t for t, _ in found(nlp, run, text)] == ["Please check her ferritin in 3 months"]


def test_you_heading_in_a_letter_to_the_patient_is_the_patients(nlp, run):
    text = (
        P + "What we would like you to do\nTake the sertraline every morning and keep your diary going.\n\n"
        "For Dr Hale at Elm Tree Surgery: could you please check her sodium in 2 weeks."
    )
    assert [t for t, _ in found(nlp, run, text)] == [
        "For Dr Hale at Elm Tree Surgery: could you please check her sodium in 2 weeks"
    ]


def test_gp_heading_in_a_letter_to_the_patient_still_asks_the_practice(nlp, run):
    # Near miss: a heading that names the GP is the practice's list even in a letter to the patient.
    text = P + "For your GP\nCheck your sodium in 2 weeks."
    assert [t for t, _ in found(nlp, run, text)] == ["Check your sodium in 2 weeks"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a urine albumin test is a test
        (G + "Urine ACR again in 6 months", "monitoring"),
        # a request that opens with a referral to a service is a referral, whatever review the service gives
        (
            D + "Please refer her to the community COPD team for ongoing review of her oxygen needs.",
            "referral",
        ),
        # a practice register, said in the passive, is admin
        (D + "I would be grateful if he could be added to your dementia register.", "other"),
    ],
)
def test_category(nlp, run, text, category):
    assert [c for _, c in found(nlp, run, text)] == [category]


def test_review_that_names_a_team_stays_a_review(nlp, run):
    # Near miss: a review asked first, with the team named after it, is no referral.
    got = found(nlp, run, D + "Please review her in 6 weeks, once the community COPD team has seen her.")
    assert [c for _, c in got] == ["review"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 17 (fixtures/README, one item or two): a step acting on what the review finds is its own
        # item, here told "as <something> allows"
        (
            G + "- Please review his pain relief at 10 days and wean as comfort allows",
            ["Please review his pain relief at 10 days", "wean as comfort allows"],
        ),
        # a condition opened after a dash, whose step comes after the comma, is set apart from the review;
        # "reduce and stop" is one step
        (
            G
            + "1. Steroid review at 3 weeks - if no gain in energy, reduce and stop; check BMs while on it.",
            ["Steroid review at 3 weeks", "if no gain in energy, reduce and stop", "check BMs while on it"],
        ),
        # "follow-up" is a noun after "and"
        (
            D + "GP to refer to the hand clinic within 5 days for splinting and follow-up.",
            ["GP to refer to the hand clinic within 5 days for splinting and follow-up"],
        ),
    ],
)
def test_one_step_stays_whole(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


def test_statement_for_the_practice_records_is_no_request(nlp, run):
    text = (
        G + "1. Please start senna 15 mg at night.\n"
        "2. His anticipatory care plan went home with him - for your records."
    )
    assert [t for t, _ in found(nlp, run, text)] == ["Please start senna 15 mg at night"]


def test_a_request_ending_for_information_still_asks(nlp, run):
    # Near miss: a request cue in the line wins over the closing "for your information".
    text = G + "Please check her sodium in 1 week - for your information, it was 131 today."
    assert [t for t, _ in found(nlp, run, text)][0].startswith("Please check her sodium in 1 week")


def test_referral_back_in_the_passive_is_asked_of_the_practice(nlp, run):
    text = (
        D + "She is discharged. Should the swelling return after the course, she can be referred back to us."
    )
    assert found(nlp, run, text) == [
        ("Should the swelling return after the course, she can be referred back to us", "referral")
    ]


def test_referral_back_by_another_professional_is_not_the_practices(nlp, run):
    # Near miss: the passive referral back is made by someone else.
    text = D + "He is discharged. If the pressure rises he can be referred back by his optometrist."
    assert found(nlp, run, text) == []


def test_a_passive_second_step_to_a_practice_meeting_splits(nlp, run):
    text = (
        D
        + "We would be grateful if he could be added to your frailty register and discussed at the next MDT."
    )
    assert found(nlp, run, text) == [
        ("We would be grateful if he could be added to your frailty register", "other"),
        ("discussed at the next MDT", "other"),
    ]


def test_discussed_with_the_patient_stays_with_its_request(nlp, run):
    # Near miss: no practice meeting named, so nothing splits off.
    text = D + "Please review the statin, as discussed with her today."
    assert [t for t, _ in found(nlp, run, text)] == ["Please review the statin, as discussed with her today"]


def test_gp_named_then_called_her_in_a_letter_to_the_patient(nlp, run):
    # "asked her to" names the GP here (asked by name first), not the patient
    text = (
        P + "We have asked Dr Hale to check your sodium in a week, and we have asked her to see you in a "
        "month about your sleep."
    )
    assert [t for t, _ in found(nlp, run, text)][0] == "We have asked Dr Hale to check your sodium in a week"


def test_patient_asked_is_still_no_request(nlp, run):
    # Near miss: with no GP named as asked, "asked her to" is the patient's instruction.
    text = D + "We have asked her to keep a food diary for 2 weeks."
    assert found(nlp, run, text) == []


def test_a_mineral_supplement_is_a_drug_not_a_test(nlp, run):
    text = (
        D + "Please avoid prescribing iron or calcium supplements within 4 hours of the levothyroxine; if "
        "they are needed, give them in the evening."
    )
    assert [c for _, c in found(nlp, run, text)] == ["prescribing"]


@pytest.mark.parametrize(
    "ending",
    [
        # a signatory named in full with no sign-off line above
        "Dr Eleri ap Rhys\nConsultant Nephrologist\n",
        "Dr Ailsa Macrae, Consultant Geriatrician\n",
        # Scots, Welsh and Irish sign-offs, alone or beside the English
        "Yours aye,\nDr Ailsa Macrae\n",
        "Cofion / Regards\n\nDr Eleri ap Rhys\n",
        "Is mise le meas / Yours sincerely\nDr Niamh Quinn\n",
    ],
)
def test_signature_block_under_the_gp_heading_is_no_request(nlp, run, ending):
    text = D + "Actions for GP\nPlease check her ferritin in 3 months.\n\n" + ending
    assert [t for t, _ in found(nlp, run, text)] == ["Please check her ferritin in 3 months"]


def test_named_doctor_asked_in_a_line_is_still_a_request(nlp, run):
    # Near miss: a doctor's name that opens an ask is the practice addressed, not a signature.
    text = D + "Actions for GP\nDr Hale, please check her ferritin in 3 months."
    assert [t for t, _ in found(nlp, run, text)] == ["please check her ferritin in 3 months"]
