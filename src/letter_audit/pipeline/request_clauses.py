"""Clauses of a request sentence: where a sentence splits into requests, and what each clause asks.

Why a module of its own: the finder (``request_finder.py``) decides which sentences of a letter speak to
the practice; this part reads one such sentence, splits it into one item per request ("Please check U&E
and refer to dietitian" is two), joins back the pieces that belong together (a bare condition, a "then"
step, a report back), and gives each its owner cue, category, timeframe and condition. ``ClauseReader``
is a mixin: ``RequestFinder`` builds the compiled patterns it reads.
"""

from __future__ import annotations

import re

from .request_rules import (
    _ASKS,
    _BARE_CONDITION,
    _BARE_VERB,
    _CONDITION_END,
    _DASH_PLEASE,
    _DOES_THAT,
    _FRONTED,
    _HINGES_ON_RESULT,
    _LONE_VERB,
    _NEGATION,
    _NOTHING,
    _POINTS_BACK,
    _RESULTS_SENT,
    _RUN_ON,
    _TESTS,
    _THEN,
    _THEN_JOIN,
    _VERB_REACH,
    Request,
    RequestRules,
    _first,
)
from .rxfilter import Gate, Haystack

# A cue's part that is only a verb ("Repeat echo at 3/12 post optimisation - please request"): the words
# before it say what the request is.
_BARE_ASK = re.compile(
    r"\W*(?:please|pls|kindly|GP\s+to)\s+(?:request|arrange|organi[sz]e|book|do|action|refer"
    r"|follow\s+(?:this|it|these|them)\s+up)\W*",
    re.IGNORECASE,
)
_ASKS_FOR_TEST = re.compile(r"\b(?:request|arrange|organi[sz]e|book)\b", re.IGNORECASE)
_GIVE_IT = re.compile(r"\b(?:give|administer|offer)\s+(?:it|them|this|one)\b", re.IGNORECASE)
# A request that is a verb alone before "and" ("could you review and prescribe"): the verb after decides.
_LONE_ASK = re.compile(
    r"\W*(?:(?:GP|practice)\s+to\s+|(?:could|would|can)\s+you\s+|please\s+|pls\s+|kindly\s+)*[A-Za-z/-]+\W*",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"\b(?:in|at|after|within|every|by)\s+(?:\d|one|two|three|four|six|a\b)|\b(?:weekly|monthly|fortnightly|annual\w*|"
    r"yearly|\d+\s*/\s*(?:52|12|7))\b",
    re.IGNORECASE,
)
# A report to someone other than the writer or the patient: "let the HF nurses know", "(text or) ring the
# result to the renal nurse line". Since round 9 it is a report back that stays with its request
# (fixtures/README); when a ";" still sets it apart, it keeps the condition of the step before it.
_THIRD_PARTY_REPORT = (
    r"(?:please\s+|pls\s+)?(?:(?:text|e-?mail)\s+or\s+)?"
    r"(?:(?:let|tell|inform|update|notify)\s+(?:the|our|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:nurses?|team|clinic|unit|line|service|worker|co-?ordinator|secretar(?:y|ies)|registrar|department)\b"
    r"|(?:ring|phone|call|text)\s+(?:through\s+)?(?:the|any|his|her|these)\s+(?:\w+\s+)?"
    r"results?\s+(?:through\s+)?to\s+(?:the|our|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:nurses?|team|clinic|unit|line|service|worker|co-?ordinator|secretar(?:y|ies)|registrar|department)\b)"
)
_THIRD_PARTY_RX = re.compile(_THIRD_PARTY_REPORT, re.IGNORECASE)
# "Please encourage her to keep walking and to continue her exercises": infinitives after the patient's "to"
# are the patient's steps, one request; after the practice's ("asked your GP to ... and to sign ...") each
# is asked.
_TO_STEP = re.compile(r"\W*to\s", re.IGNORECASE)
_PATIENT_TO = re.compile(
    r"\b(?:her|him|them|the\s+patient|(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[\w'-]+|the\s+family|parents?)\s+to\s",
    re.IGNORECASE,
)


