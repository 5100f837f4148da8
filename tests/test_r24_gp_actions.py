"""Round 24: GP action requests in short ED, SDEC, day-case and surgical letters. False alarms: the hospital's
own plan lines after a labelled ask ("- practice nurse: ..., please" then "- r/v plastics 2/52"), a list item
after the hospital's own step, a GP line that only points back to an ask made above, the hospital's outpatient
review in shorthand, and the patient sent to the practice; a re-referral whose test the hospital would arrange
is not recall; and the repeat list rewritten to two dosed drugs is one item. Every wording is this file's own;
each has a look-alike that must stay as it was."""

from __future__ import annotations

import pytest
from spacy.language import Language

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


def items(nlp: Language, body: str) -> list[tuple[str, str, str | None]]:
    """(text, category, rule) of each GP action in a short discharge letter whose body is ``body``."""
    text = (
        "Dear Dr Hale,\n\nDischarge summary (surgical assessment unit).\n\n"
        + body
        + "\n\nYours sincerely,\nDr A Jones\n"
    )
    return [(a.text, a.category, a.rule) for a in audit(Letter.from_text(text), nlp=nlp).gp_actions]


def texts(nlp: Language, body: str) -> list[str]:
    return [t for t, _, _ in items(nlp, body)]


# A label naming the practice inside one item of a plan list names the owner of that item only: the
# hospital's plan lines after it are not the practice's.


@pytest.mark.parametrize(
    "body",
    [
        "Plan:\n- flucloxacillin 500mg QDS 7/7 (supplied)\n- practice nurse: wound check day 5, please\n"
        "- removal of sutures day 10-14\n- paracetamol regularly\n- r/v plastics 2/52",
        "Plan:\n1. Abx 5/7 (TTO)\n2. Practice nurse - wound check 48h please\n3. Dressing clinic 1/52\n"
        "4. Continue regular meds",
    ],
)
def test_a_label_in_one_plan_item_owns_that_item_only(nlp: Language, body: str) -> None:
    found = texts(nlp, body)
    assert len(found) == 1 and "wound check" in found[0]


def test_a_label_alone_on_its_line_still_heads_the_items_below(nlp: Language) -> None:
    # Near miss: "- GP actions:" with nothing after it heads the items under it.
    found = texts(nlp, "Plan:\n- GP actions:\n- U&E in 1 week\n- BP check in 2 weeks")
    assert found == ["U&E in 1 week", "BP check in 2 weeks"]


# A list item after the hospital's own step is not carried on from the ask before that step.


def test_an_item_after_the_hospitals_own_step_is_not_the_practices(nlp: Language) -> None:
    body = (
        "Plan:\n1. Fit note given today for 2 weeks.\n2. GP - please refer to community physio.\n"
        "3. r/v here at 6 months with XR (we will send appt).\n4. Stop clopidogrel now 12 months complete."
    )
    assert texts(nlp, body) == ["GP - please refer to community physio"]


def test_an_item_straight_after_an_ask_still_carries_on(nlp: Language) -> None:
    # Near miss: the chain from one ask to the next item is unchanged.
    body = "Plan:\n1. GP - please repeat FBC in 4 weeks.\n2. Stop ferrous sulfate once Hb above 120."
    assert len(texts(nlp, body)) == 2


# A GP line that only points back to an ask made above adds no item.


@pytest.mark.parametrize(
    "line",
    ["GP actions: suture removal as above only", "GP actions: as per plan above", "GP actions: as above"],
)
def test_a_gp_line_pointing_back_adds_no_item(nlp: Language, line: str) -> None:
    body = "Wound care: glue to wound.\nSutures: practice nurse to remove at 7-10 days.\n" + line
    assert texts(nlp, body) == ["Sutures: practice nurse to remove at 7-10 days"]


def test_a_gp_line_asking_as_above_still_asks(nlp: Language) -> None:
    # Near miss: an ask of its own that points back for detail stays.
    body = "Dexamethasone reducing course below.\nGP actions: please continue the reducing course as above"
    assert len(texts(nlp, body)) == 1


