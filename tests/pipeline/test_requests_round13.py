"""la_requests round 13: the splitting and joining families four new writers used (fixtures/README, "one
item or two"), written as general mechanisms: an aside or a hedge between "and" and the second ask, "also"
marking a second request, a second service or a second repeat-list edit, a step after a review, and on the
other side a condition with no subject of its own (or on a pulse, a sodium, "provided ...") that reads what
the test before it finds. Every wording here is this file's own, not a letter's; each family has a
look-alike that must stay as it is."""

from __future__ import annotations

import pytest
from request_text import D, found
from spacy.language import Language


@pytest.fixture(scope="module")
def nlp(make_nlp) -> Language:
    return make_nlp("la_sections", "la_drugs", "la_requests")


G = D + "GP actions:\n"  # a terse item under an actions-for-GP heading


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an aside set off by commas between "and" and the second ask
        (
            D
            + "Please increase the bisoprolol to 5 mg and, because he is due anyway, book his annual asthma "
            "review.",
            [
                "Please increase the bisoprolol to 5 mg",
                "because he is due anyway, book his annual asthma review",
            ],
        ),
        (
            D
            + "Could you amend his repeats to the new doses and, as he has run out, prescribe a new spacer.",
            ["Could you amend his repeats to the new doses", "as he has run out, prescribe a new spacer"],
        ),
        # a hedge before the second ask
        (
            D + "Please take over the patches, and maybe see him in a month to look at the skin.",
            ["Please take over the patches", "maybe see him in a month to look at the skin"],
        ),
        (
            D + "I'd be grateful if you could stop the naproxen, and perhaps you could also refer him to the "
            "podiatrists.",
            [
                "I'd be grateful if you could stop the naproxen",
                "perhaps you could also refer him to the podiatrists",
            ],
        ),
        # "and also to <ask>", and a second service named "centre" or "unit"
        (
            D + "I would ask you to refer him to the falls service (stage 2) and also to review his "
            "sedatives in a month.",
            [
                "I would ask you to refer him to the falls service (stage 2)",
                "also to review his sedatives in a month",
            ],
        ),
        (
            G + "Refer to the MSK physios for his knee and also to the pain management centre please",
            ["Refer to the MSK physios for his knee", "also to the pain management centre please"],
        ),
        # a new line opening with "also"
        (
            G + "Repeat LFTs in 4 weeks and send to us if abnormal\nalso TFTs at 3 months",
            # (round 17, fixtures/README: the report back with a condition of its own is its own item)
            ["Repeat LFTs in 4 weeks", "send to us if abnormal", "also TFTs at 3 months"],
        ),
        # a second repeat-list edit that takes drugs off: the same edit, one item (fixtures/README, round 18)
        (
            G + "Please add edoxaban to his repeat and stop the aspirin and clopidogrel",
            ["Please add edoxaban to his repeat and stop the aspirin and clopidogrel"],
        ),
        # a step after a review
        (
            G + "BP review in 2/52 after the change, then consider reducing the doxazosin if no dizziness",
            ["BP review in 2/52 after the change", "consider reducing the doxazosin if no dizziness"],
        ),
        # tests with their own frequency after "along with" / "alongside"
        (
            D
            + "Please take over the mycophenolate, alongside FBC and LFTs every 4 weeks for the first year.",
            ["Please take over the mycophenolate", "FBC and LFTs every 4 weeks for the first year"],
        ),
        # terse repeat edits, one per drug group
        (
            G + "Repeats: amlodipine off, lercanidipine and indapamide on",
            ["Repeats: amlodipine off", "lercanidipine and indapamide on"],
        ),
        # a test asked with a plain verb after a step
        (
            D + "Please start the donepezil at 5 mg and get an ECG beforehand as his pulse is slow.",
            ["Please start the donepezil at 5 mg", "get an ECG beforehand as his pulse is slow"],
        ),
        # taking over after a comma
        (
            D + "Please sign the care plan within 10 days, take over prescribing of the melatonin from "
            "March.",
            ["Please sign the care plan within 10 days", "take over prescribing of the melatonin from March"],
        ),
        # an object-first review after a terse join; a dose step put with "put"
        (G + "Lipids 3/12 + mood r/v", ["Lipids 3/12", "mood r/v"]),
        (
            G + "Stop the naproxen + put the omeprazole back down to 20 mg in a month",
            ["Stop the naproxen", "put the omeprazole back down to 20 mg in a month"],
        ),
        # "also" marks a second request after a participle
        (
            D + "Please take over the iron infusions, booking them 3-monthly, and also arrange an echo in 6 "
            "months.",
            [
                "Please take over the iron infusions, booking them 3-monthly",
                "also arrange an echo in 6 months",
            ],
        ),
        # a line naming its owner at its end, after a run-on line
        (
            G + "bloods in 2/52, GP to chase\nrepeat prescription for the dressings - GP",
            ["bloods in 2/52, GP to chase", "repeat prescription for the dressings - GP"],
        ),
        # two drugs each given a dose, the first with a course length
        (
            D
            + "Please prescribe doxycycline 100 mg daily for 7 days and prednisolone 30 mg daily for 5 days.",
            ["Please prescribe doxycycline 100 mg daily for 7 days", "prednisolone 30 mg daily for 5 days"],
        ),
    ],
)
def test_second_request_splits(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 17 (fixtures/README, one item or two): a step reading the test's result is an item of its
        # own, however joined: a bare finding after ";" or "+"
        (
            G + "Repeat aortic USS in 6 months; refer to vascular if enlarging",
            [("Repeat aortic USS in 6 months", "monitoring"), ("refer to vascular if enlarging", "referral")],
        ),
        (
            G + "CT chest in 1 year + re-refer if bigger",
            [("CT chest in 1 year", "monitoring"), ("re-refer if bigger", "referral")],
        ),
        # "provided ..." set off by commas after "and"
        (
            D
            + "Please check U&E in 1 week and, provided potassium is under 5.0, start spironolactone 25 mg.",
            [
                ("Please check U&E in 1 week", "monitoring"),
                ("provided potassium is under 5.0, start spironolactone 25 mg", "prescribing"),
            ],
        ),
        # a pulse or a sodium named by its abbreviation, after a comma or ";"
        (
            G + "Pulse check 2/52, increase bisoprolol to 5 mg if HR above 80",
            [
                ("Pulse check 2/52", "monitoring"),
                ("increase bisoprolol to 5 mg if HR above 80", "prescribing"),
            ],
        ),
        # (a talk with the writer after the drug step stays with the step)
        (
            G + "Na in 1 week; if Na below 128, stop the sertraline and discuss with us",
            [
                ("Na in 1 week", "monitoring"),
                ("if Na below 128, stop the sertraline and discuss with us", "prescribing"),
            ],
        ),
        # an object-first dose review after "+", and a condition set off by commas after "and"
        (
            G + "Potassium 2/52 + spironolactone dose r/v",
            [("Potassium 2/52", "monitoring"), ("spironolactone dose r/v", "review")],
        ),
        (
            D + "Please check U&E and, if potassium is above 5.5, stop the spironolactone.",
            [
                ("Please check U&E", "monitoring"),
                ("if potassium is above 5.5, stop the spironolactone", "prescribing"),
            ],
        ),
    ],
)
def test_step_reading_the_test_is_its_own_item(nlp, run, text, expected):
    assert found(nlp, run, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # look-alikes that stay one item: a report back after "also" with no condition of its own, a
        # participle saying how, a step after a drug step
        D + "Please check her U&E in a week, and also send the result to the renal nurses.",
        D + "Please increase the candesartan to 16 mg if BP allows, checking U&E a week after each increase.",
        D + "Please restart the ramipril at 2.5 mg and titrate it if her BP allows.",
    ],
)
def test_report_back_participle_and_drug_step_stay_one(nlp, run, text):
    assert len(found(nlp, run, text)) == 1


