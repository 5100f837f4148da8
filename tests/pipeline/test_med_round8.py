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


# -- lexicon: BNF salt spellings and shortened words ----------------------------------------------------
def test_lexicon_strips_dimesylate_and_spells_out_beclometasone() -> None:
    import json
    from pathlib import Path

    lexicon = Path(__file__).resolve().parents[2] / "models" / "lexicons" / "drugs.json"
    terms = json.loads(lexicon.read_text(encoding="utf-8"))["terms"]
    assert terms["elvanse"][0] == "lisdexamfetamine"
    assert terms["lisdexamfetamine"][0] == "lisdexamfetamine"
    assert terms["trimbow"][0] == "beclometasone with formoterol and glycopyrronium"
    assert not any("beclometdiprop" in v[0] for v in terms.values())


# -- a 'medication changes' list whose lines give the two doses ----------------------------------------
def test_dose_changes_heading_reads_each_line_arrow(make_nlp, run) -> None:
    text = (
        "Medicine changes at this appointment:\n"
        "Spironolactone 25 mg om -> 50 mg om\n"
        "Bumetanide 2 mg BD -> 1 mg BD (dry)\n"
        "Ivabradine 5 mg BD - unchanged\n"
    )
    assert _changes(make_nlp, run, text) == [("spironolactone", "increase"), ("bumetanide", "decrease")]


# -- whose status is it -----------------------------------------------------------------------------------
def test_status_after_the_replacement_drug_is_the_replacements(make_nlp, run) -> None:
    text = "Tramadol 50 mg QDS stopped (replaced by modified-release morphine 10 mg BD - new)\n"
    assert sorted(_changes(make_nlp, run, text)) == [("morphine", "start"), ("tramadol", "stop")]


def test_unchanged_cell_before_a_bracketed_history_is_no_change(make_nlp, run) -> None:
    text = "Discharge medicines\nLevonorgestrel intrauterine system | no change (fitted 2024)\n"
    assert _changes(make_nlp, run, text) == []


def test_a_now_stop_line_under_a_started_heading_is_a_stop(make_nlp, run) -> None:
    text = (
        "New medicines started today:\n"
        "Ticagrelor 90 mg BD\n"
        "Clopidogrel 75 mg: was prescribed last month - now stopped, ticagrelor replaces it\n"
    )
    assert _changes(make_nlp, run, text) == [("ticagrelor", "start"), ("clopidogrel", "stop")]


# -- not changes of this episode -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "We advise rivastigmine. Before we can start it we need a recent ECG.",
        "Teicoplanin | - | discontinued 14/02 | course completed\n",
        "Patiromer 8.4 g OD: commenced 02/03, stop on discharge - not to be continued.",
        "Gliclazide 80 mg BD | Held days 2-4, now back on usual dose\n",
        "Her evening insulin was omitted by the patient yesterday as she was not eating.",
        "Ticagrelor 90 mg BD (started at the referring hospital)\n",
        "Co-trimoxazole: avoid - added to her allergy list.",
    ],
)
def test_not_a_change_made_in_this_episode(make_nlp, run, text: str) -> None:
    assert _changes(make_nlp, run, text) == []


# -- courses for home and supplies --------------------------------------------------------------------------
def test_two_analgesics_share_one_course_length(make_nlp, run) -> None:
    text = "Pain relief on discharge: co-codamol 30/500 two QDS and naproxen 250 mg BD for up to 7 days.\n"
    assert _changes(make_nlp, run, text) == [("co-codamol", "start"), ("naproxen", "start")]


def test_inline_just_in_case_list_supplies_each_drug(make_nlp, run) -> None:
    text = (
        "Just in case (JIC) injections prescribed for the syringe driver: oxycodone, haloperidol"
        " and hyoscine butylbromide\n"
    )
    got = _changes(make_nlp, run, text)
    assert got == [("oxycodone", "start"), ("haloperidol", "start"), ("hyoscine butylbromide", "start")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In clinic we administered her first denosumab 60 mg injection.", [("denosumab", "start")]),
        ("Alendronic acid 70 mg twice weekly started.", [("alendronic acid", "start")]),
        (
            "We started ramipril 2.5 mg daily and an SGLT2 inhibitor, empagliflozin 10 mg daily.",
            [("ramipril", "start")],
        ),
        ("We have started amlodipine 5 mg daily and a bisoprolol 1.25 mg tablet each morning.",
         [("amlodipine", "start"), ("bisoprolol", "start")]),
    ],
)
def test_first_dose_given_frequencies_and_articles(make_nlp, run, text: str, expected: list) -> None:
    assert _changes(make_nlp, run, text) == expected


# -- a planned start on a list line, a start told as what the patient is to take, a single dose here ---------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azathioprine 50 mg daily - to start once the TPMT result is back.\n", [("azathioprine", "start")]),
        ("She is now to take colchicine 500 micrograms BD for three weeks.", [("colchicine", "start")]),
        ("- Enoxaparin (a single dose given in SDEC) - not needed now\n", []),
    ],
)
def test_planned_start_is_to_take_and_one_dose_here(make_nlp, run, text: str, expected: list) -> None:
    assert _changes(make_nlp, run, text) == expected


# -- brands written without their inhaler device; decisions agreed with the patient; halving ---------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Symbicort 200/6 two puffs BD in place of the Clenil.",
            [("beclometasone", "stop"), ("budesonide with formoterol", "start")],
        ),
        ("Relvar 92/22 one puff daily was started.", [("fluticasone with vilanterol", "start")]),
        (
            "Dear Mr Kaur,\nWe agreed that you will stop the pregabalin and start duloxetine 30 mg daily.",
            [("pregabalin", "stop"), ("duloxetine", "start")],
        ),
        ("I have started you on a new tablet called candesartan, 4 mg daily.", [("candesartan", "start")]),
        ("For the bradycardia we are halving his bisoprolol to 1.25 mg.", [("bisoprolol", "decrease")]),
    ],
)
def test_brand_short_names_agreed_decisions_and_halving(make_nlp, run, text: str, expected: list) -> None:
    assert sorted(_changes(make_nlp, run, text)) == sorted(expected)


def test_a_record_stops_at_a_paragraph_with_no_field_label(make_nlp, run) -> None:
    text = (
        "Medication name: Allopurinol 100 mg tablets\n"
        "Route: oral\n"
        "Description of amendment: Dose increased to 200 mg daily\n"
        "Reason: urate 480\n"
        "We also swapped his omeprazole for lansoprazole 30 mg daily because of the clopidogrel.\n"
    )
    assert _changes(make_nlp, run, text) == [
        ("allopurinol", "increase"),
        ("omeprazole", "stop"),
        ("lansoprazole", "start"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rheumatology team will start hydroxychloroquine at their next clinic.", []),
        ("Her psychiatrist will increase the aripiprazole if the voices persist.", []),
        ("She will start metformin 500 mg with breakfast from tomorrow.", [("metformin", "start")]),
    ],
)
def test_another_teams_future_start_is_not_ours(make_nlp, run, text: str, expected: list) -> None:
    assert _changes(make_nlp, run, text) == expected