# The hospital's outpatient review in shorthand, under a GP heading too.


@pytest.mark.parametrize("line", ["r/v surgical OPD 4/52", "f/u OPD 6/52", "r/v here at 1 year with XR"])
def test_the_hospitals_outpatient_review_is_no_request(nlp: Language, line: str) -> None:
    assert texts(nlp, "GP actions:\n- U&E in 1 week\n- " + line) == ["U&E in 1 week"]


# The patient sent to the practice, in a plan or a safety net, is no ask of the practice.

SAFETY_NET = "Plan:\n- Analgesia\n- Safety net advice given - to re-attend if symptoms worsen\n- "


@pytest.mark.parametrize(
    "line",
    [
        "Pt to contact GP surgery to book suture removal at day 10.",
        "See GP if not settling in 1 week.",
        "To see own GP if not improving in 1/52.",
        "Mum to see GP if fever persists beyond 5 days.",
    ],
)
def test_the_patient_sent_to_the_practice_is_no_request(nlp: Language, line: str) -> None:
    assert texts(nlp, SAFETY_NET + line) == []


def test_a_review_by_the_practice_if_not_settling_stays(nlp: Language) -> None:
    # Near miss: the practice asked to follow up is a request.
    found = texts(nlp, SAFETY_NET + "GP f/u if not settling in 4-6/52")
    assert found == ["GP f/u if not settling in 4-6/52"]


# A re-referral whose test the hospital would arrange is not call and recall.


def test_a_rereferral_for_a_test_we_would_arrange_is_not_recall(nlp: Language) -> None:
    body = (
        "Please review him in 6 weeks and re-refer if no better, when we would arrange nerve conduction "
        "studies."
    )
    found = items(nlp, body)
    assert found[-1][1:] == ("referral", None)


def test_a_referral_for_a_test_still_is_recall(nlp: Language) -> None:
    # Near miss: the practice asked to refer for the test is still the hospital's recall.
    found = items(nlp, "Please refer her for nerve conduction studies.")
    assert [r for _, _, r in found] == ["call_and_recall"]


# The repeat list rewritten to two dosed drugs, and a third taken off, is one prescribing item.


def test_the_repeat_rewritten_to_two_dosed_drugs_is_one_item(nlp: Language) -> None:
    body = (
        "Could you update her repeat prescription to sertraline 100 mg OD and mirtazapine 15 mg ON, and "
        "remove the citalopram."
    )
    assert [c for _, c, _ in items(nlp, body)] == ["prescribing"]


def test_two_dosed_drugs_prescribed_on_repeat_stay_two(nlp: Language) -> None:
    # Near miss: "prescribe X + Y on repeat" is a start of two drugs (fixtures/README).
    body = "GP actions:\n- Please prescribe hydroxycarbamide 500mg OD + aspirin 75mg OD on repeat."
    assert len(items(nlp, body)) == 2


def test_the_repeat_rewritten_then_a_test_is_two(nlp: Language) -> None:
    body = "GP actions:\n- Please update his repeat to bisoprolol 5 mg OD and check U&E in 1 week."
    assert [c for _, c, _ in items(nlp, body)] == ["prescribing", "monitoring"]


# A plan line opening on the referral made is the hospital's done step; the list's asks end there.


def test_a_plan_line_opening_on_the_referral_made_is_the_hospitals(nlp: Language) -> None:
    body = (
        "Plan:\n- Thiamine 100mg TDS - please continue on repeat\n"
        "- Referred to community alcohol services (self-referral info given)\n- Encourage abstinence"
    )
    assert texts(nlp, body) == ["Thiamine 100mg TDS - please continue on repeat"]


def test_care_referred_back_to_the_gp_is_not_the_hospitals(nlp: Language) -> None:
    # Near miss: a line handing the care to the practice is not the hospital's own referral.
    found = texts(nlp, "GP actions:\n- Referred back to GP for BP monitoring - please check BP in 2 weeks")
    assert len(found) == 1


# The practice's part said not to be needed, a note for its information, and the patient told to act.


