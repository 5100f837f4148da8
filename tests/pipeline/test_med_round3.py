"""Round 3 phrasing families and traps: letters by writers the rules were not tuned on (issue 4)."""

from __future__ import annotations

from letter_audit.letter import Letter

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str | Letter) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


def _all(make_nlp, run, text: str | Letter) -> list[dict]:
    return list(run(make_nlp(*MEDS), text)._.med_changes)


def _scanned(text: str) -> Letter:
    letter = Letter.from_text(text)
    return letter.model_copy(update={"source": letter.source.model_copy(update={"ocr": True})})


# -- titration and phrasal verbs ------------------------------------------------------------------
def test_up_to_right_after_the_drug_is_an_increase(make_nlp, run) -> None:
    [c] = _all(make_nlp, run, "Bisoprolol up to 5 mg once daily.")
    assert (c["drug"], c["action"], c["dose_after"]) == ("bisoprolol", "increase", "5 mg once daily")


def test_up_to_a_maximum_dose_is_not_an_increase(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Paracetamol up to 1 g four times a day when required.") == []
    assert _changes(make_nlp, run, "She was using salbutamol up to 10 times a day.") == []


def test_titrated_up_to_and_to_a_maximum_of(make_nlp, run) -> None:
    [a] = _all(make_nlp, run, "We have titrated her bisoprolol up to 5 mg daily.")
    assert (a["action"], a["dose_after"]) == ("increase", "5 mg daily")
    [b] = _all(make_nlp, run, "Ramipril was increased to a maximum of 10 mg.")
    assert (b["action"], b["dose_after"]) == ("increase", "10 mg")


def test_knocked_down_is_a_decrease(make_nlp, run) -> None:
    [c] = _all(make_nlp, run, "We've knocked the dose of candesartan down from 16 mg to 8 mg daily.")
    assert (c["drug"], c["action"], c["dose_before"], c["dose_after"]) == (
        "candesartan",
        "decrease",
        "16 mg",
        "8 mg daily",
    )


def test_changed_to_a_new_dose_is_a_dose_change_not_a_switch(make_nlp, run) -> None:
    [c] = _all(make_nlp, run, "Furosemide 40 mg every morning changed to 80 mg every morning.")
    assert (c["action"], c["dose_before"], c["dose_after"]) == ("increase", "40 mg", "80 mg")


def test_switched_back_to_oral_is_not_a_start(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Switched back to oral furosemide on 06/10.") == []


def test_weekly_dose_against_a_dose_without_frequency(make_nlp, run) -> None:
    [c] = _all(make_nlp, run, "Her methotrexate has been titrated to 20 mg once weekly (from 15 mg).")
    assert (c["action"], c["dose_before"]) == ("increase", "15 mg")


# -- who made the change --------------------------------------------------------------------------
def test_team_nurse_start_after_a_historical_clause(make_nlp, run) -> None:
    text = "She was previously on metformin alone and the diabetes nurse has started gliclazide 40 mg."
    assert _changes(make_nlp, run, text) == [("gliclazide", "start")]


def test_you_started_is_the_gps_change_but_only_forwards(make_nlp, run) -> None:
    text = "You kindly started her on prednisolone last week, as you have prescribed it."
    assert _changes(make_nlp, run, text) == []
    text = "He has stopped the oxybutynin you started in the spring."
    assert _changes(make_nlp, run, text) == [("oxybutynin", "stop")]


def test_drug_used_on_the_ward_and_stopped_is_no_change(make_nlp, run) -> None:
    text = "Haloperidol 0.5 mg was used twice on the ward for distress and has been stopped."
    assert _changes(make_nlp, run, text) == []


def test_since_it_was_started_is_history(make_nlp, run) -> None:
    text = "She has been on lithium 400 mg at night since it was started on 02/06/2026."
    assert _changes(make_nlp, run, text) == []


def test_self_corrected_question_is_not_a_change(make_nlp, run) -> None:
    text = "We have added sodium zirconium cyclosilicate? No - on reflection we decided against it."
    assert _changes(make_nlp, run, text) == []
    # a terse query mark before a word is not a question
    text = "Meds: sertraline which is on hold ?SIADH - GP to decide re restarting."
    assert _changes(make_nlp, run, text) == [("sertraline", "withhold")]


def test_bare_verb_under_gp_actions_is_a_request(make_nlp, run) -> None:
    text = "GP actions\nReview her blood pressure in 4 weeks and add doxazosin 4 mg if it remains high."
    assert _changes(make_nlp, run, text) == []


def test_patient_who_knows_to_stop_is_sick_day_advice(make_nlp, run) -> None:
    text = "He knows to stop the candesartan and metformin if he gets diarrhoea again."
    assert _changes(make_nlp, run, text) == []


def test_is_starting_is_not_a_passive_start(make_nlp, run) -> None:
    text = "Please give her the pneumococcal vaccine and flu vaccine, as she is starting azathioprine."
    assert ("pneumococcal", "start") not in _changes(make_nlp, run, text)


# -- statuses, holds and lists --------------------------------------------------------------------
def test_allergy_line_does_not_hide_the_rest_of_the_letter(make_nlp, run) -> None:
    text = (
        "Allergies: penicillin (rash), lisinopril (angioedema)\n"
        "We have held the spironolactone for the time being."
    )
    [c] = _all(make_nlp, run, text)
    assert (c["drug"], c["action"], c["reason"]) == ("spironolactone", "withhold", None)


def test_withheld_and_not_restarted_is_a_stop(make_nlp, run) -> None:
    text = "Gliclazide 80 mg twice daily - WITHHELD. Hypoglycaemia on admission; not restarted."
    assert _changes(make_nlp, run, text) == [("gliclazide", "stop")]
    text = "spironolactone 25mg - held (K 5.6), do not restart without bloods"
    assert _changes(make_nlp, run, text) == [("spironolactone", "withhold")]


def test_deferred_cycle_is_a_withhold(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Cycle 4 of capecitabine is deferred.") == [("capecitabine", "withhold")]


def test_status_after_a_comma_closes_a_numbered_item(make_nlp, run) -> None:
    text = "2. Hyoscine hydrobromide 300 micrograms at night for hypersalivation, started."
    assert [a for _, a in _changes(make_nlp, run, text)] == ["start"]


def test_then_stop_ends_a_course_it_is_not_a_stop(make_nlp, run) -> None:
    text = (
        "Eye drops to take home:\n"
        "• Chloramphenicol 0.5% drops, one drop four times a day for 2 weeks, then stop"
    )
    assert _changes(make_nlp, run, text) == [("chloramphenicol", "start")]


def test_supplied_status_and_take_instead(make_nlp, run) -> None:
    text = "Paracetamol 1 g four times a day as needed - supplied, 3 days"
    assert _changes(make_nlp, run, text) == [("paracetamol", "start")]
    text = "I have advised her to stop the ferrous sulfate and to take ferrous fumarate 210 mg instead."
    assert _changes(make_nlp, run, text) == [("ferrous sulfate", "stop"), ("ferrous fumarate", "start")]


def test_strength_without_unit_before_a_status(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Clenil Modulite 100 stopped") == [("beclometasone", "stop")]


def test_pronoun_that_after_no_longer_needs(make_nlp, run) -> None:
    text = "She no longer needs the propranolol, so we have stopped that today."
    assert _changes(make_nlp, run, text) == [("propranolol", "stop")]


def test_status_codes_explained_by_the_letters_own_key(make_nlp, run) -> None:
    text = (
        "Status key: N = new, C = changed dose, S = stopped, U = unchanged\n"
        "Drug | Dose | Frequency | Status | Notes\n"
        "Trimethoprim | 30 mg | at night | N | Prophylaxis\n"
        "Nitrofurantoin | 25 mg | four times daily | S | Not suitable\n"
        "Macrogol | 2 sachets | daily | C | Previously 1\n"
        "Paracetamol | 240 mg | four times daily | U |"
    )
    assert _changes(make_nlp, run, text) == [
        ("trimethoprim", "start"),
        ("nitrofurantoin", "stop"),
        ("macrogol 3350", "increase"),
    ]


def test_table_header_cell_names_the_status_of_its_rows(make_nlp, run) -> None:
    text = (
        "Started today | Dose | Why\n"
        "Selenium | 100 micrograms twice daily | eye disease\n"
        "Carmellose 0.5% eye drops | 1 drop | dryness"
    )
    assert _changes(make_nlp, run, text) == [("selenium", "start"), ("carmellose", "start")]


def test_just_in_case_list_starts_only_what_is_not_started_already(make_nlp, run) -> None:
    text = (
        "Medications on discharge\nMorphine modified-release 20 mg twice daily - new\n\n"
        "Anticipatory (just in case) medicines - supplied in a box\n"
        "Morphine sulfate injection 2.5-5 mg subcutaneously when required\n"
        "Midazolam injection 2.5-5 mg subcutaneously when required"
    )
    assert _changes(make_nlp, run, text) == [("morphine", "start"), ("midazolam", "start")]


def test_ed_tto_under_dh_starts_new_items_and_stops_nothing(make_nlp, run) -> None:
    text = (
        "DH: amlodipine 5 OD, levothyroxine 75mcg OD, paracetamol PRN\n"
        "Impression: rib fracture\n"
        "TTO:\n- co-codamol 30/500 2 tabs QDS PRN 5/7\n- laxido 1 sachet OD while on co-codamol\n"
    )
    assert sorted(_changes(make_nlp, run, text)) == [("co-codamol", "start"), ("macrogol 3350", "start")]


def test_table_label_cell_heads_a_take_home_list(make_nlp, run) -> None:
    text = (
        "PROCEDURE | Arthroscopic ACL reconstruction\n"
        "ANALGESIA / TTO | Paracetamol 1 g QDS for 2 weeks\nCodeine 30 mg QDS PRN for 1 week\n"
        "WOUND | Dissolvable sutures."
    )
    assert _changes(make_nlp, run, text) == [("paracetamol", "start"), ("codeine", "start")]


def test_management_list_course_with_a_loading_phase(make_nlp, run) -> None:
    text = (
        "Mx:\n- dalteparin 10,000 units SC stat given\n"
        "- apixaban 10mg BD 7/7 then 5mg BD - to continue min 3/12\n"
    )
    assert _changes(make_nlp, run, text) == [("apixaban", "start")]


def test_long_cell_naming_admission_is_not_a_table_header(make_nlp, run) -> None:
    text = (
        "Diabetes medication on discharge | Gliclazide 40 mg each morning: NEW. Metformin 1 g BD unchanged. "
        "Prednisolone 40 mg OD (started on admission).\n"
        "Requests to GP | Please stop gliclazide when the prednisolone course finishes."
    )
    assert ("metformin", "start") not in _changes(make_nlp, run, text)


# -- reasons --------------------------------------------------------------------------------------
def test_reason_is_the_clause_not_what_follows(make_nlp, run) -> None:
    text = "Ramipril stopped due to AKI, and we started amlodipine 5 mg for her blood pressure."
    assert [(c["drug"], c["reason"]) for c in _all(make_nlp, run, text)] == [
        ("ramipril", "AKI"),
        ("amlodipine", "her blood pressure"),
    ]
    [c] = _all(make_nlp, run, "Amlodipine was stopped in view of ankle swelling - please monitor BP.")
    assert c["reason"] == "ankle swelling"
    [c] = _all(
        make_nlp,
        run,
        "Furosemide was increased to 80 mg as she remained fluid overloaded, which we will review.",
    )
    assert c["reason"] == "she remained fluid overloaded"


def test_reason_is_not_taken_from_the_next_drug_or_a_time(make_nlp, run) -> None:
    text = (
        "I started regular paracetamol 1 g four times a day and added codeine 30 mg "
        "when needed for the bad days."
    )
    assert [(c["drug"], c["reason"]) for c in _all(make_nlp, run, text)] == [
        ("paracetamol", None),
        ("codeine", "the bad days"),
    ]
    [c] = _all(make_nlp, run, "Quetiapine reduced from 300 mg to 150 mg at night for now.")
    assert c["reason"] is None


# -- scans ----------------------------------------------------------------------------------------
def test_scan_errors_in_drug_unit_and_change_word(make_nlp, run) -> None:
    assert _changes(make_nlp, run, _scanned("Arnlodipine 5 mg started.")) == [("amlodipine", "start")]
    [c] = _all(make_nlp, run, _scanned("Bisoprolol 2.5rng od started"))
    assert (c["drug"], c["dose_after"]) == ("bisoprolol", "2.5rng")
    assert _changes(make_nlp, run, _scanned("Furosemide was sto pped.")) == [("furosemide", "stop")]
    assert _changes(make_nlp, run, _scanned("Metformin was dis continued.")) == [("metformin", "stop")]
    assert _changes(make_nlp, run, _scanned("RAMIPRIL 5MG OD - STO PPED")) == [("ramipril", "stop")]


def test_split_words_are_only_joined_in_scans(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Furosemide was sto pped.") == []


# -- later batches: list intros, purposes, inline records, lexicon --------------------------------
def test_sentence_introducing_a_list_of_new_medicines(make_nlp, run) -> None:
    text = (
        "We started three new tablets today:\n"
        "• furosemide 40 mg every morning, to get rid of the fluid.\n"
        "• ramipril 2.5 mg once a day, to reduce the protein leak.\n"
        "Your GP will check your kidney function because furosemide can affect it."
    )
    assert _changes(make_nlp, run, text) == [("furosemide", "start"), ("ramipril", "start")]


def test_meds_at_dc_is_not_a_list_of_stops(make_nlp, run) -> None:
    text = "meds at d/c:\nbisoprolol 5mg no change\nramipril 2.5mg no change"
    assert _changes(make_nlp, run, text) == []


def test_purpose_infinitive_is_not_a_status_but_a_dated_start_is(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Ramipril 2.5 mg once a day, to reduce the protein leak.") == []
    text = "Clopidogrel 75 mg once daily to start on 03/06/2025 when aspirin stops, lifelong."
    assert ("clopidogrel", "start") in _changes(make_nlp, run, text)


def test_inline_record_fields_after_a_full_stop(make_nlp, run) -> None:
    text = (
        "Medication: Spironolactone 25 mg once daily. Description of amendment: discontinued - high K.\n"
        "Medication: Ramipril 5 mg once daily. Description of amendment: dose changed to 2.5 mg once daily.\n"
        "Medication: Bisoprolol 5 mg once daily. Description of amendment: none."
    )
    assert _changes(make_nlp, run, text) == [("spironolactone", "stop"), ("ramipril", "decrease")]


def test_given_as_tto_and_rx_course(make_nlp, run) -> None:
    text = (
        "Treatment | Nitrofurantoin 50 mg four times a day for 7 days (given as TTO), avoid after 36 weeks."
    )
    assert _changes(make_nlp, run, text) == [("nitrofurantoin", "start")]
    text = "Rx: washed, 5 sutures (4/0 prolene). Fluclox 500 QDS 5/7."
    assert _changes(make_nlp, run, text) == [("flucloxacillin", "start")]


def test_description_then_drug_in_brackets_and_with_after_today(make_nlp, run) -> None:
    text = "We also started a vaginal oestrogen cream (estriol 0.1%), used every night for 2 weeks."
    assert _changes(make_nlp, run, text) == [("estriol", "start")]
    text = "We have started allopurinol 100 mg daily today, with colchicine 500 micrograms twice daily."
    assert _changes(make_nlp, run, text) == [("allopurinol", "start"), ("colchicine", "start")]


def test_not_to_be_restarted_is_a_stop_and_raised_before_a_noun_is_not_an_increase(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Lithium carbonate - stopped, not to be restarted") == [
        ("lithium carbonate", "stop")
    ]
    text = "Acetazolamide 250 mg twice a day for 3 days (raised pressure day 1)"
    assert _changes(make_nlp, run, text) == []


def test_lexicon_names_letters_use(make_nlp, run) -> None:
    doc = run(make_nlp("la_drugs"), "Seretide 500, Flixonase and tamoxifen citrate; Kwells.")
    assert [d._.drug["generic"] for d in doc.spans["drugs"]] == [
        "fluticasone with salmeterol",
        "fluticasone",
        "tamoxifen",
        "hyoscine hydrobromide",  # not hyoscine butylbromide (Buscopan), a different medicine
    ]


def test_every_shipped_trigger_is_one_top_level_alternative(make_nlp) -> None:
    """A bracket inside a character class must not unbalance the first-letter index of the triggers."""
    from letter_audit.pipeline.context import _split_top

    comp = make_nlp("la_med_changes").get_pipe("la_med_changes")
    combined = "|".join(f"(?:{r.pattern})" for r in comp.triggers)
    assert len(_split_top(combined)) == len(comp.triggers)
    assert "us" in comp.trigger_firsts  # "use paracetamol instead"


def test_relative_which_refers_to_the_drug_before_it(make_nlp, run) -> None:
    text = (
        "She takes norethisterone 5 mg three times a day, prescribed by her gynaecologist, "
        "which she must now stop, as hormone treatment is not advised."
    )
    assert _changes(make_nlp, run, text) == [("norethisterone", "stop")]
    assert _changes(make_nlp, run, "He is on amlodipine, which you may wish to stop.") == []


def test_sent_home_on_a_course_to_complete(make_nlp, run) -> None:
    text = (
        "Discharged on oral co-amoxiclav 625 mg three times a day to complete 7 days in total (5 more days)."
    )
    assert _changes(make_nlp, run, text) == [("co-amoxiclav", "start")]


def test_coordinated_course_and_alongside(make_nlp, run) -> None:
    text = (
        "I have started Flixonase Nasules twice a day, and a one-week course of prednisolone tablets, 30 mg."
    )
    assert _changes(make_nlp, run, text) == [("fluticasone", "start"), ("prednisolone", "start")]
    text = "We started prednisolone 60 mg each morning today, with omeprazole 20 mg daily alongside it."
    assert _changes(make_nlp, run, text) == [("prednisolone", "start"), ("omeprazole", "start")]
    assert _changes(make_nlp, run, "She has taken aspirin alongside it for years.") == []
    text = "Her zopiclone, which she has taken for many years, has been brought down to 3.75 mg at night."
    assert _changes(make_nlp, run, text) == [("zopiclone", "decrease")]


def test_previously_reaches_its_own_clause_only(make_nlp, run) -> None:
    text = "Previously on metformin alone, the diabetes nurse has now started gliclazide 40 mg."
    assert _changes(make_nlp, run, text) == [("gliclazide", "start")]
    text = "The diabetes nurse has started gliclazide 40 mg, as her sugars were previously poorly controlled."
    assert _changes(make_nlp, run, text) == [("gliclazide", "start")]
    assert _changes(make_nlp, run, "Amlodipine was previously stopped.") == []


def test_relative_which_with_a_status_word(make_nlp, run) -> None:
    text = "He has loperamide to use if needed, which we supplied."
    assert _changes(make_nlp, run, text) == [("loperamide", "start")]
