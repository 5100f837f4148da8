"""The words criteria look for (models/rules/criteria_cues.yaml), compiled once.

Patterns are regular expressions matched case-insensitively, with ``^``/``$`` at line ends. They are
data so a reviewer can read and extend them without touching the checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..errors import ModelError
from ..paths import models_dir
from ..standard import load_yaml_model, regex_compiles

if TYPE_CHECKING:
    from ..pipeline.rxfilter import Gate, Scanner

FLAGS = re.IGNORECASE | re.MULTILINE


Regex = Annotated[str, AfterValidator(regex_compiles(FLAGS))]
"""A pattern checked on load, so a mistake is reported with the line of that very item."""


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ContentCues(_Group):
    diagnoses: list[Regex]
    clinical_summary: list[Regex]
    allergies_stated: list[Regex]
    """A statement about allergies with content, including "no known allergies"."""
    allergies_blank: list[Regex]
    """An allergy line left blank or "not recorded": present but not stated."""
    discharge_date: list[Regex]
    clinic_date: list[Regex]
    author_role: list[Regex]
    """Role words for the person completing the record."""
    signature: list[Regex]
    """Where the person completing the record is named."""
    author_line: list[Regex] = Field(default_factory=list)
    """A labelled clinician line in a template ("Seen by:", "Discharging nurse:"): a role on that line
    is the role of the person completing the record, wherever the template puts it."""
    role_line: list[Regex] = Field(default_factory=list)
    """A labelled role line under a clinician line ("Designation: | Staff Nurse"): the role of the
    clinician named on the line above."""
    distribution: list[Regex] = Field(default_factory=list)
    """Where the letter's copies are listed ("Distribute to:", "cc:"): the people named below are
    its readers, not the person completing it."""
    medications_listed: list[Regex]
    admission_list: list[Regex]
    discharge_list: list[Regex]
    list_end: list[Regex]
    """Headings that close a medication list."""
    list_skip: list[Regex]
    """Lines in a medication list that are not drugs (column headers, "none")."""


class ImpliedIndication(_Group):
    """A drug class whose start the letter's own condition explains ("aspirin, ticagrelor and
    atorvastatin" after a STEMI): ``drugs`` is matched on the drug name, ``condition`` on the letter."""

    drugs: Regex
    condition: Regex


class MedicationCues(_Group):
    antibiotics: list[Regex]
    steroids: list[Regex]
    maintenance_steroid: list[Regex] = Field(default_factory=list)
    """Forms of a steroid that are not a course (inhaled, nasal, topical), matched on drug and dose."""
    duration: list[Regex]
    reason: list[Regex]
    dose: list[Regex]
    restart: list[Regex]
    self_evident_start: list[Regex] = Field(default_factory=list)
    """Drugs whose class is their indication when started (pain relief, laxatives, anti-sickness)."""
    infection_stated: list[Regex] = Field(default_factory=list)
    """The letter names an infection: an antibiotic started for it needs no reason of its own."""