def clause_split_source(rules: RequestRules) -> str:
    """The pattern of the places where one request clause ends and the next begins inside a sentence.

    Built from the rules' verb lists (action, join, conditional-join and report verbs); the shapes it
    knows are described alternative by alternative below."""
    joins = {v.lower() for v in rules.join_verbs}
    verbs = "|".join(
        re.escape(v) for v in sorted(rules.action_verbs, key=len, reverse=True) if v.lower() not in joins
    )
    report_alt = "|".join(re.escape(v) for v in sorted(rules.report_verbs, key=len, reverse=True)) or "(?!)"
    every_verb = "|".join(re.escape(v) for v in sorted(rules.action_verbs, key=len, reverse=True))
    # "... and review of the murmur": a noun, not a second request; "... and review the result": the
    # request's own follow-through.
    verbs = (
        rf"(?:{verbs})\b(?!\s+of\b)(?!\s+(?:the\s+|any\s+)?(?:results?|report)\b)"
        # "the home oxygen assessment and review service", "the falls and review clinic": a name, not a step
        rf"(?!\s+(?:service|clinic|team|pathway|programme)\b)"
    )
    # Where one clause ends and the next begins inside a sentence. A verb in join_verbs never opens a
    # new clause, and neither does a conditional one ("... and restart ramipril if creatinine falls").
    cverbs = "|".join(re.escape(v) for v in rules.conditional_join_verbs)
    # After a comma the conditional step is a request of its own ("U&E + Mg 1/52, stop Mg supplement once
    # Mg >0.7"); after "and" it adjusts the one before.
    same_step = (
        r"(?!\S+\s+(?:it|them|this|these)\b)"
        # "reduce morphine MR further and stop over the next 4 weeks": the same drug step, with a time.
        r"(?!(?:please\s+)?(?:stop|wean|reduce|taper|titrate|increase|decrease)\s+(?:over|in|within|after|by|"
        r"when|once|altogether|completely|gradually)\b)"
        # "remove the sutures at 7 days and check the wound": the same visit's look at the wound.
        r"(?!(?:please\s+)?(?:check|inspect|look\s+at|review)\s+(?:the\s+|his\s+|her\s+)?(?:wound|site|scar|incision|flap|graft)s?\b)"
        # "remove sutures at day 10 and check for infection": the same look at the wound.
        r"(?!(?:please\s+)?(?:check|inspect|look)\s+(?:it\s+|them\s+)?(?:for\s+)?(?:any\s+)?(?:signs\s+of\s+)?infection\b)"
    )
    cond = (
        rf"(?!(?:please\s+|pls\s+|kindly\s+)?(?:{cverbs})\b(?:[^;.]|\.(?=\d))*\b(?:if|unless|once|provided)\b)"
        # "act on the lipid results and start a statin as appropriate": the step hangs on the result too.
        rf"(?!(?:please\s+|pls\s+|kindly\s+)?(?:{cverbs})\b[^;.]{{0,60}}?\b(?:as\s+(?:appropriate|indicated|needed)|accordingly)\b)"
        + same_step
    )
    lead = r"(?:also\s+|please\s+|pls\s+|kindly\s+)?"
    return (
        rf"\s*;\s*(?![^()]*\))"
        # "Restart ramipril if creatinine settles, and then stop the amlodipine if BP allows": after a
        # comma a conditional step is a request of its own.
        rf"|\s*,\s+(?:and|&)\s+(?:then\s+)?"
        rf"(?={lead}(?:{cverbs})\b(?:[^;.]|\.(?=\d))*\b(?:if|unless|once|provided)\b)"
        rf"{same_step}"
        rf"|\s*,?\s+(?:and|&)\s+(?!then\b)(?={lead}(?:{verbs})\b){cond}"
        # "asked your GP to take over the prescriptions and to sign a community chart": a second ask.
        rf"|\s*,?\s+(?:and|&)\s+(?=to\s+(?:{verbs})\s)"
        # "continue to prescribe X and to do the 6-monthly BP, pulse and weight checks": the tests are asked.
        rf"|\s*,?\s+(?:and|&)\s+(?=to\s+(?:do|carry\s+out)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[\w&,/-]+\s+){{0,6}}?"
        rf"(?:monitoring|tests?|bloods?|checks?)\b)"
        rf"|\s*,\s+(?={lead}(?:{verbs})\b){same_step}"
        # "..., and please let the patient know the result": reporting back stays with the request.
        rf"|\s*,?\s+(?:and|but)\s+(?=(?:I|we|the\s+GP|GP|please|pls|you)\b"
        # "please do not prescribe, but do record it on your system": an emphatic second request.
        rf"|do\s+(?!not\b)(?:{every_verb})\b"
        # "..., and could your practice also do her glucose checks": a second polite ask.
        rf"|(?:could|would|can)\s+(?:you|your\s+(?:practice|surgery|team)|the\s+(?:GP|practice|surgery))\b)"
        rf"(?!(?:please|pls)\s+(?:also\s+)?(?:{report_alt})\b)"
        rf"|\s*,\s+(?=(?:I|we)\s+(?:will|have|shall)\b)"
        # "... please let the surgical team know - we will review in the dressing clinic": our part
        rf"|\s+[-–]\s+(?=(?:I|we)\s+(?:will|shall)\b)"
        # "... calcium and vitamin D. Please repeat her HbA1c": a sentence the sentence splitter kept
        # joined (after "D.") is still a new request when a capitalised ask opens it.
        rf"|(?<=[a-z0-9)]\.)\s+(?=(?-i:Please|Pls|Kindly|Could\s+you|Would\s+you|GP\s+to)\b|\?[a-z])"
        # "..., and do the FBC, U&E and LFT blood monitoring fortnightly", "..., and carry out her monthly
        # pregnancy tests", "..., and make sure he is invited for his flu vaccine", "..., and his annual
        # flu boosters should continue": a second request of another kind.
        rf"|\s*,\s+and\s+(?=(?:(?:do|carry\s+out)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[\w&,/-]+\s+){{0,6}}?"
        rf"(?:monitoring|tests?|bloods?|checks?)\b|make\s+sure\b|(?:his|her|their)\s+(?:annual\s+|yearly\s+)?"
        rf"(?:[\w-]+\s+){{0,3}}(?:vaccin\w*|boosters?|jabs?|immunis\w*)\b))"
        # "..., and the practice nurse could give the injection each month", "..., and your GP will carry on
        # looking after your depression": a second ask with its own owner.
        rf"|\s*,?\s+(?:and|but)\s+(?=(?:the|your)\s+(?:GP\s+)?(?:practice|surgery|GP)(?:\s+(?:nurses?|team))?"
        rf"\s+(?:could|would|can|should|will|may)\s+(?:also\s+)?(?!be\b)\w)"
        # "..., and remove ramipril from repeats today": taking a drug off the repeat list after a comma.
        rf"|\s*,\s+and\s+(?=(?:please\s+)?(?:remove|delete|take)\s+[^.;,]{{0,40}}?\b(?:from|off)\s+"
        rf"(?:his\s+|her\s+|their\s+|the\s+)?repeats?\b)"
        # A second edit of the repeat list, however joined ("add apixaban to his repeat and take warfarin
        # off repeat", "put hydrocortisone on her repeats and remove prednisolone", "Pls add Trimbow to
        # repeats + stop Fostair", "... and to add hydroxychloroquine to her repeats", "..., and to take over
        # the prescription"): another drug's step, a request of its own.
        rf"|\s*,?\s+(?:and|&|\+)\s+(?:to\s+)?(?=(?:please\s+|pls\s+)?(?:"
        rf"(?:remove|delete|take|add|put|leave|change|keep)\s+(?!(?:it|them|this|these|that|to|on|onto)\b)[^.;]{{0,140}}?\b"
        rf"(?:from|off|to|on|onto)\s+"
        rf"(?:(?:his|her|their|the|your)\s+)?(?:repeats?|(?:repeat\s+)?prescriptions?|"
        rf"(?:medical\s+|GP\s+)?(?:records?|notes|problem\s+list)|(?:practice\s+)?(?:[\w-]+\s+){{0,3}}?registers?)\b"
        # "remove lithium from her repeat and add quetiapine to it": "it" is the list the clause before named
        rf"|(?:remove|delete|take|add|put)\s+(?!(?:it|them|this|these|that|to|on|onto)\b)[^.;,]{{0,60}}?\b"
        rf"(?:from|off|to|on|onto)\s+(?:it|them)\s*(?:[.;]|$)"
        # "take you off the Clenil ... and add the Fostair instead": the new drug in the old one's place
        rf"|(?:add|put|start)\s+(?!(?:it|them|this|these|that)\b)(?:the\s+)?[A-Za-z][\w-]*(?:\s+[\w/.-]+){{0,3}}?\s+instead\b"
        rf"|(?:remove|delete)\s+(?!(?:it|them|this|these)\b)(?!(?:the\s+|his\s+|her\s+)?(?:sutures?|stitches|staples?|clips|dressings?|"
        rf"drains?|catheters?|lines?|cannulas?|glue)\b)(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s*(?:[.;]|$)"
        rf"|(?<=to\s)take\s+over\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:prescri\w+|supply|supplies)\b))"
        rf"|\s+\+\s+(?=(?:stop|start|restart|remove|switch)\s+[A-Za-z])"
        # "Please prescribe a further month of the patches and then review whether they are still needed": a
        # review after a step is a request of its own, as after a test (fixtures/README).
        rf"|\s*,?\s+and\s+then\s+(?=(?:please\s+)?(?:review|reassess|re-?assess)\b(?!\s+(?:of|the\s+results?)\b))"
        # "stop the naproxen and then repeat the calprotectin in 6/52": a test after a step, as after "then".
        rf"|\s*,?\s+and\s+then\s+(?=(?:please\s+)?(?:repeat|re-?check|check)\s+(?!(?:it|them|this)\b))"
        # "continue prescribing the lithium and take over 3-monthly lithium levels, U&E and TFT": the tests
        # taken over are a request of their own.
        rf"|\s*,?\s+and\s+(?=(?:please\s+)?take\s+over\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){{0,3}}?"
        rf"(?:{_TESTS}|levels|monitoring|blood\s+tests|bloods)\b)"
        # "Please refer him to the weight management service, and also to a dietitian": a second service.
        rf"|\s*,?\s+and\s+also\s+(?=to\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?{_SERVICE}\W*$)"
        # "..., and a repeat of his LFTs in 2 weeks would be sensible": a test said to be wise, its own item.
        rf"|\s*,\s+and\s+(?=(?:an?\s+|the\s+)?(?:repeat|re-?check|check)\s+(?:of\s+)?[^;.,]{{0,60}}?\b(?:would|could|might|may)"
        rf"\s+(?:also\s+)?be\s+(?:sensible|helpful|useful|wise|advisable|reasonable|prudent|worthwhile|ideal|good)\b)"
        # "Coeliac serology if not already done, and a faecal calprotectin - ...": a second test named.
        rf"|\s*,\s+and\s+(?=(?:an?|the)\s+(?:[\w-]+\s+)?(?:calprotectin|serology|ferritin|FIT|PSA|CRP|ECG|"
        rf"ultrasound|X-?ray|DEXA|echo(?:cardiogram)?|stool\s+(?:sample|culture)|urine\s+(?:sample|culture))\b)"
        # "..., and will check your blood sugar in 3 months" (the owner named before): a second step.
        rf"|\s*,\s+and\s+(?=will\s+(?:also\s+)?(?:{verbs}))"
        # "..., and the bloods (FBC and LFTs) should be checked weekly": tests with their own frequency.
        rf"|\s*,\s+and\s+(?=(?:the\s+|his\s+|her\s+)?(?:{_TESTS})\b[^;.]{{0,40}}?\b(?:should|must|need\s+to|will\s+need\s+to)"
        rf"\s+be\s+(?:checked|monitored|repeated|done|measured)\b)"
        # "Please refer for angiography once eGFR above 40 (recheck renal function in 2 weeks)": a test with a
        # time of its own in brackets is a request of its own.
        rf"|\s+\((?=(?:please\s+)?(?:re-?check|repeat|check)\s+[^()]{{0,40}}?\b(?:in|at|within|after)\s+\d[^()]*\))"
        # "please check BP in 2 weeks - U&E 1 week after indapamide started, please": after a dash, another
        # test with a time of its own.
        rf"|\s+[-–]\s+(?=(?:{_TESTS}|lipids?|LFTs?|TFTs?|ferritin|PSA|CRP)\b[^;.]{{0,40}}?"
        rf"(?:\b\d+\s*(?:days?|weeks?|months?)\b|\b\d+\s*/\s*(?:52|12)\b|\bin\s+\d))"
        # "..., and given the ulcer we would suggest you check ...": a second ask after its reason.
        rf"|\s*,\s+and\s+(?=(?:given|as|since|because)\b[^,;.]{{0,40}}?\b(?:I|we)\s+(?:would\s+)?"
        rf"(?:suggest|recommend|ask|advise)\b)"
        # "..., and it would also be helpful if the practice nurse could recheck her pulse": a second ask.
        rf"|\s*,?\s+(?:and|but)\s+(?=it\s+would\s+(?:also\s+)?(?:help|be\s+(?:very\s+|most\s+|really\s+)?"
        rf"(?:helpful|useful|appreciated|great|good|kind))\s+if\b)"
        # "check U+E in 1-2 weeks, and if BP remains high, consider adding amlodipine": a second request.
        rf"|\s*,\s+and\s+(?=if\b)"
        # "... given the ramipril change and if her potassium rises above 6.0 please stop it"
        rf"|\s+and\s+(?=if\b(?:[^,;.]|\.(?=\d)){{0,80}}?\b(?:please|pls|GP\s+to|could\s+you|would\s+you)\b)"
        # "check U&E 1-2 weeks after starting ramipril, then uptitrate ramipril": kept apart below only
        # after a test; "restart ramipril ..., then titrate back" stays one plan.
        rf"|\s*,\s+then\s+(?={lead}(?:{every_verb})\b)"
        # An inline numbered list ("GP actions: 1) repeat U&E 2) review BP", "1. U&E in 1 week 2. Review
        # BP"): each number opens an item.
        rf"|\s+\(?\d{{1,2}}\)\s+(?=[A-Za-z])|\s+(?:[2-9]|1\d)\.\s+(?=[A-Z])"
        # "GP please f/u bloods 1/52 <new line> recheck Na ...": a line of a terse plan opening with a
        # verb is a request of its own, unless the line before broke off mid-phrase ("... if you could
        # <new line> check her U&E").
        rf"|(?<![,&-])(?<!\band)(?<!\bto)(?<!\bor)(?<!\bof)(?<!\bthe)(?<!\bif)(?<!\bcould)(?<!\bwould)"
        rf"(?<!\bshould)(?<!\bcan)(?<!\bplease)(?<!\bpls)(?<!\bwith)(?<!\bfor)(?<!\bthen)(?<!\bthat)"
        rf"[ \t]*\n\s*(?={lead}(?:{every_verb})\b)"
        # "... under the shared care agreement, with FBC, U&E and LFT every 4 weeks": the tests are a
        # request of their own.
        # "..., together with the monitoring bloods (FBC, U&E, LFT every 2 weeks)", "..., with 3-monthly
        # lithium levels and 6-monthly U&E": the same, with the tests' own frequency or name first.
        rf"|\s*,\s+(?:together\s+)?with\s+(?=(?:the\s+)?(?:(?:\d+|three|six)[- ](?:weekly|monthly)\s+|"
        rf"monitoring\s+|safety\s+)?(?:[\w-]+,?\s+){{0,4}}?(?:{_TESTS})\b[^;.]{{0,60}}?\b(?:every|weekly|monthly|fortnightly|"
        rf"\d+[- ](?:weekly|monthly)|in\s+\d))"
        # "..., with an annual tTG, FBC, ferritin and vitamin D": the frequency first, then the tests.
        rf"|\s*,\s+(?:together\s+)?with\s+(?=(?:an?\s+|the\s+)?(?:annual|yearly|(?:\d+|three|six|twelve)[- ]"
        rf"(?:weekly|monthly))\s+(?:[\w&+-]+,?\s+){{0,3}}?(?:{_TESTS}|ferritin|tTG|vitamin\s+D|lipids|bone\s+profile)\b)"
        # "HbA1c in 3 months and his renal function in 4 weeks": a second object with its own time.
        rf"|(?:(?<=weeks)|(?<=months)|(?<=days)|(?<=week)|(?<=month))\s+and\s+"
        rf"(?=(?:his|her|their|the)\s+[^,;.]{{1,40}}?"
        rf"\s+(?:in|at|within|after)\s+\d)"
    )


