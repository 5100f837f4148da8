"""Round-4 rules, written for letters by two new authors: each cue with its near-miss.

Advice and Guidance replies (the hospital never took the patient on, so a referral it suggests is the
practice's first one), needs the letter calls unrelated to the referred condition, a shared-care
protocol sent "for information" (not the practice's agreement), re-referral for the hospital's
surveillance, urgent contact asked for only on a deterioration (a safety net), and a request that
carries its own results tail, judged apart from the one before it.
"""

from __future__ import annotations

from typing import Any

import pytest

from letter_audit.report import GpAction

from .build import ev, report

CL = "clinic_letter"


def flags(text: str, request: str, category: str, **findings: Any) -> tuple[bool, str | None]:
    def make(letter):  # type: ignore[no-untyped-def]
        return [GpAction(text=request, evidence=ev(letter, request), category=category)]

    rep = report(text + "\n", letter_type=CL, gp_actions=make, **findings)
    return rep.gp_actions[0].inappropriate, rep.gp_actions[0].rule


AG = "Advice and Guidance response\nQuestion from the practice: low neutrophils on three counts.\n"
CLINIC = "Haematology clinic letter\nSeen today in clinic with low neutrophils.\n"
REFER = "If the neutrophils fall below 1.0, please refer her to haematology."

CASES = [
    (  # an Advice and Guidance reply: the referral it suggests is the practice's first one
        AG + REFER,
        REFER,
        "referral",
        (False, None),
    ),
    (  # near miss: the same request after a clinic that took the patient on is an onward referral
        CLINIC + REFER,
        REFER,
        "referral",
        (True, "onward_referral"),
    ),
    (  # a contact line offering Advice and Guidance does not make the letter a reply to one
        "Advice: send an Advice and Guidance request via e-RS\n" + CLINIC + REFER,
        REFER,
        "referral",
        (True, "onward_referral"),
    ),
    (  # the hospital says it has not accepted the referral
        "We have not accepted this as a referral.\nIf she has recurrent infections, please refer her to"
        " haematology.",
        "please refer her to haematology",
        "referral",
        (False, None),
    ),
    (  # the same reply, in the short "A&G" form
        "A&G reply\nQuestion from the practice: low neutrophils.\n" + REFER,
        REFER,
        "referral",
        (False, None),
    ),
    (  # a need the letter calls a separate issue
        "As a separate issue, please refer her to dermatology for the rash on her shin.",
        "please refer her to dermatology for the rash on her shin",
        "referral",
        (False, None),
    ),
    (  # a need the letter calls unrelated to the referred condition
        "That is outside our field, but please could you refer him to dermatology for the mole.",
        "please could you refer him to dermatology for the mole",
        "referral",
        (False, None),
    ),
    (  # near miss: a related need is still the hospital's to refer
        "His hearing loss needs a hearing aid, so please could you refer him to audiology.",
        "please could you refer him to audiology",
        "referral",
        (True, "onward_referral"),
    ),
    (  # a shared-care protocol sent "for information" is not the practice's agreement
        "Please take over prescribing of sulfasalazine; the shared care protocol is attached for your"
        " information.",
        "Please take over prescribing of sulfasalazine",
        "prescribing",
        (True, "shared_care"),
    ),
    (  # near miss: an agreement the practice has signed
        "Under the shared care agreement your practice signed, please take over prescribing of"
        " sulfasalazine.",
        "please take over prescribing of sulfasalazine",
        "prescribing",
        (False, None),
    ),
    (  # an agreement still to be sent is not yet agreed
        "Please continue prescribing azathioprine; we will send the shared care agreement separately.",
        "Please continue prescribing azathioprine",
        "prescribing",
        (True, "shared_care"),
    ),
    (  # an agreement the practice is asked to sign is not yet agreed
        "Please take over prescribing of leflunomide under the shared care protocol, which we have asked"
        " you to sign.",
        "Please take over prescribing of leflunomide",
        "prescribing",
        (True, "shared_care"),
    ),
    (  # near miss: prescribing asked for only once the practice has agreed
        "We have enclosed our shared care agreement. Once you have agreed to it, we would be grateful if"
        " the practice could take over prescribing of lithium.",
        "we would be grateful if the practice could take over prescribing of lithium",
        "prescribing",
        (False, None),
    ),
    (  # re-referral for the hospital's own surveillance, with no test named
        "Biopsies taken. Please refer back for surveillance if needed.",
        "refer back for surveillance if needed.",
        "referral",
        (True, "call_and_recall"),
    ),
    (  # a fit note in other words: a certificate for the employer
        "He will need a certificate for his employer, which I would be grateful if you could provide.",
        "He will need a certificate for his employer, which I would be grateful if you could provide.",
        "fit_note",
        (True, "fit_note"),
    ),
    (  # a fit-note request in other words, read as one by extraction
        "She will need time off work; please provide certification for 4 weeks.",
        "She will need time off work; please provide certification for 4 weeks.",
        "fit_note",
        (True, "fit_note"),
    ),
    (  # near miss: the same words about other paperwork are not a fit note
        "Please complete the paperwork for his blue badge application.",
        "Please complete the paperwork for his blue badge application.",
        "other",
        (False, None),
    ),
    (  # near miss: a line saying no fit note is needed asks for nothing
        "He is fit to return to work; no fit note needed.",
        "He is fit to return to work; no fit note needed.",
        "fit_note",
        (False, None),
    ),
    (  # near miss: a certificate that is not about work
        "He asked about a certificate for his gym membership; please discuss at his next review.",
        "please discuss at his next review",
        "review",
        (False, None),
    ),
    (  # "referred again" after a missed appointment is a re-referral
        "He did not attend two appointments. He would need to be referred again if he wishes to be seen.",
        "He would need to be referred again if he wishes to be seen.",
        "referral",
        (True, "dna_rereferral"),
    ),
    (  # near miss: the same words after a clinic he attended are a safety net
        "I saw him in clinic today. He would need to be referred again if his symptoms return.",
        "He would need to be referred again if his symptoms return.",
        "referral",
        (False, None),
    ),
    (  # a follow-up booked with the practice itself is not the hospital's appointment passed on
        "Please arrange a GP appointment in 2 weeks to review her blood pressure.",
        "Please arrange a GP appointment in 2 weeks to review her blood pressure.",
        "review",
        (False, None),
    ),
    (  # near miss: a follow-up in the hospital's own clinic is its own to book
        "Please arrange a follow-up appointment in our fracture clinic in 2 weeks.",
        "Please arrange a follow-up appointment in our fracture clinic in 2 weeks.",
        "other",
        (True, "call_and_recall"),
    ),
    (  # a telephone appointment where the patient could not be reached is a missed appointment
        "We were unable to reach him by telephone on two occasions. Please send a new referral if he"
        " still needs to be seen.",
        "Please send a new referral if he still needs to be seen.",
        "referral",
        (True, "dna_rereferral"),
    ),
    (  # near miss: the same request after a consultation that took place is a safety net
        "I spoke to him by telephone today. Please send a new referral if he still needs to be seen.",
        "Please send a new referral if he still needs to be seen.",
        "referral",
        (False, None),
    ),
    (  # the result made available to the hospital team
        "Please repeat his ferritin in 3 months and let the clinic have the result.",
        "Please repeat his ferritin in 3 months and let the clinic have the result.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # the hospital means to review the test itself at its own clinic
        "Please check a PSA in 3 months; I will review it at his next clinic visit.",
        "Please check a PSA in 3 months",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # near miss: the hospital's own clinic mentioned, but the bloods are the practice's to act on
        "Please check U&E in 1 week; we will see him in clinic in 3 months.",
        "Please check U&E in 1 week",
        "monitoring",
        (False, None),
    ),
    (  # work-up for a named hospital specialty's next appointment
        "Please take bloods for FBC a week before his next haematology appointment.",
        "Please take bloods for FBC a week before his next haematology appointment.",
        "monitoring",
        (True, "call_and_recall"),
    ),
    (  # near miss: bloods before the practice's own appointment
        "Please check his potassium before his next appointment with you.",
        "Please check his potassium before his next appointment with you.",
        "monitoring",
        (False, None),
    ),
    (  # urgent contact asked for only on a deterioration: a safety net
        "Please repeat his FBC in 1 week, and if his Hb has fallen below 100 please let our SDEC team"
        " know the same day.",
        "if his Hb has fallen below 100 please let our SDEC team know the same day",
        "results",
        (False, None),
    ),
    (  # near miss: a routine result asked back, with no urgency, is the hospital's recall
        "Please repeat his FBC in 1 week and let our SDEC team know the result.",
        "let our SDEC team know the result",
        "results",
        (True, "call_and_recall"),
    ),
    (  # near miss: re-referral if the symptom returns is a safety net
        "Please refer back if the symptoms return.",
        "Please refer back if the symptoms return.",
        "referral",
        (False, None),
    ),
]


