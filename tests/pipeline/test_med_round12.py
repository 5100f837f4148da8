"""Round 12 phrasing families and shapes from five new writers (worded unlike the dev letters)."""

from __future__ import annotations

MEDS = ("la_sections", "la_drugs", "la_dosage", "la_context", "la_med_changes", "la_med_lists")


def _changes(make_nlp, run, text: str) -> list[tuple[str, str]]:
    doc = run(make_nlp(*MEDS), text)
    return [(c["drug"], c["action"]) for c in doc._.med_changes]


# -- the words between a change verb and its drug ---------------------------------------------------
def test_lay_description_then_called_ties_the_drug(make_nlp, run) -> None:
    text = "We have begun a tablet to thin the blood known as apixaban 5 mg twice a day."
    assert _changes(make_nlp, run, text) == [("apixaban", "start")]
    text = "I have added a stomach-protecting capsule called lansoprazole 15 mg each morning."
    assert _changes(make_nlp, run, text) == [("lansoprazole", "start")]


def test_course_length_and_routes_in_the_gap(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "I commenced a 5-day course of doxycycline 100 mg daily.") == [
        ("doxycycline", "start")
    ]
    assert _changes(make_nlp, run, "We have also started intranasal fentanyl for breakthrough pain.") == [
        ("fentanyl", "start")
    ]
    text = "She was started on buccal midazolam as rescue medication for clusters."
    assert _changes(make_nlp, run, text) == [("midazolam", "start")]


def test_purpose_label_and_colon_before_the_drug(make_nlp, run) -> None:
    text = "We have started gastroprotection: omeprazole 20 mg daily while on the naproxen."
    assert _changes(make_nlp, run, text) == [("omeprazole", "start")]


def test_over_the_counter_product_stopped(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "He agreed to stop the shop-bought ibuprofen gel.") == [
        ("ibuprofen", "stop")
    ]


# -- phrasal dose changes ---------------------------------------------------------------------------
def test_moved_up_and_nudged_down_with_a_slashed_name(make_nlp, run) -> None:
    text = "I have moved his sacubitril/valsartan up to 97/103 mg twice daily."
    assert _changes(make_nlp, run, text) == [("sacubitril with valsartan", "increase")]
    assert _changes(make_nlp, run, "We nudged the bisoprolol down to 2.5 mg for the dizziness.") == [
        ("bisoprolol", "decrease")
    ]
    assert _changes(make_nlp, run, "Clinic upped her pregabalin to 150 mg twice daily.") == [
        ("pregabalin", "increase")
    ]


def test_reduce_then_stop_is_a_stop(make_nlp, run) -> None:
    text = "I have asked her to reduce the mirtazapine to 15 mg for ten days and then stop it."
    assert _changes(make_nlp, run, text) == [("mirtazapine", "stop")]
    # a reduction with no end stays a reduction
    assert _changes(make_nlp, run, "I have asked her to reduce the mirtazapine to 15 mg.") == [
        ("mirtazapine", "decrease")
    ]


def test_asked_to_stop_with_the_drug_named_before(make_nlp, run) -> None:
    text = "Ibuprofen: bought from the chemist for his knee - I have told him to stop."
    assert _changes(make_nlp, run, text) == [("ibuprofen", "stop")]
    text = "He has been taking the ranitidine you prescribed last year and we suggested he stops it."
    assert _changes(make_nlp, run, text) == [("ranitidine", "stop")]


# -- ties and lists ---------------------------------------------------------------------------------
def test_a_bracketed_status_belongs_to_its_own_item(make_nlp, run) -> None:
    text = (
        "Discharge drugs: ramipril 2.5 mg OD, simvastatin 40 mg ON, furosemide 40 mg OM (reduced from 80 mg)."
    )
    assert _changes(make_nlp, run, text) == [("furosemide", "decrease")]
    # "both" shares the status
    text = "Ramipril 2.5 mg and furosemide 40 mg (both withheld until the creatinine settles)."
    assert sorted(_changes(make_nlp, run, text)) == [("furosemide", "withhold"), ("ramipril", "withhold")]


def test_verb_after_a_dash_takes_its_own_drug(make_nlp, run) -> None:
    text = "Trimethoprim unsuitable (resistant isolate) - started on pivmecillinam 400 mg TDS for 3 days."
    assert _changes(make_nlp, run, text) == [("pivmecillinam", "start")]


