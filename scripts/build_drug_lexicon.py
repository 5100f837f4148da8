"""Build models/lexicons/drugs.json from the NHSBSA BNF code information file.

The BNF list names every prescribable chemical substance and every branded product. Letters name drugs
either way (bisoprolol, Symbicort), so the lexicon maps both to one lower-case generic name. Brands
come from BNF product names; a brand's generic is read from the generic-equivalent presentation that
the BNF code points to (characters 14-15 of a presentation code), which is how combination brands
such as Symbicort become "budesonide with formoterol" rather than just "budesonide".

Run:  python scripts/build_drug_lexicon.py [path/to/nhsbsa_bnf_code_information.zip]

Contains public sector information licensed under the Open Government Licence v3.0 (NHSBSA BNF code
information).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from letter_audit.salts import load_salt_words

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ZIP = REPO.parent / "shared" / "data" / "nhsbsa_bnf_code_information_2024-11-01.zip"
OUT = REPO / "models" / "lexicons" / "drugs.json"
STOPLIST = REPO / "models" / "lexicons" / "drug_stoplist.txt"

# BNF chapters that hold medicines. 18-23 are diagnostics, appliances, dressings and stoma/incontinence
# products, which letters do not prescribe as medication changes.
DRUG_CHAPTERS = {f"{n:02d}" for n in range(1, 16)} | {"19"}

# Salt words clinicians (and the gold annotations) leave out ("metformin", not "metformin hydrochloride"),
# kept in models/lexicons/salts.yaml with the evaluation that matches drug names. Esters that change the
# drug ("clobetasol propionate") and anions of mineral salts ("lithium carbonate") stay. Only stripped
# from the end, and never when nothing but an element name would remain.
SALTS = load_salt_words().stripped
ANIONS = {"carbonate", "propionate", "citrate", "valerate", "3350"}
# the element names a product: "lithium citrate" and "lithium carbonate" are not written "lithium" alone;
# nor is "dimethyl fumarate" (Tecfidera) "dimethyl"
NEVER_STRIP = {"lithium", "dimethyl"}
# esters letters leave out when the bare name is a generic of its own (not valerate: "betamethasone valerate")
MERGED_ESTERS = {"propionate"}
KEEP_FIRST = {"ferrous", "sodium", "potassium", "calcium", "magnesium", "zinc", "ammonium", "aluminium"}
# Product names that are foods, feeds, devices or shop own-brands rather than a brand of a medicine
JUNK_BRAND = re.compile(
    r"\b(otc|powder|pdr|rts|ready|kcal|formula|relief|pharma|specialist|disc|acbs|supplement|"
    r"replacer|test|covid-19|vitamin|oil|cream|liquid|tablets|lozenges?|shake|style|food)\b",
    re.IGNORECASE,
)
JUNK_NAME = re.compile(r"\bBNF\b|preparation|^Other\b|^Homeopathic|^Herbal", re.IGNORECASE)
PAREN = re.compile(r"\s*\([^)]*\)")


def clean_generic(name: str) -> str:
    """The name a clinician would write for a BNF chemical substance, lower-case."""
    name = PAREN.sub("", name).strip().lower()
    parts = [_strip_salt(p.strip()) for p in re.split(r"/", name) if p.strip()]
    return join_parts(parts)


def join_parts(parts: list[str]) -> str:
    """Combination names as the BNF writes them: "a with b", "a with b and c"."""
    if len(parts) <= 2:
        return " with ".join(parts)
    return f"{parts[0]} with " + " and ".join(parts[1:])


# The BNF shortens words in long names ("Tiotropium brom", "Bumetanide/Pot chlor", and in three-part
# names even the medicine: "Efavirenz/emtr/tenofovir disoproxil", "Calcipotriol/betamethasone diprop");
# letters and brands spell them out, so a shortened word is written in full
ABBREVIATED = {
    "brom": "bromide",
    "sod": "sodium",
    "pot": "potassium",
    "chlor": "chloride",
    "hcl": "hydrochloride",
    "hydrochlor": "hydrochloride",
    "diprop": "dipropionate",
    "fumar": "fumarate",
    "tart": "tartrate",
    "sulf": "sulfate",
    "carb": "carbonate",
    "bicarb": "bicarbonate",
    "emtr": "emtricitabine",
    "buprenorph": "buprenorphine",
    "cetylpyr": "cetylpyridinium",
    "chlorhex": "chlorhexidine",
    "colistimeth": "colistimethate",
    "dexameth": "dexamethasone",
    "ethinylest": "ethinylestradiol",
    "hydrocort": "hydrocortisone",
    "norethist": "norethisterone",
    "ins": "insulin",
    "hydroxyquin": "hydroxyquinoline",
    "fluoresc": "fluorescein",
    "phenylprop": "phenylpropanolamine",
    "ciprofloxain": "ciprofloxacin",
    "lirag": "liraglutide",
    "lixis": "lixisenatide",
    "beclometdiprop": "beclometasone",
}
# Inhaler devices the BNF puts after a brand ("Relvar Ellipta"); letters often write the brand alone
DEVICES = {
    "ellipta", "modulite", "spiromax", "breezhaler", "genuair", "easyhaler", "accuhaler", "evohaler",
    "turbohaler", "nexthaler", "respimat", "handihaler", "autohaler", "novolizer", "zonda", "forspiro",
    "clickhaler", "aerosphere", "inhaler", "k-haler",
}  # fmt: skip
# A "name" read from a presentation that is really its strength or form ("100units/ml inj" -> "ml inj")
NOT_A_NAME = re.compile(r"^(?:ml|g|mg|dose|micrograms?|mcg|units?)\b")


def _strip_salt(name: str) -> str:
    words = [ABBREVIATED.get(w, w) for w in name.split()]
    while len(words) > 1 and words[-1] in SALTS and words[0] not in KEEP_FIRST | NEVER_STRIP:
        words.pop()
    return " ".join(words)


_COMPONENT = re.compile(r"(?:^|/)\s*([A-Za-z][A-Za-z\- ]*?)\s*\d")


def combination_generic(presentation: str) -> str | None:
    """'Budesonide 200mcg/dose / Formoterol 6mcg/dose ...' -> 'budesonide with formoterol'."""
    names = [m.group(1).strip().lower() for m in _COMPONENT.finditer(presentation)]
    names = [re.sub(r"^(?:combined|generic)\s+", "", n) for n in names]
    names = [_strip_salt(n) for n in names if n and not NOT_A_NAME.match(n)]
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    return join_parts(seen) if len(seen) >= 2 else None


def variants(term: str) -> set[str]:
    """Spellings of a multi-part name that letters use: a/b, a + b, a with b."""
    out = {term}
    if " with " in term:
        parts = re.split(r" with | and ", term)
        out |= {"/".join(parts), " + ".join(parts), "-".join(parts)}
    return out


def settler(chemicals: Iterable[str]) -> Callable[[str], str]:
    """A function giving the name letters use for a generic, once every BNF substance is known.

    Why: an ester word matters only when it tells two medicines apart. "Fluticasone propionate" and
    "fluticasone furoate" are both written "fluticasone" (and Seretide is "fluticasone with salmeterol"),
    so an ester is dropped when the bare name is already a generic of its own.
    """
    generics = {clean_generic(c) for c in chemicals}

    def one(part: str) -> str:
        words = part.split()
        if len(words) == 2 and words[1] in MERGED_ESTERS and words[0] in generics - KEEP_FIRST:
            return words[0]  # "fluticasone propionate" -> "fluticasone"
        return part

    def settle(generic: str) -> str:
        if not any(f" {a}" in generic for a in MERGED_ESTERS):
            return generic
        return re.sub(r"[a-z-]+ [a-z0-9]+", lambda m: one(m.group(0)), generic)

    return settle


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_ZIP
    stop = {
        line.strip().lower()
        for line in STOPLIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    with zipfile.ZipFile(src) as zf:
        member = next(n for n in zf.namelist() if n.lower().endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(zf.open(member), encoding="utf-8-sig")))
    presentations = {r["BNF Presentation Code"]: r["BNF Presentation"] for r in rows}

    # a generic spread over several BNF paragraphs (prednisolone: rectal 1.5.2, systemic 6.3.2) gets
    # the paragraph holding most of its presentations
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        key = (clean_generic(r["BNF Chemical Substance"]), r["BNF Chemical Substance Code"][:6])
        counts[key] = counts.get(key, 0) + 1
    main_bnf: dict[str, str] = {}
    for (g, code), _n in sorted(counts.items(), key=lambda kv: kv[1]):
        main_bnf[g] = code
    terms: dict[str, list[str]] = {}
    settle = settler(r["BNF Chemical Substance"] for r in rows if r["BNF Chapter Code"] in DRUG_CHAPTERS)

    device_short: dict[str, set[tuple[str, str]]] = {}

    def add(term: str, generic: str, kind: str, bnf: str) -> None:
        generic = settle(generic)
        term = re.sub(r"\s+", " ", term.strip().lower())
        if len(term) < 3 or term in stop or not re.search(r"[a-z]{3}", term):
            return
        current = terms.get(term)
        # a generic name always wins over a brand or alias spelled the same way
        if current is None or (kind == "generic" and current[1] != "generic"):
            terms[term] = [generic, kind, main_bnf.get(generic, bnf)]

    for r in rows:
        if r["BNF Chapter Code"] not in DRUG_CHAPTERS:
            continue
        chem = r["BNF Chemical Substance"]
        if JUNK_NAME.search(chem):
            continue
        bnf = r["BNF Chemical Substance Code"][:6]
        generic = clean_generic(chem)
        for t in variants(generic):
            add(t, generic, "generic", bnf)
        # "lithium" for lithium carbonate, "clobetasol" for clobetasol propionate
        words = generic.split()
        if len(words) == 2 and words[1] in ANIONS and words[0] not in KEEP_FIRST:
            add(words[0], generic, "alias", bnf)
        bare = PAREN.sub("", chem).strip().lower()
        if bare != generic and "/" not in bare:
            add(bare, generic, "generic", bnf)
        # "Co-amoxiclav (Amoxicillin/clavulanic acid)": the bracketed combination is another name
        inner = re.search(r"\(([^)]*/[^)]*)\)", chem)
        if inner:
            for t in variants(clean_generic(inner.group(1))):
                add(t, generic, "alias", bnf)

        code = r["BNF Presentation Code"]
        product = r["BNF Product"]
        if code[9:11] == "AA" or JUNK_NAME.search(product):
            continue
        brand = PAREN.sub("", product).strip()
        words = brand.lower().split()
        if len(words) > 3 or JUNK_BRAND.search(brand) or words[0] in stop or r["BNF Section Code"] == "0904":
            continue
        if brand.lower().startswith(generic.split(" with ")[0]):
            continue  # "Budesonide Cyclocap": found through the generic already
        equivalent = presentations.get(code[:9] + "AA" + code[13:15] + code[13:15], "")
        brand_generic = combination_generic(equivalent) or generic
        if generic.split(" with ")[0] not in brand_generic:
            brand_generic = generic
        add(brand, brand_generic, "brand", bnf)
        # the BNF files insulin brands as "Insulin NovoRapid"; letters write the brand alone
        rest = brand.split(" ", 1)[1] if words[0] == "insulin" and len(words) > 1 else ""
        if rest[:1].isupper() and rest.lower() not in brand_generic:
            add(rest, brand_generic, "brand", bnf)
        for t in variants(brand_generic) - {brand_generic}:
            add(t, brand_generic, "alias", bnf)
        # "Clenil Modulite", "Relvar Ellipta": letters drop the inhaler device's name
        if len(words) == 2 and words[1] in DEVICES and len(words[0]) >= 5:
            device_short.setdefault(words[0], set()).add((settle(brand_generic), bnf))

    for short, found in sorted(device_short.items()):
        if len(found) == 1 and short not in terms:
            generic, bnf = next(iter(found))
            add(short, generic, "brand", bnf)

    data = {
        "source": src.name,
        "licence": "Contains public sector information licensed under the Open Government Licence v3.0",
        "terms": {t: terms[t] for t in sorted(terms)},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    kinds: dict[str, int] = {}
    for v in terms.values():
        kinds[v[1]] = kinds.get(v[1], 0) + 1
    print(f"wrote {len(terms)} terms {kinds} to {OUT} ({OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