@pytest.mark.parametrize(
    "body",
    [
        "Outcome: discharged. GP follow-up not required. Safety netting given.",
        "Told to arrange BP check with practice nurse in 1/52.",
    ],
)
def test_statements_that_ask_nothing_of_the_practice(nlp: Language, body: str) -> None:
    assert texts(nlp, body) == []


def test_a_note_for_the_practices_information_is_no_request(nlp: Language) -> None:
    # (in a ward's discharge summary, where the sentence reader would otherwise propose it)
    text = (
        "DISCHARGE SUMMARY\nWard 7, Riverside General Hospital\nPatient: Mrs Jane Example DOB 02/03/1960\n"
        "Admitted: 03/11/2026 Discharged: 07/11/2026\nSummary\nAdmitted with a chest infection, treated and "
        "now well.\nSDEC\nTTO: co-amoxiclav 7 days.\nGP please note: pt had AKI (creat 160 -> 95). Ramipril "
        "withheld.\nPlease restart ramipril when U&E back to baseline.\nDr C Smith, FY1\n"
    )
    found = [a.text for a in audit(Letter.from_text(text), nlp=nlp).gp_actions]
    assert found == ["Please restart ramipril when U&E back to baseline"]


def test_a_note_that_asks_in_words_of_its_own_stays(nlp: Language) -> None:
    # Near miss: "GP please note" with an ask after it is a request.
    found = texts(nlp, "GP please note: K 5.9 on discharge - please recheck U&E in 1 week.")
    assert len(found) == 1


# A plan table drawn with outer bars reads as one without: the practice's row is its action cell, the test
# timed before a dose change is monitoring, and a trace sent back to the team is its recall.


def clinic_items(nlp: Language, body: str) -> list[tuple[str, str, str | None]]:
    text = "Dear Dr Hale,\n\nI saw Ms Doe in clinic today.\n\n" + body + "\n\nYours sincerely,\nDr A Jones\n"
    return [(a.text, a.category, a.rule) for a in audit(Letter.from_text(text), nlp=nlp).gp_actions]


def test_a_row_of_a_table_with_outer_bars_is_its_action_cell(nlp: Language) -> None:
    body = (
        "Plan\n| Action | Owner | When |\n"
        "| Home visit, check CBG log | Diabetes specialist nurse | tomorrow |\n"
        "| Add insulin pen needles to repeat | GP practice | before the supply runs out |\n"
        "| HbA1c | GP practice | 3 months |\n| Diabetes clinic review | Hospital | 3 months |"
    )
    assert [t for t, _, _ in clinic_items(nlp, body)] == ["Add insulin pen needles to repeat", "HbA1c"]


def test_a_check_test_header_and_a_trace_sent_back(nlp: Language) -> None:
    body = (
        "Physical health plan\n| Check / action | Owner | When |\n"
        "| Weight and BP | Psychosis team | monthly |\n"
        "| ECG before quetiapine increase, please send trace to CMHT | GP practice | within 2 weeks |"
    )
    found = clinic_items(nlp, body)
    assert found == [
        ("ECG before quetiapine increase, please send trace to CMHT", "monitoring", "call_and_recall")
    ]


def test_a_dose_step_timed_by_before_keeps_its_kind(nlp: Language) -> None:
    # Near miss: the step itself asked, with "before" saying when, is still prescribing.
    found = clinic_items(nlp, "Please increase the ramipril to 10 mg before her next review.")
    assert [c for _, c, _ in found] == ["prescribing"]


# The team's nurse named after the role will call; a summary box counting the asks; a chase then a talk.


def test_a_named_nurse_who_will_phone_is_the_hospitals(nlp: Language) -> None:
    body = (
        "Actions for GP:\n- Please update her repeat prescription to MST 20 mg BD.\n"
        "- Palliative CNS Amy Clarke will phone her in 1 week to check the dose."
    )
    assert len(clinic_items(nlp, body)) == 1


