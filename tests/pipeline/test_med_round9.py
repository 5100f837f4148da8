"""Round 9 families, seen on letters by four unseen writers (ED/A&G, dictated clinics, surgical, EPR).

Each test words the family differently from the dev letter it was seen in.
"""

from __future__ import annotations

from letter_audit.ingest import read_letter

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return sorted((c["drug"], c["action"]) for c in doc._.med_changes)


# -- an EPR list printing each item's status as a bracketed tag before the drug -------------------------
def test_bracketed_status_tags_before_the_drug(make_nlp, run) -> None:
    text = (
        "Discharge medication\n"
        "(New) Apixaban 5 mg twice daily - AF\n"
        "[Discontinued] Aspirin 75 mg od - now anticoagulated\n"
        "[Held] Ramipril 2.5 mg - restart when creatinine back to baseline\n"
        "[Unchanged] Amlodipine 10 mg od\n"
    )
    assert _changes(make_nlp, run, text) == [
        ("apixaban", "start"),
        ("aspirin", "stop"),
        ("ramipril", "withhold"),
    ]


# -- a list heading with a bracketed aside before its colon ---------------------------------------------
def test_list_heading_with_a_bracketed_aside_starts_each_item(make_nlp, run) -> None:
    text = (
        "New medicines from this stay (none taken before, please add to repeats):\n"
        "Edoxaban 60 mg once daily\n"
        "Digoxin 125 micrograms once daily\n"
        "\n"
        "Follow-up in clinic.\n"
    )
    assert _changes(make_nlp, run, text) == [("digoxin", "start"), ("edoxaban", "start")]


# -- bullets that OCR reads as other glyphs ----------------------------------------------------------------
def test_ocr_bullet_glyph_before_a_course_line(make_nlp, run) -> None:
    text = (
        "Ear drops to use:\n"
        "© Otomize spray one puff three times daily for 7 days, then stop\n"
        "« Ofloxacin 0.3% ear drops twice daily for 10 days, then stop\n"
    )
    found = _changes(make_nlp, run, text)
    assert ("ofloxacin", "start") in found


# -- given to take home / TTO labels with a word before them -------------------------------------------------
def test_given_to_take_home_is_a_start(make_nlp, run) -> None:
    text = "Medication: amoxicillin 500 mg three times a day for 5 days, supplied for her to take home.\n"
    assert _changes(make_nlp, run, text) == [("amoxicillin", "start")]


def test_word_before_tto_label_heads_a_discharge_list(make_nlp, run) -> None:
    text = "Procedure: hernia repair.\nPain relief TTO: dihydrocodeine 30 mg QDS PRN - 5 days.\n"
    assert _changes(make_nlp, run, text) == [("dihydrocodeine", "start")]


# -- brands and class words the BNF list lacks -------------------------------------------------------------
def test_alginate_and_multivitamin_brands_are_named(make_nlp, run) -> None:
    text = "We have started Peptac 10 ml after meals and Forceval one capsule daily.\n"
    assert _changes(make_nlp, run, text) == [
        ("multivitamin", "start"),
        ("sodium alginate with sodium bicarbonate and calcium carbonate", "start"),
    ]


# -- a drug started as the companion of another ("started X, with Y cover") -------------------------------
def test_companion_joined_by_with_after_a_start_is_started(make_nlp, run) -> None:
    text = (
        "Naproxen 500 mg BD for 10 days commenced, together with omeprazole"
        " 20 mg daily as stomach protection.\n"
    )
    assert _changes(make_nlp, run, text) == [("naproxen", "start"), ("omeprazole", "start")]


def test_companion_that_was_already_taken_is_not_started(make_nlp, run) -> None:
    text = "We have started bisoprolol 1.25 mg once daily, with her usual ramipril 5 mg.\n"
    assert _changes(make_nlp, run, text) == [("bisoprolol", "start")]


def test_taper_to_stop_does_not_stop_the_next_drug(make_nlp, run) -> None:
    text = (
        "Prednisolone 30 mg daily started, weaning by 5 mg a week to stop, with alendronic acid 70 mg weekly "
        "while on it.\n"
    )
    assert _changes(make_nlp, run, text) == [("alendronic acid", "start"), ("prednisolone", "start")]


# -- stops worded as a restart not made, a relative clause, an advice status --------------------------------
def test_restart_not_made_is_a_stop(make_nlp, run) -> None:
    text = "Amlodipine was held for low BP on the ward; we have not restarted it as BP is 118/70.\n"
    assert _changes(make_nlp, run, text) == [("amlodipine", "stop")]


def test_course_that_ran_out_and_was_not_restarted_is_no_change(make_nlp, run) -> None:
    text = (
        "She had doxycycline from the walk-in centre, which ran out"
        " last week, and we have not restarted it.\n"
    )
    assert _changes(make_nlp, run, text) == []


