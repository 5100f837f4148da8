"""How the request finder cuts a letter into the units it reads, and the line shapes it checks first.

Why a module of its own: ``request_finder.py`` walks a letter's sentences; the patterns for the shapes of a
whole line or unit (a bare "Please arrange.", a heading addressed to the practice, a copy line, a table's
rows) live here so the walk stays short.
"""

from __future__ import annotations

import re

_BARE_ASK_SENTENCE = re.compile(
    r"^\W*(?:(?:GP|practice)\s+)?(?:please|pls|kindly)(?:\s+(?:arrange|action|organi[sz]e|do|request|book)"
    r"(?:\s+(?:this|it|these|them))?)?\W*$",
    re.IGNORECASE,
)
# A heading line addressed to the practice, with no colon ("For you, please", "GP to action", "Requests for
# the practice"); not "For your information"
_ADDRESS_LINE = re.compile(
    r"[ \t]*(?:for\s+(?:you|the\s+(?:GP|practice|surgery)|your\s+(?:action|attention))"
    r"|(?:GP|practice|surgery)\s+(?:to\s+(?:action|do)|actions?|requests?|tasks?)"
    r"|(?:requests?|actions?|tasks?)\s+for\s+(?:you|(?:the\s+)?(?:GP|practice|surgery)))"
    r"(?:\s*,?\s*please)?[ \t]*\n",
    re.IGNORECASE,
)
_TOPIC_DASH = re.compile(r"\W*\w[^\n]{0,60}?\s[-–:]\s")
_ASIDE = re.compile(r"\s*\([^()\n]*\)")
_KEEPS_PRESCRIBING = re.compile(r"\b(?:repeat|prescri\w*|suppl(?:y|ies)|issue)\b", re.IGNORECASE)


_DOSE_ITEM = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:mg|micrograms?|mcg|g|ml)\b[^.;\n]{0,30}?\b(?:daily|once|twice|three\s+times|four\s+times|"
    r"BD|OD|TDS|QDS|ON|nocte|at\s+night|weekly|alternate\s+days)\b",
    re.IGNORECASE,
)
_COPY_LINE = re.compile(r"(?im)^[ \t]*(?:cc|copy(?:\s+to)?|copies\s+to)\b[^\n]*(?:\n|$)")
_ASK_THEN_IF = re.compile(
    r"\b(?:please|pls|kindly|GP\s+to|could\s+you|would\s+you)\b[^.;]{3,}?\b(?:if|unless|once)\b[^.;]*$",
    re.IGNORECASE,
)


# A line of prose opening on an ask, after a table's last row
_PROSE_ASK = re.compile(
    r"[ \t]*(?:please|pls|kindly|could\s+you|would\s+you|can\s+you|(?:I|we)\s+would|GP\s+to)\b", re.IGNORECASE
)


def _rows_apart(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, with one that runs over several table rows cut at each row's end: a row is read on
    its own ("Smear: ceased - no action | - | -" then "Re-refer if any further bleeding | GP | If bleeds")."""
    out: list[tuple[int, int]] = []
    for s, e in units:
        if "|" not in text[s:e] or "\n" not in text[s:e]:
            out.append((s, e))
            continue
        a = s
        while a < e:
            nl = text.find("\n", a, e)
            b = e if nl < 0 else nl
            nxt = text.find("\n", b + 1, e) if b < e else -1
            following = text[b + 1 : e if nxt < 0 else nxt]
            if b < e and "|" in text[a:b] and ("|" in following or _PROSE_ASK.match(following)):
                # a row, and a row after it, or the ask that follows the table ("Amlodipine 10 mg OD | no
                # change | -" then "Please change his repeat prescriptions to match the table above"): apart
                out.append((a, b))
                a = b + 1
                continue
            if b >= e:
                out.append((a, e))
                break
            # not two rows: keep the rest of the sentence whole from here
            out.append((a, e))
            break
    return [(a, b) for a, b in out if text[a:b].strip()]


def prev_end_was_lead_in(opened_at: int, text: str, s: int) -> bool:
    """Whether only blank space lies between the lead-in line that ended at ``opened_at`` and ``s``."""
    return opened_at >= 0 and not text[opened_at:s].strip()


_YOU_HEADING = re.compile(r"\byou(?:r)?\b", re.IGNORECASE)
_GP_HEADING = re.compile(r"\b(?:GPs?|G\.P\.|Dr|doctors?|practice|surgery|primary\s+care)\b", re.IGNORECASE)


def heading_to_patient(text: str, section_of: dict[int, tuple[str, int, int]] | None, pos: int) -> bool:
    """Whether the heading of the section over ``pos`` says "you" and names no doctor or practice ("What we
    would like you to do"): in a letter to the patient, that "you" is the patient."""
    for start, (_, body, end) in (section_of or {}).items():
        if start <= pos < end:
            return (
                _YOU_HEADING.search(text, start, body) is not None
                and _GP_HEADING.search(text, start, body) is None
            )
    return False


# A heading line inside a GP section that turns to someone else: the patient or the family ("For parents",
# "Advice for the patient:", "Information for Mr and Mrs Ray"). What follows it, to the section's end, is
# theirs: "please" there speaks to them ("please give a copy to Leo's school"), not to the practice.
_OTHER_READER = re.compile(
    r"(?im)^[ \t]*(?:(?:information|advice|notes?|instructions?|plan|message|what\s+to\s+do)\s+)?"
    r"(?:for|to)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+)?(?:patient|parents?|family|carers?|relatives?|next\s+of\s+kin|"
    r"(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+(?:and\s+(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?[\w'-]+|mum(?:\s+and\s+dad)?|dad)"
    r"(?:\s+and\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:patient|parents?|family|carers?))?[ \t]*(?::|$)"
)


def other_reader_parts(
    text: str, section_of: dict[int, tuple[str, int, int]] | None, gp_sections: list[str]
) -> list[tuple[int, int, int]]:
    """(heading start, heading end, section end) for each heading inside a GP section that turns to the
    patient or the family (``_OTHER_READER``): from there to the section's end is not the practice's."""
    out: list[tuple[int, int, int]] = []
    for _, (label, body, end) in (section_of or {}).items():
        if label not in gp_sections or body < 0:
            continue
        m = _OTHER_READER.search(text, body, end)
        if m is not None:
            out.append((m.start(), m.end(), end))
    return out
