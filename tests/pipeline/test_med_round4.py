"""Round 4 phrasing families and traps: tertiary, community, mental health and EPR writers (issue 4)."""

from __future__ import annotations

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


# -- list-line status separators --------------------------------------------------------------------
def test_dot_leader_joins_a_list_line_to_its_status(make_nlp, run) -> None:
    text = (
        "Medicines on discharge\n"
        "Lactulose 10 ml BD ........................... NEW\n"
        "Ferrous sulphate 200 mg OD .......................... STOPPED (Hb 121)\n"
        "Amlodipine 5 mg OD .................. continue\n"
    )
    assert _changes(make_nlp, run, text) == [("lactulose", "start"), ("ferrous sulfate", "stop")]


def test_dots_that_end_a_sentence_still_end_it(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "He was unwell... We stopped amlodipine.") == [("amlodipine", "stop")]


def test_arrow_separates_the_status(make_nlp, run) -> None:
    text = "Medications\nBisoprolol 2.5mg od -> INCREASE to 5mg od for rate control.\n"
    assert _changes(make_nlp, run, text) == [("bisoprolol", "increase")]


def test_status_in_a_table_cell_after_a_heading_cell(make_nlp, run) -> None:
    text = "Medication changes | Aspirin 75mg od - STOPPED, replaced by clopidogrel\n"
    assert ("aspirin", "stop") in _changes(make_nlp, run, text)


def test_slash_and_plus_join_drugs_sharing_one_status(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Medications\nParacetamol/ibuprofen regular for 1 week - STARTED\n") == [
        ("paracetamol", "start"),
        ("ibuprofen", "start"),
    ]
    assert _changes(make_nlp, run, "Medications\nNaproxen 500mg bd 5/7 + omeprazole 20mg od 5/7 (NEW)\n") == [
        ("naproxen", "start"),
        ("omeprazole", "start"),
    ]


def test_status_after_a_bracketed_note_by_someone_else(make_nlp, run) -> None:
    text = "Medications\nAspirin 75mg od (started by you 08/11/26) - STOPPED\n"
    assert _changes(make_nlp, run, text) == [("aspirin", "stop")]


def test_bracketed_supply_note_after_a_change_word(make_nlp, run) -> None:
    text = "Clozapine increased from 300 mg to 350 mg at night (supplied by the clinic pharmacy, as always)."
    assert _changes(make_nlp, run, text) == [("clozapine", "increase")]


def test_bracketed_new_with_a_later_supply_count_is_a_start(make_nlp, run) -> None:
    text = (
        "Medications\nTamsulosin 400 micrograms once daily for up to 4 weeks (new, to help), 28 supplied.\n"
    )
    assert _changes(make_nlp, run, text) == [("tamsulosin", "start")]


# -- planned ends -------------------------------------------------------------------------------------
def test_course_then_stop_is_a_start(make_nlp, run) -> None:
    text = "Medications\nAmiodarone 200 mg OD - for 6 weeks then stop; the surgical clinic will stop it\n"
    assert _changes(make_nlp, run, text) == [("amiodarone", "start")]


def test_taper_ending_in_a_stop_is_a_stop(make_nlp, run) -> None:
    text = "Medications\n- Carbamazepine MR 200 mg BD: reduce to 100 mg BD for 2 weeks, then stop.\n"
    assert _changes(make_nlp, run, text) == [("carbamazepine", "stop")]
    assert _changes(make_nlp, run, "Medications\nAmlodipine 10 mg: reduced to 5 mg\n") == [
        ("amlodipine", "decrease")
    ]


