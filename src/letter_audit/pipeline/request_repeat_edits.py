"""An edit of the repeat list for two or more drugs in one sentence is one item.

Why a module of its own: the split pattern (``request_split.py``) cuts a sentence at every second drug step
("add apixaban to his repeat and remove warfarin", "Pls add Trimbow to repeats + stop Fostair"), because the
same cuts also set a repeat edit apart from a test, a referral, a review or a record entry joined to it. The
first, blind annotators kept a repeat-list edit of several drugs as ONE prescribing item (fixtures/README.md,
"One item or two" and "History"), so the pieces of such an edit are joined back here, after the split and
the merge have decided the items' bounds.

A run of drug steps is joined when the steps follow one another in the sentence joined by "and", "and to",
"&", "+", a spaced "/" or a comma, each step after the first opens with a drug verb of its own ("remove",
"take ... off", "keep", "continue", "prescribe", "add", ...) or is a terse "X off", no step is conditional,
and one of them names the repeat list. A step that opens with its own polite ask (", and please remove
norethisterone from her repeat list", "and also add ...") stands alone; a drug named with a dose and no verb
("hydroxycarbamide 500mg OD + aspirin 75mg OD on repeat") is a second dosed drug, not an edit, and stays
apart; so do steps with no repeat list named ("stop her omeprazole and start famotidine 20 mg").
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The repeat list named: "on her repeat prescription", "to his repeat", "onto repeat", "from repeats", "the
# repeat template", "update repeats", "Kaitlyn's repeat" (not a repeat test: "her repeat FBC", "on repeat
# testing")
_NOT_TEST = r"(?!\s+(?:(?-i:[A-Z])|bloods?\b|tests?\b|testing\b|scans?\b|samples?\b|levels?\b|x-?rays?\b))"
_REPEAT_LIST = re.compile(
    r"\brepeat\s+(?:prescriptions?|list|template|slip|medications?|meds)\b"
    rf"|\b(?:on|to|onto|from|off)\s+(?:(?:his|her|their|the|your|[A-Za-z][\w-]*'s)\s+)?repeats?\b{_NOT_TEST}"
    r"|\b(?:update|amend|change|switch)\s+(?:(?:his|her|their|the|your)\s+)?repeats?\b"
    rf"|\b(?:his|her|their|your|(?-i:[A-Z])[\w-]*'s)\s+repeats?\b{_NOT_TEST}",
    re.IGNORECASE,
)
# A step that edits a drug on the list, by its verb ("remove the MST", "and to take the Clenil off it", "keep
# finasteride on it", "prescribe Libre 2 sensors"), or a terse "Fostair and Spiriva off"
_DRUG_STEP = re.compile(
    r"\W*(?:to\s+)?(?:(?:add|put|remove|delete|take|keep|leave|continue|cont\.?|stop|start|restart|prescribe|"
    r"update|change|switch|amend|increase|reduce|decrease|replace|swap)\b"
    r"|(?:[A-Za-z][\w-]*\s+(?:(?:and|&)\s+)?){1,4}?(?:on|off)\W*$)",
    re.IGNORECASE,
)
# a step that opens with an ask of its own: a request that stands alone (fixtures/README)
_OWN_ASK = re.compile(r"\W*(?:please|pls|kindly|also|(?:could|would|can)\s+you)\b", re.IGNORECASE)
# a condition on a step ("if BP stays high", "should his K rise"), not a polite ask ("I would be grateful if
# you could", "if the practice could")
_CONDITION = re.compile(
    r"\b(?:if|unless|provided)\b(?!\s+(?:you|the\s+(?:practice|surgery|GP)|your\s+(?:practice|surgery|team))"
    r"\s+(?:could|would|can|might|will)\b)"
    r"|\bshould\s+(?:he|she|they|it|his|her|their|the)\b",
    re.IGNORECASE,
)
# The repeat list rewritten to what follows ("update her repeat prescription to Oestrogel 2 pumps daily and
# Utrogestan 200 mg on days 1-12"): every drug named after "to" is that one edit of the list, a second dosed
# drug with no verb of its own included (unlike "prescribe X 500mg OD + Y 75mg OD on repeat", a start of two)
_LIST_TO = re.compile(
    r"\b(?:update|amend|change|switch|alter)\s+(?:(?:his|her|their|the|your|[A-Za-z][\w-]*'s)\s+)?repeats?"
    r"(?:\s+(?:prescriptions?|list|template|medications?|meds))?\s+to\b",
    re.IGNORECASE,
)
# where a step's reason begins
_REASON = re.compile(r",\s*(?:so\s+that|as|because|since)\s|\s+so\s+that\s", re.IGNORECASE)
# the join between two steps: "and", "and to", "&", "+", a spaced "/", a comma, ", and" (not ";", a new line
# or a new sentence)
_JOIN = re.compile(r"\s*,?\s+(?:and|&)\s+(?:to\s+)?|\s+[+/]\s+|\s*,\s*", re.IGNORECASE)


def join_repeat_edits(
    sent: str, spans: list[tuple[int, int]], prescribing: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """``spans`` (the items of ``sent``, in order) with each run of drug steps that edits the repeat list
    joined into one item. ``prescribing`` says whether a piece of text is a prescribing request."""
    if len(spans) < 2 or "repeat" not in sent.lower():
        return spans  # nothing to join: every way of naming the list says "repeat" (and costs no reading)
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if len(run) > 1 and any(_REPEAT_LIST.search(sent, s, e) for s, e in run):
            out.append((run[0][0], run[-1][1]))
        else:
            out.extend(run)
        run.clear()

    for s, e in spans:
        text = sent[s:e]
        # (the step's own words decide, not its reason: "remove the ramipril from it, so that there is no
        # risk of both being issued")
        member = _CONDITION.search(text) is None and prescribing(_REASON.split(text, 1)[0])
        if (
            run
            and member
            and _JOIN.fullmatch(sent, run[-1][1], s) is not None
            and "\n" not in sent[run[-1][1] : s]
            and not sent[run[-1][0] : run[-1][1]].rstrip().endswith((".", ";", ":"))
            and (_DRUG_STEP.match(text) is not None or _LIST_TO.search(sent, run[0][0], run[-1][1]))
            and _OWN_ASK.match(text) is None
        ):
            run.append((s, e))
            continue
        flush()
        if member:
            run.append((s, e))
        else:
            out.append((s, e))
    flush()
    return out
