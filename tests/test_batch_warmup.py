"""Warming a batch parent before it forks: rule gates built once, common words kept for good,
and no result changed by either."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

import letter_audit.pipeline as pipeline_mod
from letter_audit import batch, batch_warmup
from letter_audit.pipeline import rxfilter
from letter_audit.pipeline.rxfilter import Gate, Haystack, Scanner, any_gate
from script_module import load_script


def test_build_pending_builds_gates_and_scanners_made_so_far() -> None:
    rx = re.compile(r"\bfit\s+note\b", re.IGNORECASE)
    gate, scanner = Gate(rx), Scanner(rx)
    either = any_gate([Gate(re.compile(r"\bsick\b", re.IGNORECASE)), gate])
    assert {gate, scanner, either} <= set(rxfilter._PENDING)
    assert rxfilter.build_pending() >= 3
    assert not rxfilter._PENDING
    # built: a gate rejects at once, a scanner finds starts on its first use
    assert gate.may_match(Haystack("No sick note needed")) is False
    assert either("no sick note needed") is True
    assert either("nothing here") is False
    assert scanner.starts("a fit note. fit note") == [2, 12]
    assert rxfilter.build_pending() == 0


def test_build_pending_used_only_leaves_unused_gates_to_build_themselves() -> None:
    used, unused = Gate(re.compile(r"\bsick\s+note\b", re.I)), Gate(re.compile(r"\bmed3\b", re.I))
    rxfilter.build_pending(used_only=True)  # whatever earlier tests left
    used.may_match(Haystack("a sick note"))  # one use: still says maybe
    assert rxfilter.build_pending(used_only=True) == 1
    assert used.may_match(Haystack("nothing")) is False
    assert unused in rxfilter._PENDING
    assert unused.may_match(Haystack("nothing")) is True  # not built: maybe


@pytest.fixture(scope="module")
def nlp() -> Any:
    return pipeline_mod.build_pipeline()


@pytest.fixture
def fresh_pipeline(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(pipeline_mod, "load_pipeline", lambda *a, **k: nlp)
    yield nlp


LETTER = batch_warmup.WARM_UP_LETTERS[0][1].replace("Warmup", "Other").encode("utf-8")


@pytest.mark.slow
def test_warm_up_changes_no_report_and_keeps_common_words(fresh_pipeline: Any) -> None:
    cold = batch.audit_bytes(LETTER, "a.txt")
    assert cold["letter_type"] == "discharge_summary"
    assert "tablets" not in fresh_pipeline.vocab.strings
    batch_warmup.warm_up(None, {".txt"})
    assert all(item._uses == 0 for item in rxfilter._PENDING)  # every gate the letters used is built
    assert "tablets" in fresh_pipeline.vocab.strings  # learnt outside the memory zone, so kept
    warm = batch.audit_bytes(LETTER, "a.txt")
    assert warm == cold
    # a word first met inside a letter's memory zone is dropped again afterwards
    batch.audit_bytes(b"Dear Dr Zyxwvut,\nThank you.\n", "b.txt")
    assert "Zyxwvut" not in fresh_pipeline.vocab.strings


def test_common_chunks_are_warmed_with_their_punctuation() -> None:
    import spacy

    chunks = batch_warmup.common_chunks()
    assert "daily." in chunks and not any(c.startswith("# ") for c in chunks)  # comments are no chunks
    blank = spacy.blank("en")
    strings = blank.vocab.strings
    # words that only the chunk list holds (with a colon after them), new to a blank vocabulary
    only_listed = [c[:-1] for c in chunks if c.endswith(":") and c[:-1].isalpha() and c[:-1] not in strings]
    assert len(only_listed) >= 50
    batch_warmup._warm_vocab(blank)
    # each chunk was tokenized outside any zone: its pieces stay in the vocabulary
    assert [w for w in only_listed if w not in strings] == []


def test_a_missing_chunk_list_only_costs_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("LETTER_AUDIT_MODELS", str(tmp_path))
    assert batch_warmup.common_chunks() == []


def test_the_chunk_list_keeps_shared_chunks_and_drops_numbers() -> None:
    mod = load_script("build_common_chunks")
    texts = [
        "Seen 12/03/2026. Ramipril stopped.",
        "Ramipril stopped. Tel 01632 960000",
        "Seen 12/03/2026 in clinic; Ramipril",
    ]
    assert mod.common_chunks(texts, 2) == ["Ramipril", "Seen", "stopped."]
