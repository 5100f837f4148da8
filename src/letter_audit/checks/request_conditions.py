"""What a GP request waits on or is timed by: a threshold in its condition, a check asked before a
referral in its sentence, a test timed before a medicine step the hospital decides.

Split from ``requests``: these read the request's own clauses, the rules there decide what they mean.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import FLAGS, any_match

if TYPE_CHECKING:
    from .cues import Cues


# A condition clause of the request ("if LDL is still above 1.8"); not the "if" of a polite ask.
_IF_CLAUSE = re.compile(
    r"\b(if|should|unless)\b"
    r"(?! (you|the (practice|surgery|GP)|your (practice|surgery|team)) (could|would|can|might|will))[^.;\n]*",
    re.IGNORECASE,
)


# A check the practice is asked to make, before a referral in the same sentence ("recheck her TSH in 8
# weeks and refer to endocrinology if ..."), or a sentence that opens with the test ("Lipids at 3 months,
# refer to the lipid clinic if ..."); not an ask for the referral itself ("arrange a referral"). A decimal
# point ends no sentence ("repeat his FIB-4 every three years, and if it rises above 1.3, please re-refer").
_CHECK_THEN_REFER = re.compile(
    r"(\b(check|re-?check|repeat|measure|re-?measure|monitor|recalculate|re-?calculate|take|do|arrange|request"
    r"|organise)\b(?! (a |an |the )?([\w-]+ )?(referral|appointment|review)\b)|^\W*[\w&+/-]+( [\w&+/-]+)?"
    r"\s+(in|at|after)\s+\d)(?:[^.\n]|(?<=\d)\.(?=\d)){0,100}\brefer",
    re.IGNORECASE | re.MULTILINE,
)


# A test timed before a medicine step ("FBC and U&E at 3 months before stopping the apixaban").
_BEFORE_STEP = re.compile(
    r"\b(before|ahead of|prior to)\s+(stopping|starting|changing|reducing|increasing|switching|restarting"
    r"|continuing|extending|weaning)\b",
    re.IGNORECASE,
)
# The hospital says it takes that step ("the VTE clinic at 3 months will decide on stopping", "we will then
# decide whether to continue").
_TEAM_DECIDES = re.compile(
    r"\b(we|I|(the |our )?([\w&-]+ ){0,3}(clinic|team|service|consultant|nurses?|MDT|physicians?|doctors?))\b"
    r"[^.\n]{0,40}\b(will|shall|(is|are) going to)\s+(then\s+)?(decide|make (a|the) decision|review whether"
    r"|consider whether|determine)\b",
    re.IGNORECASE,
)


def _before_team_decision(text: str, before: str, after: str, cues: Cues) -> bool:
    """True when the request is a test timed before a medicine step that the sentence around it says the
    hospital decides ("also FBC/U&E at 3/12 before stopping apixaban" / "the VTE clinic at 3 months will
    decide on stopping"): the practice takes the bloods for the hospital's decision."""
    if not (any_match(cues.requests.bloods, text) or any_match(cues.requests.arrange_tests, text)):
        return False
    if _BEFORE_STEP.search(text) is None:
        return False
    return any(_TEAM_DECIDES.search(part) for part in (text, before, after))


def _check_before_referral(whole: str) -> bool:
    """True when the request's sentence asks for a check before the referral it holds."""
    return _CHECK_THEN_REFER.search(whole) is not None


# A line or sentence that is itself a check the practice is asked to make ("- Recheck sodium in 1 week",
# "Please repeat his PSA in 6 months."), not a referral or an ask for a result to come back.
_CHECK_LINE = re.compile(
    r"^\W*(?:(?:please|pls|GP\s+to|could\s+you)\s+)?(?:(?:check|re-?check|repeat|measure|re-?measure|monitor"
    r"|recalculate|re-?calculate)\b|[\w&+/-]+(?: [\w&+/-]+)?\s+(?:in|at|after)\s+\d)(?![^\n]*\b(?:refer"
    r"|re-?refer|send|forward|let\s+(?:us|me)\s+know)\b)",
    re.IGNORECASE,
)


def _check_on_line_before(before: str, text: str, cues: Cues) -> bool:
    """True when the line or sentence just before the request is a check the practice is asked to make of
    the same measurement the request's condition sets a threshold on ("- Recheck sodium in 1 week" then "-
    Refer to endocrinology if sodium is not above 130 by then"): a list puts the check and the referral
    on its result on lines of their own, where a sentence joins them."""
    if _CHECK_LINE.search(before) is None:
        return False
    checked = _test_kinds(before, cues)
    return any(_test_kinds(m.group(0), cues) & checked for m in _IF_CLAUSE.finditer(text))


def _test_kinds(text: str, cues: Cues) -> frozenset[int]:
    """The kinds of measurement ``text`` names (indexes into the ``test_kinds`` cues)."""
    kinds = enumerate(cues.requests.test_kinds)
    return frozenset(i for i, pattern in kinds if re.search(pattern, text, FLAGS))


def _threshold_condition(text: str, cues: Cues) -> bool:
    """True when a condition clause ("if", "should", "unless") of the request sets a threshold on a result
    ("if LDL is still above 1.8", "should the score be over 10", "if the count doubles")."""
    return any(any_match(cues.requests.result_threshold, m.group(0)) for m in _IF_CLAUSE.finditer(text))


# The hospital says it will go over a named test's result itself ("I will review him in 3 months with the
# culture results", "we will see her back with the DEXA report"): the test is the hospital's own.
_HOSPITAL_REVIEWS_RESULT = re.compile(
    r"\b(?:I|we)(?:\s+will|'ll)\s+(?:then\s+)?(?:review|see|discuss)\b[^.\n]{0,60}?\bwith\s+"
    r"(?:the|his|her|their|these|those)\s+((?:[\w&-]+\s+){1,3}?)(?:results?|findings|report)\b",
    re.IGNORECASE,
)
_NOT_A_TEST = frozenset({"blood", "test", "tests", "latest", "new", "repeat", "final", "full", "outstanding"})


def _tests_hospital_reviews(text: str) -> tuple[str, ...]:
    """The named tests whose results the letter says the hospital will review itself."""
    words = {
        w.lower()
        for m in _HOSPITAL_REVIEWS_RESULT.finditer(text)
        for w in m.group(1).split()
        if len(w) >= 3 and w.lower() not in _NOT_A_TEST
    }
    return tuple(sorted(words))


def _names_reviewed_test(text: str, tests: tuple[str, ...]) -> bool:
    """True when the request names one of ``tests`` (the hospital reviews its result)."""
    return any(re.search(r"\b" + re.escape(t), text, re.IGNORECASE) for t in tests)