def test_bracketed_brand_with_strength_then_first_dose(make_nlp, run) -> None:
    text = "Goserelin (Zoladex LA) 10.8 mg first implant given in clinic; repeat every 12 weeks."
    assert _changes(make_nlp, run, text) == [("goserelin", "start")]


def test_patch_rate_then_status(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Buprenorphine patch 5 micrograms/hour started - continue.") == [
        ("buprenorphine", "start")
    ]


def test_change_to_a_described_product_after_its_own_stop(make_nlp, run) -> None:
    text = "I have stopped the Elleste Duet and changed to an estradiol patch (Evorel 50), with Utrogestan."
    got = _changes(make_nlp, run, text)
    assert ("estradiol", "start") in got and ("progesterone", "start") in got
    assert ("estradiol", "stop") not in got


# -- rows, tables and letters that ask ---------------------------------------------------------------
def test_row_label_with_a_change_word(make_nlp, run) -> None:
    text = "Medicines begun in clinic | Colchicine 500 micrograms BD for 5 days (supplied).\n"
    assert _changes(make_nlp, run, text) == [("colchicine", "start")]


def test_owner_column_patient_or_team_is_not_a_request(make_nlp, run) -> None:
    text = (
        "GP actions\n"
        "Task | Owner | By\n"
        "Stop the naproxen | Patient | today\n"
        "Start ramipril 2.5 mg | GP | 2 weeks\n"
    )
    assert _changes(make_nlp, run, text) == [("naproxen", "stop")]


def test_advice_and_guidance_reply_changes_are_advice(make_nlp, run) -> None:
    text = (
        "Advice & Guidance - consultant reply\n"
        "Patient: Mr X\n"
        "Suggested plan:\n"
        "1. Increase atorvastatin to 80 mg and repeat lipids in 3 months.\n"
        "2. Add ezetimibe 10 mg if LDL still above target.\n"
    )
    assert _changes(make_nlp, run, text) == []


def test_imperative_after_an_if_clause_is_conditional(make_nlp, run) -> None:
    text = (
        "I have started amlodipine 5 mg. Please check her BP in a month and, if it is still above 150, "
        "double it to 10 mg."
    )
    assert _changes(make_nlp, run, text) == [("amlodipine", "start")]
    text = (
        "Please prescribe candesartan 4 mg daily, increasing to 8 mg after 2 weeks, as we had none in stock."
    )
    assert _changes(make_nlp, run, text) == []


# -- context ---------------------------------------------------------------------------------------
def test_until_a_drug_has_been_withdrawn_is_a_condition(make_nlp, run) -> None:
    text = "Please keep the contraception going until the topiramate has been fully withdrawn."
    assert _changes(make_nlp, run, text) == []
    text = "Once she is established on lamotrigine, we plan to withdraw the valproate."
    assert _changes(make_nlp, run, text) == []
    # "once daily" is a dose, not a condition
    assert _changes(make_nlp, run, "Digoxin 125 micrograms once daily was stopped on 13/11.") == [
        ("digoxin", "stop")
    ]


def test_earlier_appointment_start_is_history(make_nlp, run) -> None:
    text = "I started sertraline 50 mg at our last appointment in the spring; today I increased it to 100 mg."
    assert _changes(make_nlp, run, text) == [("sertraline", "increase")]


def test_stop_of_a_drug_another_service_gave(make_nlp, run) -> None:
    text = "She should stop the co-amoxiclav she was given by the walk-in centre, as the swab grew nothing."
    assert _changes(make_nlp, run, text) == [("co-amoxiclav", "stop")]


def test_new_with_an_adjective_before_a_finding_is_not_a_start(make_nlp, run) -> None:
    assert _changes(make_nlp, run, "Two relapses on fingolimod, new enhancing lesions on MRI.") == []
    assert _changes(make_nlp, run, "Rivaroxaban 20 mg OD (new this admission).") == [("rivaroxaban", "start")]


def test_course_to_complete_after_continue_is_a_start(make_nlp, run) -> None:
    text = "Discharge medications:\nEnoxaparin 40 mg SC OD - continue to complete 28 days after surgery\n"
    assert _changes(make_nlp, run, text) == [("enoxaparin", "start")]
    text = (
        "Discharge medications:\nPabrinex - continue for 3 more days, then stop\nAmlodipine 5 mg - continue\n"
    )
    got = _changes(make_nlp, run, text)
    assert ("amlodipine", "start") not in got
