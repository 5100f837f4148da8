"""la_med_changes and la_med_lists: every source of a change, and every trap from the issue."""

from __future__ import annotations

from pathlib import Path

import spacy

from letter_audit.letter import Block, Cell, Letter
from letter_audit.paths import models_dir
from letter_audit.pipeline import annotate

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str | Letter) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


def _one(make_nlp, run, text: str) -> dict:
    doc = run(make_nlp(*MEDS), text)
    assert len(doc._.med_changes) == 1, doc._.med_changes
    return doc._.med_changes[0]


# -- prose ----------------------------------------------------------------------------------------
def test_prose_increase_with_doses(make_nlp, run) -> None:
    c = _one(make_nlp, run, "I have increased his bisoprolol from 2.5 mg to 5 mg.")
    assert (c["drug"], c["action"], c["dose_before"], c["dose_after"]) == (
        "bisoprolol",
        "increase",
        "2.5 mg",
        "5 mg",
    )
    assert c["rule"] == "increase_increased"


def test_prose_start_with_course_length(make_nlp, run) -> None:
    c = _one(make_nlp, run, "We started doxycycline 100 mg once daily for 5 days.")
    assert (c["drug"], c["action"], c["duration"], c["dose_after"]) == (
        "doxycycline",
        "start",
        "for 5 days",
        "100 mg",
    )


def test_shared_trigger_over_a_list_of_drugs(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Ramipril and amlodipine were stopped on admission.") == [
        ("ramipril", "stop"),
        ("amlodipine", "stop"),
    ]


def test_decrease_written_after_the_drug(make_nlp, run) -> None:
    c = _one(make_nlp, run, "Frusemide 40mg mane reduced to 20mg mane as she was dry.")
    assert (c["drug"], c["action"], c["dose_before"], c["dose_after"]) == (
        "furosemide",
        "decrease",
        "40mg",
        "20mg mane",
    )
    assert c["reason"] == "she was dry"


def test_switch_is_stop_plus_start(make_nlp, run) -> None:
    doc = run(make_nlp(*MEDS), "Switched from ramipril to losartan 50 mg OD because of a cough.")
    got = [(c["drug"], c["action"], c["switched_with"]) for c in doc._.med_changes]
    assert got == [("ramipril", "stop", "losartan"), ("losartan", "start", "ramipril")]


def test_withheld_with_restart_condition(make_nlp, run) -> None:
    c = _one(make_nlp, run, "Ramipril withheld until renal function recovers.")
    assert (c["action"], c["restart_condition"]) == ("withhold", "until renal function recovers")


def test_stop_until_is_a_withhold(make_nlp, run) -> None:
    c = _one(make_nlp, run, "We have stopped metformin until his eGFR is rechecked.")
    assert (c["drug"], c["action"]) == ("metformin", "withhold")


def test_held_and_restarted_in_the_stay_is_no_change(make_nlp, run) -> None:
    assert (
        _changes(make_nlp, run, "Metformin 500 mg BD - was withheld for surgery, restarted at discharge.")
        == []
    )


# -- lists ----------------------------------------------------------------------------------------
def test_list_status_with_reason(make_nlp, run) -> None:
    c = _one(make_nlp, run, "Ramipril 5 mg once daily: STOPPED due to AKI")
    assert (c["drug"], c["action"], c["dose_before"], c["reason"]) == ("ramipril", "stop", "5 mg", "AKI")


def test_list_line_status_after_instructions(make_nlp, run) -> None:
    text = "Prednisolone 10 mg daily reducing by 2.5 mg every 2 weeks to stop - started as bridging."
    assert _changes(make_nlp, run, text) == [("prednisolone", "start")]


def test_list_header_applies_to_lines_below(make_nlp, run) -> None:
    text = "Stopped medications:\nRamipril 5 mg OD\nNaproxen 500 mg BD\n\nPlan: review."
    assert _changes(make_nlp, run, text) == [("ramipril", "stop"), ("naproxen", "stop")]


