"""Where a request sentence splits into clauses: the places one request ends and the next begins.

Why a module of its own: the split pattern is the biggest single piece of knowledge about how letters chain
requests in one sentence ("Please check U&E and refer to dietitian" is two); ``clause_split_source``
builds it from the rules' verb lists, and ``_row_breaks`` adds the line breaks between table rows. The
clause reader applies both (``request_clause_merge.py``).
"""

from __future__ import annotations

import re

from .request_rules import _TESTS, RequestRules

# A service or professional a patient is referred to ("a dietitian", "the falls clinic").
_SERVICE = (
    r"(?:dietitians?|dieticians?|physio\w*|podiatr\w*|psycholog\w*|OTs?|occupational\s+therap\w+|audiolog\w*|"
    r"optometr\w*|orthoptist\w*|counsell\w+|(?:[\w-]+\s+)?(?:service|clinic|team|programme|centre|center|unit|hub))"
)


# "once" as a condition ("stop it once Hb is above 110"), not a dose ("semaglutide 0.25 mg once weekly").
_ONCE = (
    r"once(?!\s+(?:daily|a\s+(?:day|week|month|year)|weekly|monthly|yearly|nightly|only|more|again|off|per|"
    r"or\s+twice)\b)"
)
# A phrase between "and" and the next ask that says it is a separate step ("..., and in the meantime start
# Adcal-D3", "and alongside that stop her omeprazole", "and, in the meantime, could you prescribe ...").
_MEANWHILE = (
    r"(?:in\s+the\s+meantime|meanwhile|alongside\s+(?:that|this)|at\s+the\s+same\s+time|in\s+addition|"
    r"additionally|while\s+(?:she|he|they)\s+(?:waits?|is\s+waiting|are\s+waiting))"
)
# A vaccine named as an item of a terse list ("Annual flu vaccine + one-off pneumococcal vaccine", "Flu
# vaccine this autumn / pneumococcal if not had").
_VACCINE = r"(?:[\w-]+\s+){0,2}?(?:vaccin\w*|immunis\w*|boosters?|jabs?|pneumococcal|shingles|Shingrix|flu)\b"
# "cont sertraline", "cont. apixaban": the abbreviated "continue" of terse plans
_CONT = r"cont\.?\s+(?!(?:to|with|on|as|the\s+same)\b)[A-Za-z]"
# A questionnaire score asked for as a test ("PHQ-9 at review", "GAD-7 in 4 weeks")
_SCORED = r"(?:PHQ-?9|GAD-?7|EPDS|AUDIT(?:-C)?|MoCA|ACE-?III|6-?CIT|MMSE|IPSS|ESS)\b"
# "with", "together with", "along with", "alongside", "plus": tests joined to the request before them
_WITH = r"(?:(?:together\s+|along\s+)?with|alongside|plus)"
# the words that open a condition set off as an aside ("and, if he needs antibiotics, please ...")
_COND_WORD = r"(?:if|unless|once|when|whenever|provided|depending|according|should|in\s+case)\b"
# "put ramipril back up to 5 mg", "put the amlodipine up": a dose step said with "put"
_PUT_BACK = r"put\s+(?:the\s+|his\s+|her\s+|their\s+)?[A-Za-z][\w-]*\s+(?:back\s+)?(?:up|down|back)\b"
# A drug named with its own dose ("+ aspirin 75mg OD on repeat"): another drug's item.
_DOSED_DRUG = (
    r"(?!(?:add|start|restart|increase|reduce|decrease|stop|give|prescribe|switch|titrate|change|continue|cont)(?:s|es|ed|d)?\b)"
    r"(?!(?:then|to|a|an|the|by|of|with|up|down|from|at|on|in|and|or|his|her|their|after|before|each|every)\b)"
    # (a name of up to three words: "isosorbide mononitrate MR 30 mg")
    r"(?!(?:take|takes|taking|use|using|have|having)\b)"
    # (or four: "vit B co strong 2 tabs TDS")
    r"[A-Za-z][\w-]*(?:\s+(?!(?:to|by|up|down|back|at|of|from|the|and|or|then|daily)\b)[A-Za-z][\w-]*){0,3}?\s+"
    r"(?:\d+(?:\.\d+)?\s*(?:mg|mcg|micrograms?|g|units?|ml|%)(?![\w/])"
    # or a count and how often ("Adcal-D3 one tablet twice daily", "Laxido 1 sachet BD"): three writers of
    # round 21 gave a second drug so
    # (and gel pumps: "Oestrogel 2 pumps daily", "Testogel one pump each morning")
    r"|(?:one|two|three|four|half\s+a|a|\d+)\s+(?:tablets?|tabs?|capsules?|caps?|caplets?|puffs?|pumps?|sachets?|drops?|patch(?:es)?"
    r"|pessar(?:y|ies)|suppositor(?:y|ies)|spoonfuls?)\s+(?:once|twice|three\s+times|four\s+times|daily|a\s+day|"
    r"each|every|at\s+night|in\s+the\s+morning|OD|BD|TDS|QDS|ON|nocte|mane|PRN|as\s+(?:needed|required))\b)"
)
# A drug named with its own directions and no dose ("+ salbutamol as needed", "+ GTN spray PRN"): not a test
# ("+ bloods as needed") nor a word that carries on the step before ("+ review as needed")
_DIRECTED_DRUG = (
    r"(?!(?:then|to|a|an|the|by|of|with|up|down|from|at|on|in|and|or|his|her|their|after|before|each|every|"
    r"review|r/v|repeat|recheck|check|monitor|see|refer)\b)"
    rf"(?!(?:{_TESTS}|LFTs?|TFTs?|lipids?|CRP|PSA)\b)"
    r"[A-Za-z][\w-]*(?:\s+(?:spray|inhaler|cream|gel|drops|tablets?|patch(?:es)?))?\s+"
    r"(?:as\s+(?:needed|required)|when\s+(?:needed|required)|PRN)\b"
)

