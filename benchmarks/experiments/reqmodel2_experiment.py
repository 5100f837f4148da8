"""Round 2 of the request classifier: which features find more of an unseen writer's GP requests?

Reads dumps from ``reqmodel2_dump.py`` (rules with the classifier off, plus the component's own classifier
inputs), labels units from dev gold as ``scripts/train_request_classifier.py`` does, and scores "rules +
classifier" with the contract's action matcher for a feature variant (comma-separated extras on top of the
shipped features; "base" = the shipped features alone):

    python reqmodel2_experiment.py a    BASE9.jsonl VARIANT [l2]   # (a) round-9 writers, rules at 788cbe1
    python reqmodel2_experiment.py c    HEAD.jsonl  VARIANT [l2]   # (c) all dev, leave-one-author-out
    python reqmodel2_experiment.py b    NEW.jsonl   VARIANT [l2] TRAIN.jsonl   # (b) new writers

(a) trains on the 696 dev letters outside round 9 and tests on round 9's 153 (dev_462-499, 537-576,
765-799, 853-892). (b) trains on the 849 letters older than the five new authors and tests on theirs.
Deterministic: no randomness. Only fixtures/letters/dev is read.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

from letter_audit.evaluate import match_actions, prf
from letter_audit.gold import load_gold

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from reqmodel2_features import clause_candidates, variant_features  # noqa: E402
from train_request_classifier import PLACE_VETO_PATTERN, PRUNE, fit, gold_ranges, label  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "fixtures" / "letters" / "dev"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# A lower threshold under a GP/plan/follow-up heading or none, the usual one elsewhere.
GP_SECTIONS = ("gp_actions", "plan", "follow_up", "")
SECTION_THRESHOLDS = ((0.3, 0.7), (0.4, 0.7), (0.5, 0.7), (0.4, 0.8), (0.5, 0.8))
# A telegraphic test line naming the hospital's own place or team is the hospital's (as the rules' terse cues
# read it): no proposal from the telegraphic features there. On with RQ_TERSE_VETO=1.
TERSE_VETO = (
    re.compile(
        r"\b(?:clinic|hospital|ward|our|us|we|day\s+unit|team|service|unit|department|chemo\w*|cycle|"
        r"infusion|appointment|admission|operation|procedure)\b",
        re.IGNORECASE,
    )
    if __import__("os").environ.get("RQ_TERSE_VETO") == "1"
    else None
)
# RQ_PLACE_VETO=1: the narrow form shipped (``place_veto`` in the weights file), on every proposal
PLACE_VETO = (
    re.compile(PLACE_VETO_PATTERN, re.IGNORECASE)
    if __import__("os").environ.get("RQ_PLACE_VETO") == "1"
    else None
)
_LIST = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[-*•▪●◦‣])\s*")
ROUND9 = ((462, 499), (537, 576), (765, 799), (853, 892))
NEW10 = ((73, 99), (190, 199), (241, 249), (290, 299), (373, 399), (577, 599), (634, 649), (690, 699))


def num(name: str) -> int:
    return int(name[4:7])


def in_ranges(name: str, ranges: tuple[tuple[int, int], ...]) -> int:
    n = num(name)
    return next((i for i, (a, b) in enumerate(ranges) if a <= n <= b), -1)


def author(name: str) -> str:
    """Hundreds digit, with round 9's and round 10's sub-ranges as authors of their own."""
    i = in_ranges(name, ROUND9)
    if i >= 0:
        return f"r9_{ROUND9[i][0]}"
    i = in_ranges(name, NEW10)
    if i >= 0:
        return f"r10_{NEW10[i][0]}"
    return f"dev_{name[4]}"


VETOES: list[re.Pattern[str]] = []


def set_vetoes(models: str) -> None:
    """The rules' veto patterns of that version (for clause candidates, which the dump did not test)."""
    import yaml

    from letter_audit.pipeline.ruledata import compile_pattern

    data = yaml.safe_load((Path(models) / "rules" / "requests.yaml").read_text(encoding="utf-8"))
    pats = [
        data[k]
        for k in ("patient_own", "negated_clause", "speaks_to_patient", "patient_clause")
        if data.get(k)
    ]
    pats += [c["pattern"] for c in data.get("hospital_owned", [])]
    ids = set((data.get("classifier") or {}).get("vetoes", []))
    pats += [c["pattern"] for c in data.get("not_request", []) if c.get("id") in ids]
    VETOES[:] = [compile_pattern(p) for p in pats]


