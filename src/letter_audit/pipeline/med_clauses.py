"""Tying the triggers of one clause to its drugs, part of ``la_med_changes``.

Why apart: within a clause every trigger is tied to its nearest drug by position and cost (a line's
status first, then pronouns, elided drugs and planned titrations), and ConText blocks are applied to
each tie; the component itself only finds the clauses and the triggers.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from .context import categories_at
from .med_companions import has_own_status
from .med_details import _INSTEAD_OF_DOSE
from .med_line_status import LineStatus
from .med_ties import Trigger, names_more

_PLANNED_END = re.compile(
    r"\s+(?:it\s+|this\s+|them\s+)?(?:when|once|after|if|at the end|on completion|on \d|on or after"
    r"|in \d+\s+(?:days?|weeks?|months?)|by (?:the end|\d|next|mid))\b",
    re.IGNORECASE,
)
_PLAIN_STOP = {"stop", "discontinue", "cease", "stops"}
_DATED = re.compile(r"\s+(?:on\s+|in\s+)?\d{1,2}/\d{1,2}/\d{2,4}\b")
_LABEL_COLON = re.compile(r"[ \t]*:")
_LINE_HEAD = re.compile(r"(?:^|\n)[ \t]*(?:[-•*]|\d{1,2}[.)])?[ \t]*$")
# a drug named after one of these is not what a later "it" refers to ("nausea even with folic acid")
_OBLIQUE = re.compile(r"\b(?:with|despite|alongside|plus|besides)\s+(?:\w+\s+)?$", re.IGNORECASE)
# ("increased this year" is a time, not the drug: "her COPD inhalers have had to be increased this year")
_PRONOUN = re.compile(
    r"\s+(?:this|that|it|these|those|the dose|this dose|them)\b"
    r"(?!\s+(?:year|week|month|morning|afternoon|evening|time|winter|summer|spring|autumn|admission|visit)s?\b)",
    re.IGNORECASE,
)
# "a kelp supplement from the health food shop, which we have asked her to stop": the relative clause
# refers back to the last drug named, however far its description runs
_RELATIVE_STOPS = {"stop_asked_to_stop", "stop_agreed_to_stop", "stop_asked_to_stop_bare"}
_ELIDING_RULES = {"increase_increased", "increase_uptitrated", "decrease_reduced", "decrease_downtitrated"}
_ELIDED_TO_DOSE = re.compile(
    r"\s+(?:(?:down|up|back)\s+)?to\s+\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml)\b", re.IGNORECASE
)
# "Methotrexate 15 mg once weekly, increasing to 20 mg after 4 weeks": a dose now and a schedule to raise it
_TITRATION_SCHEDULE = re.compile(
    r"\s+(?:up\s+)?(?:to|by)\s+\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml)?\b[^.;\n]{0,40}?"
    r"\b(?:after|in|every|each|over|from)\s+(?:(?:the|a|another)\s+)?(?:\d+|one|two|three|four|five|six|a)?\s*"
    r"(?:days?|weeks?|fortnights?|months?|/52|/7)\b",
    re.IGNORECASE,
)
_GERUND = re.compile(r"\w{2,}ing\b", re.IGNORECASE)  # "increasing", "going up", "up-titrating"
_OWN_VERB_GAP = re.compile(r"\s+(?:(?:the|his|her|their|him on|her on|them on)\s+)?")


class ClauseTies(LineStatus):
    """Mixin for MedChangeFinder: the ties made within one clause."""

    def _clause(
        self,
        doc: Doc,
        text: str,
        cs: int,
        ce: int,
        ds: list[Span],
        ts: list[Trigger],
        nxt: tuple[int, int] | None,
        changes: list[dict[str, Any]],
        done: set[int],
        antecedent: Span | None = None,
    ) -> None:
        best: dict[int, tuple[int, Trigger, Span]] = {}
        if (
            any(t.rule.id == "start_restarted" for t in ts)
            and any(t.rule.action == "withhold" for t in ts)
            and any(t.rule.action in ("increase", "decrease") for t in ts)
        ):
            # "lisinopril 20 mg -> held during AKI, restarted at 10 mg (halved)": held and restarted here at
            # a new dose; the dose change is what the patient goes home with
            ts = [t for t in ts if t.rule.action in ("increase", "decrease")]
        lead = self._line_status(text, cs, ce, ds, ts, doc) if ds else None
        if (
            lead is not None
            and lead[0].rule.action == "switch"
            and self._switch(doc, text, cs, ce, lead[0], ds, changes, done)
        ):
            # "Co-careldopa (Sinemet Plus) 1 tablet 5x a day - switched to co-beneldopa (Madopar)": the line's
            # status names the drug it was switched to
            ts = [t for t in ts if t is not lead[0]]
            lead = None
        chained: set[int] = set()
        if lead is not None:
            # "amoxicillin 1 g BD, clarithromycin 500 mg BD for 7 days - started": the status closes the list
            chain = [lead[1]]
            for d in ds[1:]:
                if d.start_char < lead[0].start and self._bracketed_name(text, chain[-1], d):
                    # "Epclusa (sofosbuvir/velpatasvir) ... - supplied": one product; "Insulin (Humulin I):
                    # STOPPED": the bracketed brand names the product the bare class word stands for
                    if names_more(d, chain[-1]):
                        done.add(chain[-1].start_char)
                        chain[-1] = d
                    else:
                        done.add(d.start_char)
                    continue
                if d.start_char >= lead[0].start or not self.rx_joiner.match(
                    text[self._phrase_end(chain[-1]) : d.start_char]
                ):
                    break
                chain.append(d)
            for d in chain:
                best[d.start_char] = (-1, lead[0], d)
                chained.add(d.start_char)
        for t in ts:
            if lead is not None and t is lead[0]:
                continue
            if t.rule.action == "switch" and self._switch(doc, text, cs, ce, t, ds, changes, done):
                continue
            if t.rule.action in ("increase", "decrease") and self._dose_word_switch(
                doc, text, cs, ce, t, ds, changes, done
            ):
                continue
            targets, cost = self._attach(text, t, ds)
            if (
                not targets
                and (
                    _PRONOUN.match(text, t.end)
                    or t.rule.id in _RELATIVE_STOPS
                    # "... tramadol 100 mg four times a day, ... so I have asked him to reduce to 50 mg": the
                    # drug is left out after a dose change word that goes straight to the new dose
                    or (
                        t.rule.id in _ELIDING_RULES
                        and "ing"
                        not in text[t.start : t.end].lower()  # "increasing to 0.5 mg": a titration plan
                        and _ELIDED_TO_DOSE.match(text, t.end)
                        # "Quetiapine was started on 12/09 and increased to 150 mg": the start's own titration
                        and not any(o is not t and o.end <= t.start and t.start - o.end < 80 for o in ts)
                    )
                )
            ):
                # "quetiapine 300 mg ..., and I have increased it to 400 mg"; "...prednisolone 40 mg daily;
                # I have increased this to 60 mg": the last drug named before, in this clause or the last
                named = [d for d in ds if d.end_char <= t.start]
                here = [
                    d for d in named if not _OBLIQUE.search(text, max(cs, d.start_char - 30), d.start_char)
                ]
                # "not happy with the naproxen, so I've stopped it": an oblique drug when it is the only one
                ref = here[-1] if here else antecedent or (named[-1] if len(named) == 1 else None)
                if ref is not None and ref.start_char not in done:
                    targets, cost = [ref], 0
            if not targets and t.rule.id == "switch_instead_of" and _INSTEAD_OF_DOSE.match(text, t.end):
                # "Co-careldopa (Sinemet) 25/100: you will now take one tablet four times a day instead of
                # three times a day": the old dose replaced is the dose of the drug the sentence is about
                named = [d for d in ds if d.end_char <= t.start]
                ref = named[-1] if named else antecedent
                if ref is not None and ref.start_char not in done:
                    targets, cost = [ref], 0
            if (
                not targets
                and t.rule.id in ("start_first_dose", "start_this_is_new")
                and antecedent is not None
                and not ds
            ):
                # "she meets criteria for dupilumab. First dose 600 mg given in clinic today", "Clobazam
                # 10 mg: take one a day around each period. This is new.": the drug of the sentence before
                if antecedent.start_char not in done:
                    targets, cost = [antecedent], 0
            if targets and self._blocked(doc, t):
                continue  # a blocked trigger must not hide an unblocked one on the same drug
            if t.rule.action in ("increase", "decrease") and text[t.start : t.end].lower().endswith("ing"):
                # "started candesartan 4 mg, increasing to 8 mg after two weeks": a planned titration is part
                # of the start; it only counts when nothing else is said of the drug
                cost += 10
                if any(o.rule.action == "start" and o.end <= t.start and self._blocked(doc, o) for o in ts):
                    # "please could you ... start semaglutide 0.25 mg weekly, increasing to 0.5 mg after 4
                    # weeks": the titration of a start that is asked for, or only planned, is not made either
                    continue
            if (
                t.rule.action in ("increase", "change")
                and "titrat" in text[t.start : t.end].lower()
                and any(o.rule.action == "start" and o.end <= t.start for o in ts)
            ):
                # "started on sertraline, titrated up to 100 mg": the titration is how it was started
                cost += 10
            if (
                t.rule.action == "start"
                and text[t.start : t.end].lower() == "starting"
                and any(o.rule.action in ("increase", "decrease", "change") and o.end <= t.start for o in ts)
            ):
                # "increase your ramipril from 5 mg to 10 mg once a day, starting this week": when the dose
                # change begins, not a new drug
                cost += 10
            if targets and text[t.start - 1 : t.start] == "(" and all(d.end_char <= t.start for d in targets):
                # "... with omeprazole 20 mg once daily as cover (started today)": a bracketed status on the
                # drug just before it says more than a change word shared through a list; but when the drug
                # has a change word of its own just before it, the brackets tell how that change is made
                # ("stopped the sodium valproate (tapered over 2 weeks: ...)")
                own = any(
                    o is not t
                    and o.end <= d.start_char
                    and _OWN_VERB_GAP.fullmatch(text, o.end, d.start_char)
                    for o in ts
                    for d in targets
                )
                cost += 2 if own else -1
            if _DATED.match(text, t.end):
                # "Methotrexate 15 mg weekly started 16/09/2026 is increased today to 20 mg": a dated status
                # tells the drug's past; a change word of this visit says more (a label heading the item,
                # below, weighs more still)
                cost += 7
            if _LABEL_COLON.match(text, t.end) and _LINE_HEAD.search(text[max(0, t.start - 8) : t.start]):
                # "Omitted: Digoxin 62.5 micrograms was stopped on 13/11": a label heads the item; a change
                # word of the item's own says more, and wins over it
                cost += 10
            for d in targets:
                if d.start_char in done or d.start_char in chained:
                    continue
                dist = cost * 1000 + abs(d.start_char - t.start)
                if d.start_char not in best or dist < best[d.start_char][0]:
                    best[d.start_char] = (dist, t, d)
        restarted = any(t.rule.id == "start_restarted" for t in ts) and any(
            t.rule.action == "withhold" for t in ts
        )
        for _, t, d in sorted(best.values(), key=lambda x: x[2].start_char):
            if restarted:
                done.add(d.start_char)  # held and restarted within the stay: no net change
                continue
            since = lead[2] if lead is not None and d.start_char in chained else None
            if self._blocked(doc, t, since):
                continue
            if (
                d.start_char > t.end
                and any(t.end <= o.start_char < d.start_char for o in ds)
                and has_own_status(doc, text, d, self._phrase_end(d))
            ):
                continue  # "we started amlodipine and her bisoprolol continues": the drug's own status
            if t.rule.id.startswith("stop_not_continued") and any(
                m.category in ("historical", "other_actor")
                for m in categories_at(doc, min(d.start_char, t.start), max(d.end_char, t.end))
            ):
                continue  # "stopped two months ago by the crisis team, and I have not restarted it": theirs
            if text[t.start : t.end].lower() in _PLAIN_STOP and _PLANNED_END.match(text, t.end):
                continue
            if t.rule.action in ("start", "stop") and all(
                any(
                    o.rule.id == rid
                    and o.start >= d.end_char
                    and _DATED.match(text, o.end)
                    and not self._blocked(doc, o)
                    for o in ts
                )
                for rid in ("start_started", "stop_stopped")
            ):
                # "Promethazine 25 mg nocte PRN, started 06/11/2026: stopped on 18/11/2026": begun and ended
                # within the episode, both dated on the drug's own line
                done.add(d.start_char)
                continue
            action, rule = self._taper_to_stop(text, t, d, ts, lead)
            if action == "increase" and _titration_plan(text, t, d):
                action, rule = "start", "start_titration_plan"
            change = self._make(doc, text, action, rule, d, cs, ce, t, nxt)
            if change is not None:
                changes.append(change)
                done.add(d.start_char)


def _titration_plan(text: str, t: Trigger, d: Span) -> bool:
    """True when a gerund increase after the drug's own dose sets out how a new drug is built up.

    Why: "Methotrexate 15 mg once weekly (Mondays), increasing to 20 mg after 4 weeks if tolerated" on a
    list of today's treatment starts the drug at 15 mg; a raise of a drug the patient already took says
    what it was raised to now ("increased to 20 mg"), not when it will be.
    """
    return (
        _GERUND.search(text, t.start, t.end) is not None
        and d.end_char <= t.start
        and bool((d._.dosage or {}).get("dose"))
        and _TITRATION_SCHEDULE.match(text, t.end) is not None
    )