# A report back closing a request ("and send the result to the IBD nurses", "- again please send us the
# result", "and forward report to Dr Adeyemi"), and a head that asks for a test for it to close.
_REPORT_TAIL = re.compile(
    r"(?:,?\s*(?:and|then|-|–)\s+|;\s*)(?:again\s+)?(?:please\s+|pls\s+)?(?:send|forward|pass|copy|e-?mail|fax|text|ring|"
    r"phone)\s+(?:(?:us|me|it|them)\s+)?(?:the\s+|a\s+|any\s+|these\s+|this\s+|his\s+|her\s+|a\s+copy\s+of\s+the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:results?|reports?|readings?|weights?|levels?|values?)\b",
    re.IGNORECASE,
)
_TEST_HEAD = re.compile(
    rf"\b(?:check|re-?check|repeat|arrange|request|do|organi[sz]e|book|send|take|measure|weigh)\b|\b(?:{_TESTS})\b",
    re.IGNORECASE,
)
_WITH_JOIN = re.compile(r"\s*,\s+(?:together\s+)?with\s+", re.IGNORECASE)
_MONITORING_HEAD = re.compile(
    r"\b(?:continue|carry\s+on\s+with|take\s+over|do|arrange)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:monitoring|bloods|blood\s+tests)\b",
    re.IGNORECASE,
)
_TEST_NAMED = re.compile(
    rf"\b(?:{_TESTS}|lipids?|ferritin|PSA|CRP|ESR|TSH|ALT|urine|ACR|bone\s+profile|vitamin\s+D|B12|calcium)\b",
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
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|should|will|would|can|could|may|might|must|continues?|remains?|stays?)\b",
    re.I,
)
# A service or professional a patient is referred to ("a dietitian", "the falls clinic").
_SERVICE = (
    r"(?:dietitians?|dieticians?|physio\w*|podiatr\w*|psycholog\w*|OTs?|occupational\s+therap\w+|audiolog\w*|"
    r"optometr\w*|orthoptist\w*|counsell\w+|(?:[\w-]+\s+)?(?:service|clinic|team|programme))"
)
_ALSO_TO = re.compile(
    rf"\W*to\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?{_SERVICE}\W*$", re.IGNORECASE
)
_REFER_WORD = re.compile(r"\b(?:re-?)?refer", re.IGNORECASE)
_REASON_TAIL = re.compile(r",\s+(?:as|because|since|given\s+that)\s+", re.IGNORECASE)
_IF_OPENING = re.compile(r"^\W*(?:if|unless|should)\b", re.IGNORECASE)
_DASH = re.compile(r"\s+[-–]\s+")
_OWNS_IT = re.compile(r"\W*(?:[\w-]+\s+){0,2}?(?:this|it|these|them|that|both)\b", re.IGNORECASE)
_SET_OFF = re.compile(r"(?:[;,]|\band,?|\s[-–])\s*(?:only\s+)?$", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"\s+\(?\d{1,2}\)\s+")


