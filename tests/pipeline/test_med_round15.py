"""Round 15 mechanisms for medication changes (terse notes, switches by dose words, letters to patients)."""

from __future__ import annotations

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> set[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return {(c["drug"], c["action"]) for c in doc._.med_changes}


# -- a drug's own status, then the next drug's story across a dash ------------------------------------
def test_own_status_then_a_start_across_a_dash(make_nlp, run) -> None:
    text = "Rx: Amlodipine discontinued - commenced lercanidipine 10 mg OD. Ramipril cont."
    assert _changes(make_nlp, run, text) == {("amlodipine", "stop"), ("lercanidipine", "start")}
    # look-alike: a taper written into the dose still lets the status column speak
    text = "Prednisolone | 20 mg od reducing by 5 mg weekly to stop | STARTED"
    assert _changes(make_nlp, run, text) == {("prednisolone", "start")}


# -- a course length written as a fraction --------------------------------------------------------------
def test_to_complete_fraction_is_a_course_for_home(make_nlp, run) -> None:
    text = "TTO: Clarithromycin 500mg BD to complete 7/7. Salbutamol PRN as before.\n"
    assert _changes(make_nlp, run, text) == {("clarithromycin", "start")}


# -- context cues ---------------------------------------------------------------------------------
def test_started_by_previous_gp_is_another_actor(make_nlp, run) -> None:
    text = "Omeprazole 20 mg daily since 2021 (started by previous GP). Naproxen was stopped."
    assert _changes(make_nlp, run, text) == {("naproxen", "stop")}


def test_inpatient_only_is_not_a_stop_for_home(make_nlp, run) -> None:
    text = "Dalteparin | 5000 units daily | Stopped | inpatient VTE prophylaxis only"
    assert _changes(make_nlp, run, text) == set()


def test_since_we_started_tells_history(make_nlp, run) -> None:
    text = "His tremor has eased since we started propranolol in March, and I have increased it to 80 mg."
    assert _changes(make_nlp, run, text) == {("propranolol", "increase")}


def test_when_needed_is_a_frequency_not_a_condition(make_nlp, run) -> None:
    text = "Cyclizine 50 mg up to three times a day when needed, started; 5 days supplied."
    assert _changes(make_nlp, run, text) == {("cyclizine", "start")}


# -- inhaler devices -------------------------------------------------------------------------------------
def test_device_names_belong_to_the_dose_phrase(make_nlp, run) -> None:
    text = "Relvar 92 Ellipta and Incruse Ellipta discontinued today. Started Trelegy 1 puff daily."
    assert _changes(make_nlp, run, text) == {
        ("fluticasone with vilanterol", "stop"),
        ("umeclidinium", "stop"),
        ("fluticasone with umeclidinium and vilanterol", "start"),
    }


# -- triggers -------------------------------------------------------------------------------------------
def test_begin_lower_your_and_used_instead(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "I have asked him to begin atorvastatin 20 mg at night.") == {
        ("atorvastatin", "start")
    }
    assert _changes(make_nlp, run, "From tonight you will lower your Lantus from 20 units to 16 units.") == {
        ("insulin glargine", "decrease")
    }
    text = "Ibuprofen stopped (gastritis). Paracetamol 1 g QDS is to be taken instead."
    assert _changes(make_nlp, run, text) == {("ibuprofen", "stop"), ("paracetamol", "start")}


# -- a dose word whose "to" names another drug -------------------------------------------------------------
def test_dose_word_to_another_drug_is_a_switch(make_nlp, run) -> None:
    text = "We have reduced her morphine 10 mg to codeine 30 mg QDS."
    assert _changes(make_nlp, run, text) == {("morphine", "stop"), ("codeine", "start")}
    # look-alike: a raise to a new dose of the same drug
    text = "We have increased her ramipril 2.5 mg to 5 mg daily."
    assert _changes(make_nlp, run, text) == {("ramipril", "increase")}


# -- "instead of" the drug's own old dose or frequency ----------------------------------------------
def test_instead_of_old_dose_or_frequency_is_a_dose_change(make_nlp, run) -> None:
    text = "Metformin 500 mg: please take it twice a day with food instead of once a day."
    assert _changes(make_nlp, run, text) == {("metformin", "increase")}
    text = "Sertraline: from today take 50 mg each morning (instead of 100 mg)."
    assert _changes(make_nlp, run, text) == {("sertraline", "decrease")}


# -- a letter to the patient with a part for the GP --------------------------------------------------------
def test_please_after_a_gp_heading_asks_the_practice(make_nlp, run) -> None:
    text = (
        "Dear Mr Lowe\n"
        "We agreed you will stop taking amitriptyline now.\n"
        "\n"
        "For your GP\n"
        "Please increase his pregabalin to 150 mg twice a day if the pain persists after 4 weeks.\n"
    )
    assert _changes(make_nlp, run, text) == {("amitriptyline", "stop")}
