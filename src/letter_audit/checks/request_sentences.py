"""The stretches of letter text a GP request is read with: its sentence, its own part, those around it.

Split from ``requests``: the request rules decide on these windows, and where a window stops (a
request's own full stop, the next separate request, a line break) is a job of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import any_match

if TYPE_CHECKING:
    from ..letter import Letter
    from ..report import GpAction
    from .cues import Cues


def _sentence(letter: Letter, action: GpAction, others: list[GpAction], cues: Cues) -> str:
    """The request and the rest of its sentence, up to the next separate request.

    A tail like "and send us the result" belongs to the request before it, even when extraction
    made it an item of its own; any other request later in the sentence is judged on its own.
    """
    text = letter.text
    begin, end = action.evidence.start, action.evidence.end
    stops = _stops(text, end)
    right = min(stops) if stops else len(text)
    for other in sorted(others, key=lambda a: a.evidence.start):
        if (
            end <= other.evidence.start < right
            and not _results_tail(other.text, cues)
            and not _reports_for_all(text[other.evidence.start : right], cues)
        ):
            right = other.evidence.start
            break
    return _joined(action.text, text[begin:right])


def _results_tail(text: str, cues: Cues) -> bool:
    """True when an item only sends results back ("and send us the result"), with no request of its
    own: "recheck her HbA1c and send the result to us" is a request, judged apart from the one before."""
    req = cues.requests
    return any_match(req.results_back, text) and not any_match(req.own_request, text)


def _reports_for_all(rest: str, cues: Cues) -> bool:
    """True when the rest of the sentence sends back the results of every request in it ("... and
    arrange a DEXA scan, forwarding both results to me"): the report-back is the earlier request's too."""
    req = cues.requests
    return any_match(req.results_for_all, rest) and any_match(req.results_back, rest)


def _own_part(
    letter: Letter, action: GpAction, others: list[GpAction], leads: list[GpAction] | None = None
) -> str:
    """The request's sentence from the end of the request before it to the start of the one after it
    (each only when in the same sentence): "he describes low mood which predates the epilepsy; please
    refer him to talking therapies, and refer him to neuropsychiatry" says the first need is older than
    the condition referred, and nothing of the second.

    ``leads`` (default ``others``) are the requests that end the stretch on the left: a caller may
    leave out requests that cannot be what the words before them describe."""
    text = letter.text
    start, end = action.evidence.start, action.evidence.end
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = _stops(text, end)
    right = min(stops) if stops else len(text)
    for other in others:
        if other is not action and end <= other.evidence.start < right:
            right = other.evidence.start
    for other in others if leads is None else leads:
        if other is not action and left <= other.evidence.end <= start:
            left = other.evidence.end
    return _joined(action.text, text[left:right])


def _whole_sentence(letter: Letter, action: GpAction) -> str:
    text = letter.text
    start, end = action.evidence.start, action.evidence.end
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = _stops(text, end)
    return _joined(action.text, text[left : min(stops) if stops else len(text)])


def _sentence_before(letter: Letter, action: GpAction) -> str:
    """The sentence (or line) before the one holding the request, up to 300 characters."""
    text = letter.text
    start = action.evidence.start
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    if left <= 0:
        return ""
    prior = max(text.rfind(". ", 0, left), text.rfind("\n", 0, left)) + 1
    return text[max(prior, left - 300) : left]


def _sentence_after(letter: Letter, action: GpAction) -> str:
    """The sentence (or line) after the one holding the request, up to 300 characters."""
    text = letter.text
    stops = _stops(text, action.evidence.end)
    if not stops:
        return ""
    start = min(stops) + 1
    following = [x for x in (text.find(". ", start), text.find("\n", start)) if x >= 0]
    end = min(following) if following else len(text)
    return text[start : min(end, start + 300)]


def _stops(text: str, end: int) -> list[int]:
    """Where the sentence holding a request ending at ``end`` ends.

    A request quoted with its own full stop ends its sentence there: the next sentence is another
    matter, even when it asks for a result back.
    """
    at = end - 1 if end > 0 and text[end - 1] == "." else end
    return [x for x in (text.find(". ", at), text.find("\n", end)) if x >= 0]


def _joined(request: str, context: str) -> str:
    """The request and its context, joined by a line break so no cue reads across the join.

    Extraction may trim or rewrite the request, so both are matched; a space between them once let
    "let us know via the advice line" run into the "If" that opens the repeated sentence.
    """
    return request + "\n" + context
