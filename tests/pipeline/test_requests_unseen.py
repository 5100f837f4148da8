"""la_requests on phrasings and traps first met in letters by new writers (dev_3NN, dev_4NN)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from letter_audit.letter import Block, Cell, Letter, SourceInfo


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_requests")


def found(nlp, run, text: str | Letter) -> list[tuple[str, str]]:
    doc = run(nlp, text)
    return [(s.text, s._.request_category) for s in doc.spans["gp_actions"]]


def rules(nlp, run, text: str) -> list[str]:
    doc = run(nlp, text)
    return [s._.request_rule for s in doc.spans["gp_actions"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the practice named by its doctor's surname in a letter to the patient
        (
            "Dear Mr Hale\nI have asked Dr Nakamura to continue prescribing ethosuximide 250 mg.\n"
            "Copy to: Dr G Nakamura, Heron Way Surgery\n",
            [("I have asked Dr Nakamura to continue prescribing ethosuximide 250 mg",
              "prescribing")],
        ),
        # a need placed on the practice in a patient letter, read after the fronted reason
        (
            "Dear Ms Reid\nBecause of the dose increase, your GP surgery will need to check her FBC.\n",
            [("Because of the dose increase, your GP surgery will need to check her FBC", "monitoring")],
        ),
        # a P.S. to the GP in a letter to the patient speaks to the practice
        (
            "Dear Miss Kay\nYou did not come to your appointment.\nP.S. Dr Lind - we have not seen her. "
            "If you still think she needs to be seen, please send us a new referral.\n",
            [("If you still think she needs to be seen, please send us a new referral", "referral")],
        ),
        # "someone at the surgery"
        (
            "Could someone at the surgery review her in two weeks, once she has settled.",
            [("Could someone at the surgery review her in two weeks, once she has settled", "review")],
        ),
        # the patient sent to the GP for a named task
        (
            "I have suggested that he sees his GP in the next few weeks to have his BP rechecked.",
            [("I have suggested that he sees his GP in the next few weeks to have his BP rechecked",
              "review")],
        ),
        ("It might also be worth checking his HbA1c before he is called for surgery.",
         [("It might also be worth checking his HbA1c before he is called for surgery", "monitoring")]),
        ("If the margins are involved we would need you to refer him back to us.",
         [("If the margins are involved we would need you to refer him back to us", "referral")]),
        ("If her eGFR falls below 25 ml/min at any routine check, please contact us.",
         [("If her eGFR falls below 25 ml/min at any routine check, please contact us", "results")]),
        ("Plan:\n3. U&E and FBC 1/52 at GP surgery\n", [("U&E and FBC 1/52 at GP surgery", "monitoring")]),
        ("I suggest Amitriptyline is prescribed.",
         [("I suggest Amitriptyline is prescribed", "prescribing")]),
        ("We would be pleased to receive a fresh referral if he wishes to re-engage with surveillance.",
         [("We would be pleased to receive a fresh referral if he wishes to re-engage with surveillance",
           "referral")]),
        ("He should have annual flu and COVID-19 vaccines and a one-off pneumococcal vaccine.",
         [("He should have annual flu and COVID-19 vaccines and a one-off pneumococcal vaccine", "other")]),
        # two requests that stand alone are two items (fixtures/README; dev_208, dev_238, dev_833, dev_1432)
        ("Please take over prescribing methotrexate and carry out the blood monitoring.",
         [("Please take over prescribing methotrexate", "prescribing"),
          ("carry out the blood monitoring", "monitoring")]),
    ],
)
def test_new_request_forms(nlp, run, text, expected):
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "You kindly started her on a reducing course of prednisolone last week.",
        "Our IBD nurses run the blood monitoring, so we are not asking the practice to do those.",
        "Dear Mrs Cole\nPlease book these blood tests with your practice nurse.\n",
        "Dear Mr Hill\nIf the tablets have not helped after 3 months, your GP can ask us to see you again.\n",
        "Follow-up: please see your own optometrist 4-6 weeks after surgery for a sight test.",
        "GP actions\nVW team to d/c from caseload today\nDN to continue leg ulcer dressings twice weekly\n",
        "GP actions\nCommunity midwife: will weigh the baby and check his jaundice on day 7.\n",
        "GP actions\nReturn to A&E if breathing difficulties worsen\n",
        "Action for the practice\nNone needed. Please do not repeat the serology at the surgery.\n",
        "GP actions\nAs above re fit note.\n",
        "GP actions\noff work 1/52, self-cert\n",
    ],
)
def test_new_traps_are_not_requests(nlp, run, text):
    assert found(nlp, run, text) == []


def test_patient_clause_after_a_request_is_not_a_request(nlp, run):
    text = (
        "I'd be grateful if your team could check his U&E in about two weeks, and if his weight goes up by "
        "more than 2 kg he knows to contact the heart failure nurses."
    )
    assert found(nlp, run, text) == [
        ("I'd be grateful if your team could check his U&E in about two weeks", "monitoring")
    ]


def test_fact_after_a_semicolon_and_please_avoid_are_dropped(nlp, run):
    text = "Please start amlodipine 5 mg and titrate to target; please avoid diltiazem, which raises levels."
    assert found(nlp, run, text) == [("Please start amlodipine 5 mg and titrate to target", "prescribing")]
    text = "Please refer her to the smoking service; stopping smoking is the most useful thing she can do."
    assert found(nlp, run, text) == [("Please refer her to the smoking service", "referral")]


def test_description_under_a_gp_heading_is_not_an_item(nlp, run):
    text = "Requests to GP: She works as a staff nurse; please issue a fit note for 2 weeks.\n"
    assert found(nlp, run, text) == [("please issue a fit note for 2 weeks", "fit_note")]


def test_inline_gp_heading_labels_only_its_long_paragraph(nlp, run):
    body = "Please could you provide ongoing prescriptions for ondansetron and thiamine for her. " * 2
    text = f"Requests to GP: {body}\nShe can come back to the day unit directly if vomiting returns.\n"
    doc = run(nlp, text)
    assert [s.label_ for s in doc.spans["sections"]] == ["gp_actions"]
    assert doc.spans["sections"][0].end_char == text.index(" \nShe")
    assert len(doc.spans["gp_actions"]) == 1


def test_gp_heading_inside_a_paragraph_opens_a_gp_region(nlp, run):
    text = "He is much better and went home today. GP actions - recheck U&E in 1 week\n"
    assert found(nlp, run, text) == [("recheck U&E in 1 week", "monitoring")]
    assert rules(nlp, run, text) == ["req-gp-section"]


def test_identical_request_text_is_one_request(nlp, run):
    text = "Please prescribe 28 x 100ml bags per month.\nPlan\nPlease prescribe 28 x 100ml bags per month.\n"
    assert found(nlp, run, text) == [("Please prescribe 28 x 100ml bags per month", "prescribing")]


def test_layout_table_heading_ends_the_gp_section(nlp, run) -> None:
    """A "Heading | content" table: an unknown first cell still ends the GP section above it."""
    rows = [
        ("Birth Details", "Caesarean section at 39 weeks."),
        ("Information for GP", "Please repeat a full blood count at 4 weeks."),
        ("Community Midwife Follow Up", "Community midwife home visit on day 4."),
        ("Discharging Midwife", "Ruth Abiodun, Registered Midwife"),
    ]
    text, blocks = "", []
    for head, body in rows:
        start, line = len(text), f"{head} | {body}"
        first, second = (start, start + len(head)), (start + len(head) + 3, start + len(line))
        cells = [Cell(start=first[0], end=first[1]), Cell(start=second[0], end=second[1])]
        blocks.append(Block(kind="table_row", start=start, end=start + len(line), cells=cells))
        text += line + "\n"
    letter = Letter(text=text, blocks=blocks, source=SourceInfo(path="t.docx", sha256="0", format="docx"))
    doc = run(nlp, letter)
    assert [(s.label_, s._.heading) for s in doc.spans["sections"]] == [
        ("other", "Birth Details"), ("gp_actions", "Information for GP"),
        ("follow_up", "Community Midwife Follow Up"), ("other", "Discharging Midwife"),
    ]
    assert [s.text for s in doc.spans["gp_actions"]] == ["Please repeat a full blood count at 4 weeks"]


def test_then_splits_a_drug_change_from_the_test_before_it(nlp, run):
    text = "Actions for GP: check U&E 1-2 weeks after starting ramipril, then uptitrate it every 2 weeks."
    assert found(nlp, run, text) == [
        ("check U&E 1-2 weeks after starting ramipril", "monitoring"),
        ("uptitrate it every 2 weeks", "prescribing"),
    ]
    # one drug's plan stays one request
    text = "Actions for GP: Restart ramipril at 5 mg when creatinine <120, then titrate back to 10 mg."
    assert found(nlp, run, text) == [
        ("Restart ramipril at 5 mg when creatinine <120, then titrate back to 10 mg", "prescribing")
    ]


def test_with_tests_on_a_schedule_is_a_second_request(nlp, run):
    text = "Please continue to prescribe methotrexate under the agreement, with FBC and LFT every 4 weeks."
    assert found(nlp, run, text) == [
        ("Please continue to prescribe methotrexate under the agreement", "prescribing"),
        ("FBC and LFT every 4 weeks", "monitoring"),
    ]


def test_the_practice_should_not_prescribe_is_not_a_request(nlp, run):
    assert found(nlp, run, "Supplied by our homecare provider; the practice should not prescribe it.") == []


def test_and_if_please_opens_a_second_request_without_a_comma(nlp, run):
    text = (
        "I'd be obliged if you would check her U+E in 2 weeks given the ramipril change and if her "
        "ankle swelling returns please stop the amlodipine and let us know."
    )
    assert found(nlp, run, text) == [
        ("I'd be obliged if you would check her U+E in 2 weeks given the ramipril change", "monitoring"),
        ("if her ankle swelling returns please stop the amlodipine and let us know", "prescribing"),
    ]


def test_and_if_on_the_tests_result_is_its_own_item(nlp, run):
    # round 17 (fixtures/README, one item or two): potassium is read from the U+E, and the step on it is its
    # own item (its report back with no condition of its own stays with the step)
    text = (
        "I'd be obliged if you would check her U+E in 2 weeks given the ramipril change and if her "
        "potassium rises above 6.0 please stop the ramipril and let us know."
    )
    assert found(nlp, run, text) == [
        ("I'd be obliged if you would check her U+E in 2 weeks given the ramipril change", "monitoring"),
        ("if her potassium rises above 6.0 please stop the ramipril and let us know", "prescribing"),
    ]


def test_gp_label_line_is_a_gp_region_for_that_line(nlp, run):
    text = (
        "GP: TFTs in 6 weeks and adjust levothyroxine. Calcium and PTH at the same time.\n"
        "Histology will be discussed at our MDT.\n"
    )
    # (round 17, fixtures/README one item or two: the dose step on the TFTs is its own item)
    assert found(nlp, run, text) == [
        ("TFTs in 6 weeks", "monitoring"),
        ("adjust levothyroxine", "prescribing"),
        ("Calcium and PTH at the same time", "monitoring"),
    ]
    # a GP label naming the practice is demographics, not a request
    assert found(nlp, run, "GP: Dr E Ferris, Kingfisher Surgery\n") == []


def test_nothing_required_under_a_gp_label_is_not_an_item(nlp, run):
    text = "GP: nothing routine required; if no better by day 5 please review him.\n"
    assert found(nlp, run, text) == [("if no better by day 5 please review him", "review")]


def test_first_name_salutation_to_a_doctor_is_not_a_patient_letter(nlp, run):
    # a GP addressed by first name, with the practice above: "please" still asks the practice
    text = "Dr E Brennan\nThe Health Centre\n\nDear Eleanor,\n\nPlease check his HbA1c in 3 months.\n"
    assert found(nlp, run, text) == [("Please check his HbA1c in 3 months", "monitoring")]
    # a first name with no address and no "you" talk is not taken for a patient either
    assert found(nlp, run, "Dear Sam,\nPlease check her potassium in 1 week.\n") == [
        ("Please check her potassium in 1 week", "monitoring")
    ]
    # a young person written to by first name: "please" is theirs
    text = "Maya Reid\n17 Quarry Bank Road\n\nDear Maya\nIt was good to see you. Please keep a food diary.\n"
    assert found(nlp, run, text) == []


def test_to_be_done_under_a_gp_heading_is_still_an_item(nlp, run):
    text = "GP actions\nBloods to be done by the practice nurse in 1 week\n"
    assert found(nlp, run, text) == [("Bloods to be done by the practice nurse in 1 week", "monitoring")]
    assert found(nlp, run, "GP actions\nSafety plan written with him\n") == []


def test_a_practice_name_after_gp_is_not_a_gp_region(nlp, run):
    assert found(nlp, run, "GP: Riverside\nHe is well.\n") == []
