"""GateIndex: one regex pass naming the gates that may pass; it may only skip gates that would say no."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from letter_audit.pipeline import rxfilter
from letter_audit.pipeline.rxfilter import Gate, GateIndex, Haystack

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "letters" / "dev"
FLAGS = re.IGNORECASE


def _built(patterns: list[str]) -> tuple[list[Gate], GateIndex]:
    gates = [Gate(re.compile(p, FLAGS)) for p in patterns]
    for gate in gates:
        gate.build()
    index = GateIndex(gates)
    index.build()
    return gates, index


def test_only_gates_whose_words_are_there_are_candidates() -> None:
    gates, index = _built([r"\breview\b", r"\bclinic\s+letter\b", r"\bblood\s+tests?\b"])
    low = Haystack("Please REVIEW her in clinic.").low
    # "clinic" is the clinic gate's first clause, so it is a candidate though "letter" is missing.
    assert index.candidates(low) == [0, 1]
    assert [i for i, g in enumerate(gates) if g.test(low)] == [0]
    assert index.candidates(Haystack("Nothing to see.").low) == []


def test_a_literal_inside_a_longer_one_at_the_same_place_is_not_missed() -> None:
    # At "following" the pass reports the longest literal there; "follow" lies inside it.
    _, index = _built([r"\bfollow\b", r"\bfollowing\b", r"\bdiscuss"])
    assert index.candidates("the following week") == [0, 1]
    assert index.candidates("we will follow") == [0]


def test_a_gate_with_no_clause_is_always_a_candidate() -> None:
    _, index = _built([r"\d+", r"\bnurse\b"])
    assert index.candidates("call 0113") == [0]
    assert index.candidates("the nurse") == [0, 1]


def test_every_gate_is_a_candidate_until_built() -> None:
    gates = [Gate(re.compile(p, FLAGS)) for p in (r"\breview\b", r"\bnurse\b")]
    index = GateIndex(gates)
    assert index.candidates("nothing") == [0, 1]
    index._uses = rxfilter._WARM_USES - 1  # the next call builds it
    assert index.candidates("nothing") == []


@pytest.mark.slow
def test_request_cue_index_keeps_every_passing_gate_on_dev_lines() -> None:
    from letter_audit.paths import models_dir
    from letter_audit.pipeline.requests import RequestsComponent

    component = RequestsComponent(spacy.blank("en"), "la_requests")
    component.load_data(models_dir())
    finder = component.finder
    gates = [gate for gate, _ in finder.any_parts]
    for gate in gates:
        gate.build()
    finder.any_index.build()
    lines = [
        line
        for path in sorted(DEV.glob("*.txt"))[:120]
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    checked = hits = 0
    for line in lines:
        low = Haystack(line).low
        candidates = set(finder.any_index.candidates(low))
        passing = {i for i, gate in enumerate(gates) if gate.test(low)}
        assert passing <= candidates, line[:40]
        bare = any(search(line) is not None for _, search in finder.any_parts)
        assert finder._any_cue_in(line, Haystack(line)) is bare
        checked += 1
        hits += bare
    assert checked > 1000 and hits > 50


@pytest.mark.slow
def test_indexed_cue_lists_give_the_first_hit_of_the_bare_lists_on_dev_lines() -> None:
    from letter_audit.paths import models_dir
    from letter_audit.pipeline.request_rules import _INDEXES, _first
    from letter_audit.pipeline.requests import RequestsComponent

    component = RequestsComponent(spacy.blank("en"), "la_requests")
    component.load_data(models_dir())
    finder = component.finder
    lists = [finder.cues, finder.hospital, finder.weak_not_request]
    for cues in lists:
        _, index = _INDEXES[id(cues)]
        index.build()
    lines = [
        line
        for path in sorted(DEV.glob("*.txt"))[:120]
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    hits = 0
    for line in lines:
        for cues in lists:
            got = _first(cues, line)
            bare = _first(list(cues), line)  # a copy has no index: every cue is tried
            assert (got and (got[0], got[1].span())) == (bare and (bare[0], bare[1].span())), line[:40]
            hits += got is not None
    assert hits > 100


def test_an_indexed_list_and_its_copy_give_the_same_first_hit() -> None:
    import re

    from letter_audit.pipeline.request_rules import _WITH_GATES, _first, index_cues

    cues = index_cues(
        [
            ("gp-to", re.compile(r"\bGP\s+to\b", re.IGNORECASE)),
            ("please", re.compile(r"\bplease\s+(?:check|arrange)\b", re.IGNORECASE)),
            ("grateful", re.compile(r"\bgrateful\s+if\b", re.IGNORECASE)),
        ]
    )
    assert [rid for rid, _, _ in _WITH_GATES[id(cues)]] == ["gp-to", "please", "grateful"]
    lines = ["GP to check U&E; please arrange", "I would be grateful if you could", "nothing", "please check"]
    for _ in range(40):  # past the warm-up of the index and the gates
        for line in lines:
            got = _first(cues, line)
            bare = _first(list(cues), line)
            assert (got and (got[0], got[1].span())) == (bare and (bare[0], bare[1].span())), line
    assert _first(cues, "please arrange it; GP to do")[0] == "please"  # the earliest hit
    assert _first(cues, "GP to arrange; please check")[0] == "gp-to"
