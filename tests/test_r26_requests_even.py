"""Round 26, even halves: a bare test after "+" at the end of a review's line is an item of its own, a bare
re-referral after ";" is the practice's, an unchecked dictation's misspelt "grateful" still asks, a regimen
joined by "with" is one course, a done statement under a GP heading (record updated, self-referral encouraged,
patient given) is no request, the writer asking again after a "then" taper opens an item, a vaccine before a
specialist drug is not shared care, gel pumps are a dose, a review field to be confirmed asks nothing,
safety-netting to a same-day unit is the patient's, the writer's expectation or demonstration after an ask is
a statement, and what a rule allows the practice is no ask (fixtures/README "Gold conventions"). Every wording
is this file's own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.request_frames import plan_report

from letter_audit.pipeline import build_pipeline
from letter_audit.pipeline.sentences import ocr_letters


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


_report = plan_report


def found(nlp: Language, plan: str, gp_list: bool = False) -> list[tuple[str, str]]:
    """The GP actions found in a letter holding ``plan``, as (text, category)."""
    return [(a.text, a.category) for a in _report(nlp, plan, gp_list).gp_actions]


# "r/v 1/52 + U&E": a review and a test are two items however joined ("+" as "and"); tests named together
# after "+" stay one ("U&E + Mg 1/52").
@pytest.mark.parametrize(
    ("plan", "want"),
    [
        ("r/v 1/52 + U&E", [("r/v 1/52", "review"), ("U&E", "monitoring")]),
        ("review in 2 weeks + FBC", [("review in 2 weeks", "review"), ("FBC", "monitoring")]),
        ("stop ramipril + U&E", [("stop ramipril", "prescribing"), ("U&E", "monitoring")]),
    ],
)
def test_bare_test_after_plus_is_its_own_item(nlp: Language, plan: str, want: list[tuple[str, str]]) -> None:
    assert found(nlp, plan, gp_list=True) == want


def test_tests_named_together_after_plus_stay_one(nlp: Language) -> None:
    assert found(nlp, "U&E + Mg 1/52", gp_list=True) == [("U&E + Mg 1/52", "monitoring")]


# "Not booked for review; re-refer if ...": only the practice re-refers, so the bare verb after a break is its
# request; the hospital's own ("we will re-refer") and the patient's ("she can self-refer") are not.
@pytest.mark.parametrize(
    "plan",
    [
        "Not booked for spinal clinic review; re-refer if progressive weakness or not improving at 3 months.",
        "Discharged to your care; re-refer him if the pain returns.",
        "Her knee has settled; re-refer via e-RS should the swelling recur.",
        "No further clinic follow-up planned; re-refer if her carers are struggling.",
    ],
)
def test_bare_rerefer_after_a_break(nlp: Language, plan: str) -> None:
    items = found(nlp, plan)
    assert len(items) == 1 and items[0][1] == "referral" and items[0][0].lower().startswith("re-refer")


@pytest.mark.parametrize(
    "plan",
    [
        "If she is keen, she can self-refer; we will re-refer if the scan shows growth.",
        "He knows that if things worsen, re-referral is simple; I will see him if you re-refer.",
        "No need to re-refer if the rash comes back.",
    ],
)
def test_rerefer_not_the_practices(nlp: Language, plan: str) -> None:
    assert found(nlp, plan) == []


# An unchecked dictation's "gratefull" / "greatful" is the polite ask all the same; the letter's own text is
# kept (the same-length reading pads with a space).
def test_misspelt_grateful_still_asks(nlp: Language) -> None:
    plan = (
        "She takes ferrous sulphate from yourselves, I would be gratefull if you could repeat her FBC in "
        "3 months, and stop the iron once the ferritin is above 50."
    )
    items = found(nlp, plan)
    assert [c for _, c in items] == ["monitoring", "prescribing"]
    assert "gratefull" in items[0][0]
    assert found(nlp, "I would be greatful if you could start indapamide 2.5 mg daily.") == [
        ("I would be greatful if you could start indapamide 2.5 mg daily", "prescribing")
    ]


def test_grateful_reading_keeps_length() -> None:
    text = "I would be Gratefull if you could; greatful; grateful; ungrateful."
    out = ocr_letters(text)
    assert len(out) == len(text)
    assert out == "I would be Grateful  if you could; grateful; grateful; ungrateful."


# "omeprazole 20mg bd with amoxicillin 1g bd and clarithromycin 500mg bd": a regimen joined by "with" is one
# course, its last drug too; two drugs each started with a dose of its own stay two (fixtures/README).
def test_with_regimen_is_one_item(nlp: Language) -> None:
    plan = (
        "Please prescribe lansoprazole 30 mg bd with amoxicillin 1 g bd and metronidazole 400 mg bd"
        " for 7 days."
    )
    assert found(nlp, plan) == [(plan.rstrip("."), "prescribing")]
    assert len(found(nlp, "Please start indapamide 2.5 mg daily and amlodipine 5 mg daily.")) == 2


# Under a GP heading, a line telling what was done is no request: the record already updated ("Naproxen has
# been added to his record as a drug to avoid"), the patient's own step encouraged ("Self-referral to the
# talking therapies service encouraged (details given)"), what the family were given ("Parents given the
# croup safety-net leaflet"); an ask after it still stands.
@pytest.mark.parametrize(
    "line",
    [
        "Diclofenac has been added to her record as a drug to avoid.",
        "- Self-referral to the IAPT service encouraged (leaflet given).",
        "Parents given the croup safety-net leaflet.",
        "- Patient given a leaflet on the low purine diet.",
    ],
)
def test_done_statement_after_gp_list_is_not_a_request(nlp: Language, line: str) -> None:
    assert found(nlp, "- FBC in 1 week.\n" + line, gp_list=True) == [("FBC in 1 week", "monitoring")]


def test_ask_after_a_given_statement_stands(nlp: Language) -> None:
    assert found(nlp, "- Patient given a leaflet; please check BP in 2 weeks.", gp_list=True) == [
        ("please check BP in 2 weeks", "monitoring")
    ]


# "..., then 10 mg daily for four weeks, and I would also ask that you review her ...": after a taper told
# with "then", the writer asking again in words of their own opens a second item (fixtures/README: a review
# is its own item).
def test_writer_asks_again_after_a_then_taper(nlp: Language) -> None:
    plan = (
        "I would be grateful if you could reduce his prednisolone to 20 mg daily for two weeks, then 15 mg "
        "daily for two weeks, and we would also ask that you review him monthly while the dose comes down."
    )
    assert [c for _, c in found(nlp, plan)] == ["prescribing", "review"]


# "Before you start methotrexate, I would be grateful if the practice could give you a pneumococcal
# vaccination" (a letter to the patient): a vaccine given ahead of the
# specialist drug is the practice's own work, not the drug's prescribing handed over (shared_care).
def test_vaccine_before_a_specialist_drug_is_not_shared_care(nlp: Language) -> None:
    plan = (
        "You will start leflunomide 10 mg daily. Before you start leflunomide I would be grateful if the "
        "surgery "
        "could give you a shingles vaccination, if you have not had one."
    )
    acts = _report(nlp, plan, False).gp_actions
    assert len(acts) == 1 and acts[0].rule is None
    rx = _report(
        nlp,
        "Please take over prescribing of methotrexate 15 mg weekly; there is no shared care agreement.",
        False,
    )
    assert [a.rule for a in rx.gp_actions] == ["shared_care"]


# "Oestrogel 2 pumps daily": a gel's pumps are a count and how often like tablets, so a second drug given so
# after a dosed one is an item of its own, and prescribing (fixtures/README: two drugs each given its own
# dose).
def test_gel_pumps_are_a_dose_of_their_own(nlp: Language) -> None:
    assert found(
        nlp, "Please prescribe estradiol 1 mg daily and Testogel 1 pump each morning", gp_list=True
    ) == [
        ("Please prescribe estradiol 1 mg daily", "prescribing"),
        ("Testogel 1 pump each morning", "prescribing"),
    ]


# "Next review: to be confirmed": a review field left open asks nothing of the practice.
@pytest.mark.parametrize("line", ["- Next review: to be confirmed", "- Follow-up appointment - TBA"])
def test_review_field_to_be_confirmed_is_not_a_request(nlp: Language, line: str) -> None:
    assert found(nlp, "- U&E in 1 week\n" + line, gp_list=True) == [("U&E in 1 week", "monitoring")]


# "If spreading or systemically unwell, return to SDEC directly": safety-netting told to the patient, after a
# condition and to a same-day unit too, is no request even under a GP heading; a re-referral there still is.
@pytest.mark.parametrize(
    "line",
    [
        "If the redness spreads or she feels unwell, return to SDEC directly (open access for 5 days)",
        "- Should the pain worsen, return to the surgical assessment unit.",
    ],
)
def test_safety_net_to_a_same_day_unit_is_not_a_request(nlp: Language, line: str) -> None:
    assert found(nlp, "- GP review in 2 days\n" + line, gp_list=True) == [("GP review in 2 days", "review")]


def test_rereferral_to_a_same_day_unit_stands(nlp: Language) -> None:
    items = found(
        nlp,
        "- GP review in 2 days\n- If not improving, please refer back to the assessment unit.",
        gp_list=True,
    )
    assert [c for _, c in items] == ["review", "referral"]


# "...; I would expect him to need at least another two months off": what the writer expects to come, after
# an ask, is a statement, not a second fit note request.
def test_writer_expectation_after_an_ask_is_not_an_item(nlp: Language) -> None:
    plan = (
        "I would be grateful if you could keep providing her fit notes for now; I would anticipate she will "
        "need another six weeks off."
    )
    assert found(nlp, plan) == [
        ("I would be grateful if you could keep providing her fit notes for now", "fit_note")
    ]


# "..., and I have shown her how to use it with a spacer": what the writer has shown or taught the patient,
# after an ask, is done, not asked.
def test_writer_shown_after_an_ask_is_not_an_item(nlp: Language) -> None:
    plan = (
        "Please change his Qvar to Symbicort 200/6 two puffs twice daily, and I have shown him how to use"
        " the Turbohaler."
    )
    assert [t for t, _ in found(nlp, plan)] == [
        "Please change his Qvar to Symbicort 200/6 two puffs twice daily"
    ]


# "..., which our formulary allows primary care to continue without shared care": what a rule allows the
# practice is a statement, not an ask (nor shared care handed over); "GP to continue ..." still asks.
def test_what_a_rule_allows_the_practice_is_not_a_request(nlp: Language) -> None:
    plan = (
        "I have started memantine 5 mg daily, which the local formulary permits primary care to continue "
        "without shared care. Please review her in 3 months."
    )
    assert found(nlp, plan) == [("Please review her in 3 months", "review")]
    assert found(nlp, "GP to continue memantine 5 mg daily.")[0][1] == "prescribing"
