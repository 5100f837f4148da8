"""Where a request sentence splits into items: cut at each split, then the pieces that belong together
joined back.

Why a module of its own: the clause reader (``request_clauses.py``) turns one sentence that speaks to the
practice into requests; the first half of that job, deciding the items' bounds (a bare condition opens the
step after it, a "then" step or a report back stays with its test, a step reading a test's result joins
it), is long and asks nothing of who owns a clause or what kind it is, so it lives here and the reader
keeps the second half, reading each item. ``ClauseMerger`` is a mixin: ``RequestFinder`` builds the
compiled patterns it reads (declared in ``request_clause_kinds.py``); the split pattern itself lives in
``request_split.py``, the join shapes in ``request_joins.py``.
"""

from __future__ import annotations

import re

from .request_clause_kinds import ClauseKinds
from .request_joins import (
    _AFTER_LAST,
    _ALSO_TO,
    _AND_IF_TAIL,
    _APART,
    _DASH,
    _DISCUSS_BACK,
    _DOSE_STEP,
    _IF_OPENING,
    _LIST_NUMBER,
    _MONITORING_HEAD,
    _OWN_FREQUENCY,
    _OWN_NEED,
    _PATIENT_TO,
    _PLAIN_TEST_ASK,
    _PLUS,
    _PLUS_TEST,
    _REFER_WORD,
    _REPORT_OPENING,
    _REVIEW_OPENING,
    _TERSE_JOIN,
    _TEST_OPENING,
    _TIMED_FROM_STEP,
    _TO_STEP,
    _WITH_JOIN,
)
from .request_rules import (
    _AND_THEN_JOIN,
    _ASKS,
    _BARE_CONDITION,
    _BARE_VERB,
    _HINGES_ON_RESULT,
    _POINTS_BACK,
    _RESULTS_SENT,
    _THEN,
    _THEN_JOIN,
    _first,
)
from .request_split import _row_breaks