def load(dump: str, variant: str, keep=lambda name: True) -> list[dict]:  # type: ignore[no-untyped-def]
    out = []
    for line in Path(dump).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if not keep(rec["name"]):
            continue
        gold = load_gold(DEV / f"{rec['name']}.gold.json")
        rec["gold"] = [a.text for a in gold.gp_actions]
        ranges = gold_ranges(rec.get("letter_text", rec["text"]), rec["gold"])
        text = rec["text"]
        spans = [(u["s"], u["e"]) for u in rec["units"]]
        feats = variant_features(text, spans, [u["sec"] for u in rec["units"]], rec["taken"], variant)
        for u, f in zip(rec["units"], feats, strict=True):
            s, e = u["s"], u["e"]
            u["text"] = text[s:e]
            u["y"] = label(s, e, ranges)
            u["covered"] = any(a < e and s < b for a, b in rec["taken"])
            u["f"] = f
        rec["clauses"] = []
        if "split" in variant:
            for cs, ce, _sec, merged, f in clause_candidates(
                text, spans, [u["sec"] for u in rec["units"]], rec["taken"]
            ):
                inside = [
                    (gs, ge)
                    for gs, ge in ranges
                    if gs >= cs - 2 and min(ce, ge) - max(cs, gs) > 0.5 * (ce - cs)
                ]
                rec["clauses"].append(
                    {
                        "s": cs,
                        "e": ce,
                        "merged": merged,
                        "f": f,
                        "y": int(bool(inside)),
                        "text": text[cs:ce],
                        "veto": any(rx.search(text[cs:ce]) for rx in VETOES),
                    }
                )
        out.append(rec)
    return out


def predict(weights: dict[str, float], rows: list[list[str]]) -> np.ndarray:
    z = np.array([sum(weights.get(f, 0.0) for f in r) for r in rows])
    return 1 / (1 + np.exp(-z))


def train(recs: list[dict], l2: float) -> dict[str, float]:
    rows = [u["f"] for r in recs for u in r["units"]]
    y = np.array([u["y"] for r in recs for u in r["units"]], dtype=float)
    w = {f: w for f, w in fit(rows, y, l2).items() if abs(w) >= PRUNE}
    crows = [c["f"] for r in recs for c in r["clauses"]]
    if crows:
        cy = np.array([c["y"] for r in recs for c in r["clauses"]], dtype=float)
        w.update({f: v for f, v in fit(crows, cy, l2).items() if abs(v) >= PRUNE})
    return w


CLAUSE_THR = 0.5


def score(recs: list[dict], probs: dict[str, np.ndarray] | None, thr: float | dict[str, float]):  # type: ignore[no-untyped-def]
    tp = fp = fn = 0
    for rec in recs:
        preds = [a["text"] for a in rec["actions"]]
        if probs is not None:
            p = probs[rec["name"]]
            for u, pu in zip(rec["units"], p, strict=True):
                t = thr if isinstance(thr, float) else thr.get(u["sec"], thr["*"])
                if PLACE_VETO and PLACE_VETO.search(u["text"]):
                    continue
                terse = any(f.startswith("tel:test") for f in u["f"])
                if TERSE_VETO and terse and TERSE_VETO.search(u["text"]):
                    continue
                if pu >= t and not u["covered"] and not u["text"].rstrip().endswith(":") and not u["veto"]:
                    preds.append(_LIST.sub("", u["text"]))
        if probs is not None and rec["clauses"]:
            pc = probs[rec["name"] + "#c"]
            preds += [
                c["text"]
                for c, p_ in zip(rec["clauses"], pc, strict=True)
                if c["merged"] and p_ >= CLAUSE_THR and not c["veto"]
            ]
        pairs = match_actions(rec["gold"], preds)
        tp += len(pairs)
        fp += len(preds) - len(pairs)
        fn += len(rec["gold"]) - len(pairs)
    return tp, fp, fn


