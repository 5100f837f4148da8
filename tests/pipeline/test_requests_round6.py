"""la_requests round 6: request families first met in letters by two new writers (dev_9NN outpatient letters,
letters to patients, A&G replies, ED/SDEC/day-case discharges with tick boxes), each written here in new
words."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


D = "Dear Dr Hale,\n\n"  # a letter to the practice


def found(nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(nlp, text)
    return [(s.text, s._.request_category) for s in doc.spans["gp_actions"]]


def none_stated(nlp, run, text: str) -> bool:
    return run(nlp, text)._.no_gp_action is not None


# -- prescribing cautions ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            D + "Please do not prescribe macrolides while she is on the new regimen.\n",
            [("Please do not prescribe macrolides while she is on the new regimen", "prescribing")],
        ),
        (
            D + "Please avoid co-prescribing verapamil with her ivabradine.\n",
            [("Please avoid co-prescribing verapamil with her ivabradine", "prescribing")],
        ),
        # after a statement in the same sentence the caution is still asked of the practice
        (
            D + "We would not replace her folate yet; please don't start folic acid until the B12 is back.\n",
            [("please don't start folic acid until the B12 is back", "prescribing")],
        ),
        # a vaccine caution is about prescribing too
        (
            D + "Please avoid live vaccines while he takes tofacitinib.\n",
            [("Please avoid live vaccines while he takes tofacitinib", "prescribing")],
        ),
    ],
)
def test_caution_is_a_request(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a drug the hospital keeps, named only by a pronoun
        D + "This is a hospital-only medicine, so please do not start it.\n",
        # an entry of a medication list
        "Discharge medications:\nIbuprofen - stopped. Please avoid NSAIDs.\n",
        # patient advice and a bare "do not" with no object
        D + "Please do not hesitate to contact us.\n",
        # a letter to the patient: the caution is the patient's
        "Dear Mrs Oduya,\n\nIt was good to see you. Please avoid ibuprofen for your joint pains.\n",
    ],
)
def test_caution_that_is_not_a_request(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []


def test_caution_after_a_request_stays_with_it(nlp, run) -> None:
    text = D + "Please start nifedipine 20 mg twice daily; please avoid clarithromycin.\n"
    assert found(nlp, run, text) == [("Please start nifedipine 20 mg twice daily", "prescribing")]


def test_emphatic_do_after_a_caution(nlp, run) -> None:
    text = D + "Tacrolimus - hospital supplied: please do not issue, but do code it on your system.\n"
    assert found(nlp, run, text) == [("do code it on your system", "other")]


# -- tick boxes and form fields ---------------------------------------------------------------------
def test_ticked_none_on_a_line_of_boxes_says_no_action(nlp, run) -> None:
    text = "Actions for GP:\n[ ] Repeat bloods [ ] Referral [x] None needed\n"
    assert found(nlp, run, text) == []
    assert none_stated(nlp, run, text)


def test_unticked_boxes_are_not_requests(nlp, run) -> None:
    text = "Actions for GP:\n[x] Please stop the tamsulosin\n[ ] Repeat PSA\n[ ] Review in 2 weeks\n"
    assert found(nlp, run, text) == [("Please stop the tamsulosin", "prescribing")]


@pytest.mark.parametrize(
    "text",
    [
        "Actions for GP:\nSick note: given / not needed / GP to provide: NOT NEEDED (retired)\n",
        "Actions for GP:\nFit note as stated above\n",
        "Actions for GP:\nDiet: no change\n",
    ],
)
def test_form_fields_that_ask_nothing(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []


def test_none_then_but_please_keeps_the_request(nlp, run) -> None:
    text = D + "No GP action is required, but please add the diagnosis of gout to his problem list.\n"
    assert found(nlp, run, text) == [("please add the diagnosis of gout to his problem list", "other")]


# -- headings ---------------------------------------------------------------------------------------
def test_rule_drawn_gp_heading_opens_a_gp_section(nlp, run) -> None:
    text = D + "==== Actions for GP ====\nLipids in 3 months\n==== Follow up ====\nClinic in 6 months\n"
    assert found(nlp, run, text) == [("Lipids in 3 months", "monitoring")]


def test_gp_and_practice_nurse_heading(nlp, run) -> None:
    text = D + "GP/practice nurse:\n- Wound check in 5 days\n"
    # (a wound check on its own is a review, as the dev golds have it: round 21)
    assert found(nlp, run, text) == [("Wound check in 5 days", "review")]


def test_note_headed_for_the_named_gp_in_a_letter_to_the_patient(nlp, run) -> None:
    text = (
        "Dear Mr Quayle,\n\nIt was good to meet you and your wife. Your tablets will be posted to you.\n\n"
        "For Dr Abara (your GP)\nPlease add rivastigmine patches to his repeat once we confirm the dose.\n"
    )
    assert found(nlp, run, text) == [
        ("Please add rivastigmine patches to his repeat once we confirm the dose", "prescribing")
    ]


# -- lead-ins and clause joins ----------------------------------------------------------------------
def test_suggestion_lead_in_takes_the_steps_only(nlp, run) -> None:
    text = (
        D + "Until she is seen we would recommend:\n"
        "- Switch the naproxen to paracetamol.\n"
        "- Regular gentle exercise.\n"
        "- Continue the emollient twice daily.\n"
        "- Considering a PPI if the dyspepsia persists.\n"
    )
    assert found(nlp, run, text) == [
        ("Switch the naproxen to paracetamol", "prescribing"),
        ("Considering a PPI if the dyspepsia persists", "prescribing"),
    ]


def test_comma_and_conditional_step_on_the_result_is_its_own_item(nlp, run) -> None:
    # round 17 (fixtures/README, one item or two): the step on what the U&E measures is its own item
    text = D + "Please check her U&E in 10 days, and reduce the furosemide if the creatinine has risen.\n"
    assert found(nlp, run, text) == [
        ("Please check her U&E in 10 days", "monitoring"),
        ("reduce the furosemide if the creatinine has risen", "prescribing"),
    ]


def test_conditional_step_after_and_without_comma_is_its_own_item(nlp, run) -> None:
    # round 17 (fixtures/README, one item or two): after "and" with no comma too
    text = D + "Please check her BP in 2 weeks and start amlodipine if it is above 150/90.\n"
    assert found(nlp, run, text) == [
        ("Please check her BP in 2 weeks", "monitoring"),
        ("start amlodipine if it is above 150/90", "prescribing"),
    ]


def test_lone_verb_joins_the_request_after_it(nlp, run) -> None:
    text = "Actions for GP:\nPlease review and adjust her thyroxine dose.\n"
    assert found(nlp, run, text) == [("Please review and adjust her thyroxine dose", "prescribing")]


def test_happy_for_you_to_prescribe_points_back(nlp, run) -> None:
    text = (
        D + "Plan:\n1. Please refer him to the sleep clinic.\n"
        "2. Tadalafil 5 mg daily could be tried next; we are happy for you to prescribe this.\n"
    )
    assert found(nlp, run, text) == [
        ("Please refer him to the sleep clinic", "referral"),
        ("Tadalafil 5 mg daily could be tried next; we are happy for you to prescribe this", "prescribing"),
    ]


def test_negated_fact_after_a_request_is_not_one(nlp, run) -> None:
    text = "Actions for GP:\nPlease start sertraline 50 mg if her mood stays low; citalopram would not do.\n"
    assert found(nlp, run, text) == [("Please start sertraline 50 mg if her mood stays low", "prescribing")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # advice to the patient in the same sentence does not hide the request
        (
            D + "He has been advised to cut down on alcohol; we would be grateful if the practice "
            "alcohol worker could see him.\n",
            [("we would be grateful if the practice alcohol worker could see him", "referral")],
        ),
        # self-certification first, the practice after
        (
            "Work: he can self-certify for a week; if he needs more time, please issue a fit note.\n",
            [("if he needs more time, please issue a fit note", "fit_note")],
        ),
        (
            D + "She may notice some bruising for a fortnight. "
            "It would be reasonable for you to consider a statin at her next review.\n",
            [("It would be reasonable for you to consider a statin at her next review", "prescribing")],
        ),
        (
            D + "Shared care: the agreement was signed last week. The practice will therefore "
            "take over mycophenolate prescribing from March.\n",
            [("The practice will therefore take over mycophenolate prescribing from March", "prescribing")],
        ),
    ],
)
def test_round6_recall_families(nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(nlp, run, text) == expected


def test_a_statement_that_the_patient_may_have_symptoms_is_not_a_request(nlp, run) -> None:
    assert found(nlp, run, "Requests to GP:\nShe may feel tired for a few weeks.\n") == []


def test_hospital_does_the_tests_at_its_own_clinic(nlp, run) -> None:
    text = "Requests to GP:\nINR weekly for a month, which he will have at our anticoagulation clinic.\n"
    assert found(nlp, run, text) == []


def test_sign_off_with_a_role_under_a_gp_heading(nlp, run) -> None:
    text = (
        "For the practice:\nPlease check his U&E in 2 weeks.\nMorwenna Polglase, Lead Heart Failure Nurse\n"
    )
    assert found(nlp, run, text) == [("Please check his U&E in 2 weeks", "monitoring")]


# -- categories -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "category"),
    [
        (
            "Actions for GP:\nPlease issue the prednisolone reducing course on weekly scripts.\n",
            "prescribing",
        ),
        ("Actions for GP:\nPlease cancel the community physiotherapy referral.\n", "other"),
        (
            "Actions for GP:\nPlease sign the enclosed shared care agreement for azathioprine.\n",
            "prescribing",
        ),
        ("Actions for GP:\nPlease check his insulin injection technique at the diabetes clinic.\n", "review"),
        ("Actions for GP:\nPlease review her asthma control in 6 weeks.\n", "review"),
        ("Actions for GP:\nCorrected calcium 2 weeks after the loading doses.\n", "monitoring"),
        ("Actions for GP:\nFalls assessment once she is home.\n", "review"),
        ("Actions for GP:\nPlease could you take over the steroid reducing course.\n", "prescribing"),
        ("Actions for GP:\nPlease review him every 4 weeks (weight, BP).\n", "review"),
        ("Actions for GP:\nPlease action the histology result.\n", "results"),
        ("Actions for GP:\nPlease review all other nephrotoxic drugs.\n", "review"),
        ("Actions for GP:\nIf his eGFR falls below 30 the apixaban dose should be reduced.\n", "prescribing"),
        (D + "Please remove the bendroflumethiazide from his repeat.\n", "prescribing"),
        (
            D + "We would like repeat lipids in 3 months - could the practice arrange this.\n",
            "monitoring",
        ),
    ],
)
def test_round6_categories(nlp, run, text: str, category: str) -> None:
    got = found(nlp, run, text)
    assert [c for _, c in got] == [category], got


# -- new ways of asking (probes written for unseen writers) -------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule", "category"),
    [
        (
            D + "We would ask that his bisoprolol is increased to 5 mg if his pulse allows.\n",
            "req-we-suggest",
            "prescribing",
        ),
        (
            D + "I would recommend that he is referred to the podiatry service.\n",
            "req-we-suggest",
            "referral",
        ),
        (D + "I would suggest that he has a repeat ferritin in 8 weeks.\n", "req-we-suggest", "monitoring"),
        ("Plan:\nAdvise repeat TFTs in 6 weeks.\n", "req-terse-suggest", "monitoring"),
        (
            D + "A repeat ultrasound of the thyroid in a year would be reasonable.\n",
            "req-would-be-sensible",
            "monitoring",
        ),
        (D + "She should have her magnesium re-checked in 10 days.\n", "req-should-have-done", "monitoring"),
        (
            D + "Could his allopurinol be restarted two weeks after the flare settles?\n",
            "req-could-x-be-done",
            "prescribing",
        ),
        (
            D + "Future supplies of the edoxaban should be provided by the practice.\n",
            "req-supply-from-practice",
            "prescribing",
        ),
        (
            D + "It is essential that her sodium is rechecked within a week.\n",
            "req-important-that",
            "monitoring",
        ),
        (
            D + "We would value your help in arranging a repeat spirometry.\n",
            "req-grateful-for",
            "monitoring",
        ),
        (D + "I will leave the timing of the colonoscopy with you.\n", "req-leave-to-you", "review"),
    ],
)
def test_round6_new_request_cues(nlp, run, text: str, rule: str, category: str) -> None:
    doc = run(nlp, text)
    assert [(s._.request_rule, s._.request_category) for s in doc.spans["gp_actions"]] == [(rule, category)]


@pytest.mark.parametrize(
    "text",
    [
        D + "He should have his bloods checked at our clinic next week.\n",
        D + "I would recommend that she is reviewed in our clinic in 6 months.\n",
        D + "We will arrange a repeat scan; she needs to have it done at the hospital.\n",
        "Requests to GP:\nPulse measured in clinic 48 (repeat 50).\n",
    ],
)
def test_round6_not_requests(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []


def test_then_and_please_opens_a_new_request(nlp, run) -> None:
    plan = "every 3 months for a year, then 6-monthly, and please refer him to the dietitian"
    text = D + f"Please take over his CA-125 checks: {plan}.\n"
    assert [c for _, c in found(nlp, run, text)] == ["monitoring", "referral"]


def test_then_and_a_step_on_the_result_is_its_own_item(nlp, run) -> None:
    # round 17 (fixtures/README, one item or two): "if it rises" reads the CA-125 the checks find, and the
    # referral on it is its own item
    plan = "every 3 months for a year, then 6-monthly, and please refer him back if it rises"
    text = D + f"Please take over his CA-125 checks: {plan}.\n"
    assert [c for _, c in found(nlp, run, text)] == ["monitoring", "referral"]


def test_postnatal_check_with_weeks_after_it_is_a_review(nlp, run) -> None:
    assert found(nlp, run, "GP actions:\nPostnatal 6 week check with GP including BP.\n") == [
        ("Postnatal 6 week check with GP including BP", "review")
    ]


# -- Y/N form questions and table owners ----------------------------------------------------------
def test_yes_no_question_then_details(nlp, run) -> None:
    text = "Discharge summary\nIs GP action needed? Y\nDetails: recheck sodium in 3 days\n"
    assert found(nlp, run, text) == [("Details: recheck sodium in 3 days", "monitoring")]


@pytest.mark.parametrize(
    "text", ["Discharge summary\nAny actions for GP? N\n", "Discharge summary\nGP action required? No\n"]
)
def test_yes_no_question_answered_no(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []
    assert none_stated(nlp, run, text)


def test_table_row_owned_by_a_hospital_service(nlp, run) -> None:
    rows = "Repeat ferritin | GP | 8 weeks\nMRI spine | Neurology | 3 months\n"
    text = "Actions for GP\nAction | Responsible | Due\n" + rows
    # the row's request is its action cell; owner and timing are the other cells (round 8 phase 2)
    assert found(nlp, run, text) == [("Repeat ferritin", "monitoring")]


def test_issue_under_a_fit_note_heading_is_the_fit_note(nlp, run) -> None:
    assert found(nlp, run, "Fit note: practice to issue if she needs longer\n") == [
        ("practice to issue if she needs longer", "fit_note")
    ]


# -- letters written to the patient ------------------------------------------------------------------
P = "Dear Mr Ellery,\n\nIt was good to see you in clinic today. "


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (P + "Please could your GP practice book you an ECG before Christmas.\n", "monitoring"),
        (
            P + "Your GP surgery will be able to prescribe the patches once the dose is settled.\n",
            "prescribing",
        ),
        (P + "We have written to your GP asking them to refer you for physiotherapy.\n", "referral"),
        (P + "\n\nMessage for your GP: please reduce the amitriptyline to 10 mg.\n", "prescribing"),
    ],
)
def test_round6_patient_letter_requests(nlp, run, text: str, category: str) -> None:
    assert [c for _, c in found(nlp, run, text)] == [category]


def test_round6_patient_letter_own_jobs(nlp, run) -> None:
    text = (
        P
        + "Please book a blood test with your practice nurse in 2 weeks. Please call us with any questions.\n"
    )
    assert found(nlp, run, text) == []


@pytest.mark.parametrize(
    ("text", "rule", "category"),
    [
        (
            D + "We would suggest repeating her ferritin after the course.\n",
            "req-suggest-doing",
            "monitoring",
        ),
        (D + "Our advice would be to stop the tramadol.\n", "req-suggest-doing", "prescribing"),
        (
            D + "We are happy for you to titrate the bisoprolol up to 5 mg.\n",
            "req-happy-for-you",
            "prescribing",
        ),
        (
            D + "His lithium level should be rechecked a week after the change.\n",
            "req-should-be-done",
            "monitoring",
        ),
        (
            D + "It would be sensible for the practice to restart the statin in a month.\n",
            "req-sensible-to",
            "prescribing",
        ),
    ],
)
def test_round6_more_request_cues(nlp, run, text: str, rule: str, category: str) -> None:
    doc = run(nlp, text)
    assert [(s._.request_rule, s._.request_category) for s in doc.spans["gp_actions"]] == [(rule, category)]


@pytest.mark.parametrize(
    "text",
    [
        D + "Her HbA1c should be repeated in the diabetes clinic in 3 months.\n",
        D + "In time it might be worth considering a switch to a DOAC, but not yet.\n",
        D + "We are happy for you to contact us at any time.\n",
    ],
)
def test_round6_more_not_requests(nlp, run, text: str) -> None:
    assert found(nlp, run, text) == []
