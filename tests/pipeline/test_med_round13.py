"""Round 13 mechanisms for medication changes (sentences worded unlike the dev letters)."""

from __future__ import annotations

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> set[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return {(c["drug"], c["action"]) for c in doc._.med_changes}


# -- a request to the GP: "if you could" leads it, however long its condition ----------------------
def test_if_you_could_leads_a_request_through_its_condition(make_nlp, run) -> None:
    text = (
        "It would be useful if you could recheck her renal function in a week, and as long as the sodium "
        "is above 130, increase the spironolactone to 50 mg daily."
    )
    assert _changes(make_nlp, run, text) == set()
    text = "Ideal if you could repeat the TFTs and, should the TSH stay high, raise the levothyroxine to 100."
    assert ("levothyroxine", "increase") not in _changes(make_nlp, run, text)
    # look-alike: the writer's own change, then a request
    text = "I have increased his bisoprolol to 5 mg; it would help if you could check his pulse in a week."
    assert _changes(make_nlp, run, text) == {("bisoprolol", "increase")}


# -- a negation that names no reason to change -------------------------------------------------------
def test_no_reason_to_change_is_a_negation(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "I see no reason to stop his sertraline at present.") == set()
    assert _changes(make_nlp, run, "There are no grounds to start a statin yet.") == set()
    assert _changes(make_nlp, run, "There was no reason for delay, so I stopped the naproxen.") == {
        ("naproxen", "stop")
    }


# -- someone else's act: a named specialty as subject, "that was done by", "there" -----------------------
def test_specialty_as_subject_is_another_team(make_nlp, run) -> None:
    text = "Dermatology started isotretinoin 20 mg daily last month. I have added omeprazole 20 mg daily."
    assert _changes(make_nlp, run, text) == {("omeprazole", "start")}
    text = "Rheumatology have stopped his methotrexate because of the raised ALT."
    assert _changes(make_nlp, run, text) == set()


def test_that_was_done_by_another_team_reaches_back_over_a_semicolon(make_nlp, run) -> None:
    text = (
        "She restarted quetiapine 50 mg at night on the maternity unit; this was arranged by the "
        "perinatal team before transfer."
    )
    assert _changes(make_nlp, run, text) == set()
    # look-alike: done by us
    text = "He restarted ramipril 2.5 mg on the ward; this was arranged by us after the AKI settled."
    assert _changes(make_nlp, run, text) == {("ramipril", "start")}


def test_started_there_points_to_the_place_named_before(make_nlp, run) -> None:
    text = "He was seen at the walk-in centre on Friday and was given flucloxacillin there."
    assert ("flucloxacillin", "start") not in _changes(make_nlp, run, text)


# -- history: a year beside a device, a change before transfer, a reverted switch ---------------------
def test_fitted_in_a_past_year_and_before_transfer(make_nlp, run) -> None:
    text = "She has an implant (fitted 2023). We started estradiol gel today."
    assert _changes(make_nlp, run, text) == {("estradiol", "start")}
    text = "Edoxaban 60 mg: started at the district hospital before transfer, continued."
    assert _changes(make_nlp, run, text) == set()


def test_switch_that_was_undone_is_no_change(make_nlp, run) -> None:
    text = (
        "While nil by mouth his levetiracetam was switched to IV, and he is now back on oral levetiracetam."
    )
    assert ("levetiracetam", "start") not in _changes(make_nlp, run, text)


# -- a spoken self-correction ----------------------------------------------------------------------
def test_actually_corrects_the_change_before_it(make_nlp, run) -> None:
    text = "We increased the mirtazapine - actually stopped it, as she felt too drowsy."
    assert _changes(make_nlp, run, text) == {("mirtazapine", "stop")}
    text = "I reduced the gabapentin, or rather stopped it altogether."
    assert _changes(make_nlp, run, text) == {("gabapentin", "stop")}


# -- frequency changes, "up from" -----------------------------------------------------------------
def test_dosing_interval_brought_forward_or_spaced_out(make_nlp, run) -> None:
    text = "Her ustekinumab has been brought forward to every 8 weeks (previously every 12 weeks)."
    assert _changes(make_nlp, run, text) == {("ustekinumab", "increase")}
    text = "Denosumab stays 6-monthly; his infliximab has been spaced out to every 10 weeks."
    assert _changes(make_nlp, run, text) == {("infliximab", "decrease")}
    # look-alike: an appointment brought forward
    assert _changes(make_nlp, run, "His adalimumab review has been brought forward to May.") == set()


def test_up_from_the_usual_dose_in_brackets(make_nlp, run) -> None:
    text = "Discharge medicines:\nTerbutaline 2 puffs QDS for 3 days (up from his usual 1 puff PRN)\n"
    assert _changes(make_nlp, run, text) == {("terbutaline", "increase")}


# -- the first dose named with its drug ------------------------------------------------------------
def test_first_named_injection_given(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "His first romosozumab 210 mg injection was given today.") == {
        ("romosozumab", "start")
    }
    assert _changes(make_nlp, run, "Her first ocrelizumab infusion was administered on the unit.") == {
        ("ocrelizumab", "start")
    }


# -- supplies -------------------------------------------------------------------------------------
def test_a_supply_after_the_item(make_nlp, run) -> None:
    text = "TTO:\nNaproxen 500 mg BD with food for 5 days - TTA supplied\n"
    assert _changes(make_nlp, run, text) == {("naproxen", "start")}
    text = "Plan:\nEdoxaban 60 mg OD - 4 weeks supplied. Review in clinic.\n"
    assert _changes(make_nlp, run, text) == {("edoxaban", "start")}
    # look-alike: a field label, not a supply
    text = "Medication: Paracetamol 1 g QDS PRN Change: No change\nTTO Dispensed: Yes\n"
    assert ("paracetamol", "start") not in _changes(make_nlp, run, text)


# -- stepped regimens and tapers are one dose phrase -------------------------------------------------
def test_stepped_regimen_then_status(make_nlp, run) -> None:
    text = "Medicines:\nLansoprazole 30 mg BD for 4 weeks then 15 mg OD - NEW\n"
    assert _changes(make_nlp, run, text) == {("lansoprazole", "start")}


def test_taper_written_into_a_course_to_finish_at_home(make_nlp, run) -> None:
    text = (
        "Discharge medication:\n- Prednisolone 40 mg OD, reducing by 10 mg each week until stopped - "
        "course to complete at home (weaning chart enclosed)\n"
    )
    assert _changes(make_nlp, run, text) == {("prednisolone", "start")}
    text = "Dalteparin 5000 units SC daily - to finish 28 days after surgery at home\n"
    assert _changes(make_nlp, run, text) == {("dalteparin", "start")}


def test_companion_after_a_long_instruction(make_nlp, run) -> None:
    text = (
        "I have started prednisolone 30 mg daily, dropping by 5 mg every week until stopped, which she "
        "will finish at home (a six-week course), with Adcal-D3 one tablet twice daily while on it."
    )
    assert ("colecalciferol with calcium carbonate", "start") in _changes(make_nlp, run, text)


# -- one verb, two drugs each with its own from-to ---------------------------------------------------
def test_gapped_from_to_after_a_bracketed_schedule(make_nlp, run) -> None:
    text = (
        "I have reduced his quetiapine from 300 mg to 200 mg a day (100 mg morning, 100 mg night) and his "
        "lithium carbonate from 800 to 600 mg."
    )
    assert _changes(make_nlp, run, text) == {("quetiapine", "decrease"), ("lithium carbonate", "decrease")}


# -- a bracketed aside with its own subject --------------------------------------------------------
def test_aside_with_its_own_subject_keeps_its_cue(make_nlp, run) -> None:
    text = "Warfarin switched to apixaban 5 mg BD (INR check completed on the ward)."
    assert _changes(make_nlp, run, text) == {("warfarin", "stop"), ("apixaban", "start")}
    # look-alike: the aside is about the course itself
    text = "Discharge meds:\nClarithromycin 500 mg BD (course completed in hospital)\n"
    assert _changes(make_nlp, run, text) == set()


# -- switches and holds ----------------------------------------------------------------------------
def test_in_place_of_two_drugs_stops_both(make_nlp, run) -> None:
    text = "Anoro Ellipta has been started in place of his Seretide and Incruse."
    got = _changes(make_nlp, run, text)
    assert ("fluticasone with salmeterol", "stop") in got and ("umeclidinium", "stop") in got


def test_held_then_restarted_at_a_new_dose(make_nlp, run) -> None:
    text = "Her candesartan 16 mg was held during the AKI; candesartan restarted 02/03 at 8 mg."
    assert _changes(make_nlp, run, text) == {("candesartan", "decrease")}
    # look-alike: restarted at the same dose is no change from the usual
    text = "Her candesartan 16 mg was held during the AKI; candesartan restarted 02/03 at 16 mg."
    assert ("candesartan", "decrease") not in _changes(make_nlp, run, text)


def test_hold_with_restart_next_clause_stays_a_hold(make_nlp, run) -> None:
    text = (
        "Clopidogrel 75 mg - HELD; restart after 7 days if the wound is dry (consider stopping permanently)"
    )
    assert _changes(make_nlp, run, text) == {("clopidogrel", "withhold")}


def test_nicotine_replacement_abbreviation(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "We started NRT patches 14 mg/24 h on the ward, 1 week supplied.") == {
        ("nicotine", "start")
    }


# -- phrasal dose changes with "on", a supply "we gave you", a past agent with a month --------------------
def test_gone_up_on_and_come_down_on(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Today I have gone up on her ramipril from 2.5 mg to 5 mg.") == {
        ("ramipril", "increase")
    }
    assert _changes(make_nlp, run, "We came down on his quetiapine to 100 mg at night.") == {
        ("quetiapine", "decrease")
    }
    # look-alike: not a dose
    assert _changes(make_nlp, run, "His weight has gone up on the olanzapine.") == set()


def test_the_drug_we_gave_you(make_nlp, run) -> None:
    text = "Dear Mrs Okafor,\nPlease use the ondansetron we gave you if the sickness comes back.\n"
    assert _changes(make_nlp, run, text) == {("ondansetron", "start")}
    text = "Dear Mr Hale,\nYou can stop the clobetasol cream we prescribed you last year.\n"
    assert ("clobetasol", "start") not in _changes(make_nlp, run, text)


def test_past_agent_with_a_month_is_history(make_nlp, run) -> None:
    text = "His amlodipine was increased from 5 mg to 10 mg by the out-of-area practice nurse in March."
    assert _changes(make_nlp, run, text) == set()
    text = "Her digoxin was stopped by the acute frailty unit during October, and I have restarted it today."
    assert ("digoxin", "stop") not in _changes(make_nlp, run, text)


def test_until_it_is_stopped_is_a_plan(make_nlp, run) -> None:
    text = "Could you then lower the pregabalin by 75 mg each week until it is stopped."
    assert ("pregabalin", "stop") not in _changes(make_nlp, run, text)


def test_a_clause_of_its_own_ends_the_list_of_new_drugs(make_nlp, run) -> None:
    text = "Switched to losartan 25 mg daily because she is coughing and ramipril kept her awake."
    assert ("ramipril", "start") not in _changes(make_nlp, run, text)
    text = "We started sertraline 50 mg, so that he sleeps better and his zopiclone can go."
    assert ("zopiclone", "start") not in _changes(make_nlp, run, text)
    # look-alike: a plain list of what was started
    text = "Changed to co-amoxiclav 625 mg TDS, with metronidazole 400 mg TDS."
    assert ("metronidazole", "start") in _changes(make_nlp, run, text)


def test_pumps_and_measures_are_dose_words(make_nlp, run) -> None:
    assert _changes(
        make_nlp, run, "Medicines: Sandrena 1 mg sachet daily and Lenzetto 3 sprays daily started today."
    ) >= {("estradiol", "start")}
    assert _changes(make_nlp, run, "Testogel 2 pumps daily was started in clinic.") == {
        ("testosterone", "start")
    }


def test_an_inline_list_item_ends_at_its_full_stop(make_nlp, run) -> None:
    text = "New today: apixaban 5 mg BD; bisoprolol 1.25 mg OD. Digoxin and ramipril unchanged."
    assert _changes(make_nlp, run, text) == {("apixaban", "start"), ("bisoprolol", "start")}


def test_open_ended_until_is_no_restart_condition(make_nlp, run) -> None:
    text = "On review today the diclofenac has been stopped until further notice because of his kidneys."
    assert _changes(make_nlp, run, text) == {("diclofenac", "stop")}
    text = "Today she agreed to the mirtazapine, which I have asked her to stop until we find out more."
    assert ("mirtazapine", "stop") in _changes(make_nlp, run, text)
    # look-alike: a real restart condition
    text = "On review today the lisinopril has been held until the creatinine settles after the AKI."
    assert _changes(make_nlp, run, text) == {("lisinopril", "withhold")}


def test_while_clause_is_part_of_the_item(make_nlp, run) -> None:
    text = "Dalteparin 5000 units SC once daily whilst she is in the cast (4 weeks), started today."
    assert _changes(make_nlp, run, text) == {("dalteparin", "start")}


def test_until_it_is_stopped_reaches_no_further_than_its_clause(make_nlp, run) -> None:
    text = (
        "I have asked him to lower the prednisolone by 1 mg a week until it is stopped, with the "
        "alendronic acid to stop at the same time."
    )
    got = _changes(make_nlp, run, text)
    assert ("alendronic acid", "stop") in got and ("prednisolone", "stop") not in got


def test_a_supply_of_a_drug_changed_elsewhere_is_not_a_start(make_nlp, run) -> None:
    text = (
        "I have increased her hydroxychloroquine from 200 mg to 300 mg daily.\n"
        "Hydroxychloroquine 300 mg daily | Supply given in clinic | N\n"
    )
    assert _changes(make_nlp, run, text) == {("hydroxychloroquine", "increase")}
    # look-alike: a supply with nothing else said of the drug is a start
    text = "Plan:\nOmeprazole 20 mg daily for 8 weeks - supply given in clinic\n"
    assert _changes(make_nlp, run, text) == {("omeprazole", "start")}


def test_fine_instead_is_the_start_of_a_switch(make_nlp, run) -> None:
    text = "Dear Mr Quinn,\nPlease stop the aspirin you bought; co-codamol is fine instead for the pain.\n"
    assert _changes(make_nlp, run, text) == {("aspirin", "stop"), ("co-codamol", "start")}
    text = "Dear Ms Roe,\nYou can stop the cetirizine; loratadine is better to take instead at night.\n"
    assert ("loratadine", "start") in _changes(make_nlp, run, text)


def test_where_the_drug_came_from_before_its_status(make_nlp, run) -> None:
    text = "Was taking ibuprofen 400 mg TDS bought from the pharmacy, stopped today because of his reflux."
    assert _changes(make_nlp, run, text) == {("ibuprofen", "stop")}
    text = "On amitriptyline 10 mg nocte from the pain clinic, increased today to 20 mg for sleep."
    assert ("amitriptyline", "increase") in _changes(make_nlp, run, text)
    # look-alike: "from 12 weeks" is when, not where from; the stop is history
    text = "Antenatal: aspirin 150 mg nocte from 12 weeks, stopped at 36 weeks as planned."
    assert ("aspirin", "stop") not in _changes(make_nlp, run, text)


def test_course_in_a_hospital_owned_plan_table_row(make_nlp, run) -> None:
    text = (
        "Problem | Plan | Owner\n"
        "Otitis externa | Ciprofloxacin ear drops 3 drops BD for 7 days | ENT\n"
        "Thyroid nodule | Thyroid ultrasound in 6 months | GP\n"
    )
    assert _changes(make_nlp, run, text) == {("ciprofloxacin", "start")}
    # look-alike: the practice's row asks the GP; a long-term drug is no course
    text = (
        "Issue | Action | Who\n"
        "Acne | Lymecycline 408 mg OD for 12 weeks | GP\n"
        "BP | Amlodipine 5 mg OD long-term | Cardiology\n"
    )
    assert _changes(make_nlp, run, text) == set()


def test_a_change_dated_before_this_episode_is_history(make_nlp, run) -> None:
    text = (
        "Clinic date: 12/03/2027\n"
        "Dear Dr Shaw,\nOscar started melatonin 2 mg at bedtime on 10/01/2027 at our sleep clinic. "
        "Today I have increased the melatonin to 3 mg.\n"
    )
    assert _changes(make_nlp, run, text) == {("melatonin", "increase")}
    # look-alike: dated within the episode
    text = "Admission date: 02/02/2027\nCo-amoxiclav was started on 03/02/2027, to complete 7 days at home.\n"
    assert ("co-amoxiclav", "start") in _changes(make_nlp, run, text)
    # a few days before a clinic may be this episode's own plan
    text = "Clinic: 30/10/2026\nDear Dr Ames,\nWarfarin STOPPED on 27/10/2026 (last dose).\n"
    assert ("warfarin", "stop") in _changes(make_nlp, run, text)
