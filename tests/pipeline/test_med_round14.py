"""Round 14 mechanisms for medication changes (layouts and plans of writers the rules had not seen)."""

from __future__ import annotations

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> set[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return {(c["drug"], c["action"]) for c in doc._.med_changes}


# -- a change label opening the content cell of a "Heading | content" template -----------------------
def test_inline_label_after_a_heading_cell_shares_its_action(make_nlp, run) -> None:
    text = (
        "Medication | New: edoxaban 60 mg daily; bisoprolol 2.5 mg daily; amiodarone 200 mg daily for "
        "6 weeks then stop. Aspirin 75 mg continued."
    )
    assert _changes(make_nlp, run, text) == {
        ("edoxaban", "start"),
        ("bisoprolol", "start"),
        ("amiodarone", "start"),
    }
    # look-alike: a label that is no change ("Allergies | Drugs: ...") gives nothing
    assert _changes(make_nlp, run, "Notes | Current: bisoprolol 2.5 mg daily; ramipril 5 mg daily.") == set()


def test_bracketed_drug_in_a_labelled_item_keeps_its_own_status(make_nlp, run) -> None:
    text = "New: rosuvastatin 20 mg at night (was pravastatin 40 mg - stopped); ramipril 2.5 mg daily."
    assert _changes(make_nlp, run, text) == {
        ("rosuvastatin", "start"),
        ("pravastatin", "stop"),
        ("ramipril", "start"),
    }


# -- a starting dose with a schedule to raise it ---------------------------------------------------
def test_dose_then_planned_rise_is_a_start(make_nlp, run) -> None:
    text = "- Azathioprine 50 mg once daily, going up to 100 mg after 2 weeks if the blood count allows"
    assert _changes(make_nlp, run, text) == {("azathioprine", "start")}
    text = "Lamotrigine 25 mg daily, increasing by 25 mg every two weeks to 100 mg daily."
    assert _changes(make_nlp, run, text) == {("lamotrigine", "start")}
    # look-alikes: a raise from the next dose on is a raise; so is a raise made now
    text = "- infliximab dose optimisation agreed - increasing to 10 mg/kg from next infusion"
    assert _changes(make_nlp, run, text) == {("infliximab", "increase")}
    text = "I have increased her citalopram from 20 mg to 40 mg daily."
    assert _changes(make_nlp, run, text) == {("citalopram", "increase")}


# -- a list of what this visit prescribed ------------------------------------------------------------
def test_treatment_today_list_items_are_starts(make_nlp, run) -> None:
    text = (
        "Treatment today\n"
        "- Hydroxychloroquine 200 mg once daily\n"
        "- Folic acid 5 mg once weekly, on Fridays\n"
        "- Depo-Medrone 120 mg IM given in clinic today\n"
    )
    assert _changes(make_nlp, run, text) == {("hydroxychloroquine", "start"), ("folic acid", "start")}
    # look-alike: a current list headed by the day is not a list of starts
    text = "Medication today\n- Hydroxychloroquine 200 mg once daily\n- Folic acid 5 mg once weekly\n"
    assert _changes(make_nlp, run, text) == set()


# -- a hold around a procedure that is over the next day ---------------------------------------------
def test_hold_before_procedure_restarted_tomorrow_is_no_change(make_nlp, run) -> None:
    assert (
        _changes(make_nlp, run, "Clopidogrel was held for 7 days before the procedure; restart tomorrow.")
        == set()
    )
    assert _changes(make_nlp, run, "Aspirin 75 mg held 7/7 pre-op - restart tomorrow.") == set()
    # look-alikes: a restart with a condition, and a hold for an illness, are holds
    text = "Clopidogrel - held 7 days pre-op; restart tomorrow if no wound ooze."
    assert _changes(make_nlp, run, text) == {("clopidogrel", "withhold")}
    assert _changes(make_nlp, run, "Ramipril held during the AKI; restart tomorrow.") == {
        ("ramipril", "withhold")
    }


# -- "last week" naming part of a course, not a time -------------------------------------------------
def test_last_week_of_a_course_is_not_history(make_nlp, run) -> None:
    text = "promethazine 25mg ON PRN for sleep x2/52 (started, last week supplied)"
    assert _changes(make_nlp, run, text) == {("promethazine", "start")}
    # look-alike: started last week is history
    assert _changes(make_nlp, run, "Promethazine was started last week.") == set()


# -- a short supply told in shorthand after the dose ------------------------------------------------
def test_short_supply_after_the_dose_is_a_start(make_nlp, run) -> None:
    text = "Oxycodone 5 mg 4-hourly as needed, max 4 doses a day - 5 days' supply only, not for repeat"
    assert _changes(make_nlp, run, text) == {("oxycodone", "start")}
    text = "Oramorph 2.5-5 mg every 4 hours as needed, 3 days supplied."
    assert _changes(make_nlp, run, text) == {("morphine", "start")}
    # look-alike: a supply named in a request is no start
    text = "Please continue apixaban on repeat after the 28 days supplied."
    assert _changes(make_nlp, run, text) == set()


def test_status_after_a_comma_is_the_nearer_drugs(make_nlp, run) -> None:
    text = (
        "Medication: Cyclizine 50 mg TDS was not helping, so it has been stopped and she has been started on "
        "ondansetron 4 mg three times a day, 5 days supplied."
    )
    assert _changes(make_nlp, run, text) == {("cyclizine", "stop"), ("ondansetron", "start")}
    # look-alike: the line's own drug, alone before the comma, takes it
    text = "Hyoscine 300 micrograms at night for hypersalivation, started."
    assert _changes(make_nlp, run, text) == {("hyoscine", "start")}


# -- a start verb opening a line, shared through ";" items that say nothing of their own -------------
def test_start_verb_shared_by_semicolon_items(make_nlp, run) -> None:
    text = (
        "Treatment | Started ofloxacin 0.3% drops four times a day in the left eye; cyclopentolate 1% "
        "drops twice daily in the left eye for 1 week."
    )
    assert _changes(make_nlp, run, text) == {("ofloxacin", "start"), ("cyclopentolate", "start")}
    # look-alikes: items with their own status keep it; someone else's start is not shared
    text = "Started amlodipine 5 mg daily; ramipril 10 mg unchanged; aspirin stopped."
    assert _changes(make_nlp, run, text) == {("amlodipine", "start"), ("aspirin", "stop")}
    assert _changes(make_nlp, run, "Started by her GP amlodipine 5 mg; ramipril 10 mg.") == set()
