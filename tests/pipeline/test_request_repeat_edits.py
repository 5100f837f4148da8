"""A repeat-list edit of two or more drugs in one sentence is one item (fixtures/README, round 18)."""

from __future__ import annotations

import pytest

from letter_audit.pipeline.request_repeat_edits import _REPEAT_LIST, join_repeat_edits


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("add apixaban to her repeat prescription", True),
        ("add it to Kaitlyn's repeat", True),
        ("Apixaban 5 mg BD onto repeat", True),
        ("please update repeats: Trelegy on", True),
        ("remove trimethoprim from her repeat template", True),
        ("please check her repeat FBC in 2 weeks", False),
        ("arrange a repeat echocardiogram", False),
        ("stop the aspirin", False),
    ],
)
def test_repeat_list_named(text: str, names: bool) -> None:
    assert (_REPEAT_LIST.search(text) is not None) == names


def _pieces(sent: str, *parts: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for part in parts:
        s = sent.index(part, at)
        spans.append((s, s + len(part)))
        at = s + len(part)
    return spans


def _texts(sent: str, spans: list[tuple[int, int]]) -> list[str]:
    return [sent[s:e] for s, e in spans]


def _every_step(_text: str) -> bool:
    return True


def test_two_drugs_on_the_repeat_list_join() -> None:
    sent = "Please add apixaban to his repeat and remove the aspirin"
    spans = _pieces(sent, "Please add apixaban to his repeat", "remove the aspirin")
    assert _texts(sent, join_repeat_edits(sent, spans, _every_step)) == [sent]


def test_a_run_of_three_joins_when_one_names_the_list() -> None:
    sent = "Please stop the clopidogrel at six months, continue aspirin lifelong, and keep the PPI on repeat"
    spans = _pieces(
        sent,
        "Please stop the clopidogrel at six months",
        "continue aspirin lifelong",
        "keep the PPI on repeat",
    )
    assert _texts(sent, join_repeat_edits(sent, spans, _every_step)) == [sent]


@pytest.mark.parametrize(
    ("sent", "parts"),
    [
        # no repeat list named: a switch told as two steps
        (
            "Please stop her omeprazole and start famotidine 20 mg",
            ("Please stop her omeprazole", "start famotidine 20 mg"),
        ),
        # the second part a dosed drug with no verb of its own
        (
            "GP to prescribe edoxaban 60 mg OD + bisoprolol 2.5 mg OD on repeat",
            ("GP to prescribe edoxaban 60 mg OD", "bisoprolol 2.5 mg OD on repeat"),
        ),
        # an ask of its own
        (
            "Please continue tamoxifen on repeat, and please remove norethisterone",
            ("Please continue tamoxifen on repeat", "please remove norethisterone"),
        ),
        # a conditional step
        (
            "Please add amlodipine to his repeat and if BP stays high add indapamide",
            ("Please add amlodipine to his repeat", "if BP stays high add indapamide"),
        ),
        # a semicolon
        (
            "Please take amitriptyline off repeat; update the repeat for omeprazole",
            ("Please take amitriptyline off repeat", "update the repeat for omeprazole"),
        ),
    ],
)
def test_look_alikes_stay_apart(sent: str, parts: tuple[str, ...]) -> None:
    spans = _pieces(sent, *parts)
    assert _texts(sent, join_repeat_edits(sent, spans, _every_step)) == list(parts)


def test_a_step_of_another_kind_breaks_the_run() -> None:
    sent = "Please add apixaban to his repeat and remove the clips at day 10"
    spans = _pieces(sent, "Please add apixaban to his repeat", "remove the clips at day 10")
    joined = join_repeat_edits(sent, spans, lambda t: "clips" not in t)
    assert _texts(sent, joined) == ["Please add apixaban to his repeat", "remove the clips at day 10"]
