"""la_requests: every request form, every trap, one item per request."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from letter_audit.errors import ModelError
from letter_audit.pipeline.requests import RequestsComponent


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


def items(nlp, run, text: str) -> list[tuple[str, str, str | None, str | None]]:
    doc = run(nlp, text)
    return [(s.text, s._.request_category, s._.timeframe, s._.condition) for s in doc.spans["gp_actions"]]


def test_numbered_actions_under_gp_heading_including_ownerless(nlp, run):
    text = (
        "Actions for GP:\n1. Please repeat U&E in 1 week\n2. Bloods in 2 weeks\n"
        "3. We will arrange an echo.\n"
    )
    assert items(nlp, run, text) == [
        ("Please repeat U&E in 1 week", "monitoring", "in 1 week", None),
        ("Bloods in 2 weeks", "monitoring", "in 2 weeks", None),
    ]
    doc = run(nlp, text)
    assert [s._.request_rule for s in doc.spans["gp_actions"]] == ["req-please-verb", "req-gp-section"]


def test_one_sentence_two_requests(nlp, run):
    assert items(nlp, run, "Please check U&E and refer to dietitian.") == [
        ("Please check U&E", "monitoring", None, None),
        ("refer to dietitian", "referral", None, None),
    ]


def test_grateful_if_you_could_is_not_a_condition(nlp, run):
    text = "I would be grateful if you could check her potassium in 1 week, as we have increased ramipril."
    assert items(nlp, run, text) == [
        (text.rstrip("."), "monitoring", "in 1 week", None),
    ]


def test_hospital_owned_actions_are_not_requests(nlp, run):
    text = (
        "We will arrange an echo and review him in clinic. I have requested a CT chest. "
        "Referral made to Community COPD Specialist Nurse. An appointment will be sent.\n"
    )
    assert items(nlp, run, text) == []


def test_step_on_what_the_review_finds_is_its_own_item(nlp, run):
    # round 17 (fixtures/README, one item or two): the timeframe stays with the review, the condition goes
    # with the step; "review BP" is review (fixtures/README, round 8 phase 2: review said of BP or readings)
    text = "GP to review BP in 2/52 and titrate ramipril if BP remains above 140/90."
    assert items(nlp, run, text) == [
        ("GP to review BP in 2/52", "review", "in 2/52", None),
        ("titrate ramipril if BP remains above 140/90", "prescribing", None, "BP remains above 140/90"),
    ]


def test_dependent_conditional_clause_after_a_drug_step_stays_with_it(nlp, run):
    text = "GP to increase ramipril to 5 mg and titrate further if BP remains above 140/90."
    assert [c for _, c, _, _ in items(nlp, run, text)] == ["prescribing"]


def test_reporting_back_stays_with_the_test(nlp, run):
    text = "Please check her FBC weekly and send the results to us, and refer her to the dietitian."
    assert items(nlp, run, text) == [
        ("Please check her FBC weekly and send the results to us", "monitoring", "weekly", None),
        ("refer her to the dietitian", "referral", None, None),
    ]


def test_second_object_with_its_own_timeframe_is_split(nlp, run):
    text = "Please recheck his HbA1c in 3 months and his renal function in 4 weeks."
    assert items(nlp, run, text) == [
        ("Please recheck his HbA1c in 3 months", "monitoring", "in 3 months", None),
        ("his renal function in 4 weeks", "monitoring", "in 4 weeks", None),
    ]


def test_none_other_than_keeps_the_exception(nlp, run):
    doc = run(nlp, "No GP action is needed other than updating her repeat prescription to the new dose.")
    assert [(s.text, s._.request_category) for s in doc.spans["gp_actions"]] == [
        ("updating her repeat prescription to the new dose", "prescribing"),
    ]
    assert doc._.no_gp_action is None


def test_leading_condition_applies_to_every_item(nlp, run):
    text = "If creatinine is back to baseline, please restart ramipril and recheck U&E in 1 week."
    assert items(nlp, run, text) == [
        ("If creatinine is back to baseline, please restart ramipril", "prescribing", None,
         "creatinine is back to baseline"),
        ("recheck U&E in 1 week", "monitoring", "in 1 week", "creatinine is back to baseline"),
    ]


def test_re_refer_if(nlp, run):
    assert items(nlp, run, "Please re-refer if symptoms recur.") == [
        ("Please re-refer if symptoms recur", "referral", None, "symptoms recur"),
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Actions for GP: None\n", "none-nil-in-section"),
        ("GP ACTIONS\nNil\n", "none-nil-in-section"),
        ("No GP action required.\n", "none-no-gp-action"),
        ("There is no further action required for the GP.\n", "none-no-gp-action"),
    ],
)
def test_no_gp_action_stated(nlp, run, text, rule):
    doc = run(nlp, text)
    assert list(doc.spans["gp_actions"]) == []
    assert doc._.no_gp_action is not None and doc._.no_gp_action[2] == rule


def test_nil_outside_gp_section_is_not_none_stated(nlp, run):
    assert run(nlp, "Allergies: None\n")._.no_gp_action is None


@pytest.mark.parametrize(
    "text",
    [
        "Please do not hesitate to contact me if you have any questions.",
        "She was referred by her GP to the clinic with chest pain.",
        "Patient to see GP if symptoms worsen.",
        "He has been advised to book a GP appointment in 2 weeks.",
        "Please find enclosed a copy of the discharge summary.",
        "We discussed the plan with her.",
        "You may wish to consider starting a statin.",
        "I have asked the patient to book an appointment with the practice nurse for a wound check.",
        "She stopped lamotrigine because of a rash; please do not restart it.",
    ],
)
def test_traps_are_not_requests(nlp, run, text):
    assert items(nlp, run, text) == []


def test_prsb_message_to_gp(nlp, run):
    text = (
        "Actions for healthcare professionals\nMessage to GP - please could you monitor patients BP. "
        "Patient asked to make an appointment in 1 week.\n"
    )
    assert items(nlp, run, text) == [("Message to GP - please could you monitor patients BP", "monitoring",
                                      None, None)]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("We would appreciate it if you could issue a fit note for 2 weeks.", "fit_note"),
        ("Please continue to prescribe apixaban 5 mg BD.", "prescribing"),
        ("Please give the next leuprorelin injection in 3 months.", "prescribing"),
        ("Please arrange a repeat chest X-ray in 6 weeks.", "monitoring"),
        ("Please arrange physiotherapy for her.", "referral"),
        ("Please add NSAID intolerance to his record.", "other"),
        ("Pls chase CRP and CXR report.", "results"),
        ("Please chase the histology result.", "results"),
        ("Could you please review her in 4 weeks?", "review"),
        ("GP to please arrange a home visit.", "other"),
        ("Please can the GP review her bowels and her fluid status.", "review"),
        ("It would also help if you could stop his aspirin 7 days before surgery.", "prescribing"),
    ],
)
def test_categories(nlp, run, text, category):
    found = items(nlp, run, text)
    assert [f[1] for f in found] == [category]


def test_inline_plan_heading_is_left_out_of_request_text(nlp, run):
    assert items(nlp, run, "Plan: GP to stop amlodipine and start lercanidipine 10mg OD.") == [
        ("GP to stop amlodipine", "prescribing", None, None),
        ("start lercanidipine 10mg OD", "prescribing", None, None),
    ]


def test_bad_regex_names_file(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "requests.yaml").write_text("request_cues:\n  - {id: x, pattern: '(unclosed'}\n")
    comp = RequestsComponent(None, "la_requests")  # type: ignore[arg-type]
    with pytest.raises(ModelError, match=r"requests\.yaml: request_cues\.0\.pattern"):
        comp.load_data(tmp_path)


def test_sentence_splitter_keeps_abbreviations_and_list_items() -> None:
    from letter_audit.pipeline.sentences import sentence_spans

    text = (
        "Actions:\n1. Please repeat U&E in 1 week.\nI saw Dr. Smith and she was\nwell. Take 5 mg. Then stop."
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Actions:",
        "1. Please repeat U&E in 1 week.",
        "I saw Dr. Smith and she was\nwell.",
        "Take 5 mg.",
        "Then stop.",
    ]


def test_ocr_zero_for_o_keeps_length() -> None:
    from letter_audit.pipeline.sentences import ocr_letters

    assert ocr_letters("F0LL0W-UP on 10/02/2025, D0B") == "FoLLoW-UP on 10/02/2025, DoB"
    assert ocr_letters("I\u2019d") == "I'd"


def test_curly_apostrophe_and_contractions(nlp, run):
    text = "I\u2019d be grateful if you could check her thyroid function in 6 weeks."
    assert items(nlp, run, text) == [(text.rstrip("."), "monitoring", "in 6 weeks", None)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Suggest GP reviews his statin dose at the next annual review.", "req-suggest-gp"),
        ("Can the GP please arrange a repeat ECG in 3 months.", "req-gp-to"),
        ("Bloods (FBC, U&E) to be repeated by the GP in 1 week.", "req-by-practice"),
        ("It would be helpful if the practice could monitor her weight monthly.", "req-it-would-help"),
    ],
)
def test_more_request_forms(nlp, run, text, rule):
    doc = run(nlp, text)
    assert [s._.request_rule for s in doc.spans["gp_actions"]] == [rule]


def test_run_on_dictation_finds_the_request_after_the_hospital_part(nlp, run):
    text = (
        "Her potassium was 5.1 so I have added dapagliflozin and if her potassium rises above 6.0 please "
        "stop the ramipril and let us know."
    )
    assert [i[0] for i in items(nlp, run, text)] == [
        "if her potassium rises above 6.0 please stop the ramipril and let us know",
    ]


def test_list_item_after_a_request_item_is_a_request(nlp, run):
    text = (
        "1. We would be grateful if you would take over prescribing of hydroxycarbamide.\n"
        "2. FBC every 2 weeks for the first 2 months.\n"
    )
    assert [(i[0], i[1]) for i in items(nlp, run, text)] == [
        ("We would be grateful if you would take over prescribing of hydroxycarbamide", "prescribing"),
        ("FBC every 2 weeks for the first 2 months", "monitoring"),
    ]


def test_ownerless_items_the_hospital_owns_or_reports(nlp, run):
    text = (
        "Recommendations:\n- Omeprazole increased to 40 mg BD for 8 weeks.\n"
        "- Repeat OGD in 12 weeks; we will book this.\n- GP: please stop his ibuprofen.\n"
    )
    assert [i[0] for i in items(nlp, run, text)] == ["GP: please stop his ibuprofen"]


def test_letter_to_patient_only_gp_addressed_requests(nlp, run):
    text = (
        "Dear Mrs Begum,\nPlease keep a home blood pressure diary.\n"
        "Dr Lee, could you please increase the amlodipine to 10 mg in 4 weeks.\n"
    )
    assert [i[0] for i in items(nlp, run, text)] == [
        "Dr Lee, could you please increase the amlodipine to 10 mg in 4 weeks",
    ]
