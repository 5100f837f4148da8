"""Warming a process up before it checks many letters (a batch parent before it forks its workers).

Why: a batch worker checks every letter inside spaCy's memory zone, so that names and numbers do not
pile up in the vocabulary. Inside the zone the tokenizer neither keeps new words nor caches how it
split a chunk of text, so every common word ("tablets", "daily.") was looked up and analysed again in
every letter: about half the tokenizer's time. Words met once outside the zone stay, for every letter
after. Likewise the rule gates (``pipeline/rxfilter.py``) build themselves only after a few dozen
uses, which each worker did again on its own. Doing both once in the parent, before forking, gives
every worker (and every replacement worker) the warm state for free.

None of this changes a result: a cached tokenization is the one spaCy would compute, a lexeme's
attributes depend only on its text, and a gate answers the same whenever it is built.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

# Two short invented letters (a discharge summary and a clinic letter) that between them reach the
# parts of the pipeline and the standard a real letter does (medication tables and lists, changes,
# GP requests, follow-up, fit note, contact, letter types), so their lazy state is made here.
WARM_UP_LETTERS: tuple[tuple[str, str], ...] = (
    (
        "warm-up-discharge.txt",
        """Warmup General Hospital NHS Trust
Ward 7, Department of Medicine
Tel: 01234 567890  Email: ward7@example.nhs.uk

DISCHARGE SUMMARY
Patient: Mr Test Warmup   DOB: 01/01/1950   NHS number: 999 999 9999
Admitted: 02/03/2025   Discharged: 05/03/2025   Consultant: Dr A Example

Diagnosis
Community acquired pneumonia. Acute kidney injury, resolved.

Presenting complaint
Shortness of breath and cough for three days.

Medication changes
Medicine | Dose | Frequency | Status
Amoxicillin | 500 mg | three times a day | new, 5 days then stop
Ramipril | 2.5 mg | once daily | withheld, restart when eGFR stable
Furosemide | 40 mg | once daily | dose reduced from 80 mg
Atorvastatin | 20 mg | at night | continued

Medications on discharge
- Paracetamol 1 g four times a day when required
- Omeprazole 20mg OD
- Lansoprazole stopped due to interaction.
Started apixaban 5 mg twice daily. Increased bisoprolol to 5mg. Switched from simvastatin.

Actions for GP
Please repeat U&Es in one week and restart ramipril if creatinine has returned to baseline.
Could you kindly review the blood pressure in 2 weeks. We would be grateful if the GP could
refer to the heart failure nurses. GP to arrange a follow up chest X-ray in 6 weeks.

Fit note: issued for 2 weeks. Follow-up: outpatient clinic in 6 weeks, we will send an appointment.
Allergies: penicillin (rash). Information given to patient and carer.
If you have any questions please contact the ward on the number above.

Yours sincerely
Dr A Example, Consultant Physician
cc: Patient
""",
    ),
    (
        "warm-up-clinic.txt",
        """Warmup University Hospitals NHS Foundation Trust
Outpatient Department, Cardiology Clinic

Dear Dr Sample,

Re: Mrs Example Person, DOB 12/12/1960, Hospital No: H1234567
Clinic date: 10 April 2025

Diagnoses:
1. Atrial fibrillation
2. Hypertension

Plan:
I have increased her bisoprolol from 2.5 mg to 5 mg daily and stopped the digoxin.
Please could you start edoxaban 60 mg once daily and monitor renal function.
I would be grateful if you could arrange an echocardiogram and a 24 hour tape.
No changes to her other medications. She did not attend her previous appointment.
I have not arranged a further appointment and have discharged her back to your care.
A sick note was not required. Results will be sent to you.
For queries contact the cardiology secretary on 01234 555666 or cardio.secs@example.nhs.uk.