def test_brand_is_kept_as_written(make_nlp, run) -> None:
    c = _one(make_nlp, run, "Symbicort 200/6 two puffs BD (NEW)")
    assert (c["drug"], c["brand"], c["action"]) == ("budesonide with formoterol", "Symbicort", "start")


# -- structured change summaries --------------------------------------------------------------------
def test_structured_record(make_nlp, run) -> None:
    text = (
        "Medication name Amlodipine\nDose amount 10mg\nIndication (for medication change) Hypertension\n"
        "Description of amendment Dose increased from 5mg to 10mg\n"
        "Name of discontinued medication Beclomethasone\nDescription of amendment Stopped\n"
    )
    doc = run(make_nlp(*MEDS), text)
    got = [
        (c["drug"], c["action"], c["dose_before"], c["dose_after"], c["reason"]) for c in doc._.med_changes
    ]
    assert got == [
        ("amlodipine", "increase", "5mg", "10mg", "Hypertension"),
        ("beclometasone", "stop", None, None, None),
    ]


def test_record_fields_in_one_table_row(make_nlp, run) -> None:
    text = "Medication: Ibuprofen | Status: Discontinued | Indication: NSAID with dual antiplatelets"
    c = _one(make_nlp, run, text)
    assert (c["drug"], c["action"], c["reason"]) == ("ibuprofen", "stop", "NSAID with dual antiplatelets")


# -- comparing lists ----------------------------------------------------------------------------------
def test_admission_and_discharge_lists(make_nlp, run) -> None:
    text = (
        "Medications on admission:\nRamipril 5 mg OD\nBisoprolol 2.5 mg OD\nAtorvastatin 20 mg ON\n\n"
        "Medications on discharge:\nBisoprolol 5 mg OD\nAtorvastatin 20 mg ON\nApixaban 5 mg BD\n"
    )
    assert sorted(_changes(make_nlp, run, text)) == [
        ("apixaban", "start"),
        ("bisoprolol", "increase"),
        ("ramipril", "stop"),
    ]


def test_two_column_table(make_nlp, run) -> None:
    rows = ["On admission | On discharge", "Ramipril 5 mg OD | Ramipril 2.5 mg OD", "Aspirin 75 mg OD | "]
    text = "\n".join(rows) + "\n"
    blocks, pos = [], 0
    for row in rows:
        cells, cur = [], pos
        for part in row.split(" | "):
            cells.append(Cell(start=cur, end=cur + len(part)))
            cur += len(part) + 3
        blocks.append(Block(kind="table_row", start=pos, end=pos + len(row), cells=cells))
        pos += len(row) + 1
    letter = Letter.from_text(text).model_copy(update={"blocks": blocks})
    assert sorted(_changes(make_nlp, run, letter)) == [("aspirin", "stop"), ("ramipril", "decrease")]


def test_course_on_discharge_list_is_a_start(make_nlp, run) -> None:
    text = "TTO:\nDoxycycline 100 mg once daily for 4 more days\nSalbutamol 100 micrograms PRN\n"
    assert _changes(make_nlp, run, text) == [("doxycycline", "start")]


