"""Round-15 request flags, from the families four unseen writers used, each worded unlike their letters
and each with its near miss: a removal that only times the request; a copy sent to a team named by its
initials; checks forwarded to the team on a specialist drug; the sentence after a request that speaks of
another listed drug."""

from __future__ import annotations

from .test_checks_round9 import flag_all, rule


def test_removal_that_only_times_the_request_is_no_recall() -> None:
    request = (
        "The port-site stitch needs taking out 5 days after catheter removal; please book this with"
        " the nurse."
    )
    assert rule(request + "\n", request, "other") is None


def test_removal_asked_for_is_still_the_hospitals() -> None:
    # Near miss: the removal is what the practice is asked to arrange.
    request = "Please arrange removal of the catheter in 2 weeks."
    assert rule(request + "\n", request, "other") == "call_and_recall"


def test_copy_to_a_team_named_by_initials_is_a_report_back() -> None:
    request = "ECG for QTc in 2 weeks and send a copy to the OPMHT"
    assert rule("Plan\n" + request + "\n", request, "monitoring") == "call_and_recall"


def test_checks_forwarded_on_a_specialist_drug_are_the_teams_recall() -> None:
    text = (
        "I have started azathioprine 50 mg daily. Please could you add the azathioprine to her repeat "
        "prescription. She will need an FBC weekly for 4 weeks on the new drug; I would be grateful if the "
        "practice could arrange these and forward the results to me.\n"
    )
    got = flag_all(
        text,
        [
            ("Please could you add the azathioprine to her repeat prescription", "prescribing"),
            (
                "She will need an FBC weekly for 4 weeks on the new drug; I would be grateful if the "
                "practice could arrange these and forward the results to me",
                "monitoring",
            ),
        ],
    )
    assert got == ["shared_care", "call_and_recall"]


def test_agreement_named_after_another_drug_is_that_drugs() -> None:
    text = (
        "Requests\nPlease continue mirtazapine 30 mg on repeat when the ward supply ends. Please also take "
        "over the prescribing of lithium carbonate 400 mg at night; we will send the shared care agreement "
        "in due course.\n"
    )
    got = flag_all(
        text,
        [
            ("Please continue mirtazapine 30 mg on repeat when the ward supply ends", "prescribing"),
            ("Please also take over the prescribing of lithium carbonate 400 mg at night", "prescribing"),
        ],
    )
    assert got == [None, "shared_care"]
