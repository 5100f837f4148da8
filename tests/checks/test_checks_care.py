"""Fit note, follow-up owner, contact point and timeliness: met, not met and not applicable."""

from __future__ import annotations

import datetime as dt

import pytest

from letter_audit.report import ContactPoint, Dates, FitNote, FollowUp

from .build import ev, result

DS = "discharge_summary"
CL = "clinic_letter"
TEXT = "Fit note issued for 2 weeks.\nWe will see her in clinic in 6 weeks.\nWard 7: 01905 763 221\n"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("issued", "met"),
        ("not_needed", "met"),
        ("requested_from_gp", "not_met"),
        ("missing", "not_met"),
        ("not_mentioned", "not_applicable"),
    ],
)
def test_fit_note(status: str, expected: str) -> None:
    assert result("fit_note", TEXT, letter_type=DS, fit_note=FitNote(status=status)).status == expected  # type: ignore[arg-type]


def test_fit_note_evidence_is_passed_through() -> None:
    r = result(
        "fit_note",
        TEXT,
        letter_type=DS,
        fit_note=lambda letter: FitNote(status="issued", evidence=ev(letter, "Fit note issued for 2 weeks.")),
    )
    assert r.evidence[0].text == "Fit note issued for 2 weeks."
    assert (
        result("fit_note", TEXT, letter_type="other", fit_note=FitNote(status="missing")).status
        == "not_applicable"
    )


@pytest.mark.parametrize(
    ("owner", "expected"), [("hospital", "met"), ("gp", "met"), ("none", "met"), ("unclear", "not_met")]
)
def test_follow_up_owner(owner: str, expected: str) -> None:
    r = result("follow_up_owner", TEXT, letter_type=CL, follow_up=FollowUp(owner=owner, when="in 6 weeks"))  # type: ignore[arg-type]
    assert r.status == expected


def test_follow_up_owner_explanation_and_not_applicable() -> None:
    r = result(
        "follow_up_owner", TEXT, letter_type=CL, follow_up=FollowUp(owner="hospital", when="in 6 weeks")
    )
    assert r.explanation == "The hospital will follow the patient up (in 6 weeks)."
    assert result("follow_up_owner", TEXT, letter_type="other").status == "not_met"


def test_contact_point() -> None:
    r = result(
        "contact_point",
        TEXT,
        letter_type=DS,
        team="Ward 7",
        contact_point=lambda letter: ContactPoint(
            present=True, detail="01905 763 221", evidence=ev(letter, "Ward 7: 01905 763 221")
        ),
    )
    assert (r.status, r.explanation) == ("met", "Ward 7 can be reached: 01905 763 221.")
    assert r.evidence[0].text == "Ward 7: 01905 763 221"
    r = result("contact_point", TEXT, letter_type=DS)
    assert (r.status, r.explanation) == (
        "not_met",
        "No phone number, email or advice line is given for questions.",
    )
    assert result("contact_point", TEXT, letter_type="other").status == "not_met"


def test_timeliness_discharge_summary_within_24_hours() -> None:
    dates = Dates(discharge=dt.date(2025, 3, 9), letter=dt.date(2025, 3, 10))
    r = result("timeliness", TEXT, letter_type=DS, dates=dates)
    assert (r.status, r.explanation) == (
        "met",
        "Sent within 24 hours (discharge 2025-03-09, letter 2025-03-10).",
    )


def test_timeliness_discharge_summary_late() -> None:
    dates = Dates(discharge=dt.date(2025, 3, 9), letter=dt.date(2025, 3, 12))
    r = result("timeliness", TEXT, letter_type=DS, dates=dates)
    assert r.status == "not_met"
    assert r.explanation.startswith("Sent 3 days after the discharge; the limit is 24 hours")


def test_timeliness_clinic_letter_7_days() -> None:
    on_time = Dates(clinic=dt.date(2025, 2, 10), letter=dt.date(2025, 2, 17))
    late = Dates(clinic=dt.date(2025, 2, 18), letter=dt.date(2025, 3, 3))
    assert result("timeliness", TEXT, letter_type=CL, dates=on_time).status == "met"
    r = result("timeliness", TEXT, letter_type=CL, dates=late)
    assert (r.status, r.explanation) == (
        "not_met",
        "Sent 13 days after the clinic; the limit is 7 days (clinic 2025-02-18, letter 2025-03-03).",
    )


def test_timeliness_letter_dated_before_its_episode() -> None:
    # a discharge summary typed the day before a planned discharge is on time
    day_before = Dates(discharge=dt.date(2025, 3, 9), letter=dt.date(2025, 3, 8))
    assert result("timeliness", TEXT, letter_type=DS, dates=day_before).status == "met"
    # a letter dated two years before its clinic has a wrong date: not judged, never "sent within 7 days"
    wrong = Dates(clinic=dt.date(2017, 5, 1), letter=dt.date(2015, 5, 1))
    r = result("timeliness", TEXT, letter_type=CL, dates=wrong)
    assert (r.status, r.explanation) == (
        "not_applicable",
        "The letter is dated before the clinic (clinic 2017-05-01, letter 2015-05-01), so timeliness"
        " cannot be judged.",
    )


def test_timeliness_not_applicable_without_dates() -> None:
    r = result("timeliness", TEXT, letter_type=DS, dates=Dates(discharge=dt.date(2025, 3, 9)))
    assert (r.status, r.explanation) == (
        "not_applicable",
        "The letter date is not stated, so timeliness cannot be judged.",
    )
    both = Dates(clinic=dt.date(2025, 2, 10), letter=dt.date(2025, 2, 11))
    assert result("timeliness", TEXT, letter_type="other", dates=both).status == "not_applicable"