class RequestCues(_Group):
    refer_onward: list[Regex]
    rerefer: list[Regex]
    did_not_attend: list[Regex]
    attended_after_all: list[Regex] = Field(default_factory=list)
    """A missed appointment followed by one the patient came to ("she missed the first but attended the
    rebooked one"): the letter is not a discharge after a did-not-attend."""
    fit_note: list[Regex]
    fit_note_ask: list[Regex]
    """Verbs asking for a note mentioned earlier in the sentence ("please could you provide one")."""
    fit_note_none: list[Regex] = Field(default_factory=list)
    """A fit-note line saying none is needed ("fit note: n/a, retired"): not a request."""
    not_asked: list[Regex] = Field(default_factory=list)
    """The line tells the practice it need not act ("we are not asking the practice to ...")."""
    as_before: list[Regex] = Field(default_factory=list)
    """The practice's own standing care carried on unchanged ("continue the lithium levels every 3 months as
    before", "the practice already does this"): nothing new is handed over."""
    prescribe_it: list[Regex] = Field(default_factory=list)
    """Taking on a drug by pronoun ("prescribe it"): the drug is looked for in the sentence before."""
    wound_care: list[Regex] = Field(default_factory=list)
    """Suture or clip removal and wound checks (flagged only under the ``flag_wound_care`` setting)."""
    rerefer_recall: list[Regex] = Field(default_factory=list)
    """A re-referral for the hospital's own surveillance or its own histology: call and recall."""
    result_threshold: list[Regex] = Field(default_factory=list)
    """A condition on what a test measures ("should his eGFR fall below 45"): a re-referral waiting on it
    is a safety net on the practice's own check, even after a missed appointment."""
    test_kinds: list[Regex] = Field(default_factory=list)
    """One pattern per kind of measurement (sodium, ECG/QTc, renal function ...): a check of the kind a
    medicine change was made for ("reduced given sodium 129") is that change's safety monitoring."""
    drug_removed: list[Regex] = Field(default_factory=list)
    """A request that takes a drug off ("please remove it", "stop his doxazosin"): nothing taken on."""
    drug_taken_on: list[Regex] = Field(default_factory=list)
    """Starting, adding or continuing a drug in the same request: something is taken on after all."""
    not_referred: list[Regex] = Field(default_factory=list)
    """The letter answers the practice without taking the patient on (an Advice and Guidance reply):
    a referral it suggests is the practice's own first referral, not an onward one."""
    outside_referral: list[Regex] = Field(default_factory=list)
    """The hospital leaves a problem because the referral did not ask about it ("it was not in the
    referral"): a referral it then asks for is handed back, whatever choice the patient has."""
    unrelated_need: list[Regex] = Field(default_factory=list)
    """The sentence says the need is outside the referred condition ("unrelated to his ears")."""
    raised_in_passing: list[Regex] = Field(default_factory=list)
    """A problem the patient or family raised in passing ("mum also mentioned her eczema"), read in the
    request's sentence and the one before: not the condition the hospital was asked about."""
    escalation: list[Regex] = Field(default_factory=list)
    """Asking for urgent contact only if the patient deteriorates: a safety net, not results passed back."""
    own_request: list[Regex] = Field(default_factory=list)
    """An item that opens with a request of its own ("recheck her HbA1c ... and send the result"), so
    it is not the results tail of the request before it."""
    condition: list[Regex] = Field(default_factory=list)
    """A request that waits on something ("if", "should", "once", "PRN"): a safety net, not a known need."""
    notify: list[Regex] = Field(default_factory=list)
    """Asking the practice only to tell the team something ("let the renal nurses know"): with a
    condition and no test asked for, a safety net on what the practice will see anyway."""
    test_asked: list[Regex] = Field(default_factory=list)
    """A verb that has the practice take, arrange or repeat a test: the request runs surveillance."""
    referral_cancelled: list[Regex] = Field(default_factory=list)
    """Cancelling, withdrawing or altering a referral is not making one."""
    referral_done: list[Regex] = Field(default_factory=list)
    """The hospital reports a referral it made itself: nothing is asked."""
    patient_choice: list[Regex] = Field(default_factory=list)
    """A condition that is the patient's own future choice ("if she plans another pregnancy")."""
    within_practice: list[Regex] = Field(default_factory=list)
    """A referral to the practice's own staff or clinics: the practice's own care, not onward."""
    not_patient_need: list[Regex] = Field(default_factory=list)
    """A referral for someone other than the patient (a carer's assessment): not an onward referral
    for the condition the hospital was asked about."""
    fit_note_extension: list[Regex] = Field(default_factory=list)
    """Asking the practice to extend or renew a note, or cover longer than the one issued."""
    fit_note_from_practice: list[Regex] = Field(default_factory=list)
    """The letter says the patient's current note is the practice's own ("her current fit note from you")."""
    fit_note_next: list[Regex] = Field(default_factory=list)
    """The note after the current one ("her next fit note", "when her current note expires")."""
    fit_note_paperwork: list[Regex] = Field(default_factory=list)
    """Paperwork asked of the practice without naming a fit note ("provide the certification")."""
    practice_tests: list[Regex] = Field(default_factory=list)
    """Tests a practice does in its own rooms (a resting ECG): with a drug-safety reason, its own check."""
    off_work: list[Regex] = Field(default_factory=list)
    """The patient is to be off work, said without naming a note ("she requires time off work")."""
    earlier_attendance: list[Regex] = Field(default_factory=list)
    """Something done at an earlier attendance ("at her ED visit"), not by the team writing now."""
    gp_judgement: list[Regex] = Field(default_factory=list)
    """A referral left to the practice's judgement ("if you feel it is appropriate", "you may wish to
    consider"): advice to a clinician who will assess the need, not a referral handed over."""
    recurring: list[Regex] = Field(default_factory=list)
    """A standing schedule, not a single check ("every 2 weeks", "monthly", "ongoing")."""
    specialist_only: list[Regex] = Field(default_factory=list)
    """The letter places the drug outside primary-care prescribing ("hospital-only", "red list")."""
    awaits_agreement: list[Regex] = Field(default_factory=list)
    """A take-over that waits for the practice to accept the agreement: the shared-care process itself."""
    shared_care_not_needed: list[Regex] = Field(default_factory=list)
    """The letter says the drug needs no shared-care agreement, or is one practices prescribe (green)."""
    results_back: list[Regex]
    """Asking the practice to send results or readings back to the hospital."""
    results_back_conditional: list[Regex]
    results_not_wanted: list[Regex] = Field(default_factory=list)
    """The letter says results need not come back ("no need to send the results to us")."""
    drug_effect: list[Regex] = Field(default_factory=list)
    """A sentence saying what a drug does ("darbepoetin can raise blood pressure"): before a check, with a
    drug this letter changed, it explains the check as that change's safety monitoring."""
    results_for_all: list[Regex] = Field(default_factory=list)
    """A report-back that covers every request before it ("forwarding both results to me")."""
    fit_note_given: list[Regex] = Field(default_factory=list)
    """The team says in the request's sentence that it issued a fit note itself."""
    wanted_for_decision: list[Regex] = Field(default_factory=list)
    """A result the hospital wants for its own next step ("we would want to know, as she may then need a
    capsule endoscopy"): its recall, even phrased as a threshold alert."""
    result_review: list[Regex] = Field(default_factory=list)
    """The practice sees the patient with a result: in an Advice and Guidance reply, its own care."""
    arrange_it: list[Regex] = Field(default_factory=list)
    """A request that only points back ("could the surgery arrange this?") to a need named before it."""
    owner_only: list[Regex] = Field(default_factory=list)
    """A request that is only its owner ("GP please"): its subject is the sentence before."""
    """Asking to hear back only if something is abnormal: fair when the monitoring is explained."""
    arrange_tests: list[Regex]
    bloods: list[Regex]
    monitoring: list[Regex]
    explained: list[Regex]
    prescribe: list[Regex]
    shared_care_agreed: list[Regex]
    shared_care_missing: list[Regex]


