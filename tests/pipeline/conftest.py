"""Shared fixtures for building small pipelines on ``spacy.blank("en")`` from the shipped rule files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter
from letter_audit.paths import models_dir
from letter_audit.pipeline import _register, annotate


def _blank_with(*names: str) -> Language:
    _register()
    nlp = spacy.blank("en")
    for name in names:
        comp = nlp.add_pipe(name)
        load = getattr(comp, "load_data", None)
        if load is not None:
            load(models_dir())
    return nlp


@pytest.fixture(scope="session")
def make_nlp() -> Callable[..., Language]:
    """Build a blank English pipeline holding just the named components, with shipped data."""
    return _blank_with


@pytest.fixture(scope="session")
def sections_nlp() -> Language:
    return _blank_with("la_sections")


def _run(nlp: Language, text_or_letter: str | Letter) -> Doc:
    letter = text_or_letter if isinstance(text_or_letter, Letter) else Letter.from_text(text_or_letter)
    return annotate(nlp, letter)


@pytest.fixture(scope="session")
def run() -> Callable[[Language, str | Letter], Doc]:
    """Annotate inline text (one paragraph block per line) or a Letter with a pipeline."""
    return _run


@pytest.fixture(scope="session")
def status_nlp(make_nlp: Callable[..., Language]) -> Language:
    """The pipeline the follow-up, fit-note and contact tests need: la_status reads sections and requests."""
    return make_nlp("la_sections", "la_requests", "la_status")


@pytest.fixture(scope="session")
def owner(
    status_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> Callable[[str], tuple[str, str]]:
    """Who follows up on inline text, as (owner, rule); ("unclear", "") when la_status found no plan."""

    def _owner(text: str) -> tuple[str, str]:
        fu = run(status_nlp, text)._.follow_up
        return (fu["owner"], fu["rule"]) if fu else ("unclear", "")

    return _owner


@pytest.fixture(scope="session")
def meta_nlp(make_nlp: Callable[..., Language]) -> Language:
    """la_meta alone: letter type, dates and people need no other component."""
    return make_nlp("la_meta")


@pytest.fixture(scope="session")
def letter_type(meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]) -> Callable[[str], str]:
    """The letter type la_meta gives inline text."""

    def typ(text: str) -> str:
        return str(run(meta_nlp, text)._.meta["letter_type"]["value"])

    return typ


@pytest.fixture(scope="session")
def meta_dates(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> Callable[[str], dict[str, dt.date]]:
    """The dates la_meta finds in inline text, as {field: date}."""

    def dates(text: str) -> dict[str, dt.date]:
        return {field: d["date"] for field, d in run(meta_nlp, text)._.meta["dates"].items()}

    return dates


@pytest.fixture(scope="session")
def meta_kind(
    meta_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> Callable[[str], tuple[str, str | None]]:
    """The letter type la_meta gives inline text, as (type, rule id)."""

    def kind(text: str) -> tuple[str, str | None]:
        lt = run(meta_nlp, text)._.meta["letter_type"]
        return lt["value"], lt["rule"]

    return kind


@pytest.fixture(scope="session")
def fit_status(
    status_nlp: Language, run: Callable[[Language, str | Letter], Doc]
) -> Callable[[str], tuple[str, str] | None]:
    """The fit-note status la_status finds in inline text, as (status, rule); None when it found none."""
    from tests.pipeline.status_text import fit

    return lambda text: fit(status_nlp, run, text)
