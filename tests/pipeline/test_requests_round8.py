"""la_requests, round 8: request families met in unseen writers' wordings, and their near-misses.

The sentences here are written in other words than the probes the rules were tuned on, so a test passes only
when the whole family is caught, not one phrasing.
"""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


def found(nlp, run, text: str) -> list[str]:
    doc = run(nlp, "Dear Dr Byrne,\n\n" + text)
    return [s._.request_rule for s in doc.spans["gp_actions"]]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # US-influenced names for the practice doctor
        ("I'd recommend that his PCP repeats the thyroid panel in eight weeks.", "req-suggest-gp"),
        ("Her family physician should stop the naproxen.", "req-gp-to"),
        ("It was recommended that the primary care provider follow up the nodule.", "req-suggest-gp"),
        # a practice nurse or pharmacist as the owner of a need
        ("The practice pharmacist will need to rationalise his inhalers.", "req-gp-will-need"),
        # a request framed as a note
        ("Please note the surgery will need to re-weigh him on Monday.", "req-gp-will-need"),
        # care handed back
        ("We are now passing responsibility for her warfarin back to the practice.", "req-over-to-you"),
        ("Ongoing monitoring becomes the responsibility of primary care from this point.", "req-over-to-you"),
        ("From today we hand over prescribing of the mesalazine to you.", "req-over-to-you"),
        # worth the practice doing, a favour asked
        ("It may be worth your team rechecking the ferritin after the course.", "req-worth-you"),
        ("May I impose on you to arrange a bone density scan?", "req-worth-you"),
        # the practice named beside its doctor
        ("Dr Whitfield (GP) should consider a statin.", "req-named-gp-marked"),
        ("GP (Dr A Osei) to re-refer if the ulcer recurs.", "req-named-gp-marked"),
        # terse appreciation
        ("Much appreciate if the practice would chase the Holter report.", "req-appreciate"),
        # the practice called a health centre or medical centre
        ("Could the medical centre please book him in for a wound check?", "req-gp-to"),
        ("Her health centre will need to take over the B12 injections.", "req-gp-will-need"),
        # a line labelled for the practice, with or without "for"/"to"/"action"
        ("FOR PRACTICE: uptitrate bisoprolol by 1.25 mg fortnightly", "req-gp-colon"),
        ("Actions GP - FBC 2/52", "req-gp-colon"),
        # supply from the practice without "will"
        ("Further supplies of the dressings to come from the surgery.", "req-supply-from-practice"),
    ],
)
def test_unseen_request_families(nlp, run, text, rule):
    assert found(nlp, run, text) == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "His PCP started him on lisinopril two years ago.",
        "The family physician noted a soft murmur.",
        "Dr Whitfield (GP) referred him with haemoptysis.",
        "GP (Dr A Osei) saw her on the 4th.",
        "The surgery kindly faxed over her blood results.",
        "Her husband will book a GP appointment for a blood pressure check.",
        "Mrs Patel is going to arrange her own follow-up at the practice.",
        "Please note her troponin was negative on two occasions.",
        "It is worth noting that his ECG was unchanged.",
        "Responsibility for the biologic stays with our team.",
        "We handed him a copy of the plan before he left.",
        "To GP: Dr R Mensah, Castle Street Medical Centre",
        "The medical centre sent a referral letter last month.",
    ],
)
def test_near_misses_are_not_requests(nlp, run, text):
    assert found(nlp, run, text) == []


# -- form options: la_requests reads the text la_status reads (status_ticks.blank_unchosen) -------------
@pytest.mark.parametrize(
    "text",
    [
        "Sick certificate: ( ) given ( ) GP to provide (x) not needed\n",
        "Med3: given / GP to supply / not needed: not needed\n",
        "☐ Surgery to arrange ultrasound   ☒ Ultrasound booked by us\n",
    ],
)
def test_unpicked_form_options_are_not_requests(nlp, run, text):
    assert found(nlp, run, text) == []


def test_a_picked_option_is_a_request_without_its_mark(nlp, run):
    doc = run(nlp, "Dear Dr Byrne,\n\n(x) Practice nurse to re-dress the wound on Friday\n")
    assert [s.text for s in doc.spans["gp_actions"]] == ["Practice nurse to re-dress the wound on Friday"]


def test_patient_letter_own_job_read_with_its_salutation(nlp, run):
    doc = run(nlp, "Dear Ms Achter,\nPlease make an appointment with the practice nurse for bloods.\n")
    assert [s.text for s in doc.spans["gp_actions"]] == []


def test_reason_before_an_ask_in_a_gp_item_is_not_an_item(nlp, run):
    text = "Requests to GP\n2. Ongoing anaemia points to a bowel source; please refer her for a scope.\n"
    doc = run(nlp, text)
    assert [s.text for s in doc.spans["gp_actions"]] == ["please refer her for a scope"]
    doc = run(nlp, "Requests to GP\n3. HbA1c at 3/12 - aim below 53; please add gliclazide if above.\n")
    assert len(doc.spans["gp_actions"]) == 2