@pytest.mark.parametrize("line", ["GP actions: 2, listed at the end", "GP actions: 2 (see below)"])
def test_a_count_of_the_asks_is_no_ask(nlp: Language, line: str) -> None:
    body = line + "\nFollow-up: none\n\nActions for GP\n1. Check BP in 4 weeks.\n2. Check U&E in 2 weeks."
    assert [t for t, _, _ in clinic_items(nlp, body)] == ["Check BP in 4 weeks", "Check U&E in 2 weeks"]


def test_a_chase_then_a_talk_with_the_patient_is_one_results_item(nlp: Language) -> None:
    found = clinic_items(nlp, "Please chase the MRI result and discuss it with her when it is back.")
    assert [c for _, c, _ in found] == ["results"]


def test_a_result_sent_to_a_named_doctor_who_will_decide_stays_the_practices(nlp: Language) -> None:
    # "who will decide" tells who reads the result, named by title and name as well as by team.
    body = (
        "Plan for GP:\n- Please repeat U&E within 1 week.\n- The renal team have asked that the practice "
        "arrange a renal tract ultrasound and send the result to Dr Lee, renal consultant, who will "
        "decide on review."
    )
    found = clinic_items(nlp, body)
    assert len(found) == 2 and found[1][1:] == ("monitoring", "call_and_recall")


# What is under a heading for the patient is read as a letter to the patient is; a line labelled for another
# discipline after a labelled ask of the practice is that discipline's.


@pytest.mark.parametrize(
    "body",
    [
        "Information for you:\nYou have a sprained ankle. Please take paracetamol regularly and use ice. "
        "Please make an appointment with your practice nurse to have the stitches removed in 10 days.",
        "Patient advice:\n- Please keep the wound dry for 48 hours.\n- Please arrange for your stitches to "
        "be removed by the practice nurse in 7-10 days.\n- Please return to ED if it becomes red or hot.",
    ],
)
def test_asks_under_a_heading_for_the_patient_are_the_patients(nlp: Language, body: str) -> None:
    assert texts(nlp, body) == []


def test_the_practice_named_under_a_heading_for_the_patient_still_asks(nlp: Language) -> None:
    # Near miss: the practice named as the one to act is asked, whoever the heading is for.
    found = texts(nlp, "Patient advice:\n- Rest and fluids.\n- GP to review in 2 weeks.")
    assert found == ["GP to review in 2 weeks"]


def test_a_line_labelled_for_another_discipline_is_not_the_practices(nlp: Language) -> None:
    body = (
        "Practice nurse: please remove sutures at 10 days.\nDistrict nurse: not required.\n"
        "Physio: self-referral leaflet given."
    )
    assert texts(nlp, body) == ["please remove sutures at 10 days"]


# The hospital's own plan items under a GP heading: booked or arranged where the hospital does it, a hospital
# clinic's own review, a team or clinic "to" act after a topic and a dash, a review by the team's nurse.


@pytest.mark.parametrize(
    "line",
    [
        "TWOC booked in urology 1/52",
        "Chest clinic 6/52 with CXR (booked)",
        "Virtual clinic review of results 2/52",
        "Dressing clinic on ward 4 in 3 days",
        "Clinic to arrange MRI",
        "Await histology - surgical team to action",
        "Telephone follow-up by CNS 1/52",
        "Pre-op assessment will contact pt",
    ],
)
def test_the_hospitals_own_item_under_a_gp_heading_is_no_request(nlp: Language, line: str) -> None:
    assert texts(nlp, "GP actions:\n- U&E in 1 week\n- " + line) == ["U&E in 1 week"]


def test_a_clinic_review_at_the_practice_is_still_asked(nlp: Language) -> None:
    # Near miss: the practice's own clinic named.
    found = texts(nlp, "GP actions:\n- U&E in 1 week\n- Asthma clinic review at the practice in 2 weeks")
    assert len(found) == 2


# An agreement told as the practice's plan, then asked for in words of its own, is one request.


def test_an_agreement_told_then_asked_is_one_request(nlp: Language) -> None:
    body = (
        "We agreed a short trial of quetiapine. As discussed on the phone with Dr Hale last week, the "
        "practice will prescribe it and our nurse will monitor.\n\nPlease could you prescribe quetiapine 25 "
        "mg ON for 4 weeks (not on repeat)."
    )
    found = clinic_items(nlp, body)
    assert [t for t, _, _ in found] == [
        "Please could you prescribe quetiapine 25 mg ON for 4 weeks (not on repeat)"
    ]


