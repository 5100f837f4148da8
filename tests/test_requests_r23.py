"""Round 23: two requests joined in one sentence or line and read as one item (fixtures/README "One item or
two"), each family with look-alikes that must stay one item. Every wording is this file's own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.request_frames import gp_list_items

from letter_audit.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


items = gp_list_items


# A step on the result after a test, however the join is worded: "then", a spaced dash, "after which",
# "followed by" a step told as a noun. The test keeps its own kind.


@pytest.mark.parametrize(
    ("plan", "first", "second"),
    [
        (
            "Adjusted calcium and vitamin D in 4/52, then start risedronate 35 mg weekly if calcium normal",
            ("Adjusted calcium and vitamin D in 4/52", "monitoring"),
            ("start risedronate 35 mg weekly if calcium normal", "prescribing"),
        ),
        (
            "BP r/v 3/52, target <140/90 - increase lercanidipine to 20 mg if above",
            ("BP r/v 3/52, target <140/90", "review"),
            ("increase lercanidipine to 20 mg if above", "prescribing"),
        ),
        (
            "Please recheck his potassium in one week, after which the spironolactone could be restarted at "
            "12.5 mg if it is below 5.0",
            ("Please recheck his potassium in one week", "monitoring"),
            ("the spironolactone could be restarted at 12.5 mg if it is below 5.0", "prescribing"),
        ),
        (
            "Please repeat her LFTs in 3 weeks, after which please review whether the statin can go back on",
            ("Please repeat her LFTs in 3 weeks", "monitoring"),
            ("review whether the statin can go back on", "review"),
        ),
        (
            "Please review his pulse in 10 days, followed by an increase in digoxin to 125 micrograms OD if "
            "it is still above 100",
            ("Please review his pulse in 10 days", "review"),
            ("an increase in digoxin to 125 micrograms OD if it is still above 100", "prescribing"),
        ),
    ],
)
def test_a_step_on_the_result_after_a_test_is_its_own_item(
    nlp: Language, plan: str, first: tuple[str, str], second: tuple[str, str]
) -> None:
    assert items(nlp, plan) == [first, second]


def test_a_drug_step_ended_after_which_stays_one(nlp: Language) -> None:
    # Near miss: "after which" after a drug step is that step's end, not a step on a result.
    plan = "Please continue clopidogrel for 6 months, after which the clopidogrel should be stopped"
    assert len(items(nlp, plan)) == 1


def test_a_review_then_discharge_after_which_stays_one(nlp: Language) -> None:
    # Near miss: what happens after the review is no ask of the practice.
    assert len(items(nlp, "Please review her in 2/52, after which she can be discharged")) == 1


def test_a_target_with_no_verb_stays_with_its_test(nlp: Language) -> None:
    # Near miss: "aim"/"target" sets what the test is for, no verb of its own.
    assert len(items(nlp, "Lipids and ALT at 3/12, aim non-HDL <2.5")) == 1
    assert len(items(nlp, "BP check in 2 weeks, aiming for under 140/90")) == 1


# A second request that stands alone after a terse join: "plus", "+", "as well as", a comma after a time.


@pytest.mark.parametrize(
    ("plan", "second"),
    [
        ("HbA1c at 3/12 while on prednisolone plus BP check in 4/52", "BP check in 4/52"),
        ("U&E 1/52, BP r/v 2/52", "BP r/v 2/52"),
        (
            "Iron (ferrous fumarate 210 mg BD) for 3 months + FBC/ferritin at the end of the course",
            "FBC/ferritin at the end of the course",
        ),
    ],
)
def test_a_standalone_timed_test_or_review_after_a_terse_join_is_its_own_item(
    nlp: Language, plan: str, second: str
) -> None:
    found = items(nlp, plan)
    assert len(found) == 2
    assert found[1][0] == second


def test_tests_named_together_with_one_time_stay_one(nlp: Language) -> None:
    # Near miss: "+" between test names sharing one time is one list of tests.
    assert len(items(nlp, "U&E + Mg 1/52")) == 1
    assert len(items(nlp, "FBC, U&E and LFT in 2 weeks")) == 1


# Two drugs each given its own dose or directions, the second with no verb: two items.


@pytest.mark.parametrize(
    ("plan", "second"),
    [
        (
            "rescue pack: add amoxicillin 500 mg TDS 5/7 and prednisolone 30 mg OD 5/7 to repeat",
            "prednisolone 30 mg OD 5/7 to repeat",
        ),
        (
            "Please prescribe carmellose eye drops one drop four times daily, and Lacri-Lube ointment at "
            "bedtime",
            "Lacri-Lube ointment at bedtime",
        ),
        (
            "Please prescribe risedronate 35 mg weekly as well as Accrete D3 one tablet twice daily",
            "Accrete D3 one tablet twice daily",
        ),
    ],
)
def test_a_second_dosed_or_directed_drug_is_its_own_prescribing_item(
    nlp: Language, plan: str, second: str
) -> None:
    found = items(nlp, plan)
    assert len(found) == 2
    assert found[1] == (second, "prescribing")


def test_a_course_and_its_end_stays_one(nlp: Language) -> None:
    # Near miss: "and then stop" is the same drug's course.
    assert len(items(nlp, "Please prescribe prednisolone 30 mg OD 5/7 and then stop")) == 1


def test_a_repeat_list_switch_stays_one(nlp: Language) -> None:
    # Near miss: an edit of the repeat list for two drugs joined by "and" is ONE item (fixtures/README).
    assert len(items(nlp, "Please add edoxaban 60 mg to her repeat and remove warfarin")) == 1


# Another drug started on a condition of its own, set off by commas after "and".


def test_another_drug_on_its_own_condition_is_its_own_item(nlp: Language) -> None:
    plan = (
        "Please start mebeverine 135 mg TDS and, if bloating persists at 6 weeks, try peppermint oil 0.2 ml "
        "TDS"
    )
    found = items(nlp, plan)
    assert len(found) == 2
    assert found[1] == ("if bloating persists at 6 weeks, try peppermint oil 0.2 ml TDS", "prescribing")


def test_the_same_drugs_next_step_on_a_condition_stays_one(nlp: Language) -> None:
    # Near miss: the same drug titrated if tolerated adjusts the step before it.
    assert (
        len(items(nlp, "Please start ramipril 2.5 mg OD and, if tolerated, increase to 5 mg after 2 weeks"))
        == 1
    )


def test_a_participle_of_how_to_do_it_stays_one(nlp: Language) -> None:
    # Near miss: a participle saying how to carry the step out (fixtures/README).
    assert (
        len(items(nlp, "Please increase to 16 mg if BP allows, checking U&E a week after each increase")) == 1
    )


# Categories: a dose changed with "change ... to", a test named with "every", a test arranged by its name, a
# test whose bracket or timing names the step it follows.


@pytest.mark.parametrize(
    ("plan", "category"),
    [
        ("Please change his lansoprazole to 15 mg daily", "prescribing"),
        ("Uric acid every 3 months", "monitoring"),
        ("Please arrange EMG and nerve conduction studies", "monitoring"),
        ("Repeat U&E (eplerenone started)", "monitoring"),
        ("Repeat U&E after the eplerenone start", "monitoring"),
        ("Colecalciferol 20,000 units weekly for 7 weeks", "prescribing"),
        ("Forward MRI report to the spinal clinic", "results"),
        ("Please could you take lansoprazole off his repeat", "prescribing"),
        ("I would be grateful if you could let him know this result", "results"),
        ("Please check his U&E and let him know the result", "monitoring"),
    ],
)
def test_the_kind_of_an_item(nlp: Language, plan: str, category: str) -> None:
    assert [c for _, c in items(nlp, plan)] == [category]


def test_changing_a_dressing_is_not_prescribing(nlp: Language) -> None:
    # Near miss: "change" with no dose is no drug step.
    assert [c for _, c in items(nlp, "Please change the dressing every 2 days")] != ["prescribing"]


def test_a_row_of_a_plan_table_is_its_whole_action_cell(nlp: Language) -> None:
    plan = (
        "Task | Responsible | Due\n"
        "Mercaptopurine 50 mg OD and folic acid 5 mg weekly on repeat | GP | From next month\n"
        "Clinic review with results | Dr N Abara | 3 months"
    )
    assert [t for t, _ in items(nlp, plan)] == [
        "Mercaptopurine 50 mg OD and folic acid 5 mg weekly on repeat"
    ]


# Two requests that stand alone: a plan shared with another service, a passive ask with its own subject, a
# bracketed test asked with its own "please".


def test_a_plan_shared_with_another_service_is_its_own_item(nlp: Language) -> None:
    plan = "Please record the DNACPR decision and share it with the ambulance service"
    assert [t for t, _ in items(nlp, plan)] == [
        "Please record the DNACPR decision",
        "share it with the ambulance service",
    ]


def test_a_result_shared_with_the_team_stays_with_its_test(nlp: Language) -> None:
    # Near miss: a report back of the same result stays with its request (fixtures/README).
    assert len(items(nlp, "Please check her U&E in 2 weeks and share the results with the renal team")) == 1


def test_a_passive_ask_with_its_own_subject_is_its_own_item(nlp: Language) -> None:
    plan = (
        "I would be grateful if you could prescribe this, and perhaps your practice nurse colleagues could "
        "be informed"
    )
    assert len(items(nlp, plan)) == 2


def test_a_bracketed_test_with_its_own_please_is_its_own_item(nlp: Language) -> None:
    plan = (
        "Start empagliflozin 10 mg OD (and please check U&E two weeks later), then increase ramipril to 5 mg"
    )
    assert [c for _, c in items(nlp, plan)] == ["prescribing", "monitoring", "prescribing"]


def test_a_test_timed_from_the_step_stays_with_it(nlp: Language) -> None:
    # Near miss: a test timed from the step before, with no ask of its own, is how the step is carried out.
    assert len(items(nlp, "Please restart ramipril at 2.5 mg and recheck U&E 2 weeks later")) == 1


@pytest.mark.parametrize(
    "plan",
    [
        "Please check his sodium in one week, after which you could restart the sertraline at 50 mg if it is "
        "above 132",
        "Please repeat the FBC in 4 weeks, and thereafter stop the ferrous sulfate if Hb is above 120",
    ],
)
def test_a_step_after_which_or_thereafter_is_its_own_item(nlp: Language, plan: str) -> None:
    assert [c for _, c in items(nlp, plan)] == ["monitoring", "prescribing"]


def test_a_drug_course_and_thereafter_its_end_stays_one(nlp: Language) -> None:
    # Near miss: after a drug step, "thereafter stop it" ends the same course.
    assert len(items(nlp, "Please continue the iron for 3 months and thereafter stop it")) == 1


def test_a_step_with_a_view_to_after_a_test_stays_one(nlp: Language) -> None:
    # Near miss: "with a view to ..." gives the test's purpose; the dev golds keep it in the item.
    plan = "Lying and standing BP in 2 weeks with a view to stopping the doxazosin if the drop persists"
    assert len(items(nlp, plan)) == 1


@pytest.mark.parametrize(
    "plan",
    [
        "Please start lisinopril 5 mg OD along with simvastatin 40 mg ON",
        "Please prescribe doxycycline 100 mg OD for 5 days plus prednisolone 30 mg OD for 5 days",
        "add mirtazapine 15 mg ON & propranolol 10 mg TDS PRN",
    ],
)
def test_two_dosed_drugs_however_joined_are_two_items(nlp: Language, plan: str) -> None:
    assert [c for _, c in items(nlp, plan)] == ["prescribing", "prescribing"]


def test_acting_on_a_tests_result_is_its_own_results_item(nlp: Language) -> None:
    plan = "Please check his LFTs and TFTs in 6 weeks as he is on amiodarone and act on the results"
    assert [c for _, c in items(nlp, plan)] == ["monitoring", "results"]


def test_chasing_a_result_and_acting_on_it_stays_one(nlp: Language) -> None:
    # Near miss: chasing a pending result and acting on it is one results item (fixtures/README).
    assert [c for _, c in items(nlp, "Please chase the ultrasound report and act on it")] == ["results"]


def test_another_service_told_a_fact_about_the_patient_is_its_own_item(nlp: Language) -> None:
    plan = (
        "Please take rivaroxaban off his repeat and add edoxaban, and let the anticoagulation clinic know he "
        "is no longer on warfarin"
    )
    assert [c for _, c in items(nlp, plan)] == ["prescribing", "other"]


def test_a_result_told_to_a_clinic_stays_with_its_test(nlp: Language) -> None:
    # Near miss: the result reported back is the test's own follow-through.
    assert len(items(nlp, "Please check her INR and let the anticoagulation clinic know the result")) == 1


def test_a_gp_row_of_an_intervention_table_is_its_whole_cell(nlp: Language) -> None:
    plan = (
        "Intervention | Who | Frequency\n"
        "Medication review | CMHT consultant | 6 weeks\n"
        "Prescribe quetiapine 50 mg ON and sertraline 100 mg OD | GP | Ongoing"
    )
    assert [t for t, _ in items(nlp, plan)] == ["Prescribe quetiapine 50 mg ON and sertraline 100 mg OD"]


def test_a_condition_after_an_arrow_opens_the_step_on_the_result(nlp: Language) -> None:
    assert [c for _, c in items(nlp, "BP check 2/52 -> if >140/90 add lercanidipine 10 mg")] == [
        "monitoring",
        "prescribing",
    ]


def test_a_condition_after_an_arrow_after_a_drug_step_stays_one(nlp: Language) -> None:
    # Near miss: after a drug step, the condition adjusts that step.
    assert len(items(nlp, "Restart ramipril 2.5 mg -> if K >5.5 stop")) == 1