class ClauseMerger(ClauseKinds):
    """Cuts a request sentence into items (the patterns are built by the finder)."""

    def split_spans(self, sent: str) -> list[tuple[int, int]]:
        """Where ``split_source`` splits ``sent``, as ``finditer`` would give them (each split is non-empty
        and opens on a space, ";" or ","), found with the first-character-gated ``split``."""
        spans: list[tuple[int, int]] = []
        search = self.split.search
        m = search(sent)
        while m is not None:
            span = m.span(1)
            spans.append(span)
            m = search(sent, max(span[1], m.end()))  # never the same place twice, even if a split were empty
        return spans

    def _points_back(
        self, sent: str, merged: list[tuple[int, int]], in_gp: bool, asks: list[tuple[str, re.Pattern[str]]]
    ) -> bool:
        """Whether the last item, a condition pointing back ("if so", "if it has not") with its step, reads
        the item before it, which the practice is asked to do."""
        (ps, pe), (cs, ce) = merged[-2], merged[-1]
        prev, item = sent[ps:pe], sent[cs:ce]
        return (
            self.back_reference.match(item) is not None
            and "\n" not in sent[pe:cs]
            and (in_gp or _first(asks, prev) is not None)
            and _first(self.weak_not_request, prev) is None
            and _first(self.hospital, item) is None
            and not _BARE_CONDITION.match(prev)
            and self._reads_result(prev, item)
        )

    def _items(
        self, sent: str, in_gp: bool, asks: list[tuple[str, re.Pattern[str]]]
    ) -> tuple[list[tuple[int, int]], dict[int, int]]:
        """``sent`` cut where ``split`` says (and at table rows), then the pieces that belong together joined
        back: the items' spans, and for an item joined by a step that reads its test's result, where its
        test ends (by the item's start). ``asks`` are the cues that make a clause a request."""
        bounds: list[tuple[int, int]] = []
        cur = 0
        splits = []
        for ms, me in self.split_spans(sent):
            if _LIST_NUMBER.fullmatch(sent, ms, me) and sent.count("(", 0, ms) > sent.count(")", 0, ms):
                # "(around 80) restart ramipril": a number closing a bracket is not a list's number; a split
                # its match hid ("(step 3) and also to review her") still counts
                m = self.split.search(sent, ms + 1)
                if m is not None and m.start(1) < me:
                    splits.append(m.span(1))
                continue
            splits.append((ms, me))
        for ms, me in sorted(splits + _row_breaks(sent)):
            if ms < cur:
                continue  # a row break inside a split already made
            bounds.append((cur, ms))
            cur = me
        bounds.append((cur, len(sent)))
        # A clause that is only a condition ("if low mood returns") opens the request after it.
        merged: list[tuple[int, int]] = []
        # an item joined by a step that reads its test's result: where its test ends
        heads: dict[int, int] = {}
        for cs, ce in bounds:
            prev = sent[merged[-1][0] : merged[-1][1]] if merged else ""
            joined = sent[merged[-1][1] : cs] if merged else ""
            # "check U&E, then uptitrate" and "restart ramipril if Cr <160, then recheck U&E": a test on
            # either side of "then" keeps the two apart.
            then_join = _THEN_JOIN.fullmatch(joined) is not None or (
                _AND_THEN_JOIN.fullmatch(joined) is not None and self.condition.search(sent, cs, ce) is None
            )
            after_test = (
                then_join
                and _REPORT_OPENING.match(sent, cs, ce)
                is None  # "..., then send us the result": a report back
                and (
                    "monitoring" in (self._verb_kind(prev), self._verb_kind(sent[cs:ce]))
                    # "Bloods (U&E) in 1 week, then adjust the dose", "repeat U&E ..., then U&E again 2 weeks
                    # after restarting": a test on either side, told without a verb of its own
                    or self.category(prev) == "monitoring"
                    or self.category(sent[cs:ce]) == "monitoring"
                    or _TEST_OPENING.match(prev) is not None
                    # "arrange an outpatient echo, then r/v rate control": a review after a step
                    # (fixtures/README)
                    or _REVIEW_OPENING.match(sent, cs, ce) is not None
                    # "mood r/v 4/52, then consider stopping omeprazole": a step after a review is a
                    # request of its own, as a review after a step is
                    or (self.category(prev) == "review" and self.category(sent[cs:ce]) != "review")
                )
            )
            # "restart ramipril at 2.5 mg and recheck U&E 2 weeks later", "..., with a further U&E a week
            # after restarting": a test timed from the step before it is how that step is carried out (not
            # after "then", which keeps a test apart: fixtures/README)
            after_step = (
                bool(merged)
                and "\n" not in joined
                and ";" not in joined
                and "then" not in joined.lower()
                and self._last_verb_kind(prev) == "prescribing"
                and (
                    _TIMED_FROM_STEP.search(sent, cs, ce) is not None
                    or (joined.strip() == "," and _AFTER_LAST.search(sent, cs, ce) is not None)
                )
                and _OWN_FREQUENCY.search(sent, cs, ce) is None  # "with FBC every 2 weeks": its own item
                and (
                    self._verb_kind(sent[cs:ce]) == "monitoring" or self.category(sent[cs:ce]) == "monitoring"
                )
            )
            reads_result = (
                bool(merged)
                and "\n" not in joined
                # the test is asked of the practice ("The DEXA result will come to the practice; if it
                # shows ..., please start" is a statement, then the request), and the step is not ours
                and (in_gp or _first(asks, sent[merged[-1][0] : merged[-1][1]]) is not None)
                and _first(self.weak_not_request, prev) is None  # "The DEXA result will come to the practice"
                and _first(self.hospital, sent[cs:ce]) is None
                and (
                    (not _BARE_CONDITION.match(prev) and self._reads_result(prev, sent[cs:ce]))
                    # "U&E in 1 week; if creatinine is back to 80, please restart ramipril": the step
                    # after the condition that was joined to its test
                    or self._ends_on_result_condition(prev)
                )
            )
            if reads_result:
                heads.setdefault(merged[-1][0], merged[-1][1])
            if (
                merged
                and _APART.match(sent, cs, ce) is None
                and (
                    reads_result
                    or after_step
                    # "please r/v leg at 48-72 hrs and if spreading beyond the pen mark, refer back": the
                    # condition was set off inside the item, so its step comes next
                    or (
                        joined.strip() == ","
                        and _AND_IF_TAIL.search(prev) is not None
                        and _ASKS.match(sent, cs, ce) is None
                    )
                    # "Potassium + review spironolactone dose", "HbA1c/lipids 3/12 + r/v atorvastatin dose":
                    # the dose step reads what the test finds, so it stays in the test's item
                    # (fixtures/README)
                    or (
                        _TERSE_JOIN.fullmatch(joined) is not None
                        and _DOSE_STEP.match(sent, cs, ce) is not None
                        and self.category(prev) == "monitoring"
                    )
                    # "U&E + Mg 1/52", "Wt + U&E 1/52": tests named together are one item (not "GP f/u 2/52 +
                    # U&E at same visit", a test after a review)
                    or (
                        _PLUS.fullmatch(joined) is not None
                        and _PLUS_TEST.match(sent, cs, ce) is not None
                        and self.category(sent[cs:ce]) == "monitoring"  # not "U&E/LFT 3/12 + BP r/v"
                        and self.category(prev) not in ("review", "prescribing", "referral", "fit_note")
                    )
                    # "if low mood returns, consider ...": a bare condition; not one that holds its own ask
                    # ("Once he is on the patch we would be grateful if ...; please sign ...")
                    or (
                        _BARE_CONDITION.match(prev)
                        and (_first(asks, prev) is None or _IF_OPENING.match(prev) is not None)
                    )
                    # "Actions GP - FBC 2/52": a label before the dash, not a request of its own
                    or (
                        _DASH.fullmatch(joined) is not None
                        and len(prev.split()) <= 3
                        and self._verb_kind(prev) is None
                        and self.timeframe(prev) is None
                    )
                    or (
                        _THEN.search(prev)
                        and ";" not in joined
                        and "\n" not in joined
                        and not _ASKS.match(sent[cs:ce])  # "..., then yearly, and please see him ..."
                    )
                    or (then_join and not after_test)
                    or _BARE_VERB.fullmatch(sent[cs:ce])
                    or self._lone_verb(prev, joined)
                    # (not "he would also benefit from a shingles vaccine if you could arrange it": its own
                    # need)
                    or (_POINTS_BACK.match(sent[cs:ce]) and _OWN_NEED.search(sent, cs, ce) is None)
                    or _RESULTS_SENT.match(sent[cs:ce])
                    or _DISCUSS_BACK.fullmatch(sent, cs, ce) is not None
                    # "check your pulse and do an ECG": two tests asked together (a test after a drug step,
                    # "increase the citalopram and do an ECG first", stands apart)
                    or (
                        _PLAIN_TEST_ASK.match(sent, cs, ce) is not None
                        and self.category(prev) == "monitoring"
                    )
                    or _HINGES_ON_RESULT.search(prev)
                    or (
                        _TO_STEP.match(sent, cs, ce) is not None
                        and _PATIENT_TO.search(prev) is not None
                        and _ALSO_TO.match(sent, cs, ce) is None  # "..., and also to a dietitian"
                    )
                    # "send the result to the renal team, and also to the HF team": one report back
                    or (_ALSO_TO.match(sent, cs, ce) is not None and _REFER_WORD.search(prev) is None)
                    # "continue the blood monitoring in the agreement, with FBC, U&E and LFT two weeks after
                    # the increase": the tests say what the monitoring is, not a request of their own
                    or (_WITH_JOIN.fullmatch(joined) and _MONITORING_HEAD.search(prev))
                )
            ):
                # "if low mood returns, consider ...", and "X for 12 months, then stop it and continue Y"
                merged[-1] = (merged[-1][0], ce)
                if (
                    len(merged) > 1
                    and _BARE_CONDITION.match(prev)
                    and self._points_back(sent, merged, in_gp, asks)
                ):
                    # "review him to see whether the dose has helped; if it has not, please refer him": the
                    # condition, now joined to its step, reads what the part before it finds (fixtures/README)
                    heads.setdefault(merged[-2][0], merged[-2][1])
                    merged[-2:] = [(merged[-2][0], ce)]
            else:
                merged.append((cs, ce))
        merged = self._fit_note_apart(sent, merged)
        return merged, heads