Yours sincerely,
Dr B Sample
Consultant Cardiologist
""",
    ),
)


# Words most letters use that are not English stop words; a cache, so any list is safe.
_COMMON_WORDS = """
patient patients hospital clinic ward department trust discharge discharged admission admitted
diagnosis diagnoses treatment treated review reviewed follow-up follow up appointment appointments
medication medications medicine medicines tablet tablets capsule capsules dose doses daily twice
once three four times morning night evening weekly monthly days weeks months years year today
started start stopped stop stopping increased increase reduced reduce decreased changed change
continue continued continuing new same withheld held restart restarted switched prescribe
prescribed prescription repeat bloods blood test tests results result check monitor monitoring
kidney renal liver function pressure heart rate level levels eGFR creatinine potassium sodium
FBC LFT LFTs U&E U&Es TFT HbA1c CRP ECG BP mg mcg micrograms ml mL g units puff puffs sachet
sachets drops cream spray inhaler injection oral po od bd tds qds OD BD TDS QDS PRN nocte mane
GP GPs Dr Mr Mrs Ms Miss Consultant Registrar Nurse Specialist Secretary Physician Surgeon team
nurse doctor practice surgery service services referral refer referred arrange arranged request
kindly grateful please thank Thank Dear Yours sincerely faithfully Re Date DOB NHS number
contact telephone tel email phone line queries advice information plan management history
presenting complaint examination investigations findings summary letter copy cc symptoms pain
infection fracture surgery procedure operation fit note sick work allergies allergy none known
acute chronic stable mild moderate severe normal abnormal raised low high left right bilateral
cardiology respiratory gastroenterology neurology urology dermatology rheumatology oncology
haematology paediatrics orthopaedics endocrinology diabetes geriatrics obstetrics gynaecology
psychiatry ophthalmology trauma medicine general
"""


def common_chunks() -> list[str]:
    """The chunks of ``models/lexicons/common_chunks.txt`` (see ``scripts/build_common_chunks.py``):
    text that many letters share, with its punctuation ("daily.", "(rash)"). A missing or unreadable
    file gives none: the list only saves time."""
    from .paths import models_dir

    try:
        text = (models_dir() / "lexicons" / "common_chunks.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in text.splitlines() if line and not line.startswith("# ")]


def _warm_vocab(nlp: Any) -> None:
    """Tokenize the warm-up letters, common words and common chunks outside any memory zone, so
    they stay cached."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = sorted({*STOP_WORDS, *_COMMON_WORDS.split()})
    text = " ".join([*words, *(w.capitalize() for w in words), *map(str, range(101))])
    for _, letter in WARM_UP_LETTERS:
        nlp.make_doc(letter)
    nlp.make_doc(text)
    chunks = common_chunks()
    for i in range(0, len(chunks), 2000):  # spaCy refuses very long texts; keep each one short
        nlp.make_doc(" ".join(chunks[i : i + 2000]))


_READERS = {".txt": "text", ".html": "html", ".htm": "html", ".rtf": "rtf", ".docx": "docx", ".pdf": "pdf"}


def warm_up(standard_path: str | None, suffixes: Iterable[str] | None = None) -> None:
    """Import the readers for ``suffixes`` (default: all), check the warm-up letters, warm the
    vocabulary, and build the rule gates those letters used.

    Readers of formats the batch does not hold are left out (python-docx and PDFium take about 0.1 s
    to import); a letter whose bytes turn out to be another format still imports its reader when met.
    ``batch.audit_bytes`` never raises, so a broken standard or pipeline still surfaces per letter."""
    from . import batch
    from .errors import LetterAuditError
    from .pipeline import load_pipeline, rxfilter

    wanted = set(_READERS.values()) if suffixes is None else {"text"}
    if suffixes is not None:
        wanted |= {_READERS[s.lower()] for s in suffixes if s.lower() in _READERS}
    for reader in sorted(wanted):
        try:
            importlib.import_module(f"{__package__}.ingest.{reader}")
        except ImportError:
            pass
    for name, letter in WARM_UP_LETTERS:
        batch.audit_bytes(letter.encode("utf-8"), name, standard_path)
    rxfilter.build_pending(used_only=True)
    try:
        nlp = load_pipeline()
    except LetterAuditError:
        return
    if hasattr(nlp, "make_doc"):  # tests stand in a fake pipeline
        _warm_vocab(nlp)
