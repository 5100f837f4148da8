"""Round 10 phrasing families and shapes from five new writers (worded unlike the dev letters)."""

from __future__ import annotations

from typing import Any

from letter_audit.extract.medication import _brand_switch, _one_story_per_drug

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


# -- brand names of combination products ---------------------------------------------------------
def test_hiv_and_pill_brands_name_their_parts(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "We stopped her Genvoya and started Odefsey.") == [
        ("elvitegravir with cobicistat, emtricitabine and tenofovir alafenamide", "stop"),
        ("emtricitabine with rilpivirine and tenofovir alafenamide", "start"),
    ]
    assert _changes(make_nlp, run, "Marvelon stopped.") == [("ethinylestradiol with desogestrel", "stop")]


# -- taken home, supplied to go home, and lists that go on with "and" ------------------------------
def test_sent_home_with_starts_each_drug_of_the_list(make_nlp, run) -> None:
    text = "She went home with naproxen 250 mg twice daily for three days and lansoprazole 15 mg daily."
    assert _changes(make_nlp, run, text) == [("naproxen", "start"), ("lansoprazole", "start")]
    text = (
        "He took away a week of doxycycline 100 mg daily, along with prednisolone 30 mg and a supply of "
        "salbutamol."
    )
    assert _changes(make_nlp, run, text) == [
        ("doxycycline", "start"),
        ("prednisolone", "start"),
        ("salbutamol", "start"),
    ]


def test_going_home_on_usual_medicines_is_not_a_start(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "She went home on her usual amlodipine.") == []


def test_a_course_to_finish_at_home_is_a_start(make_nlp, run) -> None:
    text = "Managed with trimethoprim 200 mg twice daily for 3 days, to be completed at home."
    assert _changes(make_nlp, run, text) == [("trimethoprim", "start")]


# -- courses over before the letter --------------------------------------------------------------
def test_a_course_finished_on_a_date_is_not_a_change(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "The reducing course of prednisolone ended on 03/02 uneventfully.") == []
    assert _changes(make_nlp, run, "Clarithromycin 500 mg BD started 01/02, 5 days (finished)") == []


# -- plans, options and someone else's changes ----------------------------------------------------
def test_with_a_view_to_stopping_is_not_a_stop(make_nlp, run) -> None:
    text = "I have halved the bisoprolol to 2.5 mg daily, with the aim of stopping it next month."
    assert _changes(make_nlp, run, text) == [("bisoprolol", "decrease")]


def test_a_change_that_would_be_reasonable_is_not_made(make_nlp, run) -> None:
    text = "Should his ankles swell again, doubling the bumetanide for a few days would seem sensible."
    assert _changes(make_nlp, run, text) == []


