"""The shapes that decide whether a clause joins the one before it or stands as a request of its own.

Why a module of its own: ``request_clause_merge.py`` splits a sentence where ``request_split`` says and then
joins back the pieces that belong together (a report back, a participle saying how, a bare condition and its
step); these are the patterns that reading uses, kept apart so the reader stays short.
"""

from __future__ import annotations

import re

from .request_rules import _TESTS
from .request_split import _SERVICE

# "Please encourage her to keep walking and to continue her exercises": infinitives after the patient's "to"
# are the patient's steps, one request; after the practice's ("asked your GP to ... and to sign ...") each
# is asked.
_TO_STEP = re.compile(r"\W*to\s", re.IGNORECASE)
_PATIENT_TO = re.compile(
    # (not "ask them to", said of the practice: "I have written to your GP to ask them to ...; to arrange
    # ...")
    r"\b(?:her|him|them(?<!\bask\sthem)(?<!\basked\sthem)(?<!\basking\sthem)|the\s+patient|"
    r"(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[\w'-]+|the\s+family|parents?)\s+to\s",
    re.IGNORECASE,
)
# "see her in 2 weeks to check she is back to baseline and to consider whether she needs a preventer" (a
# comma before the first too: "review him in 3 months, to check ... and to see whether ..."): a
# second purpose after the first, what the visit or test is for, not a second ask (an infinitive after the
# ask itself, "asked your GP to take over ... and to sign ...", is one)
_PURPOSE_WORDS = (
    r"(?:check|see|make\s+sure|ensure|confirm|assess|consider|review|discuss|look\s+at|decide|think\s+about)"
)
_PURPOSE_TO = re.compile(
    rf"\b(?:see|review|r/v|check|re-?check|repeat|assess|re-?assess|examine)\b[^,;]{{1,80}}?,?\s+to\s+{_PURPOSE_WORDS}\b",
    re.IGNORECASE,
)
_PURPOSE_STEP = re.compile(
    rf"\W*(?:(?:and|&)\s+)?to\s+{_PURPOSE_WORDS}\s+(?:whether|if|how|that|her|his|their|the)\b", re.IGNORECASE
)
_WITH_JOIN = re.compile(r"\s*,\s+(?:(?:(?:together|along)\s+)?with|alongside|plus)\s+", re.IGNORECASE)
_MONITORING_HEAD = re.compile(
    r"\b(?:continue|carry\s+on\s+with|take\s+over|do|arrange)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:monitoring|bloods|blood\s+tests)\b",
    re.IGNORECASE,
)
_TIMED_FROM_STEP = re.compile(
    r"\b(?:\w+\s+(?:days?|weeks?|months?)\s+later|afterwards|after\s+(?:that|this|each\s+(?:dose\s+)?(?:change|increase)|"
    r"(?:re)?starting|the\s+(?:change|restart|increase|switch)))\b",
    re.I,
)
# "up-titrate ramipril to 5mg, check U&E 2 weeks after": a time from the step, said last, after a comma
_AFTER_LAST = re.compile(r"\b\w+\s+(?:days?|weeks?|months?)\s+after\W*$", re.I)
_OWN_FREQUENCY = re.compile(r"\b(?:every|weekly|fortnightly|monthly|\d+-(?:weekly|monthly))\b", re.I)
_ALSO_TO = re.compile(
    rf"\W*(?:also\s+)?to\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?{_SERVICE}(?:\s+(?:please|pls))?(?:\s*[,;.]|\W*$)",
    re.IGNORECASE,
)
_OWN_NEED = re.compile(
    r"\b(?:would\s+(?:also\s+)?benefit\s+from|(?:is|are)\s+(?:also\s+)?due\s+(?:a|an|his|her)\b)", re.I
)
_REPORT_OPENING = re.compile(
    r"\W*(?:please\s+|pls\s+)?(?:send|forward|e-?mail|let|tell|inform|report|copy|fax)\s+(?:us|me|the|them|him|her|it|any)\b",
    re.IGNORECASE,
)
# "r/v leg at 48 hrs and if spreading, refer back", "review at 2 weeks - if no benefit, reduce and stop": a
# condition opened inside the item, whose step comes after the comma
# (and "..., and, if Hb has risen" / ", continue iron": the split before the step left the condition behind)
_AND_IF_TAIL = re.compile(
    r"(?:(?<!,)\s+(?:and|[-–])\s+|\s+and\s*,\s*)(?:if|once|unless|should|provided)\b[^,;]*$", re.IGNORECASE
)
# "U&E + Mg 1/52", "Wt + U&E 1/52": a test after "+" that goes with the test before it
_PLUS = re.compile(r"\s+\+\s+")
_PLUS_TEST = re.compile(
    rf"\W*(?:{_TESTS}|LFTs?|TFTs?|lipids?|ferritin|CRP|PSA|Mg|magnesium|calcium)\b", re.IGNORECASE
)
_TEST_OPENING = re.compile(
    rf"\W*(?:(?:the|a|his|her)\s+)?(?:repeat\s+)?(?:{_TESTS}|lipids?|LFTs?|TFTs?)\b", re.IGNORECASE
)
_REVIEW_OPENING = re.compile(
    r"\W*(?:please\s+|pls\s+)?(?:r/v|review|reassess|re-assess)\b(?!\s+of\b)", re.IGNORECASE
)
# "..., and in the meantime start Adcal-D3", "alongside that stop her omeprazole": a step said to stand apart
# and "..., and also arrange a DEXA": "also" says a second request (not "also send us the result", a report
# back, nor "also to the HF team", a second reader of it)
_APART = re.compile(
    r"\W*(?:in\s+the\s+meantime|meanwhile|alongside\s+(?:that|this)|"
    r"also\s+(?!(?:send|forward|e-?mail|let|tell|inform|report|copy|to|with|if|when|once)\b))\b",
    re.IGNORECASE,
)
# "...; if Na falls below 130, stop mirtazapine and discuss with us": talking it over with the writer is a
# report back, and stays with the step
_DISCUSS_BACK = re.compile(
    r"\W*(?:please\s+|pls\s+)?(?:discuss|talk)\s+(?:it\s+|this\s+|them\s+|things\s+)?(?:over\s+)?with\s+"
    r"(?:us|me|our\s+team|the\s+team)\b",
    re.IGNORECASE,
)
_PLAIN_TEST_ASK = re.compile(
    r"\W*(?:please\s+|also\s+)*(?:do|get|obtain|record|document|carry\s+out|undertake)\s", re.IGNORECASE
)
_REFER_WORD = re.compile(r"\b(?:re-?)?refer", re.IGNORECASE)
# "Please arrange a DEXA scan and, depending on the result," / "start bone protection": an aside saying the
# step to come hangs on the result, left behind when the sentence was split before the step; the step joins
# it (and the two are then set apart from the test: request_clause_merge._steps_apart)
_FINDING_TAIL = re.compile(
    r"\b(?:depending\s+on|subject\s+to|according\s+to|based\s+on)\s+(?:the|this|that|its|his|her)\s+"
    r"(?:\w+\s+)?(?:results?|findings?|report|outcome)\W*$",
    re.IGNORECASE,
)
_IF_OPENING = re.compile(r"^\W*(?:if|unless|should)\b", re.IGNORECASE)
_DASH = re.compile(r"\s+[-–]\s+")
_OWNS_IT = re.compile(r"\W*(?:[\w-]+\s+){0,2}?(?:this|it|these|them|that|both)\b", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"\s+\(?\d{1,2}\)\s+")
# "... results to the HF nurses, who will ...", "send them to our renal team, who will decide": the team a
# result is sent to, named just before a relative clause (or the doctor: "send the results to Dr Varga, renal
# consultant, who will decide")
_TO_RECEIVER = re.compile(
    r"\b(?:results?|them|it|reports?|readings?)\s+(?:(?:straight|back|through)\s+)?to\s+"
    r"(?:the\s+|our\s+|his\s+|her\s+|(?-i:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)"
    r"(?:[\w-]+\s+){0,3}?[\w-]+\s*\(?[^()]{0,40}?\)?,?\s*$",
    re.IGNORECASE,
)


def _receiver_told(text: str, m: re.Match[str]) -> bool:
    """Whether a hospital-owned match is a relative clause about who a result goes to ("..., with results to
    the HF nurses, who will titrate the dose"): the request stays the practice's."""
    return "who" in m.group(0).lower() and _TO_RECEIVER.search(text, 0, m.start() + 1) is not None
