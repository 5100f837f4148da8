"""Follow-up owner on plain phrasings that no fixture letter was written from.

Each line of ``follow_up_probes.tsv`` is one plan sentence with the owner a careful reader gives it, set
into a small clinic letter or discharge summary below. The sentences were written as other trusts might
phrase hospital, GP, no and unclear follow-up, to catch rules that only fit the dev letters' own words.
Lines marked ``known_miss`` are phrasings the rules still get wrong: they run as strict expected failures,
so one that starts passing is reported and its mark can go.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from letter_audit.letter import Letter

PROBES = Path(__file__).with_name("follow_up_probes.tsv")

CLINIC = """Department of Cardiology
Riverside General Hospital
Tel 01632 960 111
Date of letter: 14/11/2026
Clinic date: 10/11/2026
Dr A Patel
Hillview Surgery
Dear Dr Patel
Re: Mrs Jane Example DOB 02/03/1960 NHS 999 000 0000
Diagnosis: Hypertension
I saw Mrs Example in clinic today. She is well.
{plan}
Yours sincerely
Dr B Jones
Consultant
"""

DISCHARGE = """DISCHARGE SUMMARY
Ward 7, Riverside General Hospital
Patient: Mr John Example DOB 02/03/1960 NHS 999 000 0000
Admitted: 03/11/2026 Discharged: 07/11/2026
Diagnosis: Hypertension
Summary
She is well.
Medications on discharge: no changes.
{plan}
Dr C Smith, FY1
"""

OWNERS = {"hospital", "gp", "none", "unclear"}


def _probes() -> list[object]:
    out: list[object] = []
    for n, line in enumerate(PROBES.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        owner, shell, sentence, *mark = line.split("\t")
        assert owner in OWNERS and shell in ("c", "d"), f"follow_up_probes.tsv line {n}: {line!r}"
        marks = [pytest.mark.xfail(strict=True, reason="known miss")] if mark == ["known_miss"] else []
        out.append(pytest.param(owner, shell, sentence, id=f"line{n}", marks=marks))
    return out


def test_the_probe_file_covers_every_owner() -> None:
    owners = [line.split("\t")[0] for line in PROBES.read_text(encoding="utf-8").splitlines() if "\t" in line]
    assert {o: owners.count(o) >= 10 for o in OWNERS} == dict.fromkeys(OWNERS, True)


@pytest.mark.parametrize(("owner", "shell", "sentence"), _probes())
def test_follow_up_owner_probe(
    owner: str,
    shell: str,
    sentence: str,
    status_nlp: Language,
    run: Callable[[Language, str | Letter], Doc],
) -> None:
    text = (CLINIC if shell == "c" else DISCHARGE).format(plan=sentence)
    fu = run(status_nlp, text)._.follow_up
    assert (fu["owner"] if fu else "unclear") == owner
