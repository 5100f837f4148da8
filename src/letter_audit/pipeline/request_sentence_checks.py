"""What the request finder asks of a sentence or a letter before it reads any clause.

Why a module of its own: ``request_finder.py`` walks a letter's sentences and decides which speak to the
practice; along the way it asks the same few questions again and again (is the letter written to the
patient, which cues name its GP, does a line open a list of requests, does a list item open with a step,
does a not-request pattern rule a sentence out, may a sentence hold a cue at all). ``SentenceChecks`` is a
mixin holding those questions, with the compiled patterns ``RequestFinder`` builds declared here, so the
walk itself stays short.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .request_rules import (
    _BARE_PLEASE,
    _GP_NAME_SLOT,
    _GP_NAMED,
    _WORD,
    RequestRules,
    _compile,
    _first,
    _gate,
)
from .request_units import _ASIDE, _COPY_LINE, _DOSE_ITEM, _KEEPS_PRESCRIBING
from .ruledata import Cue
from .rxfilter import Gate, GateIndex, Haystack

_FIT_NOTE_WORDS = re.compile(
    r"\b(?:fit|sick|med\s*3|statement\s+of\s+fitness|off\s+work|work)\b|\bcertif", re.IGNORECASE
)

# a line that hands the list under it to the practice as advice ("... with the advice below:", "We would give
# the following recommendations as follows:")
_ADVICE_BELOW = re.compile(
    r"\b(?:with|give|gave|following)\s+(?:the\s+|our\s+)?(?:following\s+)?(?:advice|recommendations?|suggestions?)"
    r"\s+(?:below|as\s+follows)\s*:\s*$",
    re.IGNORECASE,
)


class SentenceChecks:
    """The finder's questions of a sentence or a letter (the patterns are built by the finder)."""

    rules: RequestRules
    named_gp: list[Cue]  # the request cues with a slot for the GP's surname
    any_parts: list[tuple[Gate, Callable[[str], re.Match[str] | None]]]
    any_index: GateIndex
    strong_not_request: list[tuple[str, re.Pattern[str]]]
    overrides: dict[str, list[tuple[str, re.Pattern[str]]]]
    categories: list[tuple[str, str, re.Pattern[str]]]
    action_verbs: set[str]
    list_lead_in: re.Pattern[str]
    list_step_test: re.Pattern[str]
    patient_salutation: re.Pattern[str]
    addressed_to_practice: re.Pattern[str]
    speaks_to_patient: re.Pattern[str]

    def _other_of_its_own(self, request: str) -> bool:
        """Whether a request under a fit-note heading names an "other" kind of its own and no fit note ("Work:
        chef, fit note issued. Please arrange removal of sutures at your surgery"): it stays that kind."""
        if _FIT_NOTE_WORDS.search(request):
            return False
        return any(cat == "other" and rx.search(request) for _, cat, rx in self.categories)

    def _any_cue_in(self, sent: str, hay: Haystack) -> bool:
        """``self.any_cue.search(sent) is not None``, part by part (``hay`` is the sentence's)."""
        low = hay.low
        parts = self.any_parts
        for i in self.any_index.candidates(low):
            gate, search = parts[i]
            if gate.test(low) and search(sent) is not None:
                return True
        return False

    def _lead_in(self, sent: str, cues: list[tuple[str, re.Pattern[str]]], bare_please: bool) -> str:
        """Whether ``sent`` opens a list of requests ("I would be grateful if you could:", "Please:"): a
        short line ending with a colon that is a bare "please" or holds a request cue ("ask"), or one that
        opens suggestions ("Meanwhile I would suggest:", "suggest"); "" when it is neither."""
        # a bracketed aside does not count ("Advice from the rheumatology team (Dr X, consultant, 23/11):")
        sent = _ASIDE.sub("", sent)
        if bare_please and _ADVICE_BELOW.search(sent) is not None:
            # "I have discharged her to the care of her GP with the advice below:": however long the line,
            # the list under it is the team's advice to the practice
            return "suggest"
        if not sent.rstrip().endswith(":") or len(_WORD.findall(sent)) > 10:
            return ""
        if _BARE_PLEASE.match(sent):
            return "ask" if bare_please else ""  # in a letter to the patient, "Please:" speaks to the patient
        if bare_please and self.list_lead_in.match(sent):
            return "suggest"
        hay = Haystack(sent)
        return "ask" if _first(cues, sent, hay) is not None and not self._ruled_out(sent, hay) else ""

    def _asks_bare(self, sent: str) -> bool:
        """Whether a line asks with no cue: it opens with a test ("B12 in 3 months") or an action verb
        ("Recheck Na in 1 week"), not with a medicine and its dose."""
        m = _WORD.match(sent.lstrip(" \t-*•▪●"))
        if m is None:
            return False
        return self.list_step_test.match(sent) is not None or m.group(0).lower() in self.action_verbs

    def _opens_with_step(self, sent: str) -> bool:
        """Whether a list item opens with an action verb ("Stop ...", "Considering ...") or a condition."""
        m = _WORD.match(sent.lstrip(" \t-*•▪●"))
        if m is None:
            return False
        if self.list_step_test.match(sent):
            return True  # "Coeliac serology if not already done": a test suggested
        if _DOSE_ITEM.search(sent):
            return True  # "Oral iron: ferrous sulfate 200 mg once daily": a drug and its dose suggested
        word = m.group(0).lower()
        if word == "continue" and not _KEEPS_PRESCRIBING.search(sent):
            return False  # "Continue the gel nightly": carrying on as now asks nothing of the practice
        stems = {word, word[:-3], word[:-3] + "e"} if word.endswith("ing") else {word}
        steps = self.action_verbs | {v.lower() for v in self.rules.list_step_verbs}
        return bool(stems & steps) or word in ("if", "when", "once", "should", "unless")

    def _to_patient(self, text: str) -> bool:
        """Whether the letter is written to the patient: a "Dear Mr X" / "Dear Ellie" salutation, where a
        first name counts only if the lines above it do not address a doctor or a practice."""
        m = self.patient_salutation.search(text)
        if m is None:
            return False
        if re.match(r"\s*Dear\s+(?:Mr|Mrs|Ms|Miss|Mx|Master|parents?)\b", m.group(0), re.IGNORECASE):
            return True
        above = text[max(0, m.start() - 240) : m.start()]
        # a copy line ("Copy to: Dr M Achterberg, Canal Street Medical Centre") is not the addressee
        above = _COPY_LINE.sub("", above)
        if self.addressed_to_practice.search(above) is not None or "your patient" in text.lower():
            return False
        return self.speaks_to_patient.search(text, m.end()) is not None

    def _ruled_out(
        self, sent: str, hay: Haystack, named: list[tuple[str, re.Pattern[str]]] | None = None
    ) -> bool:
        """Whether a strong not_request pattern rules the sentence out (and no cue overriding it is there);
        ``named`` are the cues naming this letter's GP, which override as their ids are listed to."""
        for nid, rx in self.strong_not_request:
            if not _gate(rx).test(hay.low) or rx.search(sent) is None:
                continue
            over = self.overrides.get(nid)
            if named and nid in self.rules.not_request_overridden_by:
                # "we have asked Dr Ilunga to ..., and we have asked her to refer you": "her" is the GP
                ids = self.rules.not_request_overridden_by[nid]
                over = (over or []) + [c for c in named if c[0] in ids]
            if not over or _first(over, sent, hay) is None:
                return True
        return False

    def _named_gp_cues(self, text: str) -> list[tuple[str, re.Pattern[str]]]:
        """The cues that name the practice by its doctor, for the surnames this letter gives the GP."""
        if not self.named_gp or "Dr" not in text:
            return []
        names = sorted({m.group("name") for m in _GP_NAMED.finditer(text)})
        if not names:
            return []
        alt = "|".join(re.escape(n) for n in names)
        return [(c.id, _compile(c.pattern.replace(_GP_NAME_SLOT, alt))) for c in self.named_gp]