@pytest.mark.parametrize(("text", "asked", "category", "expected"), CASES)
def test_round4_rule(text: str, asked: str, category: str, expected: tuple[bool, str | None]) -> None:
    assert flags(text, asked, category) == expected


OPTIMISE = (
    "Please could you optimise her diabetes treatment, recheck her HbA1c in 3 months and send the result"
    " to the pre-assessment team so that we can relist her."
)


def _two(text: str, first: str, second: str) -> list[tuple[bool, str | None]]:
    def make(letter):  # type: ignore[no-untyped-def]
        return [
            GpAction(text=first, evidence=ev(letter, first), category="review"),
            GpAction(text=second, evidence=ev(letter, second), category="monitoring"),
        ]

    rep = report(text + "\n", letter_type=CL, gp_actions=make)
    return [(a.inappropriate, a.rule) for a in rep.gp_actions]


def test_request_with_its_own_results_tail_is_not_the_tail_of_the_one_before() -> None:
    """Optimising her diabetes is the practice's work; the HbA1c sent back for relisting is not."""
    got = _two(
        OPTIMISE,
        "Please could you optimise her diabetes treatment",
        "recheck her HbA1c in 3 months and send the result to the pre-assessment team",
    )
    assert got == [(False, None), (True, "call_and_recall")]


def test_bare_results_tail_still_belongs_to_the_request_before() -> None:
    """Near miss: "and send us the result" has no request of its own and joins the HbA1c request."""
    got = _two(
        "Please arrange an HbA1c and send us the result.",
        "Please arrange an HbA1c",
        "send us the result",
    )
    assert got[0] == (True, "call_and_recall")