@pytest.mark.parametrize(
    ("text", "category"),
    [
        (G + "Fluticasone off for now", "prescribing"),
        (G + "BP/pulse review 4/52", "review"),
        (
            D + "It would help, too, if you could keep an eye on her blood sugars while on steroids.",
            "monitoring",
        ),
        (D + "Would be grateful if you could start vitamin D 800 units daily.", "prescribing"),
        # a report back told as a participle does not make the test a review or a prescription
        (
            D
            + "Could you arrange TFTs every 6 weeks, sending the results to our nurse so she can adjust it.",
            "monitoring",
        ),
        (
            D + "Please arrange a D-dimer after the course, letting us know the result so we can decide on "
            "anticoagulation.",
            "monitoring",
        ),
        (
            D + "Please check an FIB-4 score in two years, re-referring him if it is above 2.67.",
            "monitoring",
        ),
    ],
)
def test_category(nlp, run, text, category):
    got = found(nlp, run, text)
    assert [c for _, c in got] == [category]


@pytest.mark.parametrize(
    "text",
    [
        # not a repeat edit: time off work, a subjectless condition that is a need
        G + "Time off work 2 weeks",
    ],
)
def test_on_off_look_alike_not_prescribing(nlp, run, text):
    assert all(c != "prescribing" for _, c in found(nlp, run, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair named together after a spaced "/" is one request
        (
            D + "Please consider a frailty assessment / medicines review given the falls.",
            ["Please consider a frailty assessment / medicines review given the falls"],
        ),
        # a condition with its own subject, or a negated one, is not a bare finding
        (
            G + "Restart lisinopril if eGFR back above 50, and then stop the nifedipine if BP allows",
            ["Restart lisinopril if eGFR back above 50", "stop the nifedipine if BP allows"],
        ),
    ],
)
def test_look_alikes_keep_their_reading(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


def test_need_condition_stays_apart(nlp, run):
    # "if needed" is not a finding of the test: the referral is a request of its own
    got = [t for t, _ in found(nlp, run, G + "Check U&E in 1 week + refer to physio if needed")]
    assert got == ["Check U&E in 1 week", "refer to physio if needed"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # the team a result goes to, named before "who will ...", does not make the request the hospital's
        (
            G + "TFTs in 6 weeks please, with results to the thyroid nurses, who will adjust the carbimazole",
            1,
        ),
        (G + "INR on Friday and send the result to our anticoagulation team, who will dose the warfarin", 1),
        # look-alike: a team that owns the step
        (G + "Repeat OGD in 12 weeks; the endoscopy team, who will book it, will write to her", 0),
    ],
)
def test_report_receiver_is_not_the_owner(nlp, run, text, count):
    assert len(found(nlp, run, text)) == count


