"""Triage: priority and reason for practice staff, and what the letter lacks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from checks.build import ev, report
from letter_audit.report import Dates, GpAction, MedicationChange
from letter_audit.triage import due_in_days

LETTER = dt.date(2025, 3, 10)


def gp(text: str, **fields: Any) -> GpAction:
    from letter_audit.report import Evidence

    fields.setdefault("category", "monitoring")
    return GpAction(text=text, evidence=Evidence(text=text, start=0, end=len(text)), **fields)


@pytest.mark.parametrize(
    ("timeframe", "days"),
    [
        ("in 1 week", 7),
        ("within two weeks", 14),
        ("in 3 months", 90),
        ("2/52", 14),
        ("6/12", 180),
        ("tomorrow", 1),
        ("urgently", 0),
        ("in 48 hours", 2),
        ("in a week's time", 7),
        ("at the next annual review", None),
        (None, None),
    ],
)
def test_due_in_days_from_timeframe(timeframe: str | None, days: int | None) -> None:
    assert due_in_days(gp("Please check U&E", timeframe=timeframe), LETTER) == days


def test_due_date_wins_over_timeframe() -> None:
    action = gp("Please check U&E", timeframe="in 1 week", due=dt.date(2025, 3, 13))
    assert due_in_days(action, LETTER) == 3
    assert due_in_days(action, None) == 7


def test_urgent_word_in_the_request_without_timeframe() -> None:
    assert due_in_days(gp("Please urgently check potassium"), LETTER, [r"\burgent(ly)?\b"]) == 0


def _triage(text: str, **findings: Any):  # type: ignore[no-untyped-def]
    rep = report(text, letter_type="discharge_summary", dates=Dates(letter=LETTER), **findings)
    return rep.triage


def _asked(text: str, category: str, timeframe: str | None = None) -> Any:
    """Findings maker: the whole (one-line) letter is one request of the practice."""
    request = text.strip()
    return lambda L: [GpAction(text=request, category=category, timeframe=timeframe, evidence=ev(L, request))]  # type: ignore[arg-type]


def test_urgent_for_an_action_within_a_week() -> None:
    text = "Please check U&E in 1 week as ramipril was increased.\n"
    t = _triage(
        text,
        gp_actions=_asked(text, "monitoring", "in 1 week"),
    )
    assert t.priority == "urgent"
    assert (
        t.reason
        == 'Practice action due within 7 days: "Please check U&E in 1 week as ramipril was increased".'
    )


def test_urgent_for_a_stopped_anticoagulant() -> None:
    text = "Warfarin stopped. Apixaban started.\n"
    t = _triage(
        text,
        medication_changes=lambda L: [
            MedicationChange(drug="warfarin", action="stop", evidence=ev(L, "Warfarin stopped.")),
            MedicationChange(drug="apixaban", action="start", evidence=ev(L, "Apixaban started.")),
        ],
    )
    assert (t.priority, t.reason) == ("urgent", "High-risk drug change to reconcile: warfarin stopped.")


def test_soon_for_medication_changes_or_an_action_within_a_month() -> None:
    text = "Bisoprolol started.\n"
    t = _triage(
        text,
        medication_changes=lambda L: [
            MedicationChange(drug="bisoprolol", action="start", evidence=ev(L, "Bisoprolol started."))
        ],
    )
    assert (t.priority, t.reason) == ("soon", "1 medication change to reconcile.")
    text = "Please review her in 2 weeks.\n"
    t = _triage(
        text,
        gp_actions=_asked(text, "review", "in 2 weeks"),
    )
    assert t.priority == "soon"


def test_routine_for_actions_without_a_near_date() -> None:
    text = "Please record heart failure on the register.\n"
    t = _triage(
        text,
        gp_actions=_asked(text, "other"),
    )
    assert (t.priority, t.reason) == ("routine", "1 action for the practice, none due within a month.")


def test_inappropriate_requests_alone_are_routine_not_urgent() -> None:
    text = "Please provide a fit note for 2 weeks.\n"
    t = _triage(
        text,
        gp_actions=_asked(text, "fit_note", "today"),
    )
    assert (t.priority, t.reason) == ("routine", "Only inappropriate request to reply to the trust about.")


def test_a_conditional_safety_net_does_not_make_the_letter_urgent() -> None:
    """'If he blacks out, arrange an urgent ECG' is due only if that happens: it is not work due today."""
    text = "If he becomes dizzy, please arrange an urgent ECG and contact us the same day.\n"
    request = text.strip()
    t = _triage(
        text,
        gp_actions=lambda L: [
            GpAction(text=request, category="monitoring", conditional=True, condition="if he becomes dizzy",
                     evidence=ev(L, request))
        ],
    )
    assert (t.priority, t.reason) == ("routine", "1 action for the practice, none due within a month.")
    t = _triage(text, gp_actions=_asked(text, "monitoring"))
    assert t.priority == "urgent"

def test_file_only_and_missing_labels() -> None:
    t = _triage("No GP action required.\n")
    assert (t.priority, t.reason) == ("file_only", "No actions or medication changes for the practice.")
    assert t.missing == [
        "diagnosis",
        "clinical summary",
        "allergies",
        "discharge or clinic date",
        "consultant or specialty",
        "author's role",
        "discharge medication list",
        "whether the practice needs to act",
        "follow-up owner",
        "contact point",
    ]


# -- "no reason given" follows the scorecard's changes-complete criterion -----------------------------
def _reconcile_lines(text: str, changes: list[tuple[str, str, str, str | None]], **kw: Any) -> list[str]:
    """The Reconcile lines for hand-made changes (drug, action, evidence snippet, dose_after)."""
    from letter_audit.render.text import render_triage

    rep = report(
        text,
        medication_changes=lambda L: [
            MedicationChange(drug=d, action=a, dose_after=dose, evidence=ev(L, snip))  # type: ignore[arg-type]
            for d, a, snip, dose in changes
        ],
        **kw,
    )
    lines = render_triage(rep)
    start = lines.index("Reconcile:") + 1
    return [line for line in lines[start:] if line.startswith("  - ")]


def test_a_reason_the_criterion_finds_beside_the_change_is_not_called_missing() -> None:
    text = "Her potassium was 6.1 so spironolactone 25 mg was stopped due to hyperkalaemia.\n"
    lines = _reconcile_lines(text, [("spironolactone", "stop", "spironolactone 25 mg was stopped", None)])
    assert lines == ["  - Stop spironolactone (reason: see letter)"]


def test_a_change_the_criterion_flags_for_its_reason_says_no_reason_given() -> None:
    lines = _reconcile_lines(
        "Spironolactone stopped.\n", [("spironolactone", "stop", "Spironolactone stopped", None)]
    )
    assert lines == ["  - Stop spironolactone (no reason given)"]


def test_a_change_flagged_only_for_its_dose_keeps_its_reason() -> None:
    text = "- Amlodipine started because of high blood pressure.\n- Bisoprolol stopped.\n"
    changes = [
        ("amlodipine", "start", "Amlodipine started", None),
        ("bisoprolol", "stop", "Bisoprolol stopped", None),
    ]
    assert _reconcile_lines(text, changes) == [
        "  - Start amlodipine (reason: see letter)",
        "  - Stop bisoprolol (no reason given)",
    ]


def test_past_the_gaps_the_explanation_lists_the_flag_still_counts() -> None:
    drugs = ["aspirin", "bisoprolol", "digoxin", "furosemide", "ramipril"]
    text = "".join(f"- {d.capitalize()} stopped.\n" for d in drugs)
    lines = _reconcile_lines(text, [(d, "stop", f"{d.capitalize()} stopped", None) for d in drugs])
    assert lines == [f"  - Stop {d} (no reason given)" for d in drugs]


def test_a_standard_without_the_criterion_leaves_extraction_s_word() -> None:
    from checks.build import STANDARD
    from letter_audit.triage import CHANGES_COMPLETE

    local = STANDARD.model_copy(
        update={"criteria": [c for c in STANDARD.criteria if c.id != CHANGES_COMPLETE]}
    )
    text = "Spironolactone was stopped due to hyperkalaemia.\n"
    lines = _reconcile_lines(
        text, [("spironolactone", "stop", "Spironolactone was stopped", None)], standard=local
    )
    assert lines == ["  - Stop spironolactone (no reason given)"]