def line(label_: str, tp: int, fp: int, fn: int) -> str:
    p, r, f = prf(tp, fp, fn)
    return f"{label_:<22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp} fp {fp} fn {fn})"


def addc(model: dict[str, float], recs: list[dict], probs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    for r in recs:
        probs[r["name"] + "#c"] = predict(model, [c["f"] for c in r["clauses"]])
    return probs


def table(test: list[dict], probs: dict[str, np.ndarray]) -> None:
    print(line("rules", *score(test, None, 1.0)))
    for t in THRESHOLDS:
        print(line(f"+clf >= {t}", *score(test, probs, t)))
    for lo, hi in SECTION_THRESHOLDS:
        thr = dict.fromkeys(GP_SECTIONS, lo) | {"*": hi}
        print(line(f"+clf >= {lo} gp / {hi}", *score(test, probs, thr)))
    for lo, hi in SECTION_THRESHOLDS[:3]:
        thr = dict.fromkeys(GP_SECTIONS[:3], lo) | {"*": hi}
        print(line(f"+clf >= {lo} gp-only / {hi}", *score(test, probs, thr)))


def main(mode: str, dump: str, variant: str, l2: float = 1.0, train_dump: str = "") -> None:
    import os

    set_vetoes(os.environ.get("RQ_MODELS", str(DEV.parents[2] / "models")))
    print(f"== mode {mode}, variant {variant}, l2 {l2} ==")
    if mode == "a":
        recs = load(dump, variant, lambda n: in_ranges(n, NEW10) < 0)
        tr = [r for r in recs if in_ranges(r["name"], ROUND9) < 0]
        te = [r for r in recs if in_ranges(r["name"], ROUND9) >= 0]
        model = train(tr, l2)
        print(f"train {len(tr)} letters, test {len(te)} letters ({sum(len(r['gold']) for r in te)} gold)")
        table(te, addc(model, te, {r["name"]: predict(model, [u["f"] for u in r["units"]]) for r in te}))
    elif mode == "b":
        tr = load(train_dump, variant, lambda n: in_ranges(n, NEW10) < 0)
        te = load(dump, variant, lambda n: in_ranges(n, NEW10) >= 0)
        model = train(tr, l2)
        print(f"train {len(tr)} letters, test {len(te)} letters ({sum(len(r['gold']) for r in te)} gold)")
        table(te, addc(model, te, {r["name"]: predict(model, [u["f"] for u in r["units"]]) for r in te}))
    else:
        import os

        keep_all = os.environ.get("RQ_ALL") == "1"  # the new authors only once (b) has been measured
        recs = load(dump, variant, lambda n: keep_all or in_ranges(n, NEW10) < 0)
        authors = sorted({author(r["name"]) for r in recs})
        probs: dict[str, np.ndarray] = {}
        for a in authors:
            model = train([r for r in recs if author(r["name"]) != a], l2)
            for r in recs:
                if author(r["name"]) == a:
                    probs[r["name"]] = predict(model, [u["f"] for u in r["units"]])
                    addc(model, [r], probs)
        print(f"{len(recs)} letters, {len(authors)} authors, leave-one-author-out")
        table(recs, probs)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], *(float(a) for a in sys.argv[4:5]), *sys.argv[5:6])
