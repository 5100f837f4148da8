"""Round 11 phrasing families and shapes from five new writers (worded unlike the dev letters)."""

from __future__ import annotations

from letter_audit.letter import Block, Cell, Letter

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str | Letter) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


# -- the writer's own act beside someone else's prescribing ----------------------------------------
def test_writer_stops_a_drug_another_prescriber_started(make_nlp, run) -> None:
    text = "We have discontinued the zopiclone 7.5 mg he was given by the locum GP, as it made him unsteady."
    assert _changes(make_nlp, run, text) == [("zopiclone", "stop")]
    # the prescriber's own act stays theirs
    assert _changes(make_nlp, run, "The zopiclone was started by the locum GP last month.") == []


def test_colleagues_specialties_and_other_services_are_other_actors(make_nlp, run) -> None:
    assert (
        _changes(make_nlp, run, "He was commenced on allopurinol by your colleague at the branch surgery.")
        == []
    )
    assert _changes(make_nlp, run, "Finasteride 5 mg - prescribed by urology, continues.") == []
    assert _changes(make_nlp, run, "Her amlodipine, started at the surgery for hypertension, stays.") == []
    text = "Orlistat had been prescribed by a private weight clinic; we have stopped it today."
    assert ("orlistat", "stop") in _changes(make_nlp, run, text)


def test_patient_reported_self_changes_are_not_the_teams(make_nlp, run) -> None:
    text = "She says she stopped the amitriptyline herself after a fortnight because of a dry mouth."
    assert _changes(make_nlp, run, text) == []
    text = "He reported that he had stopped atenolol on his own; we have started bisoprolol 1.25 mg."
    assert _changes(make_nlp, run, text) == [("bisoprolol", "start")]


