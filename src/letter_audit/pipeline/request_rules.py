"""What ``la_requests`` knows and the small pieces its finder is built from.

Why a module of its own: the rule model (validated on load from ``models/rules/requests.yaml``), the fixed
patterns that shape clauses, and the result record are shared by the finder (``request_finder.py``) and the
spaCy component (``requests.py``); keeping them apart keeps each file to one job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pydantic import BaseModel, ConfigDict, Field

from ..report import ActionCategory
from .ruledata import Cue, Pattern, compile_pattern
from .rxfilter import Gate, GateIndex, Haystack

_FLAGS = re.IGNORECASE
_compile = compile_pattern
_VERB_REACH = 60
_RUN_ON = re.compile(r"\b(?:and|so|but)\s+", re.IGNORECASE)
_THEN = re.compile(r",\s*then\b", re.IGNORECASE)
_THEN_JOIN = re.compile(r"\s*,\s+then\s+", re.IGNORECASE)
# ", and then": as ", then", except that a step with a condition of its own after it stands apart ("restart
# ramipril if creatinine settles, and then stop the amlodipine if BP allows")
_AND_THEN_JOIN = re.compile(r"\s*,\s+and\s+then\s+", re.IGNORECASE)
_TESTS = (
    r"FBC|U\s*&\s*Es?|LFTs?|TFTs?|bloods?|blood\s+tests?|INR|(?:lithium\s+)?levels?|HbA1c|BP|blood\s+pressure"
    r"|weight|ECG"
)
# A clause that is only a condition or a reason ("if low mood returns", "As your practice manages his
# warfarin", "If the neutrophils fall below 1.0, or she has recurrent infections") belongs to the request
# after it.
_BARE_CONDITION = re.compile(
    r"^\W*(?:if|unless|should|once|when|as|since|because|given(?:\s+that)?|now\s+that)\b(?:[^,;]|,\s*(?:or|and)\b)*$",
    re.IGNORECASE,
)
# a dose step told with an arrow and its drug ("↓ spiro to 100mg", "↑ bisoprolol 5 mg")
ARROW_STEP = r"[↑↓]\s*[A-Za-z][\w-]*\s+(?:to\s+)?\d"
# Where a condition inside a request ends: a comma, or the request resuming ("if the margins are
# involved we would need you to refer him back").
_CONDITION_END = re.compile(
    # (a comma before "or"/"and" goes on with the condition: "If candesartan is not tolerated, or has not
    # reduced her headache days ..., please refer her back")
    r";|,(?!\s*(?:or|and)\b)|\s+(?:please|GP\s+to|(?:we|I)\s+(?:would|will|should|'d)|could\s+you|would\s+you)\b"
    # "if above 5.5 stop the spironolactone": the drug step after the threshold is the request
    r"|(?<!\bto)\s+(?=(?:stop|start|restart|reduce|increase|withhold|hold|omit|switch|titrate|refer)\s+(?:the|his|her|it|them)\b)"
    # "if Na <128 ↓ spiro to 100mg": a dose step told with an arrow
    rf"|\s+(?={ARROW_STEP})"
    # "if QRISK3 remains above 10% offer atorvastatin 20 mg": the same after a threshold's number, the drug
    # named bare
    r"|(?<=[\d%])\s+(?=(?:stop|start|restart|reduce|increase|withhold|omit|switch|titrate|refer|offer|add)\s+"
    r"(?!(?:to|by|up|down|if|when|in|at|on|for|and|or)\b)[A-Za-z])",
    re.IGNORECASE,
)
# A request that opens with a verb alone ("Please discuss and provide contraception", "GP to review and adjust
# the dose") is one request with the verb after it.
_LONE_VERB = re.compile(
    r"\W*(?:(?:GP|practice)\s+to\s+)?(?:please\s+|pls\s+|kindly\s+)?(?:(?:could|would|can)\s+you\s+(?:please\s+)?)?"
    r"[A-Za-z/-]+\W*",
    re.IGNORECASE,
)
# A clause that is only a verb ("... and review", "; please review") finishes the request before it.
_BARE_VERB = re.compile(
    r"\W*(?:and\s+|then\s+)?(?:please\s+|pls\s+)?(?:review|check|monitor|action|advise|follow\s+up|r/v|f/u|refer|re-refer|arrange|provide|issue|organi[sz]e|sort|do)\W*",
    re.IGNORECASE,
)
# A clause that only points back ("; we would be grateful if you could provide this") belongs to the one
# before.
_POINTS_BACK = re.compile(
    r"^\W*(?:and\s+)?[^,;]{0,60}?\b(?:provide|do|arrange|action|organi[sz]e|issue|prescribe|sort|complete|extend|renew)\s+"
    # (with who or how long after it: "; please arrange this with the practice nurse", "; please could you
    # extend it for a further 6 weeks")
    r"(?:this|it|them|these|that)(?:\s+(?:with|for|at|by|via|through)\s+[^,;]{1,50}?)?"
    # (and a report back: "...; I would be grateful if the practice could arrange these and forward the
    # results")
    r"(?:,?\s+and\s+(?:please\s+)?(?:send|forward|pass|copy|e-?mail|let)\b[^,;]{0,60}?)?\W*$"
    # "...; in that case please let the endoscopy unit know": the step hangs on the clause before.
    r"|^\W*(?:and\s+)?in\s+(?:that|which|this|either)\s+case\b"
    # "...; happy for you to prescribe": leave to the practice what the clause before describes.
    r"|^\W*(?:(?:I\s+am|I'm|we\s+are|we're|I\s+would\s+be|we\s+would\s+be)\s+)?(?:happy|content|glad|fine)\s+for\s+"
    r"(?:you|the\s+(?:GP|practice|surgery)|your\s+team)\s+to\s+\w+(?:\s+(?:this|it|them|these|that))?\W*$"
    # "bendroflumethiazide - do not restart; pls remove from repeat": the repeat-list edit of the drug before,
    # named no drug of its own
    r"|^\W*(?:and\s+)?(?:please\s+|pls\s+)?(?:remove|delete|take|add|put)\s+(?:it\s+|them\s+)?(?:off|from|onto|on|to)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+)?repeats?(?:\s+(?:list|prescriptions?|medications?))?\W*$",
    re.IGNORECASE,
)
# A request whose object is a pronoun for what came before it ("- please could the practice organise this").
_DOES_THAT = re.compile(
    r"\b(?:provide|do|arrange|action|organi[sz]e|issue|prescribe|sort|complete|book|request)\s+(?:this|it|them|these|that)\b"
    # ("asthma review within 2 working days - practice to contact family to book": the contact is to book what
    # is named before it)
    r"|\b(?:contact|invite|call|ring|phone|text)\s+(?:the\s+)?(?:patient|family|parents?|carers?|him|her|them)\s+to\s+"
    r"(?:book|arrange)(?:\s+(?:this|it|an?\s+appointment))?\W*$",
    re.IGNORECASE,
)
# An explicit new ask opening a clause ("..., then yearly, and please see him ...").
_ASKS = re.compile(r"\W*(?:please|pls|kindly|(?:could|can|would)\s+you)\b", re.IGNORECASE)
# "...; results to be sent to the care coordinator": where the request's result goes, not a request.
_RESULTS_SENT = re.compile(
    r"^\W*(?:and\s+)?(?:the\s+|any\s+)?(?:results?|reports?)\s+(?:to\s+be\s+|should\s+be\s+)?"
    r"(?:sent|forwarded|copied|e-?mailed|passed)\s+(?:on\s+)?to\b"
    # "Repeat CXR; send report to resp clinic": the report back after a ";" (fixtures/README)
    r"|^\W*(?:and\s+)?(?:please\s+)?(?:send|forward|copy|e-?mail|fax)\s+(?:the\s+|a\s+|any\s+)?(?:copy\s+of\s+the\s+)?"
    r"(?:results?|reports?)\s+(?:on\s+)?to\b",
    re.IGNORECASE,
)
# A lead-in that opens a list of requests ("I would be grateful if you could:", "Please can the GP:",
# "Please:").
_BARE_PLEASE = re.compile(r"^\W*(?:(?:GP|practice)\W*)?(?:please|pls|kindly)\W*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


# (told in the past too: "Fit note: not issued - GP please")
_FIT_NOTE_WORK = re.compile(
    r"\b(?:(?:extend|renew|provide|issue|sign)(?:s|d|ed|ing)?|certif\w*)\b", re.IGNORECASE
)


def _as_fit_note(r: Request, text: str) -> Request:
    """A request under a fit-note heading ("Fit note: GP pls", "If he needs longer, GP to review and extend")
    is about the fit note unless its own words make it something else."""
    if r.category == "other" or (
        r.category in ("review", "prescribing") and _FIT_NOTE_WORK.search(text, r.start, r.end)
    ):
        return replace(r, category="fit_note")
    return r


def _lone_label(sent: str) -> bool:
    """A date, or one word with no number ("DVLA"): not a request under a GP heading unless it names a test
    ("ECG"); "U+E 1/52" is one."""
    words = len(_WORD.findall(sent))
    return words == 0 or (words == 1 and not any(c.isdigit() for c in sent))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NOTHING = re.compile(r"^\W*(?:no|nil|none|nothing|not)\b", re.IGNORECASE)
_NEGATION = re.compile(
    r"^\W*(?:no|nil|none|nothing|not|please\s+avoid|avoid|(?:please\s+)?do\s+not|don't|(?:I|we)\s+(?:have|had|did)\s+not)\b",
    re.IGNORECASE,
)
_DONT = re.compile(r"^\W*(?:please\s+)?(?:do\s+not|don't|avoid)\b", re.IGNORECASE)
# The end of a fronted reason before a request cue ("..., so please could the practice renew it"); and a
# dash before "please" ("Denosumab 60mg 6-monthly: next dose due 04/2027 - please administer it").
# ("Given the diagnosis she should be considered for a gastroscopy, and I would be grateful if you could refer
# her for this": the ask after ", and" is what the item asks for)
_FRONTED = re.compile(r"[,;:]\s*(?:(?:and\s+)?so|and|therefore|hence)?\s*$|\s[-–]\s*$", re.IGNORECASE)
_DASH_PLEASE = re.compile(r"\s[-–]\s*(?=(?:please|pls)\b)", re.IGNORECASE)
_GP_NAME_SLOT = "{gp}"
# Where a letter names the practice's doctor: "GP: Dr N Nakamura", "cc: Dr M Evans, Juniper Health Centre".
_GP_NAMED = re.compile(
    r"(?:\b(?i:GP|general\s+practitioner)\s*[:|]\s*|^\W*(?i:cc|copy(?:\s+to)?)\b\s*:?\s*)"
    r"(?:Dr|Doctor)\.?\s+(?:[A-Z]\.?\s+)*(?P<name>[A-Z][\w'-]+)"
    r"(?=[^\n]*\b(?i:surgery|practice|health\s+centre|medical\s+(?:centre|group|practice)|GP)\b|\s*$)",
    re.MULTILINE,
)


_NEVER = "(?!)"  # a pattern that matches nothing: the default of an optional rule


class CategoryCue(Cue):
    category: ActionCategory


class TableRules(BaseModel):
    """How a table row's header, owner and Y/N cells are read (``request_tables.py``)."""

    model_config = ConfigDict(extra="forbid")

    header_cell: Pattern = _NEVER
    """A cell of a header row ("Action", "Owner", "When", "For GP? (Y/N)"): a row of these is a header."""
    owner_column: Pattern = _NEVER
    """A header cell naming the owner column ("Owner", "Who", "By whom", "Action by")."""
    yes_no_column: Pattern = _NEVER
    """A header cell naming a yes/no column ("Y/N", "For GP?")."""
    gp_owner: Pattern = _NEVER
    """An owner cell naming the practice ("GP", "GP practice", "GP to refer", "Y")."""
    no_cell: Pattern = _NEVER
    """A yes/no cell saying no ("N", "No")."""
    owner_label: Pattern = _NEVER
    """An inline owner cell ("Owner: District nursing team"); group ``owner`` is who."""
    gp_column: Pattern = _NEVER
    """A header cell that asks whether the row is the practice's ("For GP? (Y/N)")."""
    cross_reference: Pattern = _NEVER
    """A cell pointing at another row ("Fit note (above)"): not a request of its own."""


