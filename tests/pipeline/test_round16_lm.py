"""Round 16 (writers L and M): letter type, dates, specialty, follow-up, fit note and medication changes.

Every wording here is this file's own, written for the kind of phrasing, not copied from a letter; each rule
has a look-alike that must stay as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter

Run = Callable[[Language, str | Letter], Doc]
MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


@pytest.fixture(scope="module")
def meds(make_nlp: Callable[..., Language], run: Run) -> Callable[[str], list[tuple[str, str]]]:
    nlp = make_nlp(*MEDS)

    def _changes(text: str) -> list[tuple[str, str]]:
        return [(c["drug"], c["action"]) for c in run(nlp, text)._.med_changes]

    return _changes


@pytest.fixture(scope="module")
def fit(status_nlp: Language, run: Run) -> Callable[[str], str]:
    def _fit(text: str) -> str:
        fn = run(status_nlp, text)._.fit_note
        return fn["status"] if fn else "not_mentioned"

    return _fit


# -- letter type and clinic date --------------------------------------------------------------------------


def test_a_pre_operative_assessment_letter_is_a_clinic_letter_with_its_visit_date(
    letter_type: Callable[[str], str], meta_dates: Callable[[str], dict[str, dt.date]]
) -> None:
    text = (
        "Day Case Unit Pre-op Assessment\nRiverside General Hospital\n\n14 March 2027\n\n"
        "Pre-assessment: 12/03/2027\nListed for: left knee arthroscopy\n\n"
        "His blood pressure was 182/104 today, so we cannot proceed yet. Please review his treatment.\n"
    )
    assert letter_type(text) == "clinic_letter"
    assert meta_dates(text).get("clinic") == dt.date(2027, 3, 12)


def test_a_day_case_discharge_naming_an_earlier_pre_assessment_stays_a_discharge(
    letter_type: Callable[[str], str],
) -> None:
    # Look-alike: the pre-assessment is an earlier visit told in prose; the letter is the day case's.
    text = (
        "Day Surgery Unit - discharge letter\nProcedure: right carpal tunnel release, 02/04/2027\n"
        "A fit note was given to her at her pre-operative assessment on 20/03/2027 and covers her recovery.\n"
    )
    assert letter_type(text) == "discharge_summary"


def test_a_clinic_named_with_a_bracketed_abbreviation_is_a_clinic_letter(
    letter_type: Callable[[str], str],
) -> None:
    text = (
        "Department of Urology\n\nDear Dr Lowe\n\nRe: Mr P Quist\n"
        "Lower urinary tract symptoms (LUTS) clinic, 03/05/2027\n\n"
        "His flow rate was 9 ml/s with a residual of 150 ml.\n"
    )
    assert letter_type(text) == "clinic_letter"


def test_a_nurse_led_clinic_visit_today_is_a_clinic_letter(letter_type: Callable[[str], str]) -> None:
    text = (
        "Stoma Care Service\n\nDear Dr Osei\n\nMrs Kane came to the nurse-led stoma clinic today. Her "
        "stoma is healthy and the skin around it has settled.\n"
    )
    assert letter_type(text) == "clinic_letter"


# -- specialty ---------------------------------------------------------------------------------------------


def test_a_surgeons_fellowship_names_the_specialty(meta_nlp: Language, run: Run) -> None:
    text = (
        "Harbour Independent Hospital\nDISCHARGE NOTIFICATION\n\nPatient: Mr T Vale\n\nAdmitted 02/02/2027\n"
        "Operation and recovery uneventful.\nConsultant surgeon: Miss R Ng FRCS (Urol)\n"
    )
    assert run(meta_nlp, text)._.meta["specialty"]["value"] == "urology"


def test_a_fellowship_without_a_specialty_leaves_the_surgeon_general(meta_nlp: Language, run: Run) -> None:
    # Look-alike: a bare FRCS names no specialty; "Consultant General Surgeon" stays surgery.
    text = (
        "Harbour Independent Hospital\nDISCHARGE NOTIFICATION\n\nPatient: Mr T Vale\n\nAdmitted 02/02/2027\n"
        "Operation and recovery uneventful.\nMiss R Ng FRCS, Consultant General Surgeon\n"
    )
    assert run(meta_nlp, text)._.meta["specialty"]["value"] == "surgery"


# -- letter date from a sign-off ---------------------------------------------------------------------------


def test_a_junior_signing_for_the_consultant_dates_the_letter(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    text = (
        "Cardiology - Ward 7\nDischarge Summary\nAdmitted: 01/06/2027 | Discharged: 05/06/2027\n"
        "Plan: HF nurse to call in 1 week.\n\nDr S Appiah (CT2) for Dr R Moor   06/06/2027\n"
    )
    assert meta_dates(text).get("letter") == dt.date(2027, 6, 6)


def test_a_nurse_sign_off_with_a_role_dates_the_letter(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    text = (
        "Ward 3 Discharge\nAdmitted 10/07/2027 - Discharged 12/07/2027\nWound dry.\n\n"
        "Completed by\nPriya Lund, Charge Nurse - 12/07/2027\n"
    )
    assert meta_dates(text).get("letter") == dt.date(2027, 7, 12)


def test_a_nurse_named_in_a_plan_with_a_date_does_not_date_the_letter(
    meta_dates: Callable[[str], dict[str, dt.date]],
) -> None:
    # Look-alike: the role and date sit in a sentence about a visit, not on a sign-off line.
    text = (
        "Ward 3 Discharge\nAdmitted 10/07/2027 - Discharged 12/07/2027\n"
        "Priya Lund, Charge Nurse will ring him on 19/07/2027.\n"
    )
    assert meta_dates(text).get("letter") is None


# -- follow-up owner ---------------------------------------------------------------------------------------


def test_a_team_call_within_hours_is_hospital_follow_up_beside_no_clinic(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    text = (
        "Discharge Summary\nAdmitted: 01/03/2027\nFollow-up\nHeart failure nurse phone call within 48 hours "
        "of discharge. No cardiology clinic appointment.\n"
    )
    assert owner(text)[0] == "hospital"


def test_a_practice_nurse_call_within_hours_is_not_the_hospitals(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    # Look-alike: the practice's own nurse calls; the letter says no follow-up.
    text = (
        "Discharge Summary\nAdmitted: 01/03/2027\nFollow-up\nNo hospital follow-up. Practice nurse call "
        "within 48 hours if possible.\n"
    )
    assert owner(text)[0] != "hospital"


def test_a_surveillance_scope_the_unit_books_is_hospital_follow_up(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    text = (
        "Endoscopy Unit report\nFindings: two small adenomas removed.\nRecommendations\n"
        "- Surveillance colonoscopy in 3 years, which our unit will arrange.\n"
    )
    assert owner(text)[0] == "hospital"


def test_a_surveillance_scope_left_to_the_practice_is_not_the_hospitals(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    # Look-alike: the practice is asked to request it; the unit books nothing.
    text = (
        "Endoscopy Unit report\nFindings: two small adenomas removed.\nRecommendations\n"
        "- Please refer her for a surveillance colonoscopy in 3 years.\n"
    )
    assert owner(text)[0] != "hospital"


def test_a_terse_discharge_from_same_day_care_is_no_follow_up(
    owner: Callable[[str], tuple[str, str]],
) -> None:
    text = (
        "Same Day Emergency Care\nChest wall pain, ECG and troponin normal.\n"
        "Plan: simple analgesia. Discharged from AEC.\n"
    )
    assert owner(text)[0] == "none"


def test_a_same_day_care_discharge_date_field_is_no_outcome(owner: Callable[[str], tuple[str, str]]) -> None:
    # Look-alike: a field giving the date of leaving says nothing about follow-up.
    text = "Same Day Emergency Care\nDischarged from SDEC: 14/05/2027\nChest wall pain, ECG normal.\n"
    assert owner(text)[0] != "none"


# -- fit note ----------------------------------------------------------------------------------------------


def test_a_bracketed_aside_in_a_fit_note_row_does_not_negate_it(fit: Callable[[str], str]) -> None:
    text = (
        "Day Surgery discharge\nPlan | Who | When\n"
        "Fit note (not to climb ladders) | Ward - issued on discharge | 3 weeks\n"
    )
    assert fit(text) == "issued"


def test_a_fit_note_not_issued_stays_negated(fit: Callable[[str], str]) -> None:
    # Look-alike: the negation is the row's own, outside the brackets.
    text = "Day Surgery discharge\nFit note (3 weeks) was not issued before he left.\n"
    assert fit(text) != "issued"


def test_unable_to_go_back_to_work_is_a_need(fit: Callable[[str], str]) -> None:
    text = (
        "Discharge summary\nAdmitted with a septic arthritis of the knee.\n"
        "He is a roofer and won't be able to go back to work until the antibiotics finish.\n"
    )
    assert fit(text) == "missing"


def test_a_dropped_apostrophe_still_rules_out_work(fit: Callable[[str], str]) -> None:
    text = "Fracture clinic\nBus driver. Cant work in the cast. Cast for 6/52.\n"
    assert fit(text) == "missing"


def test_going_back_to_work_next_week_is_no_need(fit: Callable[[str], str]) -> None:
    # Look-alike: able to return, nothing missing.
    text = "Clinic letter\nShe will be able to go back to work next week as planned.\n"
    assert fit(text) == "not_mentioned"


# -- medication changes ------------------------------------------------------------------------------------


def test_an_arrow_from_the_admission_dose_is_a_dose_change(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    text = (
        "MEDICATION CHANGES\nBumetanide: 1 mg OM on admission -> 2 mg OM on discharge\n"
        "Ramipril: 5 mg OD (pre-admission) -> 2.5 mg OD\n"
    )
    assert meds(text) == [("bumetanide", "increase"), ("ramipril", "decrease")]


def test_a_time_after_a_change_word_is_no_pronoun(meds: Callable[[str], list[tuple[str, str]]]) -> None:
    text = (
        "She uses latanoprost at night. Her painkillers have had to be increased this month, which she "
        "finds tiring.\n"
    )
    assert ("latanoprost", "increase") not in meds(text)


def test_a_pronoun_after_a_change_word_still_ties_back(meds: Callable[[str], list[tuple[str, str]]]) -> None:
    # Look-alike: "increased this to" names the dose of the drug just before.
    text = "She was on sertraline 50 mg daily, and I have increased this to 100 mg daily.\n"
    assert ("sertraline", "increase") in meds(text)


def test_a_new_label_whose_gap_became_a_cell_bar_starts_the_drug(
    make_nlp: Callable[..., Language], run: Run
) -> None:
    text = "MEDS\nNew: | edoxaban 60 mg OD for 3 months, review at clinic\nContinue: | sertraline 50 mg OD\n"
    got = [(c["drug"], c["action"]) for c in run(make_nlp(*MEDS), text)._.med_changes]
    assert ("edoxaban", "start") in got
    assert not any(d == "sertraline" for d, _ in got)


def test_a_discharge_item_course_past_its_dose_words_is_a_start(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    text = (
        "Home same day.\nTTO: chloramphenicol 0.5% eye drops, 1 drop into the left eye four times a day "
        "for 7 days. Own paracetamol as needed.\n"
    )
    assert ("chloramphenicol", "start") in meds(text)


def test_a_course_said_to_be_over_in_the_next_sentence_is_no_start(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    text = (
        "IV benzylpenicillin on the ward, then oral amoxicillin 500 mg TDS to complete 7 days in total "
        "(last dose 03/03). Course now completed.\n"
    )
    assert ("amoxicillin", "start") not in meds(text)


def test_a_course_going_home_without_that_sentence_is_a_start(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    # Look-alike: the same course with nothing saying it is over goes on at home.
    text = (
        "IV benzylpenicillin on the ward, then oral amoxicillin 500 mg TDS to complete 7 days in total. "
        "Mobilising well.\n"
    )
    assert ("amoxicillin", "start") in meds(text)


def test_removed_after_a_line_is_the_lines(meds: Callable[[str], list[tuple[str, str]]]) -> None:
    text = (
        "IV teicoplanin 400 mg daily from 02/04 to 16/04 via midline (now removed). "
        "Now on oral doxycycline.\n"
    )
    assert ("teicoplanin", "stop") not in meds(text)


def test_a_drug_removed_is_still_stopped(meds: Callable[[str], list[tuple[str, str]]]) -> None:
    # Look-alike: with no device before it, "removed" is the drug's.
    text = "Doxazosin has been removed from his repeat list because of postural dizziness.\n"
    assert ("doxazosin", "stop") in meds(text)


def test_use_instead_of_a_drug_already_continued_starts_nothing(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    text = (
        "Medicines\n- Co-codamol 30/500 as needed - continued\n"
        "- Naproxen 500 mg BD - told to stop it and use co-codamol instead\n"
    )
    got = meds(text)
    assert ("naproxen", "stop") in got
    assert ("co-codamol", "start") not in got


def test_use_instead_of_a_new_drug_is_still_a_start(meds: Callable[[str], list[tuple[str, str]]]) -> None:
    # Look-alike: the drug used instead is not one she takes already.
    text = "Medicines\n- Naproxen 500 mg BD - told to stop it and use co-codamol instead\n"
    assert ("co-codamol", "start") in meds(text)


def test_a_list_line_ending_in_a_capital_frequency_ends_its_item(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    text = "MEDICATION\nSTART simvastatin 40 mg ON\nSTART enoxaparin 40 mg SC OD until mobile\n"
    assert meds(text) == [("simvastatin", "start"), ("enoxaparin", "start")]


def test_a_capital_frequency_inside_a_line_keeps_its_status(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    # Look-alike: "ON" with the status after it on the same line; only a line's end is a break.
    text = "MEDICATION\nSimvastatin 40 mg ON - NEW\nRamipril 5 mg OD - unchanged\n"
    assert meds(text) == [("simvastatin", "start")]


def test_a_short_course_on_a_plan_line_is_a_start(meds: Callable[[str], list[tuple[str, str]]]) -> None:
    text = "Ambulatory care note\nD-dimer negative.\nPlan: naproxen 250 mg TDS 5/7 with food, rest.\n"
    assert ("naproxen", "start") in meds(text)


def test_a_plan_line_continuing_a_usual_drug_is_no_start(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    # Look-alike: a drug the patient takes already, carried on, is no course.
    text = "Ambulatory care note\nD-dimer negative.\nPlan: continue usual naproxen 250 mg TDS, rest 5/7.\n"
    assert ("naproxen", "start") not in meds(text)


def test_a_status_word_wrapped_onto_its_own_line_heads_no_list(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    text = (
        "Medication changes\n- Haloperidol 500 micrograms at night for agitation\n- new\n"
        "Senna 15 mg at night - stopped\nPrednisolone 10 mg daily - reduced from 20 mg\n"
    )
    got = meds(text)
    assert ("senna", "stop") in got
    assert ("prednisolone", "decrease") in got
    assert ("prednisolone", "start") not in got


def test_a_status_heading_with_a_colon_still_heads_its_list(
    meds: Callable[[str], list[tuple[str, str]]],
) -> None:
    # Look-alike: "New:" on its own line heads the lines below.
    text = "Medication changes\nNew:\nLevomepromazine 6.25 mg at night\nLaxido 1 sachet BD\n"
    got = meds(text)
    assert ("levomepromazine", "start") in got
    assert ("macrogol 3350", "start") in got