def test_an_agreement_told_alone_is_still_a_request(nlp: Language) -> None:
    # Near miss: with no ask after it, the told plan is the request.
    body = "As discussed with Dr Hale last week, the practice will prescribe it and we will monitor."
    assert len(clinic_items(nlp, body)) == 1


# A count in brackets is no list number; "no action at present" asks nothing; a wound task naming the practice
# nurse, one clip or "ROS" too, is the practice's.


def test_a_count_in_brackets_does_not_split_the_ask(nlp: Language) -> None:
    found = texts(
        nlp, "Referral to allergy clinic made.\nGP: please prescribe adrenaline auto-injectors (2) on repeat."
    )
    assert found == ["please prescribe adrenaline auto-injectors (2) on repeat"]


def test_numbered_asks_in_a_sentence_still_split(nlp: Language) -> None:
    # Near miss: "(1) ... (2) ..." numbers two asks.
    assert (
        len(texts(nlp, "Please (1) repeat her U&E in 1 week and (2) refer her to the heart failure nurses."))
        == 2
    )


def test_no_action_at_present_is_no_request(nlp: Language) -> None:
    body = "Review in ACU 48h (booked). If improving, discharge to GP.\nGP: aware, no action at present."
    assert texts(nlp, body) == []


@pytest.mark.parametrize(
    "line",
    ["Clip removal day 12-14 (practice nurse) - patient to book", "Sutures: ROS 10 days at practice nurse"],
)
def test_a_wound_task_naming_the_practice_nurse_is_the_practices(nlp: Language, line: str) -> None:
    assert texts(nlp, "Wound: clean and dry.\n" + line) == [line]


# A step verb after an arrow, with no condition, acts on the test before it: two items.


def test_a_step_after_an_arrow_is_its_own_item(nlp: Language) -> None:
    found = items(nlp, "GP actions:\n- Wt + U&E 1/52 -> adjust furosemide")
    assert [(t, c) for t, c, _ in found] == [
        ("Wt + U&E 1/52", "monitoring"),
        ("adjust furosemide", "prescribing"),
    ]


def test_a_dose_arrow_inside_one_step_stays_one(nlp: Language) -> None:
    # Near miss: no verb after the arrow.
    assert len(items(nlp, "GP actions:\n- Ramipril 2.5 -> 5 mg OD on repeat")) == 1


def test_the_practice_to_be_told_is_no_request(nlp: Language) -> None:
    assert texts(nlp, "Discharged home.\nGP to be informed of attendance.") == []


def test_the_practice_told_then_asked_still_asks(nlp: Language) -> None:
    # Near miss: told, and then asked to act.
    found = texts(nlp, "Discharged home.\nGP to be made aware and to check her BP in 2 weeks.")
    assert len(found) == 1


@pytest.mark.parametrize("line", ["Stop smoking", "Increase fluids", "Weight bear as tolerated"])
def test_lifestyle_and_mobility_advice_after_an_ask_is_the_patients(nlp: Language, line: str) -> None:
    found = texts(nlp, "Plan:\n1. Please review BP in 2 weeks\n2. Avoid NSAIDs\n3. " + line)
    assert found == ["Please review BP in 2 weeks"]


def test_a_referral_to_a_stop_smoking_service_after_an_ask_stays(nlp: Language) -> None:
    # Near miss: the service named is a referral.
    found = texts(nlp, "Plan:\n1. Please review BP in 2 weeks\n2. Please refer to the stop smoking service")
    assert len(found) == 2


def test_a_fit_note_not_issued_handed_to_the_gp_is_a_fit_note_request(nlp: Language) -> None:
    found = items(nlp, "Dx: lumbar back pain. Works as a plasterer.\nFit note: not issued - GP please.")
    assert [(c, r) for _, c, r in found] == [("fit_note", "fit_note")]
