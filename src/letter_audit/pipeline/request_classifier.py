"""A small sentence classifier that proposes GP requests the hand-written cues missed.

Why: every new letter writer brings phrasings the request cues (``requests.yaml``) have not seen; rules tuned
on known writers find ~.98 of their requests but ~.86 of an unseen writer's. A logistic regression over
plain features (words, word pairs, the section heading, list shape, the opening word, mentions of the GP or
"you", and the lead-in line a list item sits under) generalises across writers better than one more cue.

Round 2 added what carries to unseen writers' terse lines: a test named with an interval ("FBC in 4 weeks",
"HbA1c 3/12"), an owner tag ("- GP", ", GP,"), 4-letter word stems (unseen inflections and drug names) and
where in the letter the unit sits (requests gather near the end); and a lower threshold under a GP, plan or
follow-up heading or none (``section_thresholds`` in the weights file).

How it is used: the rules run first; each sentence or list item that overlaps no rule request, does not end
in a colon (a lead-in, not a request) and is not ruled out by the rules' own "not the practice's job"
patterns (a patient told to see the GP, a "do not", hospital-owned work) is scored, and added as a request
when its probability reaches the threshold. The weights are data (``models/rules/request_classifier.json``,
trained by ``scripts/train_request_classifier.py``); scoring is dictionary look-ups, no numeric library.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ModelError
from .ruledata import compile_pattern

_WORD = re.compile(r"[a-z]+|&|\d+")
_LIST = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●◦‣])\s*")
_GP = re.compile(r"\b(?:gp|gps|practice|surgery|primary care|general practitioner)\b")
_YOU = re.compile(r"\b(?:you|your)\b")
_MODAL = re.compile(r"\b(?:please|could|would|should|can|grateful|appreciate|kindly|need|needs)\b")
_WE = re.compile(r"\b(?:we|i)\s+(?:will|have|shall|would like to)\b")
_NUMW = r"(?:\d{1,2}|one|two|three|four|five|six|eight|twelve|a few|a couple of)"
_UNIT = r"(?:days?|weeks?|wks?|months?|mths?|years?|yrs?)"
# "3/12", "2/52", "6 weeks", "in 4-6 weeks", "annually": when a telegraphic line wants its test done
_INTERVAL = re.compile(
    rf"\b\d{{1,2}}\s*/\s*(?:7|12|52)\b|\b{_NUMW}(?:\s*[-–]\s*\d{{1,2}})?\s*{_UNIT}\b"
    r"|\b(?:annual(?:ly)?|yearly|monthly|weekly|fortnightly)\b"
)
# "... - GP", "(GP)", "FBC 8 weeks GP.", ", GP,", "GP to ...", "GP: ..."
_OWNER = re.compile(r"(?:[-–—(:/,]\s*|\s)gp\)?\s*[.;]?\s*$|,\s*gp\s*,|\bgp\s+to\b|^gp\s*[:-]")
_CHECK_START = ("repeat ", "recheck ", "check ")
_STEM_MIN = 6  # words this long also give their first four letters
_CUE_PARTS = (("gp", _GP), ("you", _YOU), ("modal", _MODAL))
# Three cue features in one pass (for scoring; ``unit_features`` keeps them apart for reading).
_CUES = re.compile("|".join(f"(?P<{n}>{rx.pattern})" for n, rx in _CUE_PARTS))
_ZEROS = itertools.repeat(0.0)
RULE_ID = "req-classifier"
_MARGIN = 1e-6  # far above the rounding of a sum of a few dozen weights, far below any weight


class ClassifierWeights(BaseModel):
    """The saved model: one weight per feature name (features absent from the map weigh nothing)."""

    model_config = ConfigDict(extra="forbid")

    trained_on: str
    """Which letters the weights were fitted on (for the record)."""
    l2: float = Field(gt=0)
    weights: dict[str, float]
    tests: list[str] = Field(default_factory=list)
    """Words naming a test ("fbc", "hba1c"): with an interval they make a telegraphic request line."""
    section_thresholds: dict[str, float] = Field(default_factory=dict)
    """Section id ("" for none) -> the threshold there, instead of the setting's (chosen with the weights)."""
    place_veto: str = ""
    """A pattern for units the hospital does where it says ("U&E in 1 week on the ward"): never proposed."""

    @field_validator("place_veto")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        if pattern:
            compile_pattern(pattern)  # a bad pattern is a validation error (load_weights names the file)
        return pattern


