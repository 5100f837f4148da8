"""Round 25, even halves: which spans are GP action requests. Asks of "primary care" with no article, and
statements filed among the practice's actions that leave the practice nothing to do (a way to reach the
team, another discipline's step already taken or starting, a terse hospital clinic review, a warning given,
a result coming back to the writer). Every wording is this file's own."""

from __future__ import annotations

import pytest
from spacy.language import Language
from tests.request_frames import gp_list_items

from letter_audit import audit
from letter_audit.letter import Letter
from letter_audit.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build_pipeline()


gp_list = gp_list_items


def body(nlp: Language, passage: str) -> list[tuple[str, str, str | None]]:
    """The GP actions found in a clinic letter's running text, as (text, category, rule)."""
    text = "Dear Dr Hale,\n\nRe: clinic review.\n\n" + passage + "\n\nYours sincerely,\nDr A Jones\n"
    return [
        (a.text, a.category, a.rule if a.inappropriate else None)
        for a in audit(Letter.from_text(text), nlp=nlp).gp_actions
    ]


# "We would ask that primary care ...": the practice named with no article is asked all the same; a take-over
# told with "takes over" is prescribing.


@pytest.mark.parametrize(
    ("passage", "category"),
    [
        (
            "We would ask that primary care now takes over her valproate prescribing and monitoring from "
            "January; the team will give a final fortnight's supply.",
            "prescribing",
        ),
        (
            "She will need hydrotherapy once the cast is off, and we would ask that primary care refer her "
            "for this.",
            "referral",
        ),
        ("I would ask that primary care colleagues check her sodium in a week.", "monitoring"),
    ],
)
def test_ask_of_primary_care_without_article(nlp: Language, passage: str, category: str) -> None:
    found = body(nlp, passage)
    assert len(found) == 1
    assert found[0][1] == category


def test_primary_care_told_not_asked_stays_out(nlp: Language) -> None:
    assert body(nlp, "Primary care colleagues will receive a copy of this letter.") == []


# A result that will come back to the writer or the team is the hospital's; the test asked for stays.


@pytest.mark.parametrize(
    "passage",
    [
        "Please could the practice take a calcium level in 4 weeks; the result will come to me.",
        "Please could the surgery repeat her ferritin in 8 weeks, and the result will come back to our "
        "clinic.",
    ],
)
def test_result_coming_back_to_writer_is_no_request(nlp: Language, passage: str) -> None:
    found = body(nlp, passage)
    assert len(found) == 1
    assert found[0][1] == "monitoring"


# Under a GP heading: statements that give the practice nothing to do.


@pytest.mark.parametrize(
    "line",
    [
        "- Cardiology registrar bleep 2290 via switchboard if worried",
        "- Respiratory advice and guidance via e-RS if needed",
        "- Hospital physiotherapists have referred him to the community falls service",
        "- Stroke team have already arranged his carotid doppler",
        "- Community rehab team start on Monday",
        "- DSN will phone in 2/52",
        "- Hospital to post the clinic letter to the patient",
        "- COPD nurse home visit in 10 days",
        "- r/v 3/12 rheumatology clinic",
        "- f/u 6/52 fracture clinic",
        "- Hypoglycaemia advice given verbally and in writing",
        "- Steroid card and sick-day warning given",
    ],
)
def test_statement_under_gp_heading_is_no_request(nlp: Language, line: str) -> None:
    assert gp_list(nlp, "- U&E in 1 week\n" + line) == [("U&E in 1 week", "monitoring")]


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("- Please refer him to the community falls service", "referral"),
        ("- Please let the renal team know if potassium is above 6", "results"),
        ("- Please review in 3/12 in your surgery", "review"),
        ("- Please ring her to explain the result once the DSN has seen her", "results"),
        ("- GP please give hypoglycaemia advice at her annual review", "review"),
    ],
)
def test_look_alike_asks_stay(nlp: Language, line: str, category: str) -> None:
    found = gp_list(nlp, "- U&E in 1 week\n" + line)
    assert len(found) == 2


def test_leaflet_given_then_an_ask_stays(nlp: Language) -> None:
    found = gp_list(nlp, "- Sick day rules leaflet given; pls go over it again at his next asthma review")
    assert len(found) == 1


# Categories: a call to the team on a result's threshold is results; devices put on repeat are prescribing.


@pytest.mark.parametrize(
    "line",
    [
        "- if K >6.0 please ring the renal SpR on 01632 960123",
        "- if Na below 125 please phone the on-call medical registrar",
        "- If neutrophils <1.0 please contact the oncology hotline team",
    ],
)
def test_call_the_team_on_a_threshold_is_results(nlp: Language, line: str) -> None:
    found = gp_list(nlp, "- U&E in 1 week\n" + line)
    assert found[1][1] == "results"


@pytest.mark.parametrize(
    "line",
    [
        "- glucose meter + strips on her repeat",
        "- Please add lancets and pen needles to her repeat",
    ],
)
def test_devices_on_repeat_are_prescribing(nlp: Language, line: str) -> None:
    assert gp_list(nlp, line)[0][1] == "prescribing"


def test_test_with_a_threshold_and_no_call_stays_monitoring(nlp: Language) -> None:
    assert gp_list(nlp, "- if Hb below 90 please repeat FBC in 1 week")[0][1] == "monitoring"


def test_drug_step_then_a_call_keeps_its_kind(nlp: Language) -> None:
    found = gp_list(nlp, "- LFTs in 2 weeks\n- if ALT > 5x ULN stop the terbinafine and contact us")
    assert found[1][1] == "prescribing"


# A fit note with a length of its own after "+" is its own item; a length-less "+ fit note" is not split here.


@pytest.mark.parametrize(
    ("plan", "first", "second"),
    [
        ("- staple removal at the surgery day 12 + fit note 4/52", "staple removal at the surgery day 12",
         "fit note 4/52"),
        ("- wound check at 2/52 + sick note for 3 weeks", "wound check at 2/52", "sick note for 3 weeks"),
    ],
)
def test_fit_note_after_plus_is_its_own_item(nlp: Language, plan: str, first: str, second: str) -> None:
    found = gp_list(nlp, plan)
    assert [t for t, _ in found] == [first, second]
    assert found[1][1] == "fit_note"

