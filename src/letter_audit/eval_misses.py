"""Why a gold GP action went unmatched: a rough class per miss, so a recall gap can be read in aggregate.

A gold request the checker did not match is one of:

* ``merged``: most of its own words (those not in the gold request the found one was credited to) lie
  inside a found request credited to another gold request, so the checker saw it but did not split one
  sentence into two requests;
* ``bounds``: a found request shares a good part of its words but not enough to match (cut short, run on
  into the next sentence, or quoting a different clause of the same sentence);
* ``absent``: nothing found overlaps it, so the request was not seen at all.

The figures are counts over gold requests and tell which part of the request finder to work on without
reading the letters themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

MISS_KINDS = ("merged", "bounds", "absent")
MERGED_CONTAIN = 0.6
"""Share of the gold request's words inside a found request credited elsewhere for ``merged``."""
BOUNDS_CONTAIN = 0.3
"""Share of the gold request's words inside some found request for ``bounds``."""


def miss_kind(
    gold: set[str],
    preds: list[set[str]],
    credited: Mapping[int, set[str]],
) -> str:
    """The class of one unmatched gold request.

    ``preds`` holds the token sets of every found request; ``credited`` maps the index of each found
    request that matched to the token set of the gold request it matched. Words shared with that gold
    request do not count as evidence of a merge (two alike requests, one of them not found, are not a
    merge).
    """
    if not gold:
        return "absent"
    best_taken = 0.0
    best_any = 0.0
    for pi, p in enumerate(preds):
        share = len(gold & p) / len(gold)
        best_any = max(best_any, share)
        if pi in credited:
            own = gold - credited[pi]
            if own:
                best_taken = max(best_taken, len(own & p) / len(own))
    if best_taken >= MERGED_CONTAIN:
        return "merged"
    if best_any >= BOUNDS_CONTAIN:
        return "bounds"
    return "absent"


def miss_kinds(
    gold_texts: list[str],
    pred_texts: list[str],
    pairs: list[tuple[int, int]],
    tokens: Callable[[str], set[str]],
) -> dict[int, str]:
    """``{gold index: kind}`` for every gold request left out of ``pairs``."""
    matched_g = {gi for gi, _ in pairs}
    credited = {pi: tokens(gold_texts[gi]) for gi, pi in pairs}
    pred_tokens = [tokens(t) for t in pred_texts]
    return {
        gi: miss_kind(tokens(text), pred_tokens, credited)
        for gi, text in enumerate(gold_texts)
        if gi not in matched_g
    }


def count_kinds(kinds: Mapping[int, str]) -> dict[str, int]:
    """``{kind: n}`` with every kind present (0 when none)."""
    counts = dict.fromkeys(MISS_KINDS, 0)
    for kind in kinds.values():
        counts[kind] += 1
    return counts