def _position(start: int, length: int) -> str:
    """Which fifth of the letter a unit starts in: requests gather near the end, after the story."""
    return f"pos:{min(4, 5 * start // max(1, length))}"


def _terse(body: str, words: list[str], tests: frozenset[str]) -> list[str]:
    """Telegraphic-line features of a unit's lower-cased body (list mark removed) and its words."""
    out: list[str] = []
    has_test = not tests.isdisjoint(words)
    first = (has_test and words[0] in tests) or body.startswith(_CHECK_START)
    interval = (has_test or first) and _INTERVAL.search(body) is not None  # the regex only when it counts
    if interval and has_test:
        out.append("tel:test_interval")
    if first:
        out.append("tel:test_first")
        if interval:
            out.append("tel:test_first_interval")
    if "gp" in body and _OWNER.search(body):
        out.append("tel:owner")
    return out


def unit_features(
    unit: str, section: str, tests: frozenset[str] | None = None, position: str | None = None
) -> list[str]:
    """The features of one sentence or list item under the section with id ``section`` ("" for none).

    With ``tests`` (the weights' test words) the telegraphic and word-stem features are added, and
    ``position`` (``_position``) when given: a model trained without them has no weight for them."""
    low = " ".join(unit.lower().split())
    body = _LIST.sub("", low)
    words = _WORD.findall(body)
    f = [f"w:{w}" for w in set(words)]
    f += [f"b:{a}_{b}" for a, b in set(zip(words, words[1:], strict=False))]
    if tests is not None:
        f += [f"p4:{w[:4]}" for w in {w for w in words if len(w) >= _STEM_MIN}]
        f += _terse(body, words, tests)
    if position is not None:
        f.append(position)
    f.append(f"sec:{section or '-'}")
    f.append(f"first:{words[0] if words else '-'}")
    if len(words) > 1:
        f.append(f"first2:{words[0]}_{words[1]}")
    if _LIST.match(low):
        f.append("shape:list")
    if low.endswith(":"):
        f.append("shape:colon_end")
    if _GP.search(body):
        f.append("gp")
    if _YOU.search(body):
        f.append("you")
    if _MODAL.search(body):
        f.append("modal")
    if _WE.search(body):
        f.append("we_will")
    n = len(words)
    f.append("len:" + ("1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"))
    f.append("bias")
    return f


def letter_features(
    units: list[str],
    sections: list[str],
    tests: frozenset[str] | None = None,
    starts: list[int] | None = None,
    length: int = 0,
) -> list[list[str]]:
    """Features of a letter's units in order, with context: whether the unit before ended in a colon, and
    for a list item under a short lead-in line ("Please can the GP:", "GP pls:") the lead-in's words.
    ``starts`` (each unit's offset) and ``length`` (the letter's) give the position features."""
    out: list[list[str]] = []
    lead: list[str] | None = None
    for i, (unit, section) in enumerate(zip(units, sections, strict=True)):
        position = _position(starts[i], length) if starts is not None else None
        f = unit_features(unit, section, tests, position)
        low = " ".join(unit.lower().split())
        is_item = bool(_LIST.match(low))
        if i and units[i - 1].rstrip().endswith(":"):
            f.append("prev:colon")
        if is_item and lead is not None:
            f.append("leadin")
            f += [f"lw:{w}" for w in lead]
        if not is_item:
            body = _WORD.findall(low)
            lead = sorted(set(body)) if low.endswith(":") and len(body) <= 8 else None
        out.append(f)
    return out