# A drug named by its form and when to use it, with no dose ("Xailin Night ointment at bedtime", "Otomize
# spray three times daily", "Dermol cream twice daily"): another drug's item, as a dosed one is
_FORM_DRUG = (
    r"(?!(?:then|to|a|an|the|and|or|his|her|their|please|also)\b)"
    r"[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?\s+(?:ointment|cream|gel|lotion|emollient|drops|spray|inhaler|"
    r"shampoo|pessar(?:y|ies)|suppositor(?:y|ies)|mouthwash|patch(?:es)?)\s+"
    r"(?:at\s+(?:bedtime|night)|nocte|(?:once|twice|three\s+times|four\s+times)\s+(?:a\s+day|daily)|daily|"
    r"OD|BD|TDS|QDS|ON|mane)\b"
)
# A test or review named before its word, with a time of its own ("BP check in 4/52", "BP r/v 2/52", "a
# wound review in 2 weeks", "FBC/ferritin at the end of the course", "mood review at 6 weeks"): a request
# that stands alone after a terse join ("plus", "+", "as well as", a comma after a time of its own)
_OBJECT_TIMED = (
    r"(?:(?:his|her|their|the|an?)\s+)?(?:repeat\s+|further\s+)?(?:[\w&/-]+\s+){0,2}?"
    r"(?:check|re-?check|r/v|review|test|level|bloods?|monitoring)s?\b(?!\s+(?:of|the\s+results?)\b)"
    r"[^;.,+()]{0,20}?"
    r"(?:\b(?:in|at|within|after)\s+(?:\d|a\s+(?:week|fortnight|month)|one\b|two\b|three\b|four\b|six\b)"
    r"|\b\d+\s*/\s*(?:52|12)\b|\b\d+\s*(?:days?|weeks?|months?)\b)"
)

# Another drug's step with a verb and a dose of its own, after a dosed step ("continue amlodipine 10 mg and
# add doxazosin 4 mg daily"): two drug steps (joined back by request_repeat_edits.py when the repeat list is
# named); not the same drug's next step ("and increase it to 10 mg", "and then to 10 mg")
_VERBED_DOSE = (
    r"(?:add|start|restart|continue|stop|increase|reduce|decrease|prescribe|switch\s+to)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+)?(?!(?:it|them|this|that|to|by|up|down|back|dose|a|an)\b)"
    # (or four: "vit B co strong 2 tabs TDS")
    r"[A-Za-z][\w-]*(?:\s+(?!(?:to|by|up|down|back|at|of|from|the|and|or|then|daily)\b)[A-Za-z][\w-]*){0,3}?\s+"
    r"(?:(?:up\s+|down\s+)?(?:to|by)\s+)?\d+(?:\.\d+)?\s*"
    r"(?:mg|mcg|micrograms?|g|units?|ml)(?![\w/])"
)