def test_relative_clause_without_a_comma_ties_the_stop(make_nlp, run) -> None:
    text = (
        "He was also taking tramadol 50 mg QDS for back pain which we have now stopped given the confusion.\n"
    )
    assert _changes(make_nlp, run, text) == [("tramadol", "stop")]


def test_list_line_led_by_was_taking_and_closed_by_a_status(make_nlp, run) -> None:
    text = "Pain relief: was taking diclofenac 50 mg TDS bought over the counter - STOPPED given the AKI.\n"
    assert _changes(make_nlp, run, text) == [("diclofenac", "stop")]


def test_advised_to_stop_status_on_a_list_line(make_nlp, run) -> None:
    text = "Ibuprofen 400 mg TDS (own supply) - strongly advised to stop (on warfarin).\n"
    assert _changes(make_nlp, run, text) == [("ibuprofen", "stop")]


# -- someone else's start, and a restart cue that belongs to the next drug ----------------------------------
def test_start_by_the_out_of_hours_service_is_someone_elses(make_nlp, run) -> None:
    text = (
        "Prochlorperazine was started by the OOH doctor for dizziness;"
        " it is not helping, so I have stopped it.\n"
    )
    assert _changes(make_nlp, run, text) == [("prochlorperazine", "stop")]


def test_restart_cue_after_the_next_drug_is_that_drugs(make_nlp, run) -> None:
    text = (
        "I have stopped his aspirin because of the bleed and started"
        " clopidogrel 75 mg until the stent review.\n"
    )
    assert _changes(make_nlp, run, text) == [("aspirin", "stop"), ("clopidogrel", "start")]


# -- doses in different units, a changed regimen, switches named twice, "now on" after stops ------------
def test_gram_to_milligram_table_dose_is_a_decrease(make_nlp, run, tmp_path) -> None:
    text = (
        "Medicines reconciliation:\n"
        "| Medicine | Before | On discharge | Why |\n"
        "| Sodium valproate | 1 g BD | 750 mg BD | drowsy |\n"
        "| Levetiracetam | 500 mg BD | 1 g BD | breakthrough seizures |\n"
    )
    path = tmp_path / "table.txt"
    path.write_text(text)
    doc = run(make_nlp(*MEDS), read_letter(path))
    found = sorted((c["drug"], c["action"]) for c in doc._.med_changes)
    assert ("levetiracetam", "increase") in found
    assert ("sodium valproate", "decrease") in found


def test_changed_from_one_regimen_to_another_compares_daily_totals(make_nlp, run) -> None:
    text = (
        "Lantus (insulin glargine) changed from 30 units at night to 12 units twice daily after the hypos.\n"
    )
    assert _changes(make_nlp, run, text) == [("insulin glargine", "decrease")]


def test_switch_from_brand_with_generic_in_brackets(make_nlp, run) -> None:
    text = (
        "I have switched him from Seretide (fluticasone with salmeterol) to Trimbow (beclometasone with "
        "formoterol and glycopyrronium), two puffs twice daily.\n"
    )
    found = _changes(make_nlp, run, text)
    assert ("fluticasone with salmeterol", "stop") in found
    assert ("beclometasone with formoterol and glycopyrronium", "start") in found


def test_now_on_after_stops_is_a_start(make_nlp, run) -> None:
    text = (
        "Medicines\nAmlodipine and doxazosin - both discontinued, she is now on lercanidipine 10 mg daily.\n"
    )
    assert _changes(make_nlp, run, text) == [
        ("amlodipine", "stop"),
        ("doxazosin", "stop"),
        ("lercanidipine", "start"),
    ]


# -- guards found on the older dev letters ----------------------------------------------------------------
def test_not_restarted_after_someone_elses_stop_is_not_ours(make_nlp, run) -> None:
    text = "Her lithium was stopped last year by the previous team, and we have not restarted it.\n"
    assert _changes(make_nlp, run, text) == []


def test_not_restarted_then_another_drug_does_not_stop_that_drug(make_nlp, run) -> None:
    text = "Ticagrelor 90 mg BD - stopped before surgery; not restarted as clopidogrel alone will do.\n"
    assert _changes(make_nlp, run, text) == [("ticagrelor", "stop")]


def test_own_supply_item_under_a_take_home_heading_is_not_started(make_nlp, run) -> None:
    text = (
        "Medicines given to take home:\n"
        "Cefalexin 500 mg BD for 5 days - new\n"
        "Ibuprofen 400 mg TDS as needed - her own supply\n"
    )
    assert _changes(make_nlp, run, text) == [("cefalexin", "start")]


