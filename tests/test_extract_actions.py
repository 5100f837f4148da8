"""extract.actions: GpAction records with evidence, and due dates resolved against the letter date."""

from __future__ import annotations

import datetime as dt

import pytest

from letter_audit.extract.actions import gp_actions, resolve_due
from letter_audit.letter import Letter
from letter_audit.pipeline import annotate, build_pipeline
from letter_audit.report import Dates

D = dt.date(2026, 3, 14)


@pytest.mark.parametrize(
    ("timeframe", "due"),
    [
        ("in 1 week", dt.date(2026, 3, 21)),
        ("in two weeks", dt.date(2026, 3, 28)),
        ("in 2-3 weeks", dt.date(2026, 3, 28)),
        ("at 3 months", dt.date(2026, 6, 14)),
        ("in 2/52", dt.date(2026, 3, 28)),
        ("in 3/12", dt.date(2026, 6, 14)),
        ("in 5/7", dt.date(2026, 3, 19)),
        ("within 10 days", dt.date(2026, 3, 24)),
        ("6 weeks post-op", dt.date(2026, 4, 25)),
        ("in 1 year", dt.date(2027, 3, 14)),
        ("tomorrow", dt.date(2026, 3, 15)),
        ("monthly", None),
        (None, None),
    ],
)
def test_resolve_due(timeframe: str | None, due: dt.date | None) -> None:
    assert resolve_due(timeframe, D) == due


def test_resolve_due_month_end_clamps() -> None:
    assert resolve_due("in 1 month", dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)


def test_no_letter_date_no_due() -> None:
    assert resolve_due("in 1 week", None) is None


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


def test_gp_actions_records(nlp) -> None:
    text = "Letter date: 14/03/2026\nPlease repeat U&E in 1 week. Please re-refer if symptoms recur.\n"
    letter = Letter.from_text(text)
    actions, none = gp_actions(annotate(nlp, letter), letter, Dates(letter=D))
    assert none is False
    assert [(a.text, a.category, a.timeframe, a.due, a.conditional, a.condition) for a in actions] == [
        ("Please repeat U&E in 1 week", "monitoring", "in 1 week", dt.date(2026, 3, 21), False, None),
        ("Please re-refer if symptoms recur", "referral", None, None, True, "symptoms recur"),
    ]
    ev = actions[0].evidence
    assert (ev.start, ev.end, ev.page, ev.rule) == (24, 51, 1, "req-please-verb")
    assert text[ev.start : ev.end] == ev.text
    assert (actions[0].inappropriate, actions[0].rule) == (False, None)


def test_discharge_date_anchors_due_when_no_letter_date(nlp) -> None:
    letter = Letter.from_text("GP to check potassium in 1 week.\n")
    actions, _ = gp_actions(annotate(nlp, letter), letter, Dates(discharge=D))
    assert actions[0].due == dt.date(2026, 3, 21)


def test_no_gp_action_stated(nlp) -> None:
    letter = Letter.from_text("GP actions: none\n")
    actions, none = gp_actions(annotate(nlp, letter), letter, Dates())
    assert (actions, none) == ([], True)


# A fit note left to the practice is a GP action even when its words are told to the patient (round 18).
@pytest.mark.parametrize(
    ("body", "ask"),
    [
        ("He is off work after the fracture. He has been advised to see you for a sick note.\n",
         "He has been advised to see you for a sick note"),
        ("She cannot work for 4 weeks; she will contact you for a fit note.\n",
         "she will contact you for a fit note"),
        ("We have asked him to contact the surgery for a fit note.\n",
         "We have asked him to contact the surgery for a fit note"),
        ("Work: office manager. No fit note provided from the day unit - GP please issue if required.\n",
         "GP please issue if required"),
    ],
)
def test_fit_note_left_to_the_practice_is_a_request(nlp, body: str, ask: str) -> None:
    letter = Letter.from_text("Clinic letter\n" + body)
    doc = annotate(nlp, letter)
    assert doc._.fit_note["status"] == "requested_from_gp"
    actions, _ = gp_actions(doc, letter, Dates())
    fit = [a for a in actions if a.category == "fit_note"]
    assert [a.text for a in fit] == [ask]
    assert fit[0].evidence.rule == "req-fit-note-status"
    assert letter.text[fit[0].evidence.start : fit[0].evidence.end] == ask


def test_fit_note_request_already_found_is_not_repeated(nlp) -> None:
    ask = "Please could you provide a fit note for 4 weeks"
    letter = Letter.from_text(f"Clinic letter\nShe is off work. {ask}.\n")
    actions, _ = gp_actions(annotate(nlp, letter), letter, Dates())
    assert [(a.text, a.category) for a in actions] == [(ask, "fit_note")]
    assert actions[0].evidence.rule != "req-fit-note-status"


def test_fit_note_issued_or_after_surgery_is_no_request(nlp) -> None:
    # Near misses: the hospital issued it; "after surgery" is an operation, not the practice's surgery.
    for body in ("We have issued a fit note for 2 weeks.\n",
                 "After surgery he will need a fit note for 2 weeks, which we have issued.\n"):
        letter = Letter.from_text("Clinic letter\n" + body)
        doc = annotate(nlp, letter)
        actions, _ = gp_actions(doc, letter, Dates())
        assert doc._.fit_note["status"] == "issued", body
        assert [a for a in actions if a.category == "fit_note"] == [], body
