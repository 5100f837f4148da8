"""Generate a large, seeded corpus of templated letters for SPEED tests only (never for accuracy).

    python scripts/make_bench_corpus.py OUT_DIR --n 1000 --seed 7 --mix txt=0.5,docx=0.25,pdf=0.25

The same seed, count and mix give the same letters, byte for byte (rendering goes through
scripts/build_fixtures.py, which is deterministic). Letters are assembled from small lists of invented
names, trusts, drugs and requests, so they look like letters to the reader and the pipeline, but carry no
gold: the sentences are random and nobody checked them. Writes ``OUT_DIR/bench_NNNNN.<ext>`` and
``OUT_DIR/manifest.jsonl`` (name, format, letter type, specialty, bytes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_fixtures", HERE / "build_fixtures.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_fixtures", mod)
    spec.loader.exec_module(mod)
    return mod


TRUSTS = [
    "Northgate Valley Hospitals NHS Foundation Trust",
    "Kingsmead General Hospital",
    "Ashby Royal Infirmary",
    "Harbourside University Hospital",
    "Calderbrook Teaching Hospitals NHS Trust",
    "Broadmere General Hospital",
    "Greyfriars Hospital NHS Trust",
]
SPECIALTIES = [
    "Cardiology",
    "Respiratory Medicine",
    "Gastroenterology",
    "Diabetes and Endocrinology",
    "Neurology",
    "Rheumatology",
    "Urology",
    "Dermatology",
    "General Surgery",
    "Trauma and Orthopaedics",
    "Oncology",
    "Medicine for Older People",
    "Renal Medicine",
    "Paediatrics",
]
FIRST = ["Anne", "Brian", "Carys", "Dev", "Elena", "Farid", "Grace", "Hugo", "Imani", "Jack", "Kasia", "Leon"]
LAST = ["Ashdown", "Brierley", "Castell", "Dunmore", "Eversley", "Fairclough", "Gadsby", "Holbrook"]
DOCTORS = ["Dr A Rahman", "Dr B Kowalczyk", "Dr C O'Hare", "Mr D Achebe", "Miss E Lindqvist", "Dr F Osei"]
DRUGS = [
    ("ramipril", "2.5 mg", "5 mg", "once daily"),
    ("bisoprolol", "1.25 mg", "2.5 mg", "once daily"),
    ("furosemide", "20 mg", "40 mg", "each morning"),
    ("atorvastatin", "20 mg", "80 mg", "at night"),
    ("amlodipine", "5 mg", "10 mg", "once daily"),
    ("apixaban", "2.5 mg", "5 mg", "twice daily"),
    ("metformin", "500 mg", "1 g", "twice daily"),
    ("gliclazide", "40 mg", "80 mg", "twice daily"),
    ("omeprazole", "20 mg", "40 mg", "once daily"),
    ("prednisolone", "5 mg", "30 mg", "once daily"),
    ("levetiracetam", "500 mg", "750 mg", "twice daily"),
    ("sertraline", "50 mg", "100 mg", "once daily"),
    ("allopurinol", "100 mg", "300 mg", "once daily"),
    ("tamsulosin", "400 micrograms", "400 micrograms", "once daily"),
    ("Symbicort 200/6", "1 puff", "2 puffs", "twice daily"),
    ("Adcal-D3", "1 tablet", "1 tablet", "twice daily"),
    ("Laxido", "1 sachet", "2 sachets", "daily"),
]
ACTION_WORDS = {
    "start": "started",
    "stop": "stopped",
    "increase": "increased",
    "decrease": "reduced",
    "withhold": "withheld until renal function recovers",
}
REQUESTS = [
    "Please check U&E in {n} weeks as we have changed {drug}.",
    "Please could you review {pron} blood pressure in {n} weeks.",
    "I would be grateful if you could refer {pron_obj} to the local physiotherapy service.",
    "Please arrange a repeat chest X-ray in {n} weeks.",
    "Please continue to prescribe {drug}.",
    "GP to provide a fit note for {n} weeks.",
    "Please re-refer if symptoms recur.",
    "Please check FBC and LFT every {n} weeks and send us the results.",
]
FOLLOW_UPS = [
    "We will see {pron_obj} in clinic in {n} months; an appointment will be sent.",
    "No hospital follow-up has been arranged.",
    "Follow-up with the GP.",
    "",
]
CONTACTS = ["Secretary: 01632 960 {d:03d}", "Advice line 0300 555 0{d:03d}", "team{d}@example.nhs.uk", ""]


def letter_body(rng: random.Random, index: int) -> tuple[str, str, str]:
    """(markup body, letter type, specialty) for one templated letter."""
    discharge = rng.random() < 0.5
    specialty = rng.choice(SPECIALTIES)
    female = rng.random() < 0.5
    pron, pron_obj = ("her", "her") if female else ("his", "him")
    title = "Mrs" if female else "Mr"
    patient = f"{title} {rng.choice(FIRST)} {rng.choice(LAST)}"
    base = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(330))
    dob = dt.date(1930 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28))
    contact = rng.choice(CONTACTS).format(d=rng.randrange(1000))
    lines = [rng.choice(TRUSTS), f"Department of {specialty}"]
    if contact:
        lines.append(contact)
    lines += ["", f"Patient: {patient}, DOB {dob:%d/%m/%Y}, reference BEN{index:06d}", ""]
    if discharge:
        adm = base - dt.timedelta(days=1 + rng.randrange(10))
        lines += ["DISCHARGE SUMMARY", "", f"Admitted {adm:%d/%m/%Y}. Discharged {base:%d/%m/%Y}.", ""]
    else:
        lines += [f"Clinic date: {base:%d/%m/%Y}", "", "Dear Dr Whitfield,", ""]
    lines += ["# Diagnosis", f"Condition under {specialty.lower()} review, stable on treatment.", ""]

    picks = rng.sample(DRUGS, k=rng.randint(1, 5))
    lines.append("# Medication changes")
    if rng.random() < 0.4:
        lines.append("Medicine | Before | After | Comment")
        for name, before, after, freq in picks:
            action = rng.choice(list(ACTION_WORDS))
            lines.append(f"{name} | {before} {freq} | {after} {freq} | {ACTION_WORDS[action]}")
    else:
        for name, _before, after, freq in picks:
            lines.append(f"- {name} {after} {freq} {ACTION_WORDS[rng.choice(list(ACTION_WORDS))]}.")
    lines.append("")
    lines.append("# Actions for GP")
    requests = rng.sample(REQUESTS, k=rng.randint(0, 3))
    if not requests:
        lines.append("No GP action required.")
    for i, req in enumerate(requests, 1):
        text = req.format(n=rng.randint(1, 8), drug=picks[0][0], pron=pron, pron_obj=pron_obj)
        lines.append(f"{i}. {text}")
    lines.append("")
    follow = rng.choice(FOLLOW_UPS).format(pron_obj=pron_obj, n=rng.randint(1, 12))
    if follow:
        lines += ["# Follow-up", follow, ""]
    lines += ["Yours sincerely", "", rng.choice(DOCTORS), f"Consultant, {specialty}"]
    return "\n".join(lines) + "\n", "discharge_summary" if discharge else "clinic_letter", specialty


def parse_mix(text: str, known: set[str]) -> dict[str, float]:
    """``txt=0.5,docx=0.25`` -> weights; formats must be ones build_fixtures renders."""
    mix: dict[str, float] = {}
    for part in text.split(","):
        fmt, sep, weight = part.partition("=")
        fmt = fmt.strip()
        if not sep or fmt not in known:
            raise ValueError(f"bad --mix item {part!r} (formats: {', '.join(sorted(known))})")
        try:
            mix[fmt] = float(weight)
        except ValueError as exc:
            raise ValueError(f"bad weight in --mix item {part!r}") from exc
        if mix[fmt] < 0:
            raise ValueError(f"negative weight in --mix item {part!r}")
    if sum(mix.values()) <= 0:
        raise ValueError("--mix weights must add up to more than 0")
    return mix


def allocate(n: int, mix: dict[str, float]) -> list[str]:
    """Exactly ``n`` formats in the mix's proportions (largest remainder), in a fixed order."""
    total = sum(mix.values())
    exact = {f: n * w / total for f, w in mix.items()}
    counts = {f: int(x) for f, x in exact.items()}
    for f in sorted(exact, key=lambda f: (-(exact[f] - counts[f]), f))[: n - sum(counts.values())]:
        counts[f] += 1
    return [f for f in mix for _ in range(counts[f])]


