"""la_status round 23: the hospital's own next contact written in ways no rule knew (a follow-up field naming
the clinician, unit or appointment, an appointment given or enclosed, a unit that will ring, the team's own
reviews, a letter to follow with the outcome), and fit-note families from the round-22 probes; each written
here in other words, with look-alikes that must keep their owner or status."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.pipeline.status_text import HEAD

Owner = Callable[[str], tuple[str, str]]
Fit = Callable[[str], "tuple[str, str] | None"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a follow-up field naming the clinician first, with a comma, or the test and the unit
        ("Next review: Mr Okafor, 6 weeks post-op.\n", "hospital"),
        ("Next appointment: Dr Shah, 3 months\n", "hospital"),
        ("Follow-up: TWOC in the Urology Investigations Unit on 22/12/25.\n", "hospital"),
        ("Follow-up: repeat bloods in the haematology day unit on Friday\n", "hospital"),
        # a label with a qualifier, or a bare "Next:"
        ("Follow-up interval: 4 months, Rheumatology clinic\n", "hospital"),
        ("Follow-up arrangements: telephone review by the heart failure nurse\n", "hospital"),
        ("Next: oncology OPA 17/11 prior to cycle 3\n", "hospital"),
        ("Next: chest clinic 6/12 with CT\n", "hospital"),
        ("Next contact: telephone review by IBD CNS in 4/52\n", "hospital"),
        ("Next visit: community heart failure nurse 1/52\n", "hospital"),
        # an appointment given, enclosed or booked, in brackets or as a clause
        ("Plan: TWOC on ward 12 next Tuesday (booked)\n", "hospital"),
        ("Plastic dressing clinic on Monday (appointment given).\n", "hospital"),
        ("Fracture clinic next week (appt given to patient).\n", "hospital"),
        ("An appointment letter is enclosed for her clinic visit.\n", "hospital"),
        # the team will write again with the outcome, to the practice and the patient named
        ("Awaiting results - we will write again to you and Mr Lowry when we have them.\n", "hospital"),
        ("I will write to you and Mrs Khan with the outcome of the MDT.\n", "hospital"),
        ("We will write to you and to Mr Bell once the biopsy results are back.\n", "hospital"),
        ("We will let you and her know the decision of the structural heart meeting.\n", "hospital"),
        ("We will write to you again after the MDT meeting on Tuesday.\n", "hospital"),
        # a follow-up field answered "discharged"
        ("Follow-up: discharged. We have given her our advice line number.\n", "none"),
        ("Follow up arrangements: Discharged - advice leaflet given\n", "none"),
        # a team that keeps the result, or writes to the parents with it
        ("Renal ultrasound requested; the paediatric team will review the result.\n", "hospital"),
        ("We will write to parents with the ultrasound result.\n", "hospital"),
        # an outpatient appointment given as a range, booked in brackets
        ("Plan:\n- AF clinic OPA 6-8/52 (booked)\n\nGP:\n- HR and BP r/v 2/52\n", "hospital"),
        ("Chest clinic review 4-6/12 (already booked)\n", "hospital"),
        # a ticked "Follow-up" option on an outcome form
        (
            "Outcome of appointment:\n"
            "☐ Discharged to GP   ☑ Follow-up   ☐ Patient initiated follow-up (PIFU)\n"
            "Medication: no change\n",
            "hospital",
        ),
        ("Outcome: [ ] Discharge [x] Clinic follow-up [ ] PIFU\nMedication: no change\n", "hospital"),
        # a Yes ticked, the writer's words after the unpicked No
        ("Follow-up required: [x] Yes [ ] No - physio 2/52, consultant clinic 6/52\n", "hospital"),
        # a review of treatment at a near time sees the patient, even after a discharge
        (
            "Outcome: Discharged back to GP.\nRequests of GP\n"
            "Please review his analgesia in 4-6 weeks, and if topical NSAIDs are not enough "
            "consider naproxen.\n",
            "gp",
        ),
        ("Discharged from clinic. Please review her rate control in 2 weeks.\n", "gp"),
        (
            "Please review her rate control in 2 weeks, followed by an increase in bisoprolol "
            "if her heart rate is still above 110.\nWe have not arranged cardiology clinic follow-up.\n",
            "gp",
        ),
        # a pointer and a review of the patient in one letter: the review stands
        ("Follow-up: see plan below.\nPlan:\nPlease review him in 2 weeks.\n", "gp"),
        # a unit named by its initials will ring or see the patient; a team with a bracketed aside will visit
        ("EPU will phone pt with the hCG result.\n", "hospital"),
        ("AEC will call her tomorrow to check on her.\n", "hospital"),
        ("Community frailty team (hospital@home) to visit within 72h - referral made\n", "hospital"),
        ("Heart failure nurses (community) to see him at home next week.\n", "hospital"),
        # a specialty or team as the subject of the next visit, or the patient due to see them
        ("Urology will see him in 6 weeks.\n", "hospital"),
        ("The plastics team will change the dressing in clinic on Friday.\n", "hospital"),
        ("He is due to see the surgeons again in January.\n", "hospital"),
        # a date sent by the clinic stays the hospital's
        ("Appointment will be sent by the fracture clinic.\n", "hospital"),
        # a hospital-at-home, virtual ward or early supported discharge service will visit, or its field says
        # so
        ("Hospital at Home will visit daily for IV antibiotics.\n", "hospital"),
        ("Community stroke rehabilitation team (ESD) to visit on day 1 after discharge\n", "hospital"),
        ("Virtual ward: daily telephone calls for 5 days.\n", "hospital"),
        # the team's own reviews
        (
            "We will check her blood count at her haematology reviews, the first of which is in 4 weeks.\n",
            "hospital",
        ),
        ("We'll repeat the bloods at his next clinic appointment.\n", "hospital"),
        ("I will look at this again at her next review.\n", "hospital"),
        # a review at a day hospital at a time
        ("Consultant physician review at the Day Hospital in 4 weeks.\n", "hospital"),
        # no need to come back, said with "there is", and a GP review asked
        (
            "I do not think there is a need for her to return to our clinic. "
            "I would be grateful if you could review her at home in about a month.\n",
            "gp",
        ),
        ("I don't feel there is any reason for him to be seen again in clinic.\n", "none"),
        # fit to return to work is no return to clinic
        ("Follow-up with GP in 6 weeks. He is not yet fit to return; please issue a fit note.\n", "gp"),
    ],
)
def test_follow_up_r23(owner: Owner, text: str, expected: str) -> None:
    assert owner(HEAD + text)[0] == expected


@pytest.mark.parametrize(
    ("text", "not_owner"),
    [
        # a follow-up field naming the practice, saying none, or a discharge
        ("Next review: GP, 6 weeks\n", "hospital"),
        ("Next: GP to check U&E in 1 week\n", "hospital"),
        ("Follow-up interval: not required\n", "hospital"),
        ("Follow-up arrangements: discharged from clinic\n", "hospital"),
        ("Contact: ward 12 on 01632 960 111\n", "hospital"),
        ("Next steps: GP to check bloods in 1 week\n", "hospital"),
        ("Renal USS (booked) - nobody named to review it.\n", "hospital"),
        ("Follow-up: none. We will write to you after the MDT meeting.\n", "hospital"),
        ("Follow-up: discharged to the community heart failure team for titration visits\n", "none"),
        # a ticked option naming the practice, or an unticked follow-up option
        ("Outcome: [x] Follow-up with GP [ ] Clinic\nMedication: no change\n", "hospital"),
        ("Outcome: [x] Discharged [ ] Follow-up\nMedication: no change\n", "hospital"),
        # a Yes/No field with No ticked keeps its "no"; a review of treatment years ahead is no follow-up
        ("Follow-up required: [ ] Yes [x] No - discharged\n", "hospital"),
        ("Discharged from clinic. Please review the bisphosphonate at 5 years.\n", "gp"),
        ("Discharged from clinic. Please review the bloods in 2 weeks.\n", "gp"),
        ("No urology follow-up. Consider IPSS review at 6 months for symptom response.\n", "gp"),
        # a drug's need reviewed after a course, or a test reviewed at a time, is treatment (dev golds)
        ("Reduce omeprazole to 20 mg OD after 8/52 then review need. No follow-up.\n", "gp"),
        ("Follow-up: none.\nGP: Review LFTs in 2 weeks (ALP 310 at discharge).\n", "gp"),
        # a booking the practice makes is not the hospital's
        ("Practice nurse review 2/52 (booked by the surgery)\n", "hospital"),
        # a follow-up field that points elsewhere in the letter sees no one
        ("Recommendations:\n1. GP to chase histology\nFollow up: see recommendations\n", "gp"),
        ("Follow-up: see above.\n", "gp"),
        # safety-netting in a follow-up field is no plan
        ("Follow-up: if symptoms recur, attend ED or contact the ward.\n", "hospital"),
        ("Follow-up: advised to contact the surgical assessment unit if feverish.\n", "hospital"),
        # the patient sent to someone outside the hospital, or told to book
        ("Follow-up: please see your own optometrist 4-6 weeks after surgery\n", "hospital"),
        ("Follow-up: patient to book a review with the community pharmacy in 2 weeks\n", "hospital"),
        # the appointment the letter reports, dated with the month's name
        ("Appointment: 14 January, general dermatology clinic\nWe have discharged her.\n", "hospital"),
        # a practice appointment given is not the hospital's
        ("Please see him at the practice in 2 weeks (appointment given by the surgery).\n", "hospital"),
        # a results letter yields to a stated none
        ("Follow-up: none. We will write to you and Mr Lowry with the histology results.\n", "hospital"),
        # a letter written in the past, or the practice asked to write
        ("We wrote to you and Mr Lowry with the outcome last month. No follow-up is planned.\n", "hospital"),
        # the team reviews a result, not the patient: no visit
        (
            "The surgical team will review the result and write to her and to you. "
            "Follow-up: None routinely.\n",
            "hospital",
        ),
        # the practice, district nurses or out-of-hours are not a hospital unit
        ("DN will see her daily for dressings. Follow-up: none.\n", "hospital"),
        ("GP will see him in 2 weeks.\n", "hospital"),
        # a visit only if a result shows something, one told as cancelled, or the practice's own
        ("Cardiology will see him if the Holter shows AF.\n", "hospital"),
        ("He was due to see the surgeons in January but cancelled.\n", "hospital"),
        ("The practice nurse will change the dressing in the treatment room on Friday.\n", "hospital"),
        # the patient's next GP appointment is not the team's
        ("We will ask that the bloods are checked at her next GP appointment.\n", "hospital"),
        # a test requested as an outpatient is no visit; a service arranging a scan sees no one
        ("Renal USS requested as outpatient within 6/52.\n", "hospital"),
        ("DEXA: Fracture Liaison Service will arrange\n", "hospital"),
        # a virtual ward field answered no, or a stay told as history
        ("Virtual ward: not required\n", "hospital"),
        ("She was admitted to hospital at home last year; no follow-up now.\n", "hospital"),
        # a date from a test department books a test, not a visit
        ("MRI lumbar spine arranged; appointment will be sent by radiology.\n", "hospital"),
        ("Ultrasound abdomen requested, the patient will be contacted by imaging with a date.\n", "hospital"),
        # "return" to clinic stays the hospital's
        ("He is to return to clinic in 6 weeks.\n", "none"),
    ],
)
def test_follow_up_r23_look_alikes(owner: Owner, text: str, not_owner: str) -> None:
    assert owner(HEAD + text)[0] != not_owner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lorry or bus driver kept off "an HGV"
        ("He is an HGV driver and must not drive an HGV for at least 6 weeks.", "missing"),
        # lifting ruled out for weeks, with "not to"
        (
            "She works as a warehouse picker and has been advised not to lift more than 5 kg for 6 weeks.",
            "missing",
        ),
        ("He was told not to do any heavy lifting for 4 weeks after the repair.", "missing"),
        # kept from going back to work without a verb of advice
        ("Not to return to work until reviewed in clinic.", "missing"),
        # a statement of fitness or sick line field with its length
        ("Statement of fitness for work: 4 weeks, may be fit with adjustments.\nNo driving.\n", "issued"),
        ("Sick line: 2 weeks\nNo driving.\n", "issued"),
        # a line saying the patient does not work, with its reason in brackets
        ("Not working (carer for wife).\nLives with wife.\n", "not_needed"),
        ("Retired (ex-miner)\nLives alone.\n", "not_needed"),
        # a fit note field with the reason first
        ("Fit note: Patient works from home, not required.\n", "not_needed"),
        ("Med3: retired - not needed\n", "not_needed"),
        # an empty fit note field after an admission or an operation is still missing
        ("Inpatient Discharge Summary\nDate of admission: 14/11/2026\nFit note:\nFollow up:\n", "missing"),
        ("Procedure: laparoscopic appendicectomy\nFit note: [ ] Issued  [ ] Not required\n", "missing"),
        # a "fit to work? No" field answers itself: the note issued on the next line stands
        (
            "Is the patient fit to work?  [ ] Yes  [x] No\nFit note issued for 2 weeks (retail manager).\n",
            "issued",
        ),
        ("Fit for work: No\nFit note issued for 4 weeks.\n", "issued"),
    ],
)
def test_fit_note_r23(fit_status: Fit, text: str, expected: str) -> None:
    got = fit_status(text)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(
    ("text", "not_status"),
    [
        # a retired patient told not to lift needs no note
        ("He is retired and was advised not to lift more than 5 kg for 6 weeks.", "missing"),
        # not going back to the gym is no time off work
        ("Not to return to the gym for 6 weeks.", "missing"),
        ("Statement of fitness for work: not discussed\n", "issued"),
        # a flare told as history kept him off work then
        ("His last flare kept him off work for a week. Allopurinol started.", "missing"),
        # a field that hands the note to the practice, or holds a condition, is no "not required"
        ("Med3: off 2 weeks, not needed from us - GP to issue\n", "not_needed"),
        # an empty field, or its boxes all left unticked, on a clinic letter with no word of work shows no
        # need
        ("Clinic outcome: follow-up 4 months\nFit note: [ ] Issued  [ ] Not required\n", "missing"),
        ("Ambulatory care: DVT, rivaroxaban started.\nFollow up:\nFit note:\n", "missing"),
        # a note negated on its own line stays unissued
        ("Fit for work: No\nNo fit note issued.\n", "issued"),
    ],
)
def test_fit_note_r23_look_alikes(fit_status: Fit, text: str, not_status: str) -> None:
    got = fit_status(text)
    assert got is None or got[0] != not_status