# -- traps: never report these ---------------------------------------------------------------------
def test_trap_change_made_earlier_by_someone_else(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Her ramipril was stopped by her GP in August.") == []


def test_trap_negated(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "We did not start sacubitril/valsartan as her BP was low.") == []


def test_trap_hypothetical(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "You may wish to consider starting dapagliflozin.") == []


def test_trap_continued(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Continue metformin 500 mg BD.") == []


def test_trap_request_to_the_gp(make_nlp, run) -> None:
    text = "Please review her BP in 2 weeks and reduce or stop labetalol if it is below 130/80."
    assert _changes(make_nlp, run, text) == []


def test_trap_allergy_is_not_a_change(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Allergies:\nPenicillin - rash, stopped in 2010\n") == []


def test_trap_course_finished_in_hospital(make_nlp, run) -> None:
    text = "The liaison nurse started a reducing chlordiazepoxide regime, completed before discharge."
    assert _changes(make_nlp, run, text) == []


# -- save and reload ------------------------------------------------------------------------------
def test_save_and_reload_round_trip(make_nlp, tmp_path: Path) -> None:
    nlp = make_nlp(*MEDS)
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    text = "I have increased his bisoprolol from 2.5 mg to 5 mg. Ramipril 5 mg: STOPPED due to AKI."
    before = annotate(nlp, Letter.from_text(text))._.med_changes
    after = annotate(loaded, Letter.from_text(text))._.med_changes
    assert after == before
    assert [(c["drug"], c["action"]) for c in after] == [("bisoprolol", "increase"), ("ramipril", "stop")]


def test_shipped_data_dir_is_the_default() -> None:
    assert (models_dir() / "lexicons" / "drugs.json").is_file()


# -- shapes added while tuning on the dev letters ----------------------------------------------------
def test_status_closing_a_list_line_covers_every_drug(make_nlp, run) -> None:
    text = "H. pylori eradication: amoxicillin 1 g BD, clarithromycin 500 mg BD for 7 days - started."
    assert _changes(make_nlp, run, text) == [("amoxicillin", "start"), ("clarithromycin", "start")]


def test_pronoun_refers_to_the_drug_before_the_semicolon(make_nlp, run) -> None:
    text = "Her prednisolone was 40 mg daily; I have increased this to 60 mg daily."
    c = _one(make_nlp, run, text)
    assert (c["drug"], c["action"], c["dose_after"]) == ("prednisolone", "increase", "60 mg daily")


def test_previous_dose_in_brackets(make_nlp, run) -> None:
    c = _one(make_nlp, run, "TTO:\nFurosemide 80mg OM (was 40mg OM)\n")
    assert (c["drug"], c["action"], c["dose_before"], c["rule"]) == (
        "furosemide",
        "increase",
        "40mg OM",  # OM (every morning) is read as a frequency, like OD and ON
        "list_previous_dose",
    )


def test_x_replaces_y(make_nlp, run) -> None:
    doc = run(make_nlp(*MEDS), "Trimbow 87/5/9 2 puffs BD (new) - replaces Fostair 100/6")
    # the start is stated twice ("(new)" and "replaces"); extract reports it once
    got = sorted({(c["drug"], c["action"]) for c in doc._.med_changes})
    assert got == [
        ("beclometasone with formoterol", "stop"),
        ("beclometasone with formoterol and glycopyrronium", "start"),
    ]


def test_held_then_restarted_after_a_semicolon_is_no_change(make_nlp, run) -> None:
    text = "Metformin 1 g BD was withheld during admission; it was restarted on day 6 once she was eating."
    assert _changes(make_nlp, run, text) == []


def test_change_made_by_the_gp_before_the_visit(make_nlp, run) -> None:
    text = (
        "His GP had recently stopped his diltiazem because of ankle swelling and started bisoprolol 2.5 mg."
    )
    assert _changes(make_nlp, run, text) == []


def test_patient_stopped_it_themselves(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Codeine linctus was not helpful and he has stopped it himself.") == []


def test_subject_of_a_later_passive_verb(make_nlp, run) -> None:
    text = "Tacrolimus 0.1% ointment twice daily to the face and neck has been started."
    assert _changes(make_nlp, run, text) == [("tacrolimus", "start")]


def test_table_row_status_column_then_notes(make_nlp, run) -> None:
    text = "Ticagrelor | 90 mg BD | New | for 12 months from 14/10/2025, then stop"
    assert _changes(make_nlp, run, text) == [("ticagrelor", "start")]


def test_table_changed_with_previous_dose(make_nlp, run) -> None:
    c = _one(make_nlp, run, "Atorvastatin | 80 mg ON | Changed | was 40 mg")
    assert (c["action"], c["dose_before"], c["dose_after"]) == ("increase", "40 mg", "80 mg")


def test_misspelt_triggers_and_drugs(make_nlp, run) -> None:
    text = "Ramipril stoped due to AKI.\nAmlodopine 5mg OD - comenced\nBisoprolol incresed to 5mg\n"
    assert _changes(make_nlp, run, text) == [
        ("ramipril", "stop"),
        ("amlodipine", "start"),
        ("bisoprolol", "increase"),
    ]
