"""Round 9 families, seen on letters by four unseen writers (ED/A&G, dictated clinics, surgical, EPR).

Each test words the family differently from the dev letter it was seen in.
"""

from __future__ import annotations

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
        "He was also taking tramadol 50 mg QDS for back pain that we have now stopped given the confusion.\n"
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
