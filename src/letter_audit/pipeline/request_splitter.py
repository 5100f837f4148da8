"""A small learned scorer of split points inside a request item: where the rules kept two requests as one.

Why: the rules split a request sentence at the joins they know (``request_split.py``) and join pieces back
(``request_clause_merge.py``); each new writer chains requests in ways the pattern has not seen, and hand
rules tuned on one writer's merges did not carry to the next. The split and keep-together conventions
(fixtures/README, "One item or two") turn on plain things that carry across writers: the word after the join
(a request verb, a condition, a report back, a participle), whether each side has its own verb, test, dose
or timeframe, whether a condition on the right reads what a test on the left finds, the join itself.

How it is used: after the rules (and the sentence classifier) have found the requests, each item's candidate
join points (" and ", ", and", ";", " + ", " / ", "plus", "as well as", "then", a dash, a comma) are scored
by a logistic regression over those features; an item is cut at its best point when that point's probability
reaches the threshold, and each part is cut again the same way. It only adds splits. The weights, the word
lists they were trained with and the threshold are data (``models/rules/request_splitter.json``, trained by
``scripts/train_request_splitter.py``); a threshold of 1 or more turns it off. Scoring is dictionary look-ups.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ModelError
from .request_classifier import _INTERVAL

# The candidate joins, longest first at each place (", and then" before ", and" before ",").
_JOIN = re.compile(
    r",?\s+and\s+then\s+|,?\s+and\s+also\s+|,?\s+and\s+|,\s*then\s+|\s+then\s+|\s*;\s*|\s+[+&]\s+|\s+/\s+"
    r"|,?\s+plus\s+|,?\s+as\s+well\s+as\s+|,?\s+(?:in\s+the\s+meantime|meanwhile)\s*,?\s+|\s+[-–—]\s+|,\s+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z'-]*|\d+(?:\.\d+)?|[<>≥≤]")
_DOSE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml|iu|%)(?![\w/])", re.IGNORECASE)
# words skipped to reach the first word that says what the right part asks ("please also refer ...")
_SKIP = frozenset("please pls kindly also then to could can you would".split())
_CONDITION = frozenset("if once when unless depending provided should whenever".split())
# how a step reads what the part before it found ("if it is above", "if so", "if not improving")
_RESULT = frozenset(
    "result results level levels above below over under > < ≥ ≤ raised high higher low lower normal abnormal "
    "rises rise falls fall improving improved improve settled settles settle so not it they persists persist "
    "remains remain stays stay target back still worse worsening deranged elevated positive negative".split()
)
_REPORT = frozenset(
    "let inform tell send email e-mail forward copy notify update ring phone report feed".split()
)
_BACK = frozenset("it them this these that dose same".split())
RULE_SUFFIXES = ("ing", "es", "ed", "s", "d")


class SplitterWeights(BaseModel):
    """The saved model: one weight per feature name, the word lists it was trained with, its threshold."""

    model_config = ConfigDict(extra="forbid")

    trained_on: str
    l2: float = Field(gt=0)
    threshold: float = Field(gt=0)
    """A split is made where the probability reaches this; 1 or more turns the splitter off."""
    chosen_by: str = ""
    """How the threshold was found (for the record)."""
    verbs: dict[str, str] = Field(default_factory=dict)
    """Request verb -> its kind (the rules' ``verb_categories``, as trained)."""
    tests: list[str] = Field(default_factory=list)
    weights: dict[str, float]


def load_weights(path: Path) -> SplitterWeights:
    try:
        return SplitterWeights.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: request splitter weights not found") from exc
    except (ValueError, ValidationError) as exc:
        raise ModelError(f"{path}: invalid request splitter weights: {str(exc).splitlines()[0]}") from exc


def join_points(item: str) -> list[tuple[int, int]]:
    """(start, end) of each candidate join in ``item`` with words on both sides."""
    out = []
    for m in _JOIN.finditer(item):
        if m.start() > 0 and item[m.end() :].strip() and _WORD.search(item, 0, m.start()):
            out.append((m.start(), m.end()))
    return out


def _kind(join: str) -> str:
    return " ".join(join.lower().replace(",", " , ").split()) or "space"


def _bucket(n: int) -> str:
    return "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


class _Words:
    """The word lists features are read with."""

    def __init__(self, verbs: dict[str, str], tests: list[str]) -> None:
        self.verbs = verbs
        self.tests = frozenset(tests)

    def verb(self, w: str) -> str | None:
        """The kind of ``w`` as a request verb, inflections aside ("checking", "refers")."""
        if w in self.verbs:
            return self.verbs[w]
        for suf in RULE_SUFFIXES:
            if w.endswith(suf) and len(w) > len(suf) + 2:
                stem = w[: -len(suf)]
                for cand in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                    if cand in self.verbs:
                        return self.verbs[cand]
        return None


def point_features(item: str, start: int, end: int, words: _Words) -> list[str]:
    """The features of the join ``item[start:end]`` (left part before it, right part after it)."""
    left, right = item[:start], item[end:]
    lw, rw = _WORD.findall(left.lower()), _WORD.findall(right.lower())
    kind = _kind(item[start:end])
    f = [f"j:{kind}", "bias"]
    content = next((w for w in rw if w not in _SKIP), "")
    r0 = rw[0] if rw else ""
    f.append(f"r1:{r0}")
    f.append(f"rc:{content}")
    f.append(f"j_rc:{kind}|{content}")
    if len(content) >= 6:
        f.append(f"rc4:{content[:4]}")
    rkind = words.verb(content) if content else None
    lkinds = [k for k in map(words.verb, lw) if k]
    if rkind:
        f.append(f"rv:{rkind}")
        f.append(f"j_rv:{kind}|{rkind}")
        if lkinds:
            f.append("both_verb")
            f.append(f"lv_rv:{lkinds[0]}|{rkind}")
    elif lkinds:
        f.append("left_verb_only")
    if not lkinds:
        f.append("left_no_verb")
    if content.endswith("ing") and len(content) > 5:
        f.append("r_ing")
        f.append(f"j_ing:{kind}")
    if "also" in rw[:3]:
        f.append("r_also")
    ltest = not words.tests.isdisjoint(lw)
    rtest = not words.tests.isdisjoint(rw)
    rtest_first = bool(content) and content in words.tests
    for name, on in (("l_test", ltest), ("r_test", rtest), ("r_test_first", rtest_first)):
        if on:
            f.append(name)
    ltime, rtime = _INTERVAL.search(left) is not None, _INTERVAL.search(right) is not None
    if ltime:
        f.append("l_time")
    if rtime:
        f.append("r_time")
    if ltime and rtime:
        f.append("both_time")
    ldose, rdose = _DOSE.search(left) is not None, _DOSE.search(right) is not None
    if rdose:
        f.append("r_dose")
        if ldose:
            f.append("both_dose")
    rcond_first = content in _CONDITION
    rcond = not _CONDITION.isdisjoint(rw)
    if rcond_first:
        f.append("r_cond_first")
    if rcond:
        f.append("r_cond")
    if not _CONDITION.isdisjoint(lw):
        f.append("l_cond")
    rresult = not _RESULT.isdisjoint(rw[:12])
    if rresult:
        f.append("r_result")
        if ltest:
            f.append("l_test_r_result")
        if rcond:
            f.append("r_cond_result")
            if ltest:
                f.append("l_test_r_cond_result")
    if ltest and rcond and not rtest:
        f.append("l_test_r_cond_no_test")
    if content in _REPORT:
        f.append("r_report_first")
    elif not _REPORT.isdisjoint(rw):
        f.append("r_report")
    if "us" in rw or "me" in rw:
        f.append("r_us")
    if not _BACK.isdisjoint(rw[:6]):
        f.append("r_back")
    if left.count("(") > left.count(")"):
        f.append("in_paren")
    f.append(f"ll:{_bucket(len(lw))}")
    f.append(f"rl:{_bucket(len(rw))}")
    return f


class RequestSplitter:
    """Scores join points and cuts request items where the rules kept two requests as one."""

    def __init__(self, weights: SplitterWeights, threshold: float | None = None) -> None:
        self.model = weights
        self.weights = weights.weights
        self.words = _Words(weights.verbs, weights.tests)
        self.threshold = weights.threshold if threshold is None else threshold

    @property
    def enabled(self) -> bool:
        return self.threshold < 1

    def probability(self, features: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def scores(self, item: str) -> list[tuple[float, int, int]]:
        """(probability, start, end) of each candidate join of ``item``."""
        return [
            (self.probability(point_features(item, a, b, self.words)), a, b) for a, b in join_points(item)
        ]

    def cuts(self, item: str) -> list[tuple[int, int]]:
        """The (start, end) of each part ``item`` is cut into at or above the threshold (the joins left out);
        ``[(0, len(item))]`` when it stays whole. The best point is cut first, then each part again."""
        if not self.enabled:
            return [(0, len(item))]
        return self._cut(item, 0, len(item), 0)

    def _cut(self, item: str, a: int, b: int, depth: int) -> list[tuple[int, int]]:
        part = item[a:b]
        # a part of one word is not a request
        points = [
            p
            for p in self.scores(part)
            if p[0] >= self.threshold
            and len(_WORD.findall(part[: p[1]].lower())) >= 2
            and len(_WORD.findall(part[p[2] :].lower())) >= 2
        ]
        if not points or depth >= 6:
            return [(a, b)]
        _, s, e = max(points)
        return self._cut(item, a, a + s, depth + 1) + self._cut(item, a + e, b, depth + 1)
