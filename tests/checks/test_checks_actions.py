"""Action criteria and the inappropriate-request rules."""

from __future__ import annotations

from typing import Any

import pytest

from letter_audit.report import GpAction

from .build import ev, report, result

CL = "clinic_letter"


def action(snippet: str, **fields: Any):  # type: ignore[no-untyped-def]
    return lambda letter: GpAction(text=snippet, evidence=ev(letter, snippet), **fields)


def actions(*makers):  # type: ignore[no-untyped-def]
    return lambda letter: [make(letter) for make in makers]


def test_timeframe_met() -> None:
    text = "Please check U&E in 1 week as ramipril was started.\n"
    r = result(
        "actions_timeframe",
        text,
        letter_type=CL,
        gp_actions=actions(
            action(
                "Please check U&E in 1 week as ramipril was started.",
                category="monitoring",
                timeframe="in 1 week",
            )
        ),
    )
    assert (r.status, r.explanation) == ("met", "The action for the practice says when it is due.")


def test_timeframe_not_met() -> None:
    text = "Please check his blood pressure.\n"
    r = result(
        "actions_timeframe",
        text,
        letter_type=CL,
        gp_actions=actions(action("Please check his blood pressure.", category="monitoring")),
    )
    assert r.status == "not_met"
    assert r.evidence[0].text == "Please check his blood pressure."


def test_timeframe_not_applicable_for_prescribing_or_conditional_requests() -> None:
    text = "Please add tamsulosin to his repeat.\nIf the rash returns, please stop it.\n"
    r = result(
        "actions_timeframe",
        text,
        letter_type=CL,
        gp_actions=actions(
            action("Please add tamsulosin to his repeat.", category="prescribing"),
            action("If the rash returns, please stop it.", category="other", conditional=True),
        ),
    )
    assert r.status == "not_applicable"


def test_appropriate_met_not_met_not_applicable() -> None:
    fair = "Please check U&E in 2 weeks because we started empagliflozin.\n"
    r = result(
        "actions_appropriate",
        fair,
        letter_type=CL,
        gp_actions=actions(action(fair.strip(), category="monitoring", timeframe="in 2 weeks")),
    )
    assert r.status == "met"
    dump = "Please refer him to physiotherapy.\n"
    r = result(
        "actions_appropriate",
        dump,
        letter_type=CL,
        gp_actions=actions(action(dump.strip(), category="referral")),
    )
    assert r.status == "not_met"
    assert r.explanation == (
        "1 request moves hospital work onto the practice: "
        '"Please refer him to physiotherapy" (onward referral).'
    )
    assert result("actions_appropriate", dump, letter_type=CL).status == "not_applicable"


def flags(text: str, request: str, category: str, **findings: Any) -> tuple[bool, str | None]:
    rep = report(text, letter_type=CL, gp_actions=actions(action(request, category=category)), **findings)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


@pytest.mark.parametrize(
    ("text", "asked", "category", "expected"),
    [
        # onward referral
        (
            "Please refer her to pulmonary rehabilitation.",
            "Please refer her to pulmonary rehabilitation.",
            "referral",
            (True, "onward_referral"),
        ),
        (
            "Please refer his father to the local stop smoking service.",
            "Please refer his father to the local stop smoking service.",
            "referral",
            (False, None),
        ),
        # fit note
        (
            "Please provide a fit note for 2 weeks.",
            "Please provide a fit note for 2 weeks.",
            "fit_note",
            (True, "fit_note"),
        ),
        # call and recall
        (
            "Please arrange an HbA1c in 3 months and send us the result.",
            "Please arrange an HbA1c in 3 months and send us the result.",
            "monitoring",
            (True, "call_and_recall"),
        ),
        (
            "Please arrange a repeat OGD in 8 weeks.",
            "Please arrange a repeat OGD in 8 weeks.",
            "other",
            (True, "call_and_recall"),
        ),
        (
            "Please chase the histology result.",
            "Please chase the histology result.",
            "results",
            (True, "call_and_recall"),
        ),
        # explained post-discharge monitoring is fair
        (
            "Please check U&E in 1 week as we have increased ramipril.",
            "Please check U&E in 1 week as we have increased ramipril.",
            "monitoring",
            (False, None),
        ),
        # re-referral: only after a missed appointment
        (
            "She did not attend. Please re-refer if needed.",
            "Please re-refer if needed.",
            "referral",
            (True, "dna_rereferral"),
        ),
        (
            "Discharged from clinic. Please re-refer if symptoms recur.",
            "Please re-refer if symptoms recur.",
            "referral",
            (False, None),
        ),
        # shared care
        (
            "Please take over prescribing of lithium.",
            "Please take over prescribing of lithium.",
            "prescribing",
            (True, "shared_care"),
        ),
        (
            "Please check lithium levels every 3 months.",
            "Please check lithium levels every 3 months.",
            "monitoring",
            (True, "shared_care"),
        ),
        (
            "You have signed the shared care agreement for methotrexate. "
            "Please take over prescribing of methotrexate.",
            "Please take over prescribing of methotrexate.",
            "prescribing",
            (False, None),
        ),
        (
            "There is no shared care agreement in place. Under the shared care protocol we will write again. "
            "Please prescribe methotrexate.",
            "Please prescribe methotrexate.",
            "prescribing",
            (True, "shared_care"),
        ),
        (
            "Please add tamsulosin to his repeat prescription.",
            "Please add tamsulosin to his repeat prescription.",
            "prescribing",
            (False, None),
        ),
    ],
)
def test_inappropriate_rules(text: str, asked: str, category: str, expected: tuple[bool, str | None]) -> None:
    assert flags(text + "\n", asked, category) == expected