def _row_breaks(sent: str) -> list[tuple[int, int]]:
    """Line breaks between two table rows ("Smoking cessation referral | Ward (done) | -" / "Review
    diabetes | GP | at next review"): each row is a request of its own, whatever the first ends with."""
    if "|" not in sent or "\n" not in sent:
        return []
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", sent):
        nxt = sent.find("\n", m.end())
        if "|" in sent[start : m.start()] and "|" in sent[m.end() : nxt if nxt >= 0 else len(sent)]:
            out.append((m.start(), m.end()))
        start = m.end()
    return out


Cues = list[tuple[str, re.Pattern[str]]]


class ClauseReader:
    """Splits a request sentence into clauses and reads each (the patterns are built by the finder)."""

    rules: RequestRules
    cues: Cues
    hospital: Cues
    weak_not_request: Cues
    timeframes: Cues
    categories: list[tuple[str, str, re.Pattern[str]]]
    category_gates: list[Gate]  # one per category cue: most clauses lack most cues' words
    early_categories: frozenset[str]  # the category cues read before the request's first verb
    pending_check: re.Pattern[str] | None  # a pending result the practice is asked to check (whole item)
    verb_category: dict[str, str]
    action_verbs: set[str]
    caution: set[str]
    first_verb: re.Pattern[str]
    joined_step: re.Pattern[str]
    split: re.Pattern[str]
    condition: re.Pattern[str]
    result_links: list[tuple[re.Pattern[str], re.Pattern[str]]]
    result_pointer: re.Pattern[str]
    back_reference: re.Pattern[str]
    finding_step: re.Pattern[str]
    negated_clause: re.Pattern[str]
    statement_clause: re.Pattern[str]
    patient_own: re.Pattern[str]
    patient_clause: re.Pattern[str]
    fact_clause: re.Pattern[str]

    def _ruled_out(self, sent: str, hay: Haystack) -> bool:  # pragma: no cover - the finder's
        raise NotImplementedError

    def _opens_with_step(self, sent: str) -> bool:  # pragma: no cover - the finder's
        raise NotImplementedError

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

    def category(self, text: str, sentence: str = "") -> str:
        """Early cues, then the request's first action verb, then the other cues; then the sentence."""
        tail = _REPORT_TAIL.search(text)
        if tail is not None and tail.start() > 0 and _TEST_HEAD.search(text, 0, tail.start()):
            # "arrange a faecal calprotectin and send the result to the IBD nurses, who will decide ...": the
            # report back does not make the test a result or a review (fixtures/README)
            text = text[: tail.start()]
        why = _REASON_TAIL.search(text)
        if why is not None and why.start() > 0:
            # "prescribe the titration pack, as the clinic will not see him for weeks": the reason after the
            # request is not what it asks for
            head = self.category(text[: why.start()])
            if head != "other":
                return head
        joined = self.joined_step.search(text)
        if (
            joined is not None
            and not _LONE_ASK.fullmatch(text[: joined.start()])
            # the head asks for something: a verb of its own or a when ("HbA1c 78 - optimise ..." is a value)
            and (
                self.first_verb.search(text, 0, joined.start())
                or _WHEN.search(text, 0, joined.start())
                or not any(c.isdigit() for c in text[: joined.start()])  # "U&E + review furosemide dose"
            )
        ):
            head = self.category(text[: joined.start()])
            if head != "other":
                return head
        early = self.early_categories
        m = self.first_verb.search(text, 0, _VERB_REACH)  # the request's own verb comes early
        low = Haystack(text).low
        gated = list(zip(self.categories, self.category_gates, strict=True))
        for (cid, cat, rx), gate in gated:
            if cid in early and gate.test(low) and (hit := rx.search(text)):
                if (
                    cat == "prescribing"
                    and m is not None
                    and m.end() <= hit.start()
                    and self.verb_category[m.group(1).lower()] in ("monitoring", "review")
                ):
                    continue  # "check a lying BP ... and consider restarting X": the check's kind
                if (
                    cid == "cat-review-person"
                    and m is not None
                    and m.end() <= hit.start()
                    and self.verb_category[m.group(1).lower()] in ("referral", "monitoring")
                ):
                    continue  # "refer him to MSK physiotherapy when you see him": the referral's kind
                if (
                    cid == "cat-review-check"
                    and text[max(0, hit.start() - 3) : hit.start()].lower() == "to "
                    and _TEST_NAMED.search(text, 0, hit.start())
                ):
                    continue  # "repeat LFTs in 6 weeks to see whether they are settling": the test's purpose
                return cat
        if m is not None and self.verb_category[m.group(1).lower()] != "other":
            return self.verb_category[m.group(1).lower()]
        for (cid, cat, rx), gate in gated:
            if cid not in early and gate.test(low) and rx.search(text):
                return cat
        if sentence and sentence != text and self.category(sentence) == "fit_note":
            return "fit_note"  # "a further fit note ...; please could you provide one"
        return "other"

    def _lone_verb(self, clause: str, joined: str) -> bool:
        """Whether ``clause`` is a verb alone joined by "and" to the next ("Please discuss and provide")."""
        if not _LONE_VERB.fullmatch(clause) or re.fullmatch(r"\s*(?:and|&)\s+", joined) is None:
            return False
        return clause.strip(" .,;:").lower().split()[-1] in self.action_verbs

    def _reads_result(self, head: str, step: str) -> bool:
        """Whether ``step`` is conditional on the result of the test ``head`` asks for ("U&E in 1 week" /
        "if creatinine is back to 80, restart ramipril"): then it acts on what the test finds and stays in
        the test's item, however the two are joined (fixtures/README, one item or two)."""
        m = self.condition.search(step)
        if m is None or not m.group(0).lower().startswith(("if", "once", "unless", "when")):
            # "chase the stone analysis and start any preventive treatment it suggests"
            return self.finding_step.search(step) is not None and self._names_test(head)
        if self._names_test(step[: m.start()]):
            return False  # "..., and a stool culture - if positive, treat": the step's own test's result
        stop = _CONDITION_END.search(step, m.end())
        cond = step[m.start() : stop.start() if stop else len(step)]
        if self.back_reference.match(step[m.start() :]) is not None:
            # "..., and re-refer under the suspected cancer pathway if so" (not a bare "; if not", whose
            # step comes after it: "if not, we will keep prescribing")
            return not _BARE_CONDITION.match(step)
        for tests, results in self.result_links:
            if tests.search(head) and results.search(cond):
                return True
        asked = {" ".join(t.group(0).lower().split()) for t in _TEST_NAMED.finditer(head)}
        if (
            asked
            and self._verb_kind(head) in (None, "monitoring")  # a test asked for, not a review that names one
            and _ASKS.match(step) is None  # "..., and please see him if the PSA rises": an ask of its own
            and any(" ".join(t.group(0).lower().split()) in asked for t in _TEST_NAMED.finditer(cond))
        ):
            return True  # "INR on Monday, and stop the enoxaparin once INR is 2.5": it reads that test
        if self.result_pointer.match(step[m.start() :]) is None:
            return False
        return self._names_test(head)

    def _terse_item(self, clause: str) -> bool:
        """A plan item with no finite verb that still says what to do ("Hydrocortisone tablets onto
        repeat", "U&E in 1 week")."""
        return _FINITE.search(clause) is None and self.category(clause) != "other"

    def _names_test(self, head: str) -> bool:
        """Whether ``head`` asks for a test or a result ("repeat a FIB-4", "chase the stone analysis")."""
        return self._verb_kind(head) in ("monitoring", "results") or any(
            t.search(head) for t, _ in self.result_links
        )

    def _ends_on_result_condition(self, clause: str) -> bool:
        """Whether ``clause`` ends on a condition reading the result of the test before it, with the
        step still to come ("repeat ACR and U&E and, if the ACR is still above 30" / ", consider ...")."""
        last = None
        for m in self.condition.finditer(clause):
            last = m
        if last is None or last.start() == 0:
            return False
        # only a condition set off from its test ("...; if", "..., and if", "... and, if"), not the test's own
        # ("repeat LFTs in 12 months if the ELF is reassuring")
        if _SET_OFF.search(clause, 0, last.start()) is None:
            return False
        if _CONDITION_END.search(clause, last.end()) is not None:
            return False
        if self.first_verb.search(clause, last.end()) is not None:
            return False  # "... - if >140/90 restart lisinopril at 10 mg": the step has come already
        return self._reads_result(clause[: last.start()], clause[last.start() :])

    def _last_verb_kind(self, text: str) -> str | None:
        """The kind of a clause's last action verb ("...; if creatinine is back, restart ramipril" ->
        prescribing), or None."""
        found = list(self.first_verb.finditer(text))
        return self.verb_category[found[-1].group(1).lower()] if found else None

    def _verb_kind(self, text: str) -> str | None:
        """The kind of a clause's first action verb ("check ..." -> monitoring), or None."""
        m = self.first_verb.search(text, 0, _VERB_REACH)
        return self.verb_category[m.group(1).lower()] if m is not None else None

    def timeframe(self, text: str, hay: Haystack | None = None) -> str | None:
        hit = _first(self.timeframes, text, hay)
        return hit[1].group(0) if hit else None

    def _sentence(
        self,
        text: str,
        s: int,
        e: int,
        in_gp: bool,
        cues: list[tuple[str, re.Pattern[str]]] | None = None,
        *,
        to_patient: bool = False,
    ) -> list[Request]:
        sent = text[s:e]
        lead_condition: str | None = None
        cm = self.condition.match(sent.lstrip())
        if cm is not None:
            comma = sent.find(",")
            if comma > 0:
                lead_condition = sent[cm.end() - (len(sent) - len(sent.lstrip())) : comma].strip() or None
        bounds: list[tuple[int, int]] = []
        cur = 0
        for ms, me in sorted(self.split_spans(sent) + _row_breaks(sent)):
            if ms < cur:
                continue  # a row break inside a split already made
            if _LIST_NUMBER.fullmatch(sent, ms, me) and sent.count("(", 0, ms) > sent.count(")", 0, ms):
                continue  # "(around 80) restart ramipril": a number closing a bracket is not a list's number
            bounds.append((cur, ms))
            cur = me
        bounds.append((cur, len(sent)))
        # A clause that is only a condition ("if low mood returns") opens the request after it.
        asks = self.cues if cues is None else cues
        merged: list[tuple[int, int]] = []
        # an item joined by a step that reads its test's result: where its test ends
        heads: dict[int, int] = {}
        for cs, ce in bounds:
            prev = sent[merged[-1][0] : merged[-1][1]] if merged else ""
            joined = sent[merged[-1][1] : cs] if merged else ""
            # "check U&E, then uptitrate" and "restart ramipril if Cr <160, then recheck U&E": a test on
            # either side of "then" keeps the two apart.
            after_test = _THEN_JOIN.fullmatch(joined) is not None and "monitoring" in (
                self._verb_kind(prev),
                self._verb_kind(sent[cs:ce]),
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
                and (
                    reads_result
                    or after_step
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
                    or (_THEN_JOIN.fullmatch(joined) and not after_test)
                    or _BARE_VERB.fullmatch(sent[cs:ce])
                    or self._lone_verb(prev, joined)
                    or _POINTS_BACK.match(sent[cs:ce])
                    or _RESULTS_SENT.match(sent[cs:ce])
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
            else:
                merged.append((cs, ce))
        out: list[Request] = []
        section_owner = self.rules.section_rule_id
        owner: str | None = section_owner if in_gp else None  # who the last clause belongs to
        active = self.cues if cues is None else cues
        hay = Haystack(sent)  # every clause below is a piece of this sentence
        hosp_item = _first(self.hospital, sent, hay) if in_gp and _first(active, sent, hay) is None else None
        if (
            hosp_item is not None
            and (
                hosp_item[1].start() < merged[0][1]
                or _OWNS_IT.match(sent, hosp_item[1].end()) is not None
                # "Apixaban should continue ...; the clinic will advise" (a statement), not a terse item or a
                # step ("Hydrocortisone tablets onto repeat; we have supplied 4 weeks")
                or not (self._opens_with_step(sent) or self._terse_item(sent[merged[0][0] : merged[0][1]]))
            )
        ):
            # an ownerless item the hospital owns ("Repeat OGD in 12 weeks; we will book this"); not one whose
            # last step is ours ("If ALT is below 80, restart ...; if not, email us and we will bring her
            # clinic forward")
            return out
        cued = [_first(active, sent[cs:ce], hay) is not None for cs, ce in merged] if in_gp else []
        for i, (cs, ce) in enumerate(merged):
            head_end = heads.get(cs)
            clause = sent[cs:ce]
            if not clause.strip():
                continue
            cue = _first(active, clause, hay)
            if to_patient and cue is None and self.patient_own.match(clause):
                owner = None  # "I have asked your GP to ...; please allow a week ...": the patient's
                continue
            # Under a GP heading, a clause with no cue, verb, time or kind of its own before a ";" and a
            # clause that asks is the reason for the ask ("4. Untreated apnoea lowers testosterone; I'd be
            # grateful if you could refer him"), not an item; a terse item ("Lipids at 3/12 - target <2.5;
            # pls add ...") stays.
            if (
                cue is None
                and owner == section_owner
                and any(cued[i + 1 :])
                and ";" in sent[ce : merged[i + 1][0] + 1]
                and self._verb_kind(clause) is None
                and self.timeframe(clause) is None
                and self.category(clause) == "other"
            ):
                continue
            first_in_gp = cs == 0 and owner == section_owner  # "GP: nothing routine required; if ..."
            negated = (cs > 0 and self.negated_clause.match(clause)) or (
                first_in_gp and _NOTHING.match(clause)
            )
            # A caution after a request in the same sentence goes with it ("Please start amlodipine; please
            # avoid diltiazem"); on its own it is a request ("please do not prescribe iron").
            if negated and (cue is None or (_NEGATION.match(clause) and (cue[0] not in self.caution or out))):
                continue  # "; he will get his fit note from you" has a cue of its own: not a statement
            hosp = _first(self.hospital, clause, hay)
            if cue is None and self.patient_clause.search(clause):
                owner = None  # "..., and if his weight rises he knows to contact the nurses": the patient's
                continue
            if cue is None and self.statement_clause.match(clause):
                continue
            if cue is None and self._ruled_out(clause, Haystack(clause)):
                continue  # "Daily weights - pt has scales; GP to r/v ...": the self-care part is not asked
            if cue is None and cs > 0 and ";" in sent[max(0, cs - 3) : cs] and self.fact_clause.match(clause):
                continue
            if cue is None and owner == section_owner and _first(self.weak_not_request, clause):
                continue  # under a GP heading, "She works as a nurse; please issue a fit note": a description
            if cue and hosp and hosp[1].end() < cue[1].start():
                # A run-on ("... so I have added X and if potassium rises please stop it"): the request
                # starts after the last "and"/"so" between the hospital's part and the cue.
                joins = list(_RUN_ON.finditer(clause, hosp[1].end(), cue[1].start()))
                cs += joins[-1].end() if joins else cue[1].start()
                clause = sent[cs:ce]
                cue = _first(active, clause, hay)
                hosp = None
            # A cue inside the hospital's own words is how the request is told ("We have written to your GP
            # asking them to refer you"): the request stands.
            if cue and (hosp is None or cue[1].start() < hosp[1].end()):
                owner = cue[0]
            elif hosp:
                owner = None
            if owner is None:
                continue
            cstart, cend = s + cs, s + ce
            while cend > cstart and text[cend - 1] in " .,;:\t\n":
                cend -= 1
            if cend > cstart and text[cend - 1] == ")" and "(" not in text[cstart:cend]:
                cend -= 1  # "(recheck renal function in 2 weeks)": the bracket closes around the request
                while cend > cstart and text[cend - 1] in " .,;:\t\n":
                    cend -= 1
            if cend <= cstart:
                continue
            ctext = text[cstart:cend]
            condition = lead_condition
            # The category is read from the cue on: a reason ahead of it ("Because of the dose increase,
            # your GP surgery will need to check ...") is not the request.
            fronted = cue is not None and (
                _FRONTED.search(ctext, 0, cue[1].start()) is not None
                or _DASH_PLEASE.search(ctext, max(0, cue[1].start() - 4), cue[1].start() + 6) is not None
            )
            lead = cue[1].start() if cue is not None and fronted else 0
            what = ctext[lead:]
            cond_m = self.condition.search(ctext)
            if cond_m is not None:
                tail = ctext[cond_m.end() :]
                stop = _CONDITION_END.search(tail)
                cond_end = cond_m.end() + (stop.start() if stop else len(tail))
                if condition is None:
                    condition = ctext[cond_m.end() : cond_end].strip(" .") or None
                # The category is the request's, not its condition's ("titrate ramipril if BP ...").
                what = ctext[: cond_m.start()] + ctext[cond_end:]
                if lead <= cond_m.start():
                    what = what[lead:]
            if not what.strip(" ,.;:"):
                what = ctext  # "if his eGFR falls the dose should be reduced": all condition, so read it all
            if condition is None and out and out[-1].condition and _THIRD_PARTY_RX.match(ctext):
                condition = out[-1].condition  # "If K+ >5.5 please stop it and let the HF nurses know"
            category = self.rules.cue_categories.get(owner) or self.category(what, sent)
            if category == "other" and cond_m is not None and self.category(ctext) == "results":
                category = (
                    "results"  # "let us know if the white count falls below 3.5": the condition is the result
                )
            if lead and category != "results" and self.pending_check is not None:
                if self.pending_check.search(ctext) is not None:
                    category = "results"  # "Serology is pending - please check it": chasing the result
            if lead and category != "fit_note" and self.category(ctext[:lead]) == "fit_note":
                category = (
                    "fit_note"  # "Pt requests fit note - GP to issue": what is issued sits before the cue
                )
            elif lead and len(what.split()) <= 3 and category in ("other", "prescribing"):
                # "Annual flu vaccine due - please give", "U&E in 1 week - please arrange": a bare ask whose
                # verb says little; what it asks for is named before it
                whole = self.category(ctext)
                category = whole if category == "other" or whole == "other" else category
            if head_end is not None and category != "fit_note":
                # "U&E in 1 week; if creatinine is back to 80, restart ramipril": the test's kind
                # read from the cue when the cue is in the test's part, else from the item's start
                head_text = sent[cs + lead : head_end] if cs + lead < head_end else sent[cs:head_end]
                head = self.category(head_text)
                if head == "other" and any(t.search(head_text) for t, _ in self.result_links):
                    head = "monitoring"  # "Lipids at 3/12; pls add ezetimibe if not at target": a test
                elif head == "referral" and "refer" not in head_text.lower():
                    head = "monitoring"  # only the word refer makes a referral (fixtures/README)
                if head != "other":
                    category = head
            if (
                lead
                and (category == "other" or (category == "results" and _ASKS_FOR_TEST.search(what)))
                and self.condition.match(ctext.lstrip()) is None  # "If Hb has not risen, please send ..."
                and self.category(ctext[:lead]) == "monitoring"
            ):
                category = "monitoring"  # "Repeat CXR in 6 weeks - please request it and act on the result"
            if cond_m is not None and _GIVE_IT.search(what):
                # "If he has not had the pneumococcal vaccine, could you please give it": what "it" is sits
                # in the condition.
                category = self.category(ctext, sent)
            if category == "other" and lead and (_DOES_THAT.search(what) or _BARE_ASK.fullmatch(what)):
                # "We would like a repeat PSA in 6 months - please could the practice organise this": the
                # cue's part only points back; the words before it say what the request is.
                category = self.category(ctext, sent)
            out.append(Request(cstart, cend, owner, category, self.timeframe(ctext, hay), condition))
        return out