class CareCues(_Group):
    dna_rebooked: list[Regex]
    """The team offers another appointment after a missed one."""
    dna_seen_anyway: list[Regex]
    """The letter records a consultation, so a missed appointment it mentions is history."""
    dna_declined: list[Regex]
    """The team says it will not offer another appointment (outranks an offer in the same letter)."""
    dna_discharged: list[Regex]
    """The team discharges after a missed appointment or asks for a new referral."""


class TriageCues(_Group):
    urgent: list[Regex]


class Cues(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    content: ContentCues
    medication: MedicationCues
    requests: RequestCues
    care: CareCues = Field(
        default_factory=lambda: CareCues(
            dna_rebooked=[], dna_seen_anyway=[], dna_declined=[], dna_discharged=[]
        )
    )
    triage: TriageCues = Field(default_factory=lambda: TriageCues(urgent=[]))
    indications: list[ImpliedIndication] = Field(default_factory=list)
    """Drug classes started for a condition the letter names: the condition is the reason. (Pairs, so
    kept apart from the groups of plain pattern lists.)"""


def default_cues_path() -> Path:
    return models_dir() / "rules" / "criteria_cues.yaml"


@lru_cache(maxsize=4)
def load_cues(path: Path | None = None) -> Cues:
    """The shipped cues; a broken file is an LA300 error naming the line."""
    return load_yaml_model(
        path or default_cues_path(), Cues, missing=ModelError, syntax=ModelError, invalid=ModelError
    )


@lru_cache(maxsize=512)
def compiled(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of ``patterns`` (None for an empty list, which matches nothing)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


@lru_cache(maxsize=512)
def _gated(patterns: tuple[str, ...]) -> tuple[Scanner, Callable[[str], bool], tuple[Gate, ...]] | None:
    """The alternation with a literal test that rules it out cheaply (see pipeline/rxfilter.py), and
    each pattern's own gate."""
    from ..pipeline.rxfilter import Gate, Scanner, any_gate
    from ..pipeline.rxliterals import Source

    regex = compiled(patterns)
    if regex is None:
        return None
    gates = tuple(Gate(Source(p, FLAGS)) for p in patterns)
    return Scanner(regex), any_gate(list(gates)), gates


_LOWERED: dict[str, str] = {}
_KEPT: dict[tuple[Scanner, str], tuple[int, ...]] = {}
"""Which patterns of a list can match a text, for the texts of the letter being judged (keyed by the
list's scanner: hashing it is one integer, hashing the list's patterns is not)."""


def _lowered(text: str) -> str:
    """``text`` as gates test it, kept for the texts of the letter being judged."""
    low = _LOWERED.get(text)
    if low is None:
        from ..pipeline.rxfilter import Haystack

        if len(_LOWERED) >= 256:
            _LOWERED.clear()
        low = _LOWERED[text] = Haystack(text).low
    return low


def search(patterns: list[Regex], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """The first match of any pattern in ``text[pos:endpos]``. A match needs the literals the gate
    tests for somewhere in ``text``, so a text without them is not searched at all."""
    key = tuple(patterns)
    entry = _gated(key)
    if entry is None:
        return None
    scanner, test, gates = entry
    low = _lowered(text)
    # Which patterns may match, kept per list and text: about one search in eight asks again about a
    # text of the same letter (a whole letter's did-not-attend cues, from the request flags and the
    # care check), and the list-wide test costs most on a whole letter. An entry made while gates
    # still warm up may keep a pattern a built gate would drop: a "maybe" is never wrong.
    memo = (scanner, low)
    keep = _KEPT.get(memo)
    if keep is None:
        if len(_KEPT) >= 4096:
            _KEPT.clear()
        if not test(low):
            keep = ()
        elif len(gates) > 1:
            keep = tuple(i for i, gate in enumerate(gates) if gate.test(low))
        else:
            keep = (0,)
        _KEPT[memo] = keep
    if not keep:
        return None
    if len(keep) < len(gates):
        # Search with only the patterns whose literals the text holds: a shorter alternation tries
        # less at each place, and the same leftmost match wins (a dropped pattern cannot match).
        return _first_of(key, keep, text, low, pos, endpos)
    return scanner.search(text, scanner.starts(low), pos, endpos)


@lru_cache(maxsize=4096)
def _single(pattern: str) -> Scanner:
    """One pattern of a list, as it stands in the list's alternation, with its own scanner."""
    from ..pipeline.rxfilter import Scanner

    return Scanner(re.compile(f"(?:{pattern})", FLAGS))


def _first_of(
    key: tuple[str, ...], keep: tuple[int, ...], text: str, low: str, pos: int, endpos: int | None
) -> re.Match[str] | None:
    """What the alternation of the patterns at ``keep`` finds: the match starting first, and where
    several start at the same place, the one of the earliest pattern (as the alternation tries them
    in order). Searching pattern by pattern needs no new regex for each set of patterns a text keeps
    (a batch meets hundreds of sets); a later pattern is only tried before the best start so far."""
    end = len(text) if endpos is None else endpos
    best: re.Match[str] | None = None
    for i in keep:
        scanner = _single(key[i])
        limit = end + 1 if best is None else best.start()
        found = scanner.search_before(text, scanner.starts(low), pos, endpos, limit)
        if found is not None:
            best = found
    return best


def any_match(patterns: list[Regex], text: str) -> bool:
    return search(patterns, text) is not None


@lru_cache(maxsize=64)
def _rx_gate(rx: re.Pattern[str]) -> Gate:
    from ..pipeline.rxfilter import Gate

    return Gate(rx)


def gated_search(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``rx.search(text)``, not run on a text that lacks the literals every match needs (a module
    pattern searched over whole letters, which few of them can match)."""
    if not _rx_gate(rx).test(_lowered(text)):
        return None
    return rx.search(text)


def may_match(patterns: list[Regex], text: str) -> bool:
    """False when no pattern can match ``text`` nor any piece of it (a sentence), as a match needs
    literals the whole text lacks: a caller searching every sentence of a letter can skip them all.

    A piece's lowered form is that piece of the whole text's lowered form, except for a Greek capital
    sigma (lowered by its place in a word): a text holding one is always a maybe."""
    entry = _gated(tuple(patterns))
    if entry is None:
        return False
    if not text.isascii() and "\u03a3" in text:
        return True
    return entry[1](_lowered(text))
