"""Round 6 phrasing families: outpatient letters of rarer specialties, letters to patients, EPR discharges.

Each test words the family differently from the dev letter it was seen in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")
LEXICON = Path(__file__).resolve().parents[2] / "models" / "lexicons" / "drugs.json"


def _changes(make_nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


# -- lexicon: the BNF's shortened words are written in full ----------------------------------------
@pytest.mark.parametrize(
    ("term", "generic"),
    [
        ("atripla", "efavirenz with emtricitabine and tenofovir disoproxil"),
        ("truvada", "emtricitabine and tenofovir disoproxil"),
        ("enstilar", "calcipotriol with betamethasone"),
        ("xultophy", "insulin degludec with liraglutide"),
        ("nuvaring", "ethinylestradiol with etonogestrel"),
        ("tecfidera", "dimethyl fumarate"),
    ],
)
def test_lexicon_spells_out_bnf_abbreviations(term: str, generic: str) -> None:
    terms = json.loads(LEXICON.read_text(encoding="utf-8"))["terms"]
    assert terms[term][0] == generic


def test_no_lexicon_generic_keeps_a_shortened_word() -> None:
    terms = json.loads(LEXICON.read_text(encoding="utf-8"))["terms"]
    words = {w for g, _kind, _bnf in terms.values() for w in g.split()}
    assert not words & {"emtr", "diprop", "norethist", "ethinylest", "buprenorph", "dexameth", "ins", "lirag"}
    assert "dimethyl" not in terms  # the salt is the drug's name here, never stripped


def test_switch_between_combination_brands_names_every_part(make_nlp, run) -> None:
    text = "Because of his kidney function we changed his Atripla to Biktarvy, one tablet daily."
    assert _changes(make_nlp, run, text) == [
        ("efavirenz with emtricitabine and tenofovir disoproxil", "stop"),
        ("bictegravir with emtricitabine and tenofovir alafenamide", "start"),
    ]


# -- a bracketed aside with its own verb tells only its own story ----------------------------------
def test_history_in_a_bracketed_aside_does_not_block_the_status_outside(make_nlp, run) -> None:
    text = "Plan:\nDiscontinue ibuprofen 400 mg tds (prescribed by the out of hours service last month).\n"
    assert _changes(make_nlp, run, text) == [("ibuprofen", "stop")]


def test_bracketed_aside_without_a_verb_still_dates_the_line(make_nlp, run) -> None:
    text = "Medications\nClopidogrel 75 mg - stopped after 12 months as planned (before this admission)\n"
    assert _changes(make_nlp, run, text) == []


def test_aside_verb_keeps_its_own_negation(make_nlp, run) -> None:
    text = "Omeprazole 20 mg (not started, as she declined) and amlodipine was stopped."
    assert ("omeprazole", "start") not in _changes(make_nlp, run, text)


# -- "start <aim> with <drug>" ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We have begun bone protection with alendronic acid 70 mg weekly.", [("alendronic acid", "start")]),
        ("Today I started rate control with bisoprolol 2.5 mg.", [("bisoprolol", "start")]),
        ("She was started on immunosuppression with azathioprine 50 mg.", [("azathioprine", "start")]),
    ],
)
def test_start_an_aim_with_a_drug(make_nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert _changes(make_nlp, run, text) == expected


def test_a_symptom_that_started_with_a_drug_is_no_start(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "His ankles started swelling with amlodipine last year.") == []


# -- a cover lasting as long as another drug, then stop --------------------------------------------
def test_cover_while_on_another_drug_then_stop_is_a_start(make_nlp, run) -> None:
    text = (
        "Changes to medicines\n"
        "Lansoprazole 30 mg once daily whilst taking naproxen, then stop.\n"
        "Naproxen 500 mg bd started.\n"
    )
    assert _changes(make_nlp, run, text) == [("lansoprazole", "start"), ("naproxen", "start")]


def test_a_line_with_its_own_change_word_is_not_read_as_a_cover(make_nlp, run) -> None:
    text = "Medications\nOmeprazole 20 mg reduced to 10 mg while on the steroid, then stop.\n"
    assert ("omeprazole", "start") not in _changes(make_nlp, run, text)


# -- a time of day between the verb and the drug ("reduce your evening gliclazide") -----------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("* Reduce your bedtime insulin glargine from 20 to 16 units.", [("insulin glargine", "decrease")]),
        ("We have increased her morning furosemide to 80 mg.", [("furosemide", "increase")]),
        ("Please stop taking your night-time amitriptyline.", []),
    ],
)
def test_time_of_day_before_the_drug(make_nlp, run, text: str, expected: list[tuple[str, str]]) -> None:
    assert _changes(make_nlp, run, text) == expected


# -- a brand in brackets after the generic is the same product -------------------------------------
def test_bracketed_brand_after_the_generic_is_one_change(make_nlp, run) -> None:
    text = "We started potassium citrate (Effercitrate) two tablets three times a day."
    assert _changes(make_nlp, run, text) == [("potassium citrate", "start")]


# -- a stop marked temporary is a hold --------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Medications\nMetformin | 500 mg BD | Stopped (temporarily) | AKI\n",
        "Metformin has been temporarily stopped because of the AKI.",
        "Metformin discontinued temporarily while she is unwell.",
    ],
)
def test_temporary_stop_is_a_hold(make_nlp, run, text: str) -> None:
    assert _changes(make_nlp, run, text) == [("metformin", "withhold")]


# -- a device-delivered drug "inserted" or "fitted" -------------------------------------------------
def test_intrauterine_system_inserted_is_a_start(make_nlp, run) -> None:
    text = "A 52 mg levonorgestrel coil (Kyleena) was fitted in clinic today."
    assert _changes(make_nlp, run, text) == [("levonorgestrel", "start")]


# -- a stop that lasts a stated while is a hold; "for now" stays a stop ------------------------------
def test_stop_for_a_stated_time_is_a_hold(make_nlp, run) -> None:
    text = "While she takes clarithromycin we have asked her to stop simvastatin 40 mg for the next 7 days."
    assert _changes(make_nlp, run, text) == [("simvastatin", "withhold")]


def test_stop_for_now_stays_a_stop(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "I have asked her to discontinue the naproxen for now.") == [
        ("naproxen", "stop")
    ]


def test_a_past_reason_lasting_weeks_does_not_make_a_hold(make_nlp, run) -> None:
    text = "We stopped simvastatin because she has had muscle aches for 3 weeks."
    assert _changes(make_nlp, run, text) == [("simvastatin", "stop")]


# -- a letter written to the patient: its "please" instructs ---------------------------------------
def test_please_in_a_letter_to_the_patient_is_the_teams_instruction(make_nlp, run) -> None:
    text = (
        "Dear Mr Okafor,\n\nThank you for coming to clinic.\n"
        "Please stop the naproxen, as it is upsetting your stomach. "
        "Please ask your GP about starting sertraline.\n"
    )
    assert _changes(make_nlp, run, text) == [("naproxen", "stop")]


def test_please_in_a_letter_to_the_gp_is_still_a_request(make_nlp, run) -> None:
    text = "Dear Dr Okafor,\n\nPlease stop the naproxen, as it is upsetting his stomach.\n"
    assert _changes(make_nlp, run, text) == []


def test_drug_we_prescribed_in_a_relative_clause_is_a_start(make_nlp, run) -> None:
    text = "Use the Dermovate cream which we have supplied twice a day for a week."
    assert _changes(make_nlp, run, text) == [("clobetasol propionate", "start")]


def test_drug_we_had_started_before_is_not_a_new_start(make_nlp, run) -> None:
    text = "Stop the naproxen which we had started last year."
    assert ("naproxen", "start") not in _changes(make_nlp, run, text)


# -- insulin brands filed by the BNF as "Insulin <Brand>" -------------------------------------------
def test_insulin_brand_names_alone_are_drugs(make_nlp, run) -> None:
    text = "- Lantus (insulin glargine) increased from 14 to 16 units.\n- NovoRapid stopped.\n"
    assert _changes(make_nlp, run, text) == [("insulin glargine", "increase"), ("insulin aspart", "stop")]


# -- table cells, noun changes, joint reductions, header lists --------------------------------------
def test_each_table_cell_has_its_own_status(make_nlp, run) -> None:
    text = "TTO | Codeine 30 mg QDS PRN (new) | Senna 15 mg ON (new) | Levothyroxine - unchanged\n"
    assert _changes(make_nlp, run, text) == [("codeine", "start"), ("senna", "start")]


def test_a_change_named_as_a_thing_is_not_made_here(make_nlp, run) -> None:
    text = "Please check her potassium next week, since the spironolactone increase may raise it."
    assert _changes(make_nlp, run, text) == []


def test_a_reduced_joint_is_no_dose_reduction(make_nlp, run) -> None:
    text = "The dislocated finger was reduced under a ring block (lidocaine 1%) and buddy strapped."
    assert _changes(make_nlp, run, text) == []


def test_a_continued_line_under_a_new_medicines_header_is_no_start(make_nlp, run) -> None:
    text = "New medicines (supplied):\n- Cefalexin 500 mg QDS for 5 days\nAmlodipine 5 mg OD - continue\n"
    assert _changes(make_nlp, run, text) == [("cefalexin", "start")]


# -- history and other teams' plans ----------------------------------------------------------------
def test_prescriptions_counted_over_the_year_are_history(make_nlp, run) -> None:
    text = "She was given amoxicillin three times last year for chest infections."
    assert _changes(make_nlp, run, text) == []


def test_a_later_plan_by_another_team_does_not_undo_the_status(make_nlp, run) -> None:
    text = (
        "Medications\nSertraline 50 mg OD - started, to be increased by the home treatment team in 2 weeks\n"
    )
    assert _changes(make_nlp, run, text) == [("sertraline", "start")]


# -- batch 3, second pass ----------------------------------------------------------------------------
def test_new_before_a_clinical_finding_is_no_status(make_nlp, run) -> None:
    text = "Despite amoxicillin 500 mg three times a day, new lesions keep appearing on her arms."
    assert _changes(make_nlp, run, text) == []


def test_told_to_start_after_a_list_label(make_nlp, run) -> None:
    text = "Colecalciferol 800 units daily - told to start now; she will buy it over the counter."
    assert _changes(make_nlp, run, text) == [("colecalciferol", "start")]


def test_dose_changed_after_a_note_on_the_drug_line(make_nlp, run) -> None:
    text = "Medications\nRamipril 10 mg OD - creatinine up 30%, dose reduced to 5 mg OD\n"
    assert _changes(make_nlp, run, text) == [("ramipril", "decrease")]


def test_history_in_a_relative_clause_after_the_drug_stays_there(make_nlp, run) -> None:
    text = "He should now stop the sertraline that his GP started in June, as it has not helped."
    assert _changes(make_nlp, run, text) == [("sertraline", "stop")]


def test_a_drug_the_gp_started_is_still_not_our_start(make_nlp, run) -> None:
    text = "I see that you started bisoprolol 2.5 mg in May, which he tolerates."
    assert _changes(make_nlp, run, text) == []


# -- a reason written before the change -------------------------------------------------------------
def _reasons(make_nlp, run, text: str) -> list[tuple[str, str | None]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["reason"]) for c in doc._.med_changes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "His creatinine has doubled, so we have stopped the ramipril.",
            ("ramipril", "His creatinine has doubled"),
        ),
        (
            "She was dizzy on standing and therefore I reduced her doxazosin to 2 mg.",
            ("doxazosin", "She was dizzy on standing"),
        ),
        ("Because his pulse was 48, bisoprolol was reduced to 1.25 mg.", ("bisoprolol", "his pulse was 48")),
        ("In view of the bleed, we have held the apixaban.", ("apixaban", "the bleed")),
    ],
)
def test_reason_written_before_the_change(make_nlp, run, text: str, expected: tuple[str, str]) -> None:
    assert _reasons(make_nlp, run, text) == [expected]


def test_also_is_not_a_so_before_a_change(make_nlp, run) -> None:
    assert _reasons(make_nlp, run, "We have also started atorvastatin 20 mg.") == [("atorvastatin", None)]


# -- older authors: shared bracketed status, "supplied X", "given him X" --------------------------
def test_bracketed_status_shared_by_a_list_of_two(make_nlp, run) -> None:
    text = (
        "Discharged on amoxicillin 500 mg tds for 5 days and clarithromycin 500 mg bd for 5 days (all new)."
    )
    assert _changes(make_nlp, run, text) == [("amoxicillin", "start"), ("clarithromycin", "start")]


def test_supplied_before_the_drug_is_a_start(make_nlp, run) -> None:
    text = "Dispensed naproxen 250 mg three times daily, 7 days' supply."
    assert _changes(make_nlp, run, text) == [("naproxen", "start")]


def test_given_him_a_course_is_a_start_but_a_one_off_injection_is_not(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "We have given her prednisolone 30 mg daily for 5 days.") == [
        ("prednisolone", "start")
    ]
    assert _changes(make_nlp, run, "I gave him Kenalog 40 mg by intramuscular injection today.") == []


def test_you_have_been_given_a_course_is_a_start(make_nlp, run) -> None:
    text = "Dear Ms Hale,\n\nYou have been supplied with lansoprazole 15 mg daily to protect your stomach.\n"
    assert _changes(make_nlp, run, text) == [("lansoprazole", "start")]


def test_we_have_advised_a_drug_is_a_start_but_advising_against_is_not(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "We have also advised regular paracetamol 1 g four times a day.") == [
        ("paracetamol", "start")
    ]
    assert _changes(make_nlp, run, "I advised against ibuprofen because of her asthma.") == []
