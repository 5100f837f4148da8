"""Round 8 phase 2 families, seen on letters by three unseen writers (outpatient, EPR discharge, ED/VW).

Each test words the family differently from the dev letter it was seen in.
"""

from __future__ import annotations

import pytest

from letter_audit.extract.medication import _named_in_full

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


# -- a change label with its items on the same line, split by semicolons ---------------------------
def test_semicolon_items_after_a_change_label_all_take_its_action(make_nlp, run) -> None:
    text = (
        "Medication\n"
        "Commenced: bumetanide 1 mg mane; lansoprazole 30 mg OD (gastritis); sertraline 50 mg OD\n"
        "Discontinued: diclofenac 50 mg TDS; amlodipine (ankle swelling)\n"
    )
    assert sorted(_changes(make_nlp, run, text)) == [
        ("amlodipine", "stop"),
        ("bumetanide", "start"),
        ("diclofenac", "stop"),
        ("lansoprazole", "start"),
        ("sertraline", "start"),
    ]


def test_semicolons_after_a_plain_label_are_not_changes(make_nlp, run) -> None:
    text = "Regular medicines: ramipril 5 mg OD; atorvastatin 20 mg ON; metformin 500 mg BD\n"
    assert _changes(make_nlp, run, text) == []


# -- a list heading with the patient's name or a possessive ----------------------------------------
def test_possessive_new_medicines_heading_starts_each_table_row(make_nlp, run) -> None:
    text = (
        "Your new medicines\n"
        "Medicine | Strength | When\n"
        "Levetiracetam | 250 mg | twice a day\n"
        "Buccal midazolam | 10 mg | for a seizure over 5 minutes\n"
        "\n"
        "What happens next\n"
    )
    assert _changes(make_nlp, run, text) == [("levetiracetam", "start"), ("midazolam", "start")]


# -- status column before the drug column -----------------------------------------------------------
def test_status_cell_before_the_drug_cell(make_nlp, run) -> None:
    text = (
        "Change | Medicine\n"
        "Started | Edoxaban 60 mg once daily\n"
        "Discontinued | Verapamil 80 mg TDS\n"
        "Unchanged | Digoxin 125 micrograms OD\n"
    )
    assert _changes(make_nlp, run, text) == [("edoxaban", "start"), ("verapamil", "stop")]


# -- bare class name next to the named product --------------------------------------------------------
def test_bare_insulin_dropped_when_a_named_insulin_changes() -> None:
    raw = [
        {"drug": "insulin", "action": "start", "start": 5},
        {"drug": "insulin glargine", "action": "start", "start": 50},
        {"drug": "colecalciferol", "action": "start", "start": 90},
        {"drug": "colecalciferol with calcium carbonate", "action": "start", "start": 120},
    ]
    assert [c["drug"] for c in _named_in_full(raw)] == [
        "insulin glargine",
        "colecalciferol",
        "colecalciferol with calcium carbonate",
    ]


# -- small words ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We have told him to stop taking the ibuprofen tablets.", [("ibuprofen", "stop")]),
        ("Mesalazine MR started, 1.5 g once daily.", [("mesalazine", "start")]),
        ("Nifedipine LA started at 30 mg daily.", [("nifedipine", "start")]),
        ("We have stopped the N-acetylcysteine.", [("acetylcysteine", "stop")]),
        (
            "Calcium and vitamin D3 one tablet twice daily - started.",
            [("colecalciferol with calcium carbonate", "start")],
        ),
    ],
)
def test_gap_words_and_names(make_nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert _changes(make_nlp, run, text) == expected


def test_up_to_a_number_of_puffs_is_a_maximum_not_an_increase(make_nlp, run) -> None:
    text = "Terbutaline 500 micrograms inhaler - up to 6 puffs 2-hourly as needed, continue\n"
    assert _changes(make_nlp, run, text) == []


def test_already_on_in_a_bracket_does_not_date_the_stop(make_nlp, run) -> None:
    text = "Sitagliptin 100 mg OD - stopped (no benefit, already on liraglutide)\n"
    assert _changes(make_nlp, run, text) == [("sitagliptin", "stop")]