# A drug and the dose it goes to, its verb left out ("bisoprolol towards 5-10 mg", "amlodipine up to 10 mg"):
# not a word that carries on the same step ("then to 10 mg", "back up to 5 mg", "gradually to 2.5 mg")
_GAPPED_DOSE = (
    r"(?!(?:then|up|down|back|gradually|slowly|eventually|finally|later|further|on|off|a|an|if|once|only|not|also|"
    r"aim|aiming|target|max|maximum|to)\b)"
    # (nor a verb: "and step up to 0.5 mg", "and increases to 125 mg")
    r"(?!(?:titrate|uptitrate|increase|reduce|decrease|wean|taper|stop|start|restart|continue|step|go|come|build|"
    r"work|move|bring|push|put|get|take|keep|raise|lower|drop|change|switch|return|cut|half|halve|double)(?:s|es|d|ed)?\b)"
    r"(?![\w-]*(?:ing|ed)\b)"
    r"[A-Za-z][\w-]*\s+(?:(?:up|down)\s+)?(?:to|towards)\s+(?:a\s+(?:dose|maximum)\s+of\s+)?"
    r"\d+(?:\.\d+)?(?:\s*[-–]\s*\d+(?:\.\d+)?)?\s*(?:mg|mcg|micrograms?|units?|g)\b"
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
    # "... and review of the murmur", "... for recast and follow-up": a noun, not a second request; "... and
    # review the result": the request's own follow-through.
    verbs = (
        rf"(?:{verbs})\b(?!-)(?!\s+of\b)(?!\s+(?:the\s+|any\s+)?(?:results?|report)\b)"
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
        # "reduce and stop", "taper and stop it": the end of the same drug step, with no object of its own.
        r"(?!(?:please\s+)?(?:stop|discontinue)(?:\s+(?:it|them|altogether|completely))?\s*(?:[.;,]|$))"
        # "remove the sutures at 7 days and check the wound": the same visit's look at the wound.
        r"(?!(?:please\s+)?(?:check|inspect|look\s+at|review)\s+(?:the\s+|his\s+|her\s+)?(?:wound|site|scar|incision|flap|graft)s?\b)"
        # "remove sutures at day 10 and check for infection": the same look at the wound.
        r"(?!(?:please\s+)?(?:check|inspect|look)\s+(?:it\s+|them\s+)?(?:for\s+)?(?:any\s+)?(?:signs\s+of\s+)?infection\b)"
    )
    cond = (
        rf"(?!(?:please\s+|pls\s+|kindly\s+)?(?:{cverbs})\b(?:[^;.]|\.(?=\d))*\b(?:if|unless|provided)\b)"
        # "act on the lipid results and start a statin as appropriate": the step hangs on the result too.
        rf"(?!(?:please\s+|pls\s+|kindly\s+)?(?:{cverbs})\b[^;.]{{0,60}}?\b(?:as\s+(?:appropriate|indicated|needed|tolerated)|accordingly|as\s+(?:[\w-]+\s+){{1,2}}(?:allows?|permits?))\b)"
        + same_step
    )
    lead = r"(?:also\s+|please\s+|pls\s+|kindly\s+)?"
    # a hedge that softens the second ask ("..., and perhaps see her for a mood check", "and maybe also
    # refer her"): the ask after it opens a clause as the bare verb would
    hedge = r"(?:(?:perhaps|maybe|possibly|ideally|if\s+possible,?)\s+)"
    # every verb but the report verbs ("chase histology + let her know" is one item: fixtures/README)
    reports = {v.lower() for v in rules.report_verbs}
    step_verb = "|".join(
        re.escape(v) for v in sorted(rules.action_verbs, key=len, reverse=True) if v.lower() not in reports
    )
    step_verb = rf"(?:{step_verb})\b(?!\s+(?:it|this|them|these|of)\b)"
    return (
        rf"\s*;\s*(?![^()]*\))"
        # "Restart ramipril if creatinine settles, and then stop the amlodipine if BP allows": after a
        # comma a conditional step is a request of its own.
        rf"|\s*,\s+(?:and|&)\s+(?:then\s+)?"
        rf"(?={lead}(?:{cverbs})\b(?:[^;.]|\.(?=\d))*\b(?:if|unless|{_ONCE}|provided)\b)"
        rf"{same_step}"
        rf"|\s*,?\s+(?:and|&)\s+(?!then\b)(?={lead}(?:{verbs})\b){cond}"
        rf"|\s*,?\s+(?:and|&)\s+(?={hedge}(?:also\s+)?(?:{verbs})\b)"
        # "..., and, as she has never had one, add a hydrocortisone kit", "and, if he needs antibiotics,
        # please let us know": an aside set off by commas between "and" and the second ask
        # (a condition as the aside only before a polite ask of its own; "and, depending on the result, start
        # bone protection" after a test is set apart from it by the merge, not here)
        rf"|\s*,?\s+(?:and|&)\s*,\s+(?=(?!{_COND_WORD})[^,;.()]{{3,90}},\s+(?:{hedge}?(?:also\s+|please\s+|pls\s+|kindly\s+)?"
        rf"(?:{every_verb})\b|(?:please|pls|kindly)\b|(?:could|would|can)\s+you\b))"
        rf"|\s*,?\s+(?:and|&)\s*,\s+(?={_COND_WORD}[^,;.()]{{3,90}},\s+(?:please|pls|kindly|(?:could|would|can)\s+you)\b)"
        # "start mebeverine 135 mg TDS and, if symptoms persist at 3 months, try amitriptyline 10 mg at
        # night": another drug started on a condition of its own (not the same drug's next step: "and, if
        # tolerated, increase to 10 mg")
        rf"|\s*,?\s+(?:and|&)\s*,\s+(?=(?:if|unless|should)\b[^,;.()]{{3,90}},\s+(?:please\s+|pls\s+)?"
        rf"(?:try|add|start|commence|prescribe|offer|consider|switch\s+to)\s+(?:a\s+trial\s+of\s+)?"
        rf"(?!(?:it|them|this|that|the\s+dose|to|a|an)\b)[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){{0,2}}?\s+\d+(?:\.\d+)?\s*"
        rf"(?:mg|mcg|micrograms?|g|units?|ml)\b)"
        # "asked your GP to take over the prescriptions and to sign a community chart": a second ask.
        rf"|\s*,?\s+(?:and|&)\s+(?=to\s+(?:{verbs})\s)"
        # "... to refer her to the memory clinic and also to review her in 6 weeks": "also" marks a second ask
        rf"|\s*,?\s+(?:and|&)\s+(?=also\s+to\s+(?:{every_verb})\s)"
        # "continue to prescribe X and to do the 6-monthly BP, pulse and weight checks": the tests are asked.
        rf"|\s*,?\s+(?:and|&)\s+(?=to\s+(?:do|carry\s+out)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[\w&,/-]+\s+){{0,6}}?"
        rf"(?:monitoring|tests?|bloods?|checks?)\b)"
        rf"|\s*,\s+(?={lead}(?:{verbs})\b){same_step}"
        # "..., and please let the patient know the result": reporting back stays with the request.
        rf"|\s*,?\s+(?:and|but)\s+(?={hedge}?(?:I|we|the\s+GP|GP|please|pls|you)\b"
        # "please do not prescribe, but do record it on your system": an emphatic second request.
        rf"|do\s+(?!not\b)(?:{every_verb})\b"
        # "..., and could your practice also do her glucose checks": a second polite ask.
        rf"|(?:could|would|can)\s+(?:you|your\s+(?:practice|surgery|team)|the\s+(?:GP|practice|surgery))\b)"
        rf"(?!(?:please|pls)\s+(?:also\s+)?(?:{report_alt})\b)"
        # "..., and also if you could update her repeat prescription": a second "if you could" ask (not "and
        # if you could let us know the result", a report back)
        rf"|\s*,?\s+and\s+(?=(?:also\s+)?if\s+you\s+(?:could|would|can|might)\s+(?:also\s+)?(?:please\s+)?"
        rf"(?!(?:{report_alt})\b)[a-z])"
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
        # the prescription"): cut, and two drugs' edits joined back by request_repeat_edits.py (README).
        rf"|\s*,?\s+(?:and|&|\+)\s+(?:to\s+)?(?=(?:please\s+|pls\s+)?(?:"
        # ("issue a rescue pack of amoxicillin and prednisolone, and add both to her repeat": the same drugs,
        # so not another drug's step: "both" and "those" point back like "it")
        rf"(?:remove|delete|take|add|put|leave|change|keep)\s+(?!(?:it|them|this|these|that|both|those|to|on|onto)\b)[^.;]{{0,140}}?\b"
        rf"(?:from|off|to|on|onto)\s+"
        rf"(?:(?:his|her|their|the|your)\s+)?(?:repeats?|(?:repeat\s+)?prescriptions?|"
        rf"(?:medical\s+|GP\s+)?(?:records?|notes|problem\s+list)|(?:practice\s+)?(?:[\w-]+\s+){{0,3}}?registers?)\b"
        # "remove lithium from her repeat and add quetiapine to it": "it" is the list the clause before named
        rf"|(?:remove|delete|take|add|put|keep|leave)\s+(?!(?:it|them|this|these|that|to|on|onto)\b)[^.;,]{{0,60}}?\b"
        rf"(?:from|off|to|on|onto)\s+(?:it|them)\s*(?:[.;,]|$)"
        # "take you off the Clenil ... and add the Fostair instead": the new drug in the old one's place
        rf"|(?:add|put|start)\s+(?!(?:it|them|this|these|that)\b)(?:the\s+)?[A-Za-z][\w-]*(?:\s+[\w/.-]+){{0,3}}?\s+instead\b"
        rf"|(?:remove|delete)\s+(?!(?:it|them|this|these)\b)(?!(?:the\s+|his\s+|her\s+)?(?:sutures?|stitches|staples?|clips|dressings?|"
        rf"drains?|catheters?|lines?|cannulas?|glue)\b)(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?"
        # ("remove Seretide and Spiriva", "remove ropinirole once he has finished reducing it on 30/11")
        rf"(?:\s+(?:and|&)\s+(?:the\s+)?[A-Za-z][\w-]*)?(?:\s+(?:once|when|after|from)\s+[^.;]{{1,60}}?)?\s*(?:[.;,]|$)"
        rf"|(?<=to\s)take\s+over\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:prescri\w+|supply|supplies)\b))"
        rf"|\s+\+\s+(?=(?:stop|start|restart|remove|switch)\s+[A-Za-z])"
        # "clip removal at practice day 10-12 + fit note 6/52": a fit note with a length of its own after "+"
        rf"|\s+\+\s+(?=(?:(?:a|further)\s+)?(?:fit|sick)\s+note\s+(?:for\s+)?(?:\d+\s*/\s*52|\d+\s*(?:weeks?|days?)|"
        rf"(?:one|two|three|four|six)\s+weeks?)\b)"
        # "GP f/u 2/52 + U&E at same visit": a test with a time of its own after "+" (joined back below when
        # the part before is a test too: "U&E + Mg 1/52"; not a condition's "+ CRP <10")
        rf"|\s+\+\s+(?=(?:{_TESTS}|LFTs?|TFTs?|lipids?|ferritin|CRP|PSA|Mg|magnesium|calcium)\b[^;.,+<>]{{0,30}}?"
        rf"(?:\b\d+\s*/\s*(?:52|12)\b|\bin\s+\d|\b\d+\s*(?:days?|weeks?|months?)\b|\bat\s+(?:the\s+)?same\s+"
        rf"(?:visit|time|appointment|review)\b|\bat\s+the\s+end\s+of\s+(?:the\s+)?(?:course|treatment)\b))"
        # "r/v 1/52 + U&E", "f/u 2/52 + FBC": a test standing bare at the end after "+" is an item of its own
        # after a review or a step (joined back below when the part before is a test too: "FBC + U&E")
        rf"|\s+\+\s+(?=(?:{_TESTS}|LFTs?|TFTs?|lipids?|ferritin|CRP|PSA|Mg|magnesium|calcium)\s*(?:[.;\n]|$))"
        # "r/v 2/52 / U&E 1/52": the same after a spaced "/" when the part before has a terse time of its own
        # too (not "FBC / U&E 4/52", two tests sharing one time)
        rf"|(?:(?<=/52)|(?<=/12))\s+/\s+(?=(?:{_TESTS}|LFTs?|TFTs?|lipids?|ferritin|CRP|PSA|Mg|magnesium|calcium)"
        rf"\b[^;.,+/<>]{{0,30}}?\b\d+\s*/\s*(?:52|12)\b)"
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
        rf"|\s*,?\s+and\s+(?=(?:also\s+)?to\s+(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}}?{_SERVICE}(?:\s+(?:please|pls))?(?:\s*[,;.]|\W*$))"
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
        rf"|\s+\((?=(?:and\s+)?(?:please\s+|pls\s+)?(?:re-?check|repeat|check)\s+[^()]{{0,40}}?"
        # ("Start dapagliflozin 10 mg OD (and please check U&E two weeks later), then ...")
        rf"(?:\b(?:in|at|within|after)\s+\d|\b(?:\d+|one|two|three|four|six|a)\s+(?:days?|weeks?|months?)\s+"
        rf"(?:later|after)\b)[^()]*\))"
        # "please check BP in 2 weeks - U&E 1 week after indapamide started, please": after a dash, another
        # test with a time of its own.
        rf"|\s+[-–]\s+(?=(?:{_TESTS}|lipids?|LFTs?|TFTs?|ferritin|PSA|CRP)\b[^;.]{{0,40}}?"
        rf"(?:\b\d+\s*(?:days?|weeks?|months?)\b|\b\d+\s*/\s*(?:52|12)\b|\bin\s+\d))"
        # "..., and given the ulcer we would suggest you check ...": a second ask after its reason.
        rf"|\s*,\s+and\s+(?=(?:given|as|since|because)\b[^,;.]{{0,40}}?\b(?:I|we)\s+(?:would\s+)?"
        rf"(?:suggest|recommend|ask|advise)\b)"
        # "..., and with three attendances in 3 months please consider a preventer": the same, with "please"
        rf"|\s*,\s+and\s+(?=(?:given|as|since|because|with)\b[^,;.]{{0,60}}?\b(?:please|pls|could\s+you|would\s+you)\s)"
        # "..., then U&E again 2 weeks after restarting": a test after "then" is an item of its own
        rf"|\s*,\s+then\s+(?=(?:a\s+|the\s+)?(?:repeat\s+|further\s+)?(?:{_TESTS}|lipids?|LFTs?|TFTs?)\b[^;.,]{{0,40}}?"
        rf"\b(?:again|in|at|after|within)\b)"
        # "start folic acid for four months, followed by a repeat FBC and folate": a test or a review
        # "followed by" a step is its next item, as after "then" (fixtures/README)
        rf"|\s*,?\s+followed\s+by\s+(?=(?:an?\s+|the\s+|his\s+|her\s+)?"
        rf"(?:repeat\s+|further\s+|re-?check\s+(?:of\s+)?)?"
        rf"(?:{_TESTS}|lipids?|LFTs?|TFTs?|ferritin|B12|folate|PSA|CRP|review|r/v)\b"
        # ("..., followed by a medication review with the practice nurse": a review named by what it is of)
        rf"|(?:an?\s+|the\s+|his\s+|her\s+)?(?:[\w-]+\s+){{1,2}}?(?:review|r/v)\b(?!\s+(?:of\s+)?(?:the\s+)?results?\b))"
        # "HR and BP r/v 2/52 -> increase bisoprolol to 5 mg if HR >90", "FBC in 1/52, followed by ferrous
        # fumarate 210 mg BD if Hb <100": a drug step on a condition of its own, after an arrow or "followed
        # by", acts on what the test or review before it finds, so it is an item of its own (fixtures/README).
        rf"|\s*(?:,\s*)?(?:[-–]+>|→|,?\s+followed\s+by)\s+(?=(?:please\s+|pls\s+)?(?:\?\s*)?"
        rf"(?:{step_verb}|[↑↓]|{_DOSED_DRUG}"
        # ("followed by an increase in bisoprolol to 7.5 mg OD if her resting heart rate is still above 110")
        rf"|an?\s+(?:increase|reduction|decrease|switch|change|trial)\s+(?:in|of|to)\s"
        # ("U&E and Mg in 1/52, followed by oral replacement if either is low": a replacement told as a noun)
        rf"|(?:an?\s+)?(?:(?:oral|IV|intravenous|iron|potassium|magnesium|vitamin\s+D|folate|B12)\s+)?"
        rf"(?:replacement|supplementation|supplements?)\b)"
        rf"(?:[^;.]|\.(?=\d)){{0,80}}?\b(?:if|once|when|unless)\b)"
        # "Wt + U&E 1/52 -> adjust furosemide": a step verb of its own after the arrow, with no condition,
        # acts on what the test before it finds too (a dose arrow inside a step has no verb after it:
        # "ramipril 2.5 -> 5 mg")
        rf"|\s*(?:[-–]+>|→)\s+(?=(?:please\s+|pls\s+)?(?:{step_verb}))"
        # "record this on her GP record and share it with the out-of-hours service": a plan shared with
        # another service that will see the patient is an ask of its own (not "share the result with us", a
        # report back)
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+)?share\s+"
        rf"(?:it|this|them|these|the\s+[\w-]+(?:\s+[\w-]+)?)\s+"
        rf"with\s+(?:the\s+|his\s+|her\s+|their\s+|your\s+)?(?:local\s+)?(?:out[- ]of[- ]hours|OOH|ambulance|"
        rf"111|care\s+home|district\s+nurs\w*|community\s+(?:nurs\w*|team)|hospice|palliative\s+care|carers?|"
        rf"family)\b)"
        # "take warfarin off her repeat and add apixaban, and let the anticoagulation clinic know she is no
        # longer on warfarin", "and inform the community pharmacy that he now has blister packs": another
        # service told a fact about the patient, an ask of its own (not a result reported back: "and let the
        # clinic know the result")
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+)?(?:let|tell|inform|notify|update|advise)\s+"
        rf"(?:the|his|her|their|your)\s+(?:[\w-]+\s+){{0,3}}?(?:clinic|team|service|nurses?|pharmacy|pharmacist|"
        rf"dentist|optician|school|carers?|home|midwife|visitor)\s+(?:know\s+)?(?:that\s+)?"
        rf"(?:she|he|they|the\s+patient)\s+(?:is|has|was|will|no\s+longer|now|does|cannot|can\s*not|should)\b)"
        # "..., and perhaps your health visitor colleagues could be made aware": a second ask told in the
        # passive of its own subject
        rf"|\s*,?\s+and\s+(?=(?:perhaps\s+|maybe\s+|also\s+)?(?:your|the\s+practice'?s?|the)\s+"
        rf"(?:[\w-]+\s+){{0,2}}?"
        rf"(?:colleagues|team|nurses?|visitors?|pharmacists?|HCA)\s+(?:could|should|might|may|can)\s+(?:also\s+)?be\s+"
        rf"(?:made\s+aware|informed|told|asked|contacted|involved|alerted|updated)\b)"
        # "..., and it would also be helpful if the practice nurse could recheck her pulse": a second ask.
        rf"|\s*,?\s+(?:and|but)\s+(?=it\s+would\s+(?:also\s+)?(?:help|be\s+(?:very\s+|most\s+|really\s+)?"
        rf"(?:helpful|useful|appreciated|great|good|kind))\s+if\b)"
        # "check U+E in 1-2 weeks, and if BP remains high, consider adding amlodipine": a second request.
        rf"|\s*,\s+and\s+(?=if\b)"
        # "... given the ramipril change and if her potassium rises above 6.0 please stop it"
        rf"|\s+and\s+(?=if\b(?:[^,;.]|\.(?=\d)){{0,80}}?\b(?:please|pls|GP\s+to|could\s+you|would\s+you)\b)"
        # "check U&E 1-2 weeks after starting ramipril, then uptitrate ramipril": kept apart below only
        # after a test; "restart ramipril ..., then titrate back" stays one plan.
        rf"|\s*,\s+(?:and\s+)?then\s+(?={lead}(?:{every_verb})\b)"
        # An inline numbered list ("GP actions: 1) repeat U&E 2) review BP", "1. U&E in 1 week 2. Review
        # BP"): each number opens an item.
        rf"|\s+\(?\d{{1,2}}\)\s+(?=[A-Za-z])|\s+(?:[2-9]|1\d)\.\s+(?=[A-Z])"
        # "GP please f/u bloods 1/52 <new line> recheck Na ...": a line of a terse plan opening with a
        # verb is a request of its own, unless the line before broke off mid-phrase ("... if you could
        # <new line> check her U&E").
        rf"|(?<![,&-])(?<!\band)(?<!\bto)(?<!\bor)(?<!\bof)(?<!\bthe)(?<!\bif)(?<!\bcould)(?<!\bwould)"
        rf"(?<!\bshould)(?<!\bcan)(?<!\bplease)(?<!\bpls)(?<!\bwith)(?<!\bfor)(?<!\bthen)(?<!\bthat)"
        rf"[ \t]*\n\s*(?={lead}(?:{every_verb})\b|also\s+(?!to\b)[\w&/(-])"
        # "... under the shared care agreement, with FBC, U&E and LFT every 4 weeks": the tests are a
        # request of their own.
        # "..., together with the monitoring bloods (FBC, U&E, LFT every 2 weeks)", "..., with 3-monthly
        # lithium levels and 6-monthly U&E": the same, with the tests' own frequency or name first.
        rf"|\s*,\s+{_WITH}\s+(?=(?:the\s+)?(?:(?:\d+|three|six)[- ](?:weekly|monthly)\s+|"
        rf"monitoring\s+|safety\s+)?(?:[\w-]+,?\s+){{0,4}}?(?:{_TESTS})\b[^;.]{{0,60}}?\b(?:every|weekly|monthly|fortnightly|"
        rf"\d+[- ](?:weekly|monthly)|in\s+\d))"
        # "..., with an annual tTG, FBC, ferritin and vitamin D": the frequency first, then the tests.
        rf"|\s*,\s+{_WITH}\s+(?=(?:an?\s+|the\s+)?(?:annual|yearly|(?:\d+|three|six|twelve)[- ]"
        rf"(?:weekly|monthly))\s+(?:[\w&+-]+,?\s+){{0,3}}?(?:{_TESTS}|ferritin|tTG|vitamin\s+D|lipids|bone\s+profile)\b)"
        # "HbA1c in 3 months and his renal function in 4 weeks", "U&E in a week, her BP in a fortnight and
        # her weight monthly": a second object with its own time.
        rf"|(?:(?<=weeks)|(?<=months)|(?<=days)|(?<=week)|(?<=month)|(?<=fortnight)|(?<=weekly)|(?<=monthly))"
        rf"(?:\s+and|,(?:\s+and)?)\s+"
        rf"(?=(?:his|her|their|the)\s+[^,;.]{{1,40}}?"
        rf"\s+(?:(?:in|at|within|after)\s+(?:\d|a\s+(?:week|fortnight|month)|one\b|two\b|three\b|six\b)"
        rf"|weekly\b|monthly\b|fortnightly\b|annually\b|every\s))"
        # Terse chains (round 12): "HbA1c 3/12 + r/v statin dose", "stop aspirin + add apixaban", "Refer tier
        # 3 weight mgmt / repeat HbA1c", "hydroxycarbamide 500mg OD + aspirin 75mg OD on repeat", "Annual flu
        # vaccine + one-off pneumococcal vaccine": a step, a dosed drug or a vaccine after a spaced "+" or "/"
        # is an item of its own (not a report back: "chase histology + let her know"; not inside brackets).
        # (and in EPR shorthand: "cont sertraline on repeat", "PHQ-9 at review pls")
        rf"|\s*,?\s+[+/]\s+(?![^()]*\))(?=(?:please\s+|pls\s+|also\s+|\?\s*)?(?:{step_verb}|{_VACCINE}|{_DOSED_DRUG}|{_FORM_DRUG}|{_DIRECTED_DRUG}|{_GAPPED_DOSE}|{_PUT_BACK}"
        rf"|{_CONT}|{_SCORED}\s+(?:at|in|on|after|before|every)\b)){same_step}"
        # "..., as well as supplying her with pen needles", "... as well as a fit note for 2 weeks", "..., as
        # well as Dermol 500 lotion": a second ask joined by "as well as" (not "as well as to the HF team",
        # a report's second reader; not "look at X as well as whether ...").
        rf"|\s*,\s+as\s+well\s+as\s+(?!to\b|whether\b|if\b)"
        rf"|\s+as\s+well\s+as\s+(?=(?:\w{{3,}}ing\s+(?:his|her|their|the|an?|them|him|it)\b|(?:{step_verb})"
        rf"|{_DOSED_DRUG}|{_FORM_DRUG}|{_OBJECT_TIMED}"
        rf"|an?\s+(?:fit|sick)\s+note\b))"
        # "..., plus repeat U&E in 3-5 days", "..., plus decide re aspirin": a second ask joined by "plus"
        rf"|\s*,?\s+plus\s+(?=(?:please\s+|pls\s+)?(?:{step_verb}|decide\b|discuss\b|{_OBJECT_TIMED}))"
        # "U&E 1/52, BP r/v 2/52", "bloods in 1 week, wound check at 2 weeks": after a terse time of its own,
        # a comma and a test or review named before its word with a time of its own
        rf"|(?:(?<=/52)|(?<=/12)|(?<=/7)|(?<=weeks)|(?<=months)|(?<=days)|(?<=week)|(?<=month))\s*,\s+"
        rf"(?=(?!(?:his|her|their|the|an?)\b)(?:[\w&/-]+\s+){{0,2}}?(?:check|r/v|review)\b"
        rf"(?!\s+(?:of|the\s+results?)\b)[^;.,+()]{{0,20}}?"
        rf"(?:\b(?:in|at|within|after)\s+\d|\b\d+\s*/\s*(?:52|12)\b|\b\d+\s*(?:days?|weeks?|months?)\b))"
        # "..., and in the meantime start Adcal-D3", "and alongside that stop her omeprazole", "and, in the
        # meantime, could you prescribe ...": a separate step, said to be so.
        rf"|\s*,?\s+(?:and|&)\s*,?\s+(?={_MEANWHILE}\s*,?\s+(?:please\s+|pls\s+|also\s+)?"
        rf"(?:(?:could|would|can)\s+you\b|{every_verb}\b"
        # ("..., and in the meantime it would be helpful if the practice could check her HbA1c")
        rf"|it\s+would\s+(?:also\s+)?be\s+(?:very\s+|most\s+)?(?:helpful|useful|appreciated|great|good|kind)\s+if\b"
        rf"|(?:I|we)\s+would\s+(?:also\s+)?(?:be\s+(?:very\s+)?grateful\s+if|appreciate\s+it\s+if)\b))"
        # "... - please also weigh her", "... - and titrate metformin back up": a new ask after a dash (not
        # "Home BP 148/92 - please review his antihypertensives", where the dash opens the ask itself)
        rf"|\s+[-–]\s+(?=(?:please|pls|kindly)\s+also\s+(?:{step_verb}))"
        rf"|\s+[-–]\s+and\s+(?=(?:please\s+|pls\s+|also\s+)?(?:{step_verb}))"
        # "cont. apixaban for 3/12 then r/v need", "reduce omeprazole after 8/52 then review need": a review
        # after a step is a request of its own (fixtures/README)
        rf"|\s+then\s+(?=(?:please\s+|pls\s+)?(?:r/v|review|reassess|re-?assess)\b(?!\s+(?:of|the\s+results?)\b))"
        # "take over prescribing ..., and record his BP, pulse and weight every 6 months", "and carry out the
        # monitoring set out in it": tests asked with a verb the verb list keeps for joins (joined back below
        # when the clause before is a test too: "check her BP and record her weight")
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+)?(?:record|document)\s+(?:the\s+|his\s+|her\s+|their\s+)?"
        rf"(?:[\w-]+\s+){{0,2}}?(?:{_TESTS}|pulse|heart\s+rate|height)\b)"
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+)?(?:carry\s+out|undertake|do)\s+(?:the\s+|his\s+|her\s+|their\s+|all\s+)?"
        rf"(?:[\w&-]+\s+){{0,3}}?(?:monitoring|blood\s+tests|bloods|checks)\b)"
        # "... if she could be added to your palliative care register and discussed at the next GSF meeting":
        # a second step, told in the passive, that takes her to a practice meeting
        rf"|\s+and\s+(?=(?:also\s+)?(?:discussed|reviewed)\s+(?:at|in)\s+(?:the|your|a|an|our)\s+(?:[\w-]+\s+){{0,3}}?"
        rf"(?:meeting|MDT|huddle|multi-?disciplinary)\b)"
        # "..., and make sure she has contraception", "and make the pulmonary rehab referral", "and take over
        # prescribing of risperidone": asks whose verb the verb list does not hold
        rf"|\s*,\s+and\s+(?=(?:please\s+|also\s+)?make\s+sure\b)"
        # "check her HbA1c and make sure she still has a supply of insulin on repeat": a need of the
        # patient's the practice is to meet, its own item as after "ensure" (not "and make sure she is taking
        # it", "and make sure he has come off the tramadol")
        rf"|\s+and\s+(?=(?:please\s+|also\s+)?make\s+sure\s+(?:that\s+)?(?:she|he|they|the\s+patient)\s+(?:still\s+)?"
        rf"(?:(?:has|have|gets?|receives?)\s+(?!(?:come|gone|been|had|done|got|taken|seen|run|\w+ed|\w+en)\b)\w"
        rf"|(?:is|are)\s+(?:on|prescribed|given|offered|invited|booked)\b))"
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+)?(?:make\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,3}}?referral\b|"
        rf"take\s+over\s+(?:the\s+)?prescri\w+\s+(?:of|for)\b))"
        # "..., remove the Levemir", "..., take the Clenil off his repeat": a second edit of the repeat list
        # after a comma
        rf"|\s*,\s+(?=(?:please\s+|pls\s+)?(?:remove|delete)\s+(?!(?:it|them|this|these)\b)(?!(?:the\s+|his\s+|her\s+)?"
        rf"(?:sutures?|stitches|staples?|clips|dressings?|drains?|catheters?|lines?|cannulas?|glue)\b)"
        rf"(?:the\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s*(?:[.;,]|$))"
        # "... and code the DVT as provoked, and flag in her record that ...": a record entry of its own (not
        # "and record the result", "and code it", the request's own follow-through; not "and record lithium
        # toxicity as an adverse reaction", said of the drug just removed)
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+)?(?:(?:code|flag)\s+(?!(?:it|this|them|these|that|him|her|the\s+results?)\b)"
        rf"|record\s+(?!(?:it|this|them|these|that|the\s+(?:results?|readings?|values?|weights?|BP)|(?:his|her|their)\s+"
        rf"(?:readings?|weights?|BP))\b)[^.;,]{{1,60}}?\s+as\b"
        rf"(?!\s+(?:an?\s+)?(?:adverse|allerg|intoleran|ADR|side[- ]effect))))"
        # "... add him to your palliative care register and record the ReSPECT decisions", "and document her
        # DNACPR status": the patient's care-planning decisions entered in the record, a record entry of its
        # own (fixtures/README: two requests that stand alone)
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+)?(?:record|document|code)\s+(?:the\s+|his\s+|her\s+|their\s+)?"
        rf"(?:[\w-]+\s+){{0,2}}?(?:ReSPECT|DNACPR|DNAR|DNR|CPR|ceilings?\s+of\s+(?:care|treatment)|advance\s+care|"
        rf"advance\s+decision|preferred\s+place|end[- ]of[- ]life\s+wishes|"
        rf"treatment\s+escalation|TEP|EPaCCS)\b)"
        # "GP pls: add GF foods per formulary, FBC/ferritin/B12/folate 3/12, ...", "refer to DN for drain
        # removal, FBC/U&E 1/52": a run-in list's test item with its own time after a comma
        rf"|(?-i:(?<![A-Z0-9)]))(?<!lipids)(?<!ferritin)(?<!folate)(?<!bloods)(?<!profile)(?<!calcium)(?<!\bwt)(?<!weight)(?<!sodium)"
        rf"(?<!potassium)(?<!glucose)\s*,\s+"
        rf"(?=(?:{_TESTS}|LFTs?|TFTs?|lipids?|ferritin|B12|folate|PSA|CRP|tTG|bone\s+profile|vitamin\s+D|PTH|calcium)(?:\s*[/+&,]\s*[\w-]+){{0,5}}"
        rf"\s+(?:\d+\s*/\s*(?:52|12)|(?:in|at)\s+\d)\b)"
        # "..., and ask your practice nurse to go through an asthma plan": a colleague asked, its own item
        rf"|\s*,?\s+and\s+(?=(?:please\s+)?(?:also\s+)?ask\s+(?:your|the|a)\s+(?:practice\s+|community\s+)?"
        rf"(?:nurses?|pharmacists?|HCA|health\s*care\s+assistant|team|colleagues?|dietitian|physio\w*)\s+to\b)"
        # "..., and send a stool H. pylori antigen test once ...", "and send an MSU": a sample sent is a test,
        # not a report back
        rf"|\s*,?\s+and\s+(?=(?:please\s+)?send\s+(?:off\s+)?(?:an?|the|his|her)\s+(?:[\w.-]+\s+){{0,4}}?"
        rf"(?:tests?|samples?|MSU|cultures?|swabs?|specimens?)\b)"
        # "I have asked them to check your BP ..., to prescribe omeprazole ..., and to refer you ...": a list
        # of asks
        rf"|\s*,\s+(?=to\s+(?:prescribe|refer|re-refer|arrange|start|stop|increase|reduce|add|continue)\s)"
        # "r/v mood at 2/52 and cont. mirtazapine on repeat": the abbreviated "continue" of terse plans
        rf"|\s*,?\s+(?:and|&)\s+(?=cont\.\s+[A-Za-z])"
        # "pls cont. ticagrelor 12/12 then stop, and keep aspirin lifelong": another drug kept
        rf"|\s*,\s+and\s+(?=keep\s+(?!(?:it|them|this|that|an?\s+eye|an?\s+(?:record|note|diary|log)|him|her)\b)[A-Za-z])"
        # "take the Femoston off your repeat prescription and add the gel": another drug in the old one's
        # place
        rf"|(?:(?<=repeat)|(?<=repeats)|(?<=prescription)|(?<=list))\s+and\s+(?=(?:please\s+)?(?:add|start|put|remove|delete|stop)\s+"
        rf"(?!(?:it|them|this|that)\b))"
        # "..., so could you prescribe that as well": an ask after its reason
        rf"|\s*,\s+so\s+(?=(?:could|would|can)\s+you\b)"
        # "..., and lying/standing BP in 2 weeks": a test with its own time after ", and"
        rf"|\s*,\s+and\s+(?=(?:[\w/-]+\s+){{0,2}}?(?:{_TESTS})\b[^;.,]{{0,30}}?\b(?:in|within)\s+\d)"
        # "prescribe the levetiracetam solution at the new dose and buccal midazolam 10 mg": a second drug
        # with a dose of its own
        rf"|(?:(?<=mg)|(?<=daily)|(?<=\bOD)|(?<=\bBD)|(?<=TDS)|(?<=QDS)|(?<=dose)|(?<=weekly)|(?<=night)|(?<=nocte)|(?<=%)|"
        rf"(?<=\d\sdays)|(?<=\d\sweeks)|(?<=\d\smonths)|(?<=as\srequired)|(?<=as\sneeded)|(?<=\bPRN)|"
        rf"(?<=morning)|(?<=mane)|(?<=/7)|(?<=/52)|(?<=/12)|(?<=bedtime)|(?-i:(?<=\bON)))"
        # (joined by "and", "&", "plus", "along with" or "together with": "start amlodipine 5 mg OD along with
        # atorvastatin 20 mg ON", "co-amoxiclav 625 mg TDS for 5 days plus prednisolone 30 mg OD for 5 days");
        # not inside brackets, where the drugs spell out the one thing asked for ("issue a rescue pack (pred
        # 30 mg for 5 days and doxycycline 200 mg then 100 mg for 4 days)"), as after a spaced "+" below
        rf",?\s+(?:and|&|plus|along\s+with|together\s+with)\s+(?![^()]*\))(?=(?:the\s+)?(?:{_DOSED_DRUG}|{_FORM_DRUG})|{_VERBED_DOSE})"
        # "titrate ramipril up to 10 mg daily as BP allows, and bisoprolol towards 5-10 mg as heart rate
        # allows": a second drug whose verb is left out, with a dose of its own
        rf"|\s*,?\s+and\s+(?=(?:the\s+|his\s+|her\s+|their\s+)?{_GAPPED_DOSE})"
        # "..., and he would benefit from a medication review", "..., and she would also benefit from the flu
        # vaccine": a need the practice is asked to meet, its own item
        rf"|\s*,\s+and\s+(?=(?:he|she|they)\s+would\s+(?:also\s+)?benefit\s+from\b)"
        # Round 13. "... GP to follow up <new line> sick note - GP": a line naming its owner at its end is an
        # item of its own
        rf"|[ \t]*\n\s*(?=[^\n]{{2,80}}?\s[-–]+>?\s*(?:the\s+)?(?:GP|practice|surgery)\s*(?:please|pls)?"
        rf"[.!]?[ \t]*(?:\n|$))"
        # "Trelegy on, Fostair and Spiriva off": terse repeat-list edits, one per drug group
        rf"|(?:(?<=\son)|(?<=\soff))\s*,\s+(?=(?:[A-Za-z][\w-]*\s+){{1,4}}?(?:on|off)\b(?=\s*(?:[.;,\n]|$|for\b)))"
        # "increase the citalopram to 40 mg and do an ECG first", "and get a chest X-ray": a test asked by a
        # plain verb after a step (not "and do the same", "and do so")
        rf"|\s*,?\s+and\s+(?=(?:please\s+|also\s+){{0,2}}(?:do|get|obtain)\s+(?:an?|the|his|her|their)\s+(?:repeat\s+|further\s+)?"
        rf"(?:{_TESTS}|chest\s+X-?ray|CXR|X-?ray|scan|ultrasound|echo\w*|DEXA|spirometry|urine\s+\w+|swab)\b)"
        # "sign and return the agreement, take over prescribing of ...": taking over after a comma
        rf"|\s*,\s+(?=(?:please\s+|also\s+)?take\s+over\s+(?:the\s+)?(?:prescri\w+|supply|monitoring)\b)"
        # "U&E/LFT 3/12 + BP r/v", "lipids 3/12 + mood review", "Potassium + spironolactone dose r/v": an
        # object-first review after a "+", a dose review acting on the test's result too (fixtures/README);
        # not "falls assessment / medication review", a pair named together
        rf"|\s+\+\s+(?=(?:[\w&-]+\s+){{1,2}}(?:r/v|review)\b(?!\s+(?:of|the\s+results?)\b))"
    )


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