def generate(out_dir: Path, n: int, seed: int, mix: dict[str, float]) -> list[dict[str, object]]:
    """Write ``n`` letters into ``out_dir``; return the manifest rows."""
    bf = _load_builder()
    rng = random.Random(seed)
    formats = allocate(n, mix)
    rng.shuffle(formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = []
    width = max(5, len(str(n)))
    for i, fmt in enumerate(formats, 1):
        letter_rng = random.Random(rng.getrandbits(64))
        body, letter_type, specialty = letter_body(letter_rng, i)
        name = f"bench_{i:0{width}d}"
        meta = bf.FrontMatter(format=fmt, title=f"Benchmark letter {i}")
        src = bf.Source(name=name, meta=meta, body=body, items=bf.parse_body(body))
        file_name, data = bf.render(src)
        (out_dir / file_name).write_bytes(data)
        manifest.append(
            {
                "name": file_name,
                "format": fmt,
                "letter_type": letter_type,
                "specialty": specialty,
                "bytes": len(data),
            }
        )
    with (out_dir / "manifest.jsonl").open("w", encoding="utf-8") as fh:
        for row in manifest:
            fh.write(json.dumps(row) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    bf = _load_builder()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, default=1000, help="number of letters (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--mix", default="txt=0.5,docx=0.25,pdf=0.25", help="format=weight,...")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    try:
        mix = parse_mix(args.mix, set(bf.RENDERERS))
    except ValueError as exc:
        parser.error(str(exc))
    manifest = generate(args.out_dir, args.n, args.seed, mix)
    size = sum(int(str(r["bytes"])) for r in manifest)
    print(f"wrote {len(manifest)} letters ({size / 1e6:.1f} MB) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
