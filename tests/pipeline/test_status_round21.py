"""la_status round 21: fit note families from the round-21 blind plan sections (odd
ids only), each written here in other words, with look-alikes that must keep their status."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Fit = Callable[[str], "tuple[str, str] | None"]


@pytest.fixture(scope="module")
def fit_status(status_nlp, run) -> Fit:  # type: ignore[no-untyped-def]
    from tests.pipeline.status_text import fit

    return lambda text: fit(status_nlp, run, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # work given up long ago or for good, without the word "retired"
        ("He gave up work five years ago to care for his wife.", "not_needed"),
        ("She no longer works.", "not_needed"),
        ("He has not worked for many years.", "not_needed"),
        ("She left her job as a nurse on health grounds.", "not_needed"),
        ("He finished work two years ago because of ill health.", "not_needed"),
        # aircrew kept off flying, the work itself
        ("He is an airline pilot and must not fly until the aviation doctor clears him.", "missing"),
        ("Flight attendant - advised not to fly for six weeks after the DVT.", "missing"),
    ],
)
def test_fit_note_round21(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "not_status"),
    [
        # a recent stop is time off, not the end of work
        ("He stopped work last week because of the pain.", "not_needed"),
        ("She has not worked for 3 weeks since the operation.", "not_needed"),
        ("He left work early on Friday with chest pain.", "not_needed"),
        # a passenger told not to fly has no job to be off
        ("She should not fly for 4 weeks after the pneumothorax.", "missing"),
        # aircrew kept at work on the ground
        ("He is a pilot and cannot fly for 4 weeks but remains at work on ground duties.", "missing"),
    ],
)
def test_fit_note_round21_look_alikes(fit_status: Fit, text: str, not_status: str) -> None:
    got = fit_status(text)
    assert got is None or got[0] != not_status