def test_considered_but_not_started_is_negated(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Mirtazapine: discussed as an option and not started at present.") == []


def test_a_change_on_an_earlier_admission_is_history(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Bisoprolol was started during her previous admission.") == []
    text = "Sertraline was increased to 100 mg at his last appointment in June."
    assert _changes(make_nlp, run, text) == []


def test_another_teams_change_is_theirs(make_nlp, run) -> None:
    text = "His renal team have already reduced the furosemide to 40 mg."
    assert _changes(make_nlp, run, text) == []


def test_the_patient_stopping_it_herself_is_not_our_stop(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Metformin gave her diarrhoea and she stopped it in March.") == []


# -- a taper that ends the drug ------------------------------------------------------------------
def test_a_drug_led_line_reducing_then_stopping_is_a_stop(make_nlp, run) -> None:
    text = "Pregabalin: reduce Lyrica to 75 mg twice daily, then 75 mg at night for a week, then stop."
    assert _changes(make_nlp, run, text) == [("pregabalin", "stop")]


def test_a_reduction_told_in_prose_then_stop_stays_a_decrease(make_nlp, run) -> None:
    text = "I have reduced her quetiapine to 25 mg at night for a week, then 12.5 mg, then stop."
    assert _changes(make_nlp, run, text) == [("quetiapine", "decrease")]


def test_reduce_one_drug_then_stop_another_keeps_the_reduction(make_nlp, run) -> None:
    text = "Reduce the bisoprolol to 2.5 mg, then stop doxazosin."
    assert ("bisoprolol", "decrease") in _changes(make_nlp, run, text)


# -- "was X, now Y" and a paused drug that is not ended ------------------------------------------
def test_was_dose_now_dose_is_a_dose_change(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Gliclazide - was 160 mg BD, now 80 mg BD") == [("gliclazide", "decrease")]
    assert _changes(make_nlp, run, "Levothyroxine was 75 micrograms, now 100 micrograms.") == [
        ("levothyroxine", "increase")
    ]


def test_not_restarted_for_the_time_being_stays_withheld(make_nlp, run) -> None:
    text = "Metformin 500 mg BD - HELD (eGFR 28). Not to be restarted for the time being."
    assert _changes(make_nlp, run, text) == [("metformin", "withhold")]
    text = "Metformin 500 mg BD - HELD (eGFR 28). Not restarted."
    assert _changes(make_nlp, run, text) == [("metformin", "stop")]


def test_advised_to_restart_is_a_start_but_not_when_negated(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "We have told Mrs Doe to restart her allopurinol 100 mg daily.") == [
        ("allopurinol", "start")
    ]
    assert _changes(make_nlp, run, "We told him not to start the ibuprofen.") == []


def test_suggested_that_she_stop_a_bought_medicine_is_a_stop(make_nlp, run) -> None:
    text = "I recommended that she stop the ibuprofen gel she buys from the chemist."
    assert _changes(make_nlp, run, text) == [("ibuprofen", "stop")]
    assert _changes(make_nlp, run, "We would suggest that she stops the naproxen.") == []


# -- shapes --------------------------------------------------------------------------------------
def test_labelled_status_rows_of_a_medication_table(make_nlp, run) -> None:
    text = "Medicines - started | Edoxaban 60 mg OD\nMedicines - stopped | Warfarin (INR 2-3)"
    assert _changes(make_nlp, run, text) == [("edoxaban", "start"), ("warfarin", "stop")]


def test_a_line_closing_with_no_change_does_not_cover_the_line_above(make_nlp, run) -> None:
    text = "Changes:\nindapamide 2.5 mg OD - NEW\nlosartan 50 mg OD - unchanged"
    assert _changes(make_nlp, run, text) == [("indapamide", "start")]


def test_left_off_the_admission_list_is_not_new(make_nlp, run) -> None:
    text = (
        "Medication on admission:\nRamipril 5 mg OD\n\nMedication on discharge:\nRamipril 5 mg OD\n"
        "Timolol 0.25% one drop BD (missing from the admission list by mistake)\n"
    )
    assert _changes(make_nlp, run, text) == []


def test_iv_swapped_to_oral_is_a_start_and_the_next_sentence_is_not_its_partner(make_nlp, run) -> None:
    text = "IV co-amoxiclav for 48 h, swapped to oral co-amoxiclav to finish 7 days. cont'd paracetamol."
    assert _changes(make_nlp, run, text) == [("co-amoxiclav", "start")]


def test_same_drug_new_form_compares_the_doses(make_nlp, run) -> None:
    text = "Gabapentin (300 mg three times a day): change to gabapentin 600 mg twice a day."
    assert _changes(make_nlp, run, text) == [("gabapentin", "increase")]
    text = "Fentanyl 12 micrograms/hour patch - switched to Matrifen 12 micrograms/hour, same strength."
    assert _changes(make_nlp, run, text) == []


def test_imperative_uptitrate_under_gp_actions_asks(make_nlp, run) -> None:
    text = "GP actions:\n- Uptitrate bisoprolol to 5 mg as pulse allows"
    assert _changes(make_nlp, run, text) == []


# -- one story per drug (extract) ----------------------------------------------------------------
def _raw(drug: str, action: str, **kw: Any) -> dict[str, Any]:
    return {"drug": drug, "action": action, "start": kw.pop("start", 0), "end": 1, **kw}


def test_two_brands_of_one_drug_fold_into_a_dose_change() -> None:
    raw = [
        _raw("mesalazine", "stop", brand="Asacol", dose_before="400 mg three times daily"),
        _raw("mesalazine", "start", brand="Octasa", dose_after="1.6 g twice daily", start=5),
    ]
    [c] = _brand_switch(raw)
    assert (c["action"], c["dose_before"]) == ("increase", "400 mg three times daily")
    same = [
        _raw("mesalazine", "stop", brand="Asacol", dose_before="800 mg"),
        _raw("mesalazine", "start", brand="Octasa", dose_after="800 mg", start=5),
    ]
    assert _brand_switch(same) == []


def test_an_oral_drug_moved_to_a_branded_depot_stays_a_stop_and_a_start() -> None:
    raw = [
        _raw("aripiprazole", "stop", dose_before="15 mg"),
        _raw("aripiprazole", "start", brand="Abilify Maintena", dose_after="400 mg", start=5),
    ]
    assert [c["action"] for c in _brand_switch(raw)] == ["stop", "start"]


def test_a_taper_on_the_way_to_a_stop_is_the_stop() -> None:
    raw = [
        _raw("venlafaxine", "decrease", rule="decrease_downtitrated"),
        _raw("venlafaxine", "stop", rule="stop_stopped", start=5),
    ]
    assert [c["action"] for c in _one_story_per_drug(raw)] == ["stop"]
    two_products = [
        _raw("morphine", "stop", brand="Oramorph", rule="stop_stopped"),
        _raw("morphine", "decrease", brand="MST", rule="decrease_downtitrated", start=5),
    ]
    assert [c["action"] for c in _one_story_per_drug(two_products)] == ["stop", "decrease"]


def test_a_take_home_heading_does_not_start_every_item(make_nlp, run) -> None:
    text = "Medicines to take home:\nBisoprolol 2.5 mg OD (unchanged)\nApixaban 5 mg BD - new"
    assert _changes(make_nlp, run, text) == [("apixaban", "start")]


def test_advised_to_restart_a_usual_medicine_missed_today_is_not_a_start(make_nlp, run) -> None:
    text = "Her gliclazide was missed this morning as she was vomiting; told to restart it tomorrow as usual."
    assert _changes(make_nlp, run, text) == []


def test_started_and_titrated_in_one_sentence_is_one_start(make_nlp, run) -> None:
    from letter_audit.extract.medication import changes
    from letter_audit.letter import Letter

    letter = Letter.from_text("In hospital he was started on sertraline, titrated up to 100 mg daily.")
    doc = run(make_nlp(*MEDS), letter)
    assert [(m.drug, m.action) for m in changes(doc, letter)] == [("sertraline", "start")]
    letter = Letter.from_text("Quetiapine was started and titrated to 150 mg.\nQuetiapine 150 mg nocte (new)")
    doc = run(make_nlp(*MEDS), letter)
    assert [(m.drug, m.action) for m in changes(doc, letter)] == [("quetiapine", "start")]


def test_bracketed_brand_names_the_product_a_class_word_stands_for(make_nlp, run) -> None:
    text = "Insulin (Humulin I): STOPPED after delivery"
    assert _changes(make_nlp, run, text) == [("isophane insulin", "stop")]


def test_a_named_patient_between_verb_and_drug(make_nlp, run) -> None:
    text = "We commenced Mrs Abara on edoxaban 60 mg once daily."
    assert _changes(make_nlp, run, text) == [("edoxaban", "start")]


def test_the_object_pronoun_takes_the_drug_not_the_oblique_one(make_nlp, run) -> None:
    text = "She takes atorvastatin 80 mg, and given the interaction with clarithromycin we have paused it."
    assert _changes(make_nlp, run, text) == [("atorvastatin", "withhold")]


def test_a_reliever_weaned_back_to_as_needed_is_not_a_course(make_nlp, run) -> None:
    text = (
        "MEDICATION CHANGES\n1) Terbutaline: follow the weaning plan overleaf, then back to as required.\n"
        "2) Montelukast 4 mg at night - NEW."
    )
    assert _changes(make_nlp, run, text) == [("montelukast", "start")]


def test_a_clause_with_two_drugs_keeps_each_drugs_doses(make_nlp, run) -> None:
    text = "She was started on mirtazapine, and her citalopram was reduced from 20 mg to 10 mg daily."
    doc = run(make_nlp(*MEDS), text)
    assert [(c["drug"], c["action"], c["dose_after"]) for c in doc._.med_changes] == [
        ("mirtazapine", "start", None),
        ("citalopram", "decrease", "10 mg daily"),
    ]


def test_a_listed_drug_with_its_own_continued_status_is_not_started(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "We started candesartan 4 mg and bumetanide continues.") == [
        ("candesartan", "start")
    ]
    assert _changes(make_nlp, run, "Started rivaroxaban, and her digoxin is unchanged.") == [
        ("rivaroxaban", "start")
    ]


def test_a_drug_led_line_switched_after_its_bracketed_brand_and_frequency(make_nlp, run) -> None:
    text = "Amlodipine (Istin) 5 mg once a day - switched to lercanidipine 10 mg once a day (oedema)."
    assert _changes(make_nlp, run, text) == [("amlodipine", "stop"), ("lercanidipine", "start")]


def test_stop_it_if_no_longer_needed_is_not_a_stop(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "- Stop the lansoprazole if it is no longer required.") == []


def test_is_also_to_use_a_cream_is_a_start(make_nlp, run) -> None:
    text = "He is also to apply hydrocortisone 1% cream twice daily for a week."
    assert _changes(make_nlp, run, text) == [("hydrocortisone", "start")]


def test_the_gps_earlier_change_ends_where_the_writer_acts(make_nlp, run) -> None:
    text = (
        "Because of the interaction with the statin your GP started last month, we have switched her "
        "from Stribild to Odefsey."
    )
    got = _changes(make_nlp, run, text)
    assert ("emtricitabine with rilpivirine and tenofovir alafenamide", "start") in got


def test_a_discharge_list_item_not_started_is_not_new(make_nlp, run) -> None:
    text = (
        "Medication on admission:\nSertraline 50 mg OD\n\nMedication on discharge:\nSertraline 50 mg OD\n"
        "Pregabalin - discussed but not started (falls)\n"
    )
    assert _changes(make_nlp, run, text) == []


def test_started_at_another_named_hospital_is_theirs(make_nlp, run) -> None:
    text = "Risedronate 35 mg weekly and Calcichew-D3 were started at Brookfield and should continue."
    assert _changes(make_nlp, run, text) == []
    assert _changes(make_nlp, run, "Risedronate 35 mg weekly was started in clinic today.") == [
        ("risedronate", "start")
    ]


def test_this_is_new_after_the_drugs_own_sentence(make_nlp, run) -> None:
    text = "Melatonin 2 mg: one tablet an hour before bed. This is a new medicine."
    assert _changes(make_nlp, run, text) == [("melatonin", "start")]
    assert _changes(make_nlp, run, "Melatonin 2 mg at night - unchanged. This is new to the carers.") == []


def test_form_words_between_verb_and_drug(make_nlp, run) -> None:
    text = "We gave her dispersible aspirin and asked her to stop the lozenges containing lidocaine."
    assert _changes(make_nlp, run, text) == [("aspirin", "start"), ("lidocaine", "stop")]


def test_a_course_the_next_sentence_calls_complete_is_not_a_start(make_nlp, run) -> None:
    text = "We changed him to clarithromycin on day 2 (rash on amoxicillin). Treatment now completed."
    assert ("clarithromycin", "start") not in _changes(make_nlp, run, text)
    text = "We started clarithromycin 500 mg BD for 5 days. The course is to be finished at home."
    assert _changes(make_nlp, run, text) == [("clarithromycin", "start")]


def test_the_same_owner_repeated_shares_the_change_unless_the_drug_has_its_own_verb(make_nlp, run) -> None:
    text = "I have stopped his doxazosin and his finasteride."
    assert _changes(make_nlp, run, text) == [("doxazosin", "stop"), ("finasteride", "stop")]
    text = "I have started his tamsulosin 400 micrograms, and his finasteride is to continue."
    assert _changes(make_nlp, run, text) == [("tamsulosin", "start")]


def test_last_dose_before_a_procedure_with_a_restart_date_is_withheld(make_nlp, run) -> None:
    text = "Edoxaban 60 mg OD (AF): last dose given 03/04 before the biopsy. Restart on 06/04 if no bleeding."
    assert _changes(make_nlp, run, text) == [("edoxaban", "withhold")]
    assert _changes(make_nlp, run, "Cefalexin 500 mg TDS: 7-day course - last dose 09/04") == []