def test_intro_aside_is_not_a_status_and_items_keep_their_own(make_nlp, run) -> None:
    text = (
        "Medicines on discharge (7 days dispensed by pharmacy):\n"
        "haloperidol 1.5 mg nocte - new\n"
        "quetiapine - stopped\n"
        "mirtazapine 15 mg nocte\n"
    )
    assert _changes(make_nlp, run, text) == [("haloperidol", "start"), ("quetiapine", "stop")]


# -- dose phrases: "om" after a dose, a combination's two strengths, a number of doses -----------------
def test_lower_case_om_after_a_dose_is_a_frequency(make_nlp, run) -> None:
    text = "- Bumetanide 2 mg om reduced to 1 mg om now that his weight is stable.\n"
    assert _changes(make_nlp, run, text) == [("bumetanide", "decrease")]


def test_combination_strengths_with_one_unit_then_a_planned_start(make_nlp, run) -> None:
    text = "- Entresto 49/51 mg twice daily to START on 02/12/2026, 36 hours after the last enalapril dose.\n"
    assert ("sacubitril with valsartan", "start") in _changes(make_nlp, run, text)


def test_number_of_doses_is_part_of_the_dose_phrase(make_nlp, run) -> None:
    text = "Zoledronic acid 4 mg IV x 1 given today; denosumab 60 mg SC x 2 over 12 months started.\n"
    assert ("denosumab", "start") in _changes(make_nlp, run, text)


def test_bracketed_aside_between_a_drug_and_its_status(make_nlp, run) -> None:
    text = "Fludrocortisone 100 micrograms daily (for years, from the endocrine team) discontinued today.\n"
    assert _changes(make_nlp, run, text) == [("fludrocortisone", "stop")]


# -- a course begun here and finished at home ----------------------------------------------------------------
def test_goes_home_on_a_further_course_is_a_start(make_nlp, run) -> None:
    text = "She went home on doxycycline 100 mg once daily for another 5 days.\n"
    assert _changes(make_nlp, run, text) == [("doxycycline", "start")]


def test_now_oral_to_complete_a_course_is_a_start(make_nlp, run) -> None:
    text = "Antibiotics: IV cefuroxime, now oral cefalexin 500 mg TDS to complete 10 days in total.\n"
    assert ("cefalexin", "start") in _changes(make_nlp, run, text)


def test_continue_until_a_date_then_stop_is_a_course(make_nlp, run) -> None:
    text = "Discharge medicines:\nClarithromycin 500 mg BD - to continue until 02/12/2026 then stop\n"
    assert _changes(make_nlp, run, text) == [("clarithromycin", "start")]


# -- one story per drug; switches; list statuses ---------------------------------------------------------
def test_held_in_the_story_and_stopped_in_the_list_is_a_stop(make_nlp, run) -> None:
    text = (
        "Hypoglycaemia on day 1; stable since glimepiride held.\n"
        "\n"
        "Medicines\n"
        "Glimepiride 2 mg OD - stopped. Please do not restart.\n"
    )
    doc = run(make_nlp(*MEDS), text)
    from letter_audit.extract.medication import _one_story_per_drug

    assert [(c["drug"], c["action"]) for c in _one_story_per_drug(doc._.med_changes)] == [
        ("glimepiride", "stop")
    ]


def test_switch_does_not_take_a_drug_named_as_an_interaction(make_nlp, run) -> None:
    text = "Atorvastatin 80 mg | CHANGED | interacts with ticagrelor - now changed to rosuvastatin 10 mg\n"
    found = _changes(make_nlp, run, text)
    assert ("ticagrelor", "stop") not in found
    assert ("rosuvastatin", "start") in found


def test_own_bracketed_status_ends_a_shared_list(make_nlp, run) -> None:
    text = (
        "Discharge medication: apixaban 5 mg BD (new this admission), "
        "bisoprolol 5 mg (increased from 2.5 mg).\n"
    )
    assert _changes(make_nlp, run, text) == [("apixaban", "start"), ("bisoprolol", "increase")]


def test_negated_item_under_a_new_medicines_heading(make_nlp, run) -> None:
    text = (
        "New medicines:\n- Ondansetron 4 mg BD PRN for 3 days\n"
        "Morphine was not prescribed as he declined it.\n"
    )
    assert _changes(make_nlp, run, text) == [("ondansetron", "start")]


# -- hypothetical, historical and standby wordings --------------------------------------------------------
def test_asking_that_the_practice_starts_is_a_request(make_nlp, run) -> None:
    text = "We request that the practice starts mercaptopurine 50 mg daily and issues it on repeat.\n"
    assert _changes(make_nlp, run, text) == []