class ResultLink(BaseModel):
    """A test and the words its result is read in ("U&E": creatinine, potassium, eGFR)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    tests: Pattern
    """How a clause names the test ("U&E", "renal function", "lying and standing BP")."""
    results: Pattern
    """How a condition names its result ("if creatinine is back to baseline", "if K goes above 5.5")."""


class ClassifierSetting(BaseModel):
    """Whether the sentence classifier (``request_classifier.py``) adds requests the cues missed."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    threshold: float = Field(default=0.7, gt=0, lt=1)
    model: str = "request_classifier.json"
    """File beside requests.yaml holding the weights."""
    vetoes: list[str] = Field(default_factory=list)
    """Ids of not_request cues that also stop the classifier adding a sentence."""


class SplitterSetting(BaseModel):
    """Whether the split-point scorer (``request_splitter.py``) cuts request items the rules kept whole.
    Its threshold is in the weights file (1 or more there also turns it off)."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = False
    model: str = "request_splitter.json"
    """File beside requests.yaml holding the weights."""


class RequestRules(BaseModel):
    """Everything ``la_requests`` knows, validated on load."""

    model_config = ConfigDict(extra="forbid")

    request_cues: list[Cue]
    section_rule_id: str
    gp_sections: list[str]
    not_request: list[Cue]
    # Fields added in round 3 have defaults, so a pipeline saved before them still loads.
    not_request_overridden_by: dict[str, list[str]] = Field(default_factory=dict)
    cue_categories: dict[str, ActionCategory] = Field(default_factory=dict)
    weak_not_request: list[str]
    hospital_owned: list[Cue]
    none_stated: list[Cue]
    action_verbs: list[str]
    join_verbs: list[str]
    report_verbs: list[str] = Field(default_factory=list)
    conditional_join_verbs: list[str]
    negated_clause: Pattern
    statement_clause: Pattern
    none_except: Pattern
    patient_salutation: Pattern
    addressed_to_practice: Pattern = _NEVER
    speaks_to_patient: Pattern = "."
    patient_own: Pattern = _NEVER
    patient_clause: Pattern = _NEVER
    gp_addressed_cues: list[str]
    caution_cues: list[str] = Field(default_factory=list)
    """Cues whose request is a caution ("please avoid prescribing X"): a negation does not drop them."""
    caution_not_in: list[str] = Field(default_factory=list)
    """Sections where a caution cue does not count (a medication list's entries)."""
    list_lead_in: Pattern = _NEVER
    """A line that opens a list of suggestions for the practice ("I would suggest:")."""
    list_step_test: Pattern = _NEVER
    """A suggestion-list item that opens with a test ("Coeliac serology if not already done")."""
    list_step_verbs: list[str] = Field(default_factory=list)
    """Verbs that open a step in such a list but split nothing elsewhere ("Ask about alcohol ...")."""
    passive_cues: list[str] = Field(default_factory=list)
    passive_not_in: list[str] = Field(default_factory=list)
    passive_label: Pattern = _NEVER
    routine_aftercare: Pattern = _NEVER
    vocative_gp: Pattern
    gp_note_line: Pattern = _NEVER
    fact_clause: Pattern = _NEVER
    verb_categories: dict[ActionCategory, list[str]]
    early_categories: list[str]
    categories: list[CategoryCue]
    timeframes: list[Cue]
    condition_cues: Pattern
    result_links: list[ResultLink] = Field(default_factory=list)
    """Tests and the results they measure: a report back whose condition names one is a results item ("let us
    know if K is above 5.5")."""
    classifier: ClassifierSetting = Field(default_factory=ClassifierSetting)
    splitter: SplitterSetting = Field(default_factory=SplitterSetting)
    tables: TableRules = Field(default_factory=TableRules)


_GATES: dict[re.Pattern[str], Gate] = {}  # patterns are compiled from the rules once; so are their gates
# The same gates by the pattern's id: hashing a compiled pattern hashes its whole code each time, an id
# is one integer. Each entry holds its pattern, so the id cannot be reused while the entry stands.
_GATES_BY_ID: dict[int, tuple[re.Pattern[str], Gate]] = {}


def _gate(rx: re.Pattern[str]) -> Gate:
    known = _GATES_BY_ID.get(id(rx))
    if known is not None and known[0] is rx:
        return known[1]
    gate = _GATES.get(rx)
    if gate is None:
        gate = _GATES[rx] = Gate(rx)
    _GATES_BY_ID[id(rx)] = (rx, gate)
    return gate


_INDEXES: dict[int, tuple[list[tuple[str, re.Pattern[str]]], GateIndex]] = {}
"""Gate indexes of the cue lists ``index_cues`` was given, by the list's id (each entry holds its list)."""
_WITH_GATES: dict[int, list[tuple[str, re.Pattern[str], Gate]]] = {}
"""The same lists' cues with their gates, so ``_first`` need not look each gate up on every call."""


def index_cues(cues: list[tuple[str, re.Pattern[str]]]) -> list[tuple[str, re.Pattern[str]]]:
    """Gives a cue list that ``_first`` scans often a ``GateIndex``, so ``_first`` tries only the cues
    whose gates may pass. The list must not change afterwards; returns it."""
    _INDEXES[id(cues)] = (cues, GateIndex([_gate(rx) for _, rx in cues]))
    _WITH_GATES[id(cues)] = [(rid, rx, _gate(rx)) for rid, rx in cues]
    return cues


def _first(
    cues: list[tuple[str, re.Pattern[str]]], text: str, hay: Haystack | None = None
) -> tuple[str, re.Match[str]] | None:
    """The earliest hit of any cue in ``text``. ``hay`` is ``text`` or a text holding it (a cue whose
    gate finds its words missing there cannot match ``text``). An indexed list is tried only at the
    cues its index names, in the list's order, so ties still go to the earlier cue."""
    hay = hay or Haystack(text)
    low = hay.low
    best: tuple[str, re.Match[str]] | None = None
    known = _INDEXES.get(id(cues))
    if known is not None and known[0] is cues:
        gated = _WITH_GATES[id(cues)]
        for i in known[1].candidates(low):
            rid, rx, gate = gated[i]
            if not gate.test(low):
                continue
            m = rx.search(text)
            if m and (best is None or m.start() < best[1].start()):
                best = (rid, m)
        return best
    for rid, rx in cues:
        if not _gate(rx).test(low):
            continue
        m = rx.search(text)
        if m and (best is None or m.start() < best[1].start()):
            best = (rid, m)
    return best


@dataclass(frozen=True)
class Request:
    start: int
    end: int
    rule: str
    category: str
    timeframe: str | None
    condition: str | None