def test_did_not_attend_from_findings() -> None:
    text = "Please re-refer if still needed.\n"
    assert flags(text, "Please re-refer if still needed.", "referral", did_not_attend=True) == (
        True,
        "dna_rereferral",
    )


def test_existing_flags_are_recomputed() -> None:
    """Extraction may pre-set a flag; judge decides afresh so the standard's settings apply."""
    text = "Please record heart failure on the register.\n"
    rep = report(
        text,
        letter_type=CL,
        gp_actions=actions(action(text.strip(), category="other", inappropriate=True, rule="fit_note")),
    )
    assert (rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule) == (False, None)


def test_actions_stated() -> None:
    text = "Please record heart failure on the register.\n"
    r = result(
        "actions_stated", text, letter_type=CL, gp_actions=actions(action(text.strip(), category="other"))
    )
    assert (r.status, r.explanation) == ("met", "1 action for the practice stated.")
    r = result("actions_stated", "No GP action required.\n", letter_type=CL, no_gp_action_stated=True)
    assert (r.status, r.explanation) == ("met", "The letter says no action is needed by the practice.")
    assert result("actions_stated", "Seen today.\n", letter_type=CL).status == "not_met"
    assert result("actions_stated", "Seen today.\n", letter_type="other").status == "not_applicable"


def test_post_discharge_bloods_setting() -> None:
    """Unsettled guidance is a setting: an LMC that wants post-discharge bloods pushed back can say so."""
    from letter_audit.standard import load_standard

    std = load_standard()
    strict = std.model_copy(
        update={
            "settings": std.settings.model_copy(
                update={
                    "requests": std.settings.requests.model_copy(update={"flag_post_discharge_bloods": True})
                }
            )
        }
    )
    text = "Please check U&E in 1 week as we have increased ramipril.\n"
    made = actions(action(text.strip(), category="monitoring", timeframe="in 1 week"))
    shipped = report(text, letter_type=CL, gp_actions=made)
    adapted = report(text, standard=strict, letter_type=CL, gp_actions=made)
    assert (shipped.gp_actions[0].inappropriate, shipped.gp_actions[0].rule) == (False, None)
    assert (adapted.gp_actions[0].inappropriate, adapted.gp_actions[0].rule) == (True, "call_and_recall")


def test_two_actions_are_counted_in_words() -> None:
    text = "Please check U&E in 1 week as ramipril was started.\nPlease check her BP in 2 weeks.\n"
    two = actions(
        action(
            "Please check U&E in 1 week as ramipril was started.",
            category="monitoring",
            timeframe="in 1 week",
        ),
        action("Please check her BP in 2 weeks.", category="monitoring", timeframe="in 2 weeks"),
    )
    r = result("actions_timeframe", text, letter_type=CL, gp_actions=two)
    assert (r.status, r.explanation) == ("met", "Both actions say when they are due.")
    r = result("actions_appropriate", text, letter_type=CL, gp_actions=two)
    assert (r.status, r.explanation) == ("met", "Both requests are fair requests of the practice.")


def test_by_count_names_one_two_or_many() -> None:
    from letter_audit.checks.context import by_count

    phrases = ("The one request is fair", "Both requests are fair", "All {n} requests are fair")
    assert [by_count(n, *phrases) for n in (1, 2, 3, 12)] == [
        "The one request is fair",
        "Both requests are fair",
        "All 3 requests are fair",
        "All 12 requests are fair",
    ]