def test_will_discuss_adding_is_not_a_start(make_nlp, run) -> None:
    text = "If the scan shows progression we will discuss adding denosumab at the next visit.\n"
    assert _changes(make_nlp, run, text) == []


def test_time_after_a_past_change_is_history(make_nlp, run) -> None:
    text = "The rash appeared three weeks after lamotrigine was increased to 100 mg.\n"
    assert _changes(make_nlp, run, text) == []


def test_asking_another_clinician_to_change_later_is_not_a_change(make_nlp, run) -> None:
    text = (
        "I have asked Dr Okafor to review you in 8 weeks and to increase the mirtazapine "
        "to 30 mg if needed.\n"
    )
    assert _changes(make_nlp, run, text) == []


def test_rescue_pack_is_not_a_start(make_nlp, run) -> None:
    text = "Standby course of doxycycline and prednisolone supplied, for use as per her action plan.\n"
    assert _changes(make_nlp, run, text) == []


# -- a dated past status, as-needed items with no admission list, a status after "while on X" -------------
def test_dated_start_loses_to_this_visits_increase(make_nlp, run) -> None:
    text = (
        "Medication changes | Mycophenolate 500 mg BD (with food) begun 02/08/2026 is increased today "
        "to 1 g BD.\n"
    )
    assert _changes(make_nlp, run, text) == [("mycophenolate", "increase")]


def test_time_limited_discharge_items_without_an_admission_list_are_new(make_nlp, run) -> None:
    text = (
        "Procedure: laparoscopic cholecystectomy.\n"
        "\n"
        "Discharge medications\n"
        "Ferrous sulfate 200 mg OD for 3 months\n"
        "Co-codamol 30/500 two tablets QDS when required\n"
        "Levothyroxine 100 micrograms OD\n"
        "Amlodipine 5 mg OD for 2 weeks - unchanged\n"
    )
    assert _changes(make_nlp, run, text) == [("ferrous sulfate", "start")]


def test_time_limited_item_named_earlier_is_not_new(make_nlp, run) -> None:
    text = (
        "She has taken doxycycline 100 mg daily for 3 months for rosacea.\n"
        "\n"
        "Discharge medications\n"
        "Doxycycline 100 mg OD for 3 months\n"
    )
    assert _changes(make_nlp, run, text) == []


def test_bracketed_status_after_while_on_belongs_to_the_item(make_nlp, run) -> None:
    text = "TTA: naproxen 500 mg BD for 5 days (new), omeprazole 20 mg OD while taking naproxen (new).\n"
    assert _changes(make_nlp, run, text) == [("naproxen", "start"), ("omeprazole", "start")]


def test_oral_course_finished_on_the_ward_is_not_taken_home(make_nlp, run) -> None:
    text = (
        "IV co-amoxiclav for 2 days then oral amoxicillin to complete 5 days total - course finished 12/11.\n"
    )
    assert _changes(make_nlp, run, text) == []


# -- a held drug restarted at a new dose, a course to run until an event, a ward-only stop --
def test_held_and_restarted_at_a_lower_dose_is_a_decrease(make_nlp, run) -> None:
    text = "Changed: ramipril 10 mg -> held for AKI, restarted at 5 mg (halved)\n"
    assert _changes(make_nlp, run, text) == [("ramipril", "decrease")]


def test_continue_until_an_event_then_stop_is_a_course_to_finish(make_nlp, run) -> None:
    text = "Plan | Clopidogrel 75 mg daily - continue until the ticagrelor supply arrives, then STOP.\n"
    assert ("clopidogrel", "start") in _changes(make_nlp, run, text)


def test_stopped_before_discharge_is_a_ward_only_drug(make_nlp, run) -> None:
    text = "Drug | Dose | Status\nCyclizine | 50 mg tds | Given on ward, stopped before discharge\n"
    assert _changes(make_nlp, run, text) == []


def test_first_dose_given_after_the_drug_was_named(make_nlp, run) -> None:
    text = "She now qualifies for ocrelizumab. Initial infusion 300 mg given on the unit today.\n"
    assert _changes(make_nlp, run, text) == [("ocrelizumab", "start")]


def test_companion_named_after_its_job_in_brackets(make_nlp, run) -> None:
    text = (
        "Ibuprofen 400 mg TDS for 5 days started, with gastric protection (omeprazole 20 mg OD) "
        "while on it.\n"
    )
    assert _changes(make_nlp, run, text) == [("ibuprofen", "start"), ("omeprazole", "start")]


def test_companion_joined_by_alongside(make_nlp, run) -> None:
    text = "Denosumab 60 mg every 6 months was started today alongside colecalciferol 800 units daily.\n"
    assert _changes(make_nlp, run, text) == [("colecalciferol", "start"), ("denosumab", "start")]