def load_weights(path: Path) -> ClassifierWeights:
    try:
        return ClassifierWeights.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: request classifier weights not found") from exc
    except (ValueError, ValidationError) as exc:
        raise ModelError(f"{path}: invalid request classifier weights: {str(exc).splitlines()[0]}") from exc


class _WordScores(dict[str, float]):
    """A word's weight plus its stem's (``p4:``, for words of ``_STEM_MIN`` letters or more), looked up
    once per distinct word and kept: one dictionary look-up per word when scoring. The cache is bounded;
    past the bound a word is scored without being kept (same value)."""

    _LIMIT = 200_000

    def __init__(self, word: dict[str, float], stem: dict[str, float]) -> None:
        super().__init__()
        self.word = word
        self.stem = stem

    def __missing__(self, w: str) -> float:
        v = self.word.get(w, 0.0)
        if self.stem and len(w) >= _STEM_MIN:
            v += self.stem.get(w[:4], 0.0)
        if len(self) < self._LIMIT:
            self[w] = v
        return v


class RequestClassifier:
    """Scores units and proposes the ones the rules missed.

    Scoring does not build the feature strings of ``letter_features`` (most of the time on a letter): word
    and word-pair weights are looked up by the words themselves, the rest by name. The sum is the same
    (``test_request_classifier`` checks it against ``letter_features``).
    """

    def __init__(self, weights: ClassifierWeights, threshold: float, vetoes: list[str]) -> None:
        self.model = weights
        self.weights = weights.weights
        self.threshold = threshold
        self.vetoes = [compile_pattern(p) for p in vetoes]
        if weights.place_veto:
            self.vetoes.append(compile_pattern(weights.place_veto))
        self.word: dict[str, float] = {}
        self.pair: dict[tuple[str, str], float] = {}
        self.lead: dict[str, float] = {}
        for name, w in weights.weights.items():
            kind, _, rest = name.partition(":")
            if kind == "w":
                self.word[rest] = w
            elif kind == "b" and "_" in rest:
                a, _, b = rest.partition("_")
                self.pair[(a, b)] = w
            elif kind == "lw":
                self.lead[rest] = w
        # A logit at the threshold: comparing sums skips the exponential.
        self.cut = math.log(threshold / (1 - threshold))
        # For an upper bound on a unit's logit before its word pairs and cue words are looked at: the
        # largest positive weight of a pair starting with each word (a unit's distinct pairs each start
        # at one of its words), and the most the cue features can add.
        self.pair_top: dict[str, float] = {}
        for (a, _), w in self.pair.items():
            if w > self.pair_top.get(a, 0.0):
                self.pair_top[a] = w
        get = weights.weights.get
        self.cue_top = sum(max(0.0, get(name, 0.0)) for name in _CUES.groupindex) + max(
            0.0, get("we_will", 0.0)
        )
        # Round-2 features, only for weights trained with them (older weights score as before).
        self.tests = frozenset(weights.tests) if weights.tests else None
        self.has_position = any(n.startswith("pos:") for n in weights.weights)
        self.stem = {n[3:]: w for n, w in weights.weights.items() if n.startswith("p4:")}
        self.word_score = _WordScores(self.word, self.stem if self.tests is not None else {})
        # the most the telegraphic features can add: the test ones need a test word (or a "repeat"/"check"
        # start), the owner tag the word "gp"
        self.test_top = sum(
            max(0.0, get(n, 0.0)) for n in ("tel:test_interval", "tel:test_first", "tel:test_first_interval")
        )
        self.owner_top = max(0.0, get("tel:owner", 0.0))
        self.section_cut = {
            sec: math.log(t / (1 - t)) for sec, t in weights.section_thresholds.items() if 0 < t < 1
        }

    def probability(self, features: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def logit(
        self,
        unit: str,
        section: str,
        prev_colon: bool,
        lead: list[str] | None,
        floor: float | None = None,
        position: str | None = None,
    ) -> float:
        """The sum of the weights of ``letter_features`` for one unit, given its context.

        With ``floor``, a unit whose logit certainly falls below it gets an upper bound below ``floor``
        instead (its word pairs and cue words are not looked at): most units are far below the
        threshold, and the caller only compares the result with it. The bound counts each word's best
        pair weight and every positive cue weight; a margin covers rounding, so a unit the exact sum
        would accept is never cut. The exact sum adds its terms in the same order either way. ``position``
        is the unit's ``_position`` (used only by weights trained with it)."""
        get = self.weights.get
        low = " ".join(unit.lower().split())
        mark = _LIST.match(low)
        body = low[mark.end() :] if mark else low
        words = _WORD.findall(body)
        wset = set(words)
        z_words = sum(map(self.word_score.__getitem__, wset))
        z_context = get(f"sec:{section or '-'}", 0.0) + get(f"first:{words[0] if words else '-'}", 0.0)
        z_first2 = get(f"first2:{words[0]}_{words[1]}", 0.0) if len(words) > 1 else 0.0
        z_shape = (
            get("shape:list", 0.0) if mark else 0.0,
            get("shape:colon_end", 0.0) if low.endswith(":") else 0.0,
        )
        n = len(words)
        z_len = get("len:" + ("1-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"), 0.0)
        z_prev = get("prev:colon", 0.0) if prev_colon else 0.0
        z_lead = (
            get("leadin", 0.0) + sum(self.lead.get(w, 0.0) for w in lead)
            if mark and lead is not None
            else 0.0
        )
        bias = get("bias", 0.0)
        if position is not None:
            z_context += get(position, 0.0)
        if floor is not None:
            top = sum(map(self.pair_top.get, words[:-1], _ZEROS)) + self.cue_top
            if self.tests is not None:
                if not self.tests.isdisjoint(wset) or body.startswith(_CHECK_START):
                    top += self.test_top
                if "gp" in wset:
                    top += self.owner_top
            bound = z_words + top + z_context + bias + z_first2 + sum(z_shape) + z_len + z_prev + z_lead
            if bound + _MARGIN < floor:
                return bound
        z = z_words
        z += sum(map(self.pair.get, set(zip(words, words[1:], strict=False)), _ZEROS))
        z += z_context
        z += bias
        if len(words) > 1:
            z += z_first2
        if mark:
            z += z_shape[0]
        if low.endswith(":"):
            z += z_shape[1]
        for name in {m.lastgroup for m in _CUES.finditer(body)}:
            z += get(name or "", 0.0)
        if _WE.search(body):  # apart: "I would like to" holds the modal "would" too
            z += get("we_will", 0.0)
        if self.tests is not None:
            z += sum(get(name, 0.0) for name in _terse(body, words, self.tests))
        z += z_len
        if prev_colon:
            z += z_prev
        if mark and lead is not None:
            z += z_lead
        return z

    def propose(
        self,
        text: str,
        units: list[tuple[int, int]],
        section_of: list[str],
        taken: list[tuple[int, int]],
    ) -> list[tuple[int, int]]:
        """(start, end) of each unit to add as a request: free of rule requests, not a lead-in, not vetoed,
        scored at or above the threshold. ``section_of`` gives each unit's section id ("" for none)."""
        out: list[tuple[int, int]] = []
        lead: list[str] | None = None
        prev_colon = False
        length = len(text)
        for (s, e), section in zip(units, section_of, strict=True):
            unit = text[s:e]
            stripped = unit.rstrip()
            colon = stripped.endswith(":")
            mark = _LIST.match(unit.lower())
            free = not colon and not any(a < e and s < b for a, b in taken)
            cut = self.section_cut.get(section, self.cut)
            position = _position(s, length) if self.has_position else None
            if free and self.logit(unit, section, prev_colon, lead, cut, position) >= cut:
                start = s + (mark.end() if mark else 0)
                body = text[start:e]
                if not any(rx.search(body) for rx in self.vetoes):
                    out.append((start, e))
            if not mark:
                low_words = _WORD.findall(unit.lower()) if colon else []
                lead = sorted(set(low_words)) if colon and len(low_words) <= 8 else None
            prev_colon = colon
        return out