def test_shorthand_weeks_ago_is_history(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Commenced amitriptyline 3/52 ago by GP for sleep.") == []


def test_a_note_after_a_status_dash_tells_its_own_past(make_nlp, run) -> None:
    text = "Bendroflumethiazide 2.5 mg: STOPPED - begun in 2015 for BP, now hyponatraemic."
    assert _changes(make_nlp, run, text) == [("bendroflumethiazide", "stop")]


def test_an_aside_with_its_own_verb_keeps_its_date_inside(make_nlp, run) -> None:
    text = "Omeprazole 40 mg (it was due to be reduced in 2023) - reduced today to 20 mg."
    assert _changes(make_nlp, run, text) == [("omeprazole", "decrease")]


# -- negation, dictation corrections, decisions not carried out ------------------------------------
def test_rather_than_does_not_change_the_drug(make_nlp, run) -> None:
    text = "I have lowered her bisoprolol from 5 mg to 2.5 mg rather than stopping it altogether."
    assert _changes(make_nlp, run, text) == [("bisoprolol", "decrease")]


def test_a_dictation_correction_voids_what_came_before(make_nlp, run) -> None:
    text = "We started doxycycline, correction dictated, we started clarithromycin 500 mg twice daily."
    assert _changes(make_nlp, run, text) == [("clarithromycin", "start")]


def test_a_change_discussed_but_not_prescribed_is_not_made(make_nlp, run) -> None:
    text = (
        "Gabapentin increased from 300 mg to 600 mg three times a day was talked through but not prescribed."
    )
    assert _changes(make_nlp, run, text) == []


def test_a_conditional_bare_verb_asks_for_a_later_change(make_nlp, run) -> None:
    text = "- Recheck lying and standing BP in a fortnight, and reduce the doxazosin if he is still dizzy"
    assert _changes(make_nlp, run, text) == []
    assert _changes(make_nlp, run, "Stop metformin if you are vomiting or cannot eat.") == []


# -- how the drug is reached ------------------------------------------------------------------------
def test_advised_to_stop_is_a_stop_not_a_start(make_nlp, run) -> None:
    text = "Ibuprofen 400 mg (self-purchased): we have advised her to stop it, given the eGFR of 38."
    assert _changes(make_nlp, run, text) == [("ibuprofen", "stop")]


def test_a_bought_supplement_she_was_asked_to_stop(make_nlp, run) -> None:
    text = "He has been using St John's wort from the health food shop, which I have asked him to stop."
    assert _changes(make_nlp, run, text) == [("st john's wort", "stop")]
    assert _changes(make_nlp, run, "Her ginkgo biloba has been stopped.") == [("ginkgo", "stop")]


def test_first_or_loading_dose_of_begins_the_drug(make_nlp, run) -> None:
    text = "The nurse gave the first injection of denosumab 60 mg in clinic today."
    assert _changes(make_nlp, run, text) == [("denosumab", "start")]
    assert _changes(make_nlp, run, "A loading dose of ticagrelor 180 mg was given.") == [
        ("ticagrelor", "start")
    ]


def test_agreed_to_lower_is_a_decrease(make_nlp, run) -> None:
    text = "Together we decided to lower the aripiprazole from 15 mg to 10 mg daily."
    assert _changes(make_nlp, run, text) == [("aripiprazole", "decrease")]


def test_starting_after_a_dose_change_dates_the_change(make_nlp, run) -> None:
    text = "We will raise your candesartan; I have increased candesartan from 8 mg to 16 mg, starting Monday."
    assert _changes(make_nlp, run, text) == [("candesartan", "increase")]


def test_stopped_with_a_taper_in_brackets_is_a_stop(make_nlp, run) -> None:
    text = "I have stopped the pregabalin (weaning it over ten days: 75 mg BD, then 75 mg ON, then stop)."
    assert _changes(make_nlp, run, text) == [("pregabalin", "stop")]


def test_begun_here_and_going_home_on_a_reducing_dose_is_a_start(make_nlp, run) -> None:
    text = "Lorazepam 1 mg at night - TAPERING: started during the admission for agitation; stop after 1 week"
    assert _changes(make_nlp, run, text) == [("lorazepam", "start")]


def test_a_supply_route_is_not_a_start(make_nlp, run) -> None:
    text = "She takes tacrolimus 3 mg twice daily, dispensed by the transplant centre's homecare service."
    assert _changes(make_nlp, run, text) == []


def test_resumed_at_the_usual_dose_is_no_change(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Apixaban was resumed on day 2 at her usual dose.") == []
    assert _changes(make_nlp, run, "Edoxaban 60 mg - restarted, no change to the dose") == []


def test_a_list_heading_with_a_bracketed_note(make_nlp, run) -> None:
    text = (
        "Medications stopped (comfort care only):\n"
        "- Bisoprolol 2.5 mg - of no further use\n- Simvastatin 20 mg\n"
    )
    assert _changes(make_nlp, run, text) == [("bisoprolol", "stop"), ("simvastatin", "stop")]


# -- names ------------------------------------------------------------------------------------------
def test_home_oxygen_names_oxygen(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Ambulatory oxygen was started at 4 L/min for exertion.") == [
        ("oxygen", "start")
    ]


def test_a_misspelt_drop_is_found_by_its_percent_strength(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Brimonadine 0.2% one drop twice a day - started") == [
        ("brimonidine", "start")
    ]


def test_tetanus_status_is_not_a_drug(make_nlp, run) -> None:
    text = "Tetanus up to date.\nMeds given: flucloxacillin 500 mg QDS for 5 days - new"
    assert _changes(make_nlp, run, text) == [("flucloxacillin", "start")]


def test_a_dose_change_word_straight_to_the_new_dose_leaves_the_drug_out(make_nlp, run) -> None:
    text = (
        "She still takes oxycodone 20 mg twice daily, which is too much, so we told her to cut down to 10 mg."
    )
    assert _changes(make_nlp, run, text) == [("oxycodone", "decrease")]


def test_an_arrow_between_routes_reads_the_new_dose(make_nlp, run) -> None:
    text = "CHANGED Bumetanide IV -> oral 2 mg OM (was on 1 mg OM at home)"
    assert _changes(make_nlp, run, text) == [("bumetanide", "increase")]


def test_a_misspelling_confirmed_by_a_dose_holds_for_the_letter(make_nlp, run) -> None:
    text = "Meds: Amlodipene 10mg od.\nAnkles swollen so we have stopped the amlodipene today."
    assert _changes(make_nlp, run, text) == [("amlodipine", "stop")]


def test_a_change_the_team_says_will_be_made_is_made(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Dexamethasone will be weaned down by 2 mg every 3 days.") == [
        ("dexamethasone", "decrease")
    ]


def test_and_you_ends_a_negation(make_nlp, run) -> None:
    text = "Dear Ms Orr,\nThe vitamin B12 tablets will not help and you can stop them now."
    assert _changes(make_nlp, run, text) == [("cyanocobalamin", "stop")]


def test_stays_at_a_dose_after_a_taper_is_no_change(make_nlp, run) -> None:
    text = "Her budesonide, which we had been weaning, stays at 6 mg daily for now."
    assert _changes(make_nlp, run, text) == []


def test_the_part_of_a_co_drug_changed_with_it_is_one_change(make_nlp, run) -> None:
    text = "Co-beneldopa 12.5/50 four times a day - increased.\nToday I have increased the levodopa as above."
    assert _changes(make_nlp, run, text) == [("co-beneldopa", "increase")]
    # a part changed the other way is its own statement
    text = "Co-codamol 30/500 - stopped.\nCodeine phosphate 30 mg QDS - started."
    assert _changes(make_nlp, run, text) == [("co-codamol", "stop"), ("codeine", "start")]


def _table_letter(rows: list[str]) -> Letter:
    """A letter whose lines are table rows with cells split at " | " (as the DOCX and PDF readers give)."""
    text = "\n".join(rows) + "\n"
    blocks, pos = [], 0
    for row in rows:
        cells, cur = [], pos
        for part in row.split(" | "):
            cells.append(Cell(start=cur, end=cur + len(part)))
            cur += len(part) + 3
        blocks.append(Block(kind="table_row", start=pos, end=pos + len(row), cells=cells))
        pos += len(row) + 1
    return Letter.from_text(text).model_copy(update={"blocks": blocks})


def test_a_was_and_now_table_compares_its_columns(make_nlp, run) -> None:
    letter = _table_letter(
        [
            "Medicine | Was | Now | Reason",
            "Sulfasalazine | 1 g twice daily | 1.5 g twice daily | active synovitis",
            "Leflunomide | - | not started | she would rather wait",
            "Folic acid | 5 mg weekly | unchanged | -",
        ]
    )
    assert _changes(make_nlp, run, letter) == [("sulfasalazine", "increase")]


def test_a_hold_then_a_restart_at_the_usual_dose_is_no_change(make_nlp, run) -> None:
    text = "Apixaban was stopped 2 days before the procedure.\nApixaban restarted on day 2 at her usual dose."
    assert _changes(make_nlp, run, text) == []
    # without the usual dose the stop stands
    text = "Apixaban was stopped after the bleed.\nClopidogrel was continued at the same dose."
    assert _changes(make_nlp, run, text) == [("apixaban", "stop")]


def test_a_plan_row_owned_by_the_practice_asks_for_the_change(make_nlp, run) -> None:
    text = (
        "Item | Who | When\n"
        "Reduce the prednisolone by 5 mg a week to stop | GP | from 01/12/2026\n"
        "Repeat MRI pelvis | Radiology | 6 months\n"
    )
    assert _changes(make_nlp, run, text) == []
    text = "Medicine | Dose | Status\nPrednisolone | 30 mg OD | Started | Ward team\n"
    assert _changes(make_nlp, run, text) == [("prednisolone", "start")]


def test_a_line_dated_started_and_stopped_is_a_course_over(make_nlp, run) -> None:
    text = "Lorazepam 0.5 mg PRN (anxiety) - started 02/03/2026, stopped 09/03/2026 as settled."
    assert _changes(make_nlp, run, text) == []
    text = "Lorazepam 0.5 mg PRN - stopped 09/03/2026 as settled."
    assert _changes(make_nlp, run, text) == [("lorazepam", "stop")]


def test_regular_for_n_days_on_a_discharge_list_is_a_course(make_nlp, run) -> None:
    text = "Medications on discharge\nIbuprofen 400 mg TDS regular for 3 days.\nRamipril 5 mg OD regular\n"
    assert _changes(make_nlp, run, text) == [("ibuprofen", "start")]