def test_heading_line_addressed_to_the_practice_opens_its_asks(nlp, run):
    text = (
        D + "For you, please\nCould you start ramipril 2.5 mg daily. Also a U&E in 2 weeks, and could you "
        "refer him to the heart failure nurses.\n\nFrom us\nWe will see him in 3 months."
    )
    assert [t for t, _ in found(nlp, run, text)] == [
        "Could you start ramipril 2.5 mg daily",
        "Also a U&E in 2 weeks",
        "could you refer him to the heart failure nurses",
    ]


def test_information_heading_asks_nothing(nlp, run):
    text = D + "For your information\nShe was started on ramipril. A U&E was done on the ward."
    assert found(nlp, run, text) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # another team's terse call, and the hospital offering to see again, are not the practice's
        (G + "Parkinson's nurse call in 2 weeks", 0),
        (G + "Heart failure CNS phone again at 1/52", 0),
        (D + "Happy to re-see her if the rash has not settled by the spring.", 0),
        # look-alike: the practice nurse's call is the practice's
        (G + "Practice nurse call in 2 weeks to check the BP readings", 1),
    ],
)
def test_other_team_terse_call(nlp, run, text, count):
    assert len(found(nlp, run, text)) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a fit note has no result to read: the step after it stands apart, even with a condition
        (
            D
            + "Please issue a fit note for 2 weeks and review her knee at 10 days if the swelling persists.",
            ["Please issue a fit note for 2 weeks", "review her knee at 10 days if the swelling persists"],
        ),
        (
            D + "Could you extend his fit note to the end of the month and check his BP in 2 weeks if "
            "he is still dizzy.",
            [
                "Could you extend his fit note to the end of the month",
                "check his BP in 2 weeks if he is still dizzy",
            ],
        ),
        # look-alike: a fit note and its own length stay one
        (
            D + "Please issue a fit note and extend it if he is still off work in 2 weeks.",
            ["Please issue a fit note and extend it if he is still off work in 2 weeks"],
        ),
    ],
)
def test_fit_note_then_another_step(nlp, run, text, expected):
    assert [t for t, _ in found(nlp, run, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # round 17 (fixtures/README, one item or two): the test keeps its kind and time, the step after ";"
        # its own kind and condition
        (
            G + "Potassium in 10 days; if above 5.5, please halve the eplerenone",
            [("monitoring", "in 10 days", None), ("prescribing", None, "above 5.5")],
        ),
        (
            G + "Ferritin in 3 months; if under 30, please restart the iron",
            [("monitoring", "in 3 months", None), ("prescribing", None, "under 30")],
        ),
    ],
)
def test_test_and_step_on_it_keep_their_own_kind_time_and_condition(nlp, run, text, expected):
    doc = run(nlp, text)
    got = [(s._.request_category, s._.timeframe, s._.condition) for s in doc.spans["gp_actions"]]
    assert got == expected