# -- change verbs -------------------------------------------------------------------------------------
def test_goes_up_and_goes_down_from(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Her ramipril goes up from 2.5 mg to 5 mg.") == [("ramipril", "increase")]
    assert _changes(make_nlp, run, "His bisoprolol goes down from 5 mg to 2.5 mg.") == [
        ("bisoprolol", "decrease")
    ]


def test_reduction_of_is_a_decrease(make_nlp, run) -> None:
    text = "He agreed to a slow reduction of temazepam: 20 mg to 10 mg at night from now."
    assert _changes(make_nlp, run, text) == [("temazepam", "decrease")]


def test_given_from_our_pharmacy_starts_both_drugs(make_nlp, run) -> None:
    text = "Doxycycline 100 mg BD and metronidazole 400 mg BD, both for 14 days, given from our pharmacy."
    assert _changes(make_nlp, run, text) == [("doxycycline", "start"), ("metronidazole", "start")]


def test_implant_fitted_is_a_start(make_nlp, run) -> None:
    text = "She had a progestogen-only implant (Nexplanon) fitted at the same visit."
    assert _changes(make_nlp, run, text) == [("etonogestrel", "start")]


def test_agreed_to_stop_is_a_stop(make_nlp, run) -> None:
    text = "He was taking over-the-counter simvastatin 10 mg, which he has agreed to stop."
    assert _changes(make_nlp, run, text) == [("simvastatin", "stop")]
    assert _changes(
        make_nlp, run, "He has been taking co-codamol, which is not helping; he has agreed to stop it."
    ) == [("co-codamol", "stop")]


# -- ConText: not changes made now --------------------------------------------------------------------
def test_remains_stopped_is_not_a_change(make_nlp, run) -> None:
    text = "Medications\nPrednisolone - remains stopped (weaned off 2025)\nTacrolimus 2 mg - REDUCED\n"
    assert _changes(make_nlp, run, text) == [("tacrolimus", "decrease")]
    assert _changes(make_nlp, run, "Her ramipril remains on hold.") == []


def test_started_by_a_locum_is_someone_elses_change(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Recently started on bendroflumethiazide by a locum at the surgery.") == []


def test_courses_finished_before_the_letter_are_not_changes(make_nlp, run) -> None:
    text = "He started prednisolone 30 mg daily and doxycycline 100 mg daily; both courses have now finished."
    assert _changes(make_nlp, run, text) == []
    # a singular course finishing does not hide an unrelated start
    assert _changes(make_nlp, run, "We started amlodipine 5 mg; the course of antibiotics has finished.") == [
        ("amlodipine", "start")
    ]


def test_started_at_that_time_then_stopped_now(make_nlp, run) -> None:
    text = (
        "She was started on gliclazide 40 mg in the mornings by the ward at that time; "
        "I have stopped this today as her readings are normal."
    )
    assert _changes(make_nlp, run, text) == [("gliclazide", "stop")]


def test_started_in_pregnancy_is_historical(make_nlp, run) -> None:
    text = "Please check her thyroid function at 6 weeks, as the levothyroxine was started in pregnancy."
    assert _changes(make_nlp, run, text) == []


def test_a_past_hold_of_some_days_is_not_a_withhold(make_nlp, run) -> None:
    text = "INR 5.8. Warfarin held 2 days, vit K not needed.\nMedications\nWarfarin - dose REDUCED to 3mg\n"
    assert _changes(make_nlp, run, text) == [("warfarin", "decrease")]
    # a hold with a restart plan is still a withhold
    text = "Ramipril has been withheld for 2 days; restart when BP above 110."
    assert _changes(make_nlp, run, text) == [("ramipril", "withhold")]


def test_doses_given_in_ed_only_are_not_a_course(make_nlp, run) -> None:
    text = "Rx:\nDiclofenac 50mg tds 7/7 - NEW\nOramorph 5mg prn (3 doses in ED only)\n"
    assert _changes(make_nlp, run, text) == [("diclofenac", "start")]


def test_route_word_before_a_list_drug_keeps_the_line_status(make_nlp, run) -> None:
    text = "Medications\n- Buccal midazolam 7.5 mg for a seizure over 5 min: new, 2 syringes supplied.\n"
    assert _changes(make_nlp, run, text) == [("midazolam", "start")]


def test_we_will_try_is_a_start_and_we_will_start_is_a_plan(make_nlp, run) -> None:
    text = "Instead we will try a rivastigmine patch, 4.6 mg every 24 hours, starting on 10 November."
    assert _changes(make_nlp, run, text) == [("rivastigmine", "start")]
    text = "Her Hb is 98 and we will start darbepoetin via homecare once her iron studies are back."
    assert _changes(make_nlp, run, text) == []


def test_clinic_in_weeks_to_titrate_is_a_plan(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "HF nurse clinic in 2 weeks to uptitrate Entresto.") == []


def test_bare_darbepoetin_and_capasal_are_known(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Medications\nDarbepoetin - to start\n") == [("darbepoetin alfa", "start")]
    assert _changes(make_nlp, run, "I have started Capasal shampoo twice weekly.") == [
        ("coal tar with coconut oil and salicylic acid", "start")
    ]


def test_a_label_heading_an_item_yields_to_the_items_own_change_word(make_nlp, run) -> None:
    text = (
        "Discrepancies\n"
        "1. Omitted: Digoxin 62.5 micrograms once daily was stopped on 13/11/2026 (level 2.6).\n"
        "2. Omitted: Spironolactone 25 mg once daily was started on 14/11/2026.\n"
    )
    assert _changes(make_nlp, run, text) == [("digoxin", "stop"), ("spironolactone", "start")]
    assert _changes(make_nlp, run, "Changes\nStopped: amlodipine 5 mg\nStarted: ramipril 2.5 mg\n") == [
        ("amlodipine", "stop"),
        ("ramipril", "start"),
    ]


def test_bare_verbs_in_a_list_asked_of_the_gp_are_requests(make_nlp, run) -> None:
    text = (
        "We have started a slow reduction of temazepam.\n\n"
        "I would be grateful if you could:\n"
        "- review him in 4 weeks, and stop it altogether if he is managing on 10 mg;\n"
        "- refer him to podiatry\n\n"
        "We stopped amlodipine."
    )
    assert _changes(make_nlp, run, text) == [("temazepam", "decrease"), ("amlodipine", "stop")]


def test_then_ends_a_backward_list_of_drugs(make_nlp, run) -> None:
    text = "Treated with quetiapine, then lithium commenced 20/10/26 once renal function was normal."
    assert _changes(make_nlp, run, text) == [("lithium carbonate", "start")]
    assert _changes(make_nlp, run, "Amlodipine and ramipril were stopped.") == [
        ("amlodipine", "stop"),
        ("ramipril", "stop"),
    ]


def test_bracketed_status_after_a_short_note_belongs_to_that_drug_alone(make_nlp, run) -> None:
    text = "I have increased her naproxen to 500 mg BD with omeprazole 20 mg OD as cover (started today)."
    assert _changes(make_nlp, run, text) == [("naproxen", "increase"), ("omeprazole", "start")]


def test_stopped_for_a_test_and_restarted_now_is_no_net_change(make_nlp, run) -> None:
    text = "Medications\nFerrous sulphate: stopped before the test; may restart now.\nLoperamide: stop\n"
    assert _changes(make_nlp, run, text) == [("loperamide", "stop")]
    # a restart on a later date is still a withhold
    text = "Medications\nClopidogrel 75 mg: withheld 7 days before the procedure; RESTART on 20/11/2026.\n"
    assert _changes(make_nlp, run, text) == [("clopidogrel", "withhold")]
