"""How a change trigger is tied to a drug (part of ``la_med_changes``).

Why a separate module: the tie is the one mechanism every prose reading shares. A trigger ties to a drug
by position, not grammar (blank English has no parser): the drug must sit right after the trigger
("started him on bisoprolol") or right before it ("Ramipril 5 mg: STOPPED"), with only known link words
between, and lists share one trigger ("ramipril and amlodipine were stopped"). The rules and link words
are data (``models/rules/medication_changes.jsonl``, ``models/rules/medication.yaml``), read and compiled
in ``med_tie_data.py``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .context import Modifier, categories_at, text_of
from .med_tie_data import Settings, TieData, TriggerRule  # noqa: F401  (Settings, TriggerRule: re-exported)
from .med_trigger_scan import Trigger

_BRACKET_NOTE = re.compile(r"[ \t]+(?:as|for)[ \t][\w \t-]{1,20}\(")
_WHILE_ON = re.compile(r"\b(?:while|whilst|when)\s+(?:on|taking|using)\s+(?:the\s+)?$", re.IGNORECASE)
_OWN_NOTE = re.compile(r"\(\s*[a-z][^()\n]*\)", re.IGNORECASE)
_SOURCE_FIRST = re.compile(
    r"^[ \t]*(?:(?:prescribed|started|bought|given)[ \t]+)?from[ \t]+(?:(?:the|her|his|their|a)[ \t]+)?"
    r"[A-Za-z][\w&-]*(?:[ \t][\w&-]+){0,2}?[ \t]*,[ \t]*$",
    re.IGNORECASE,
)
_ASIDE_FIRST = re.compile(r"^[ \t]*\([^()\n]{1,80}\)")
_SEQUENCE = re.compile(r"\b(?:then|followed by)\b", re.IGNORECASE)
_BLOCKING = {"negated", "hypothetical", "historical", "other_actor", "continued"}
# ", which she must now" / ", which we": a relative clause whose object is the drug before it
_RELATIVE = re.compile(
    r"(?:,\s*|\s)which\s+(?:(?:she|he|they|we|I|I've|we've|you|the patient|the team)\s+)?"
    r"(?:(?:has|have|had|must|can|should|will|is|are|was|were|now|also|been|then)\s+){0,3}$",
    re.IGNORECASE,
)
# "cytoreduction with ", "him on bone protection with ": up to three words naming an aim, none a verb
# form or a person ("started feeling dizzy with" is no start), then "with" right before the drug
_AIM_WITH = re.compile(
    r"\s+(?:(?:him|her|them)\s+on\s+)?(?:(?!(?:he|she|they|it|was|were|is|are|been|\w+ing|\w+ed)\b)[a-z][\w-]*\s+){1,3}with\s+",
    re.IGNORECASE,
)
# a change word that is also a noun, after "the <drug>" ("the ramipril increase", "this statin switch")
_NOUN_CHANGES = {"increase", "decrease", "reduction", "change", "switch", "rise", "swap"}
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|that|his|her|their|a|any|recent|last)\s+$", re.IGNORECASE)
_DOSE_SUBJECT = re.compile(
    r"[,:;\-–]\s*(?:so\s+|and\s+|therefore\s+)?(?:the\s+|its\s+|his\s+|her\s+)?dose\s+(?:(?:was|has\s+been|is|now)\s+)?$",
    re.IGNORECASE,
)
_INFINITIVE = re.compile(r"(?<![\w-])to\s+$", re.IGNORECASE)
_OBJECT = re.compile(r"\s+(?:the|a|an|your|his|her|their|its|any|some|this|that)\b", re.IGNORECASE)
_POSSESSIVE_JOIN = re.compile(r"\s*,?\s*(?:and|&|as well as)\s+(?:his|her|their|your)\s+", re.IGNORECASE)
_GAPPED_FROM_TO = re.compile(
    r"\s+from\s+[\d.]+\s*[a-z]*\s+to\s+[\d.]+\s*[a-z]*(?:\s+(?:a|per|each)\s+day|\s+(?:daily|od|bd|once|twice))?"
    r"(?:\s*\([^()\n]{0,80}\))?\s*,?\s*(?:and|&)\s+(?:(?:his|her|their|the)\s+)?",
    re.IGNORECASE,
)
_FROM_NEXT = re.compile(r"\s+from\s+[\d.]+", re.IGNORECASE)
# "stopped the norethisterone she was taking for her bleeding and the tranexamic acid": a clause saying what
# the first drug was for, then the next drug the same verb acts on
_TAKEN_FOR_JOIN = re.compile(
    r"\s+(?:(?:that|which)\s+)?(?:he|she|they|you)\s+(?:(?:was|were|is|are|had\s+been|has\s+been)\s+)?"
    r"(?:taking|using|takes|uses|took|used|bought|buys)(?:\s+(?!and\b)[\w'-]+){0,5}?\s*,?\s*(?:and|&|as\s+well\s+as)"
    r"\s+(?:(?:the|his|her|their|your)\s+)?",
    re.IGNORECASE,
)
_OWN_VERB = re.compile(r"\s*(?:was|were|is|are|has|have|had|will|remains?|continues?)\b", re.IGNORECASE)
_FREQ_WORDS = re.compile(
    r"\b(?:(?:one|two|three|four|five|six|\d+) times? (?:a|per|each) (?:day|week)|(?:once|twice) (?:a |per )?"
    r"(?:day|daily|week|weekly))\b",
    re.IGNORECASE,
)
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?\s+[A-Z][\w'-]+")
_SUBJECT_END = re.compile(r"\b(?:I|we)(?:\s+(?:have|had|also|then|therefore|now))*\s*$", re.IGNORECASE)
_OBJECT_PRONOUN = re.compile(r"\s+(?:this|it|them|these)\b", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z][\w'-]*|\d+(?:\.\d+)?")
# "started a 7-day course of prednisolone", "gave her a two-week supply of": a length of course in the gap
_COURSE_LENGTH = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|ten|twelve|fourteen|twenty-eight)[- ]"
    r"(?:days?|weeks?|months?)(?:'s?)?(?=\s)",
    re.IGNORECASE,
)
# "started a blood thinner called edoxaban", "a water tablet known as": a lay description, then its name
_CALLED = re.compile(
    r"^\s*(?:(?:a|an|the|some|your|his|her|their)\s+)?(?:[A-Za-z][\w-]*\s+){1,5}(?:called|named|known\s+as)\s+$",
    re.IGNORECASE,
)
_FWD_PUNCT = re.compile(r"^[\s:\-–—(\[*•]*(?:,[\s:\-–—(\[*•]*)?$")  # one comma: "started a PPI, lansoprazole"
_BACK_PUNCT = re.compile(r"^[\s:\-–—()\[\],|*•.]*$")
_PASSIVE = re.compile(r"\b(?:has|have|was|were|is|are)\s+(?:now\s+|also\s+)?(?:been\s+)?$", re.IGNORECASE)
# a passive verb's auxiliary ("has been started", "was stopped"), not a perfect ("we have started")
_BEEN = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:now\s+|also\s+)?been|was|were|is|are)\s+(?:now\s+|also\s+)?$", re.IGNORECASE
)
# "..., so I have stopped it", "... as she is starting": a person, not the drug, is the subject
_ACTIVE = re.compile(
    r"\b(?:I|we|he|she|they|you)\s+(?:have|has|had|is|are|was|were)\s+(?:now\s+|also\s+)?$", re.IGNORECASE
)


def names_more(a: Span, b: Span) -> bool:
    """True when ``a``'s generic is a longer name holding ``b``'s one-word generic ("isophane insulin")."""
    ga, gb = (a._.drug or {}).get("generic") or "", (b._.drug or {}).get("generic") or ""
    return " " not in gb and ga != gb and " with " not in ga and gb in ga.split()


class TieRules(TieData):
    """Mixin for MedChangeFinder: the trigger-to-drug ties (the rule data is ``TieData``'s)."""

    # -- ties ------------------------------------------------------------------------------------
    @staticmethod
    def _phrase_end(d: Span) -> int:
        dosage = d._.dosage or {}
        return int(dosage.get("phrase_end") or d.end_char)

    def _bracketed_name(self, text: str, d: Span, other: Span) -> bool:
        """True when ``other`` is another name of ``d`` in brackets inside its dose phrase."""
        return (
            d.end_char <= other.start_char
            and text[d.end_char : other.start_char].strip() == "("
            and text[other.end_char : other.end_char + 1] == ")"
        )

    def _gap_ok(self, gap: str, forward: bool, tight: bool) -> int | None:
        """Number of words in an acceptable gap, or None when the gap breaks the tie."""
        if forward:
            gap = _TITLED_NAME.sub(" him ", gap)  # "started Mrs O'Neill on apixaban": the patient by name
            gap = _COURSE_LENGTH.sub(" ", gap)
            if _CALLED.match(gap) and "\n" not in gap:
                return len(_WORDS.findall(gap))
        else:
            gap = _FREQ_WORDS.sub(" ", gap)  # "1 tablet five times a day - switched": the dose's frequency
        words = [w.lower() for w in _WORDS.findall(gap)]
        punct = _WORDS.sub(" ", gap)
        if not (_FWD_PUNCT if forward else _BACK_PUNCT).match(punct):
            return None
        if tight:
            # "... and metronidazole 400 mg tds (both new, supplied)": a bracketed status shared by the list
            return 0 if not words or (not forward and words in (["both"], ["all"], ["each"])) else None
        allowed = self.fwd_words if forward else self.back_words
        if not forward:  # "Clenil Modulite 100 stopped": a strength written without its unit
            words = [w for w in words if not w[0].isdigit()]
        if forward and gap.rstrip().endswith("(") and len(words) <= 5 and "," not in gap:
            # "started a vaginal oestrogen cream (estriol 0.1%)": a description, then its drug in brackets
            return len(words)
        if not forward and "will" in words and words[words.index("will") + 1 :][:1] != ["be"]:
            return None  # "Prednisolone will be tapered" is the team's change; "X will then stop" is a plan
        if len(words) > 6 or any(w not in allowed for w in words):
            if forward and _AIM_WITH.fullmatch(gap):
                # "start cytoreduction with hydroxycarbamide", "begin rate control with bisoprolol": the
                # aim of the treatment, then the drug that serves it
                return len(words)
            return None
        return len(words)

    def _attach(self, text: str, t: Trigger, ds: list[Span]) -> tuple[list[Span], int]:
        """The drugs a trigger applies to, and a cost (gap words) for choosing between triggers."""
        tight = t.rule.style == "tight"
        fwd: tuple[list[Span], int] | None = None
        back: tuple[list[Span], int] | None = None
        if t.rule.direction in ("forward", "both"):
            after = [d for d in ds if d.start_char >= t.end]
            if (
                after
                and text[t.end : after[0].start_char].lstrip().startswith(",")
                and _BEEN.search(text, max(0, t.start - 30), t.start)
            ):
                # "Because dapagliflozin has been started, his gliclazide was reduced": a passive verb's
                # drug is its subject, before it; the clause after the comma is another's (but "he has
                # been started on a PPI, lansoprazole" names its drug after the verb)
                after = []
            if after and (cost := self._gap_ok(text[t.end : after[0].start_char], True, tight)) is not None:
                chain = [after[0]]
                for d in after[1:]:
                    if self._bracketed_name(text, chain[-1], d):
                        continue  # "potassium citrate (Effercitrate) 2 tablets": the same product's brand
                    link = text[self._phrase_end(chain[-1]) : d.start_char]
                    if (
                        not self.rx_joiner.match(link)
                        and not (
                            # "stopped her atorvastatin and her alendronic acid": the same owner again, unless
                            # the drug has a verb of its own ("..., and his sitagliptin was stopped")
                            _POSSESSIVE_JOIN.fullmatch(link)
                            and not _OWN_VERB.match(text, self._phrase_end(d))
                        )
                        and not (
                            # "increased her hydrocortisone from 15 to 20 mg (...) and her fludrocortisone
                            # from 50 to 100 micrograms": one verb, two drugs each with its own from-to
                            _GAPPED_FROM_TO.fullmatch(link) and _FROM_NEXT.match(text, self._phrase_end(d))
                        )
                        and not (
                            _TAKEN_FOR_JOIN.fullmatch(link) and not _OWN_VERB.match(text, self._phrase_end(d))
                        )
                    ):
                        break
                    chain.append(d)
                fwd = (chain, cost)
        if t.rule.direction in ("backward", "both") and not (
            _INFINITIVE.search(text, max(0, t.start - 4), t.start) and _OBJECT.match(text, t.end)
        ):
            # "ramipril 2.5 mg once a day, to reduce the protein leak": a purpose, not a status
            before = [d for d in ds if d.end_char <= t.start]
            if (
                before
                and text[t.start : t.end].lower() in _NOUN_CHANGES
                and _DETERMINER_BEFORE.search(text, max(0, before[-1].start_char - 12), before[-1].start_char)
            ):
                before = []  # "as the levodopa increase may worsen it": a change named, not made here
            if before:
                last = before[-1]
                if (
                    tight
                    and len(before) >= 2
                    and _WHILE_ON.search(text, max(0, last.start_char - 25), last.start_char)
                ):
                    # "lansoprazole 15 mg OD while on diclofenac (new)": the status is the item's, not the
                    # drug its dose is tied to
                    item = before[-2]
                    if "\n" not in text[item.start_char : t.start] and not re.search(
                        r"[,;(]", text[item.end_char : last.start_char]
                    ):
                        return [item], 1
                gap_from = min(self._phrase_end(last), t.start)
                if len(before) >= 2 and text[before[-2].end_char : last.start_char].strip() == "(":
                    # "Leuprorelin (Prostap 3 DCS) 11.25 mg first injection given": the bracketed brand's
                    # own words end at its bracket
                    close = text.find(")", last.end_char, min(t.start, last.end_char + 30))
                    if close != -1 and "\n" not in text[last.end_char : close]:
                        gap_from = max(gap_from, close + 1)
                gap = text[gap_from : t.start]
                if _SUBJECT_END.search(gap) and _OBJECT_PRONOUN.match(text, t.end):
                    # "the interaction with nintedanib, I have reduced this to 20 mg": "this" is the object
                    return (fwd[0], fwd[1]) if fwd else ([], 0)
                # "Prednisolone 5 mg once daily (long-term, from his respiratory team) stopped today": an
                # aside about the drug between it and its status
                gap = _ASIDE_FIRST.sub(" ", gap, count=1)
                # "Was on naproxen PRN from OOH, stopped today": where the drug came from, then its status
                gap = _SOURCE_FIRST.sub(" ", gap, count=1)
                subject_gap = text[min(self._phrase_end(before[0]), t.start) : t.start]
                if (cost := self._gap_ok(gap, False, tight)) is None and _BRACKET_NOTE.fullmatch(gap):
                    # "naproxen ... with omeprazole 20 mg daily as cover (started today)": that drug alone
                    back = ([last], 1)
                elif cost is not None:
                    chain = [last]
                    # "atorvastatin 80 mg, amlodipine 10 mg (increased from 5 mg)": a status in brackets
                    # straight after an item is that item's own, unless it says "both" or "all"
                    # (in a comma list; "naproxen 5/7 + omeprazole 5/7 (NEW)" shares it)
                    own_bracket = (
                        gap.lstrip().startswith("(")
                        and not re.match(r"\s*\(\s*(?:both|all|each|these|the above)\b", gap, re.IGNORECASE)
                        and len(before) >= 2
                        and text[self._phrase_end(before[-2]) : last.start_char].strip() == ","
                    )
                    for d in [] if own_bracket else reversed(before[:-1]):
                        if self._bracketed_name(text, d, chain[-1]):
                            # "Insulin degludec (Tresiba) reduced": one product, named first; but "Insulin
                            # (Humulin I): STOPPED" names the product only in the brackets
                            if not names_more(chain[-1], d):
                                chain[-1] = d
                            continue
                        link = text[self._phrase_end(d) : chain[-1].start_char]
                        # "treated with quetiapine, then lithium commenced": a sequence, not one shared
                        # status; "clopidogrel 75 mg (started acute unit), atorvastatin 40 mg (increased)":
                        # the first drug's own bracketed status ends the shared list
                        if not self.rx_joiner.match(link) or _SEQUENCE.search(link) or _OWN_NOTE.search(link):
                            break
                        chain.append(d)
                    back = (chain, cost)
                elif (
                    not tight
                    and all(d.start_char < self._phrase_end(before[0]) for d in before[1:])
                    and _PASSIVE.search(subject_gap)
                    and not text[t.start : t.end].lower().endswith("ing")  # "is starting" is not passive
                    and not _ACTIVE.search(
                        subject_gap
                    )  # "..., so I have stopped it": the writer is the subject
                    and len(_WORDS.findall(subject_gap)) <= 12
                    and "\n" not in subject_gap
                ):
                    # the drug is the subject of a passive verb further on: "Tacrolimus 0.1% ointment
                    # twice daily to the face and neck has been started"
                    back = ([before[0]], 6)
                elif (
                    t.rule.action in ("increase", "decrease", "change")
                    and _DOSE_SUBJECT.search(gap)
                    and "\n" not in gap
                    and not re.search(r";|\.(?!\d)", gap)
                    and len(_WORDS.findall(gap)) <= 12
                ):
                    # "Levothyroxine 75 mcg - TSH 0.02, dose reduced to 50 mcg": a note, then the drug's dose
                    back = ([last], 6)
                elif (rel := _RELATIVE.search(gap)) and "\n" not in gap and "." not in gap[: rel.start()]:
                    # "norethisterone ..., prescribed by her gynaecologist, which she must now stop": "which"
                    # is the last drug named before it
                    back = ([last], 5)
        if fwd and back:
            if fwd[1] != back[1]:
                return fwd if fwd[1] < back[1] else back
            # "...: stop sertraline": a plain forward gap beats a backward one across punctuation
            back_gap = text[min(self._phrase_end(back[0][0]), t.start) : t.start]
            return fwd if re.search(r"[:;(|\-–—]", back_gap) else back
        return fwd or back or ([], 99)

    def _blocked(self, doc: Doc, t: Trigger, since: int | None = None) -> bool:
        """True when a ConText modifier (cued at or after ``since``) covers the trigger.

        A cue inside the trigger itself ("continued" in a scan's "dis continued") does not count, nor a
        negation that the trigger itself begins with ("not restarted" is a stop).
        """
        return any(
            m.category in _BLOCKING
            and (since is None or m.start >= since)
            and not (t.start <= m.start and m.end <= t.end and (t.start < m.start or m.category == "negated"))
            and not self._tells_the_patient(doc, m)
            for m in categories_at(doc, t.start, t.end)
        )

    def _tells_the_patient(self, doc: Doc, m: Modifier) -> bool:
        """True for a bare "please" ("pls") in a letter to the patient: an instruction, not a request."""
        text = text_of(doc)
        if (
            m.rule != "hyp_please"
            or text[m.start : m.end].lower() not in ("please", "pls", "plz")
            or self.rx_passes_on.match(text, m.end)
        ):
            return False
        to_patient = doc.user_data.get("la_to_patient")
        if to_patient is None:
            to_patient = doc.user_data["la_to_patient"] = bool(self.rx_patient_salutation.search(text))
        if to_patient:
            gp_part = doc.user_data.get("la_gp_part")
            if gp_part is None:
                found = self.rx_gp_part.search(text)
                gp_part = doc.user_data["la_gp_part"] = found.start() if found else len(text)
            if m.start >= gp_part:
                return False  # "For Dr Wojcik / Please update ...": the part written to the GP
        return bool(to_patient)
