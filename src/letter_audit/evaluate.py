"""Measure the checker against gold letters: the numbers every rule change is judged by.

``evaluate(dir)`` runs ``audit()`` over every letter with a ``<name>.gold.json`` beside it and compares the
report with the gold. The comparison functions take plain gold and report objects so they can be tested on
tiny hand-made pairs without reading any letter.

Matching rules (documented here because the figures mean nothing without them):

* Medication changes match as multisets of (drug, action), drug compared lower-case with spaces collapsed and
  the parts of a combination ("a with b") in any order.
* GP actions match one-to-one, greedily by best similarity first. Texts are lower-cased and cut into word
  tokens; a pair matches when the Dice overlap of their token sets is at least ``ACTION_MATCH_DICE`` or when
  one text's tokens are at least ``ACTION_MATCH_CONTAIN`` contained in the other's (a prediction that quotes
  the whole sentence around the request still counts). Category accuracy is over matched pairs.
* The inappropriate flag is scored over gold actions: a gold action with no matching prediction counts as
  wrong, so a checker cannot score well on it by finding nothing. ``inappropriate_acc_matched`` gives the
  same over matched pairs only, to tell a wrong flag from a missed request (it is reported, not the goal).
* A letter that fails to be read counts every gold item it holds as missed and every field as wrong.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError, LetterAuditError
from .eval_gates import Thresholds, failures
from .eval_misses import MISS_KINDS, count_kinds, miss_kinds
from .gold import Gold, GoldGpAction
from .report import GpAction, Report
from .salts import load_salt_words

LETTER_EXTENSIONS = (".pdf", ".docx", ".txt", ".html", ".htm", ".rtf")
ACTION_MATCH_DICE = 0.5
ACTION_MATCH_CONTAIN = 0.8
DATE_FIELDS = ("letter", "clinic", "admission", "discharge")

if TYPE_CHECKING:
    from spacy.language import Language

_TOKEN = re.compile(r"[a-z0-9]+(?:[&'][a-z0-9]+)*")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- medication changes ----------------------------------------------------------------------------
# Salt and ester words that annotators write or leave out inconsistently ("mycophenolate mofetil" and
# "mycophenolate", "betamethasone valerate" and "betamethasone"). The gold conventions drop salts
# "unless they are the identity of the product", which is a judgement two annotators make differently;
# the reconciling reader means the same drug either way, so a trailing one is ignored on both sides.
# The words are models/lexicons/salts.yaml's, the list the lexicon builder strips too.
def _strip_salt(name: str) -> str:
    salts = load_salt_words().ignored_in_matching
    words = name.split()
    while len(words) > 1 and words[-1] in salts:
        words.pop()
    return " ".join(words)


def _drug_key(drug: str) -> str:
    """Lower-case, spaces collapsed, a trailing salt word dropped, a combination's parts in one order.

    "calcium carbonate with colecalciferol" and "colecalciferol with calcium carbonate" name one product;
    which order a lexicon or an annotator writes is not an extraction error.
    """
    parts = [_strip_salt(p) for p in drug.lower().replace(" and ", " with ").split(" with ")]
    return " with ".join(sorted(p for p in parts if p))


def med_counts(gold: Iterable[tuple[str, str]], pred: Iterable[tuple[str, str]]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of (drug, action) pairs as multisets."""
    g = Counter((_drug_key(d), a) for d, a in gold)
    p = Counter((_drug_key(d), a) for d, a in pred)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


# -- GP actions ------------------------------------------------------------------------------------
def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


def action_similarity(a: str, b: str) -> float:
    """How alike two request texts are, 0 to 1; 0 when below the match thresholds."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    inter = len(ta & tb)
    dice = 2 * inter / (len(ta) + len(tb))
    contain = inter / min(len(ta), len(tb))
    if dice >= ACTION_MATCH_DICE or contain >= ACTION_MATCH_CONTAIN:
        return max(dice, contain * 0.99)
    return 0.0


def match_actions(gold: list[str], pred: list[str]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best similarity first."""
    scored = [(action_similarity(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)]
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for sim, gi, pi in scored:
        if sim <= 0:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


# -- per-letter comparison -------------------------------------------------------------------------
class Miss(_Model):
    """One disagreement between gold and report, for ``-v``."""

    kind: str
    """med_missed, med_false_alarm, action_missed, action_false_alarm, category, inappropriate, or a field."""
    detail: str


class LetterEval(_Model):
    """How one letter's report compares with its gold."""

    name: str
    path: str
    error: str | None = None
    """The one-line error when the letter could not be checked."""
    med_tp: int = 0
    med_fp: int = 0
    med_fn: int = 0
    action_tp: int = 0
    action_fp: int = 0
    action_fn: int = 0
    category_right: int = 0
    inappropriate_right: int = 0
    gold_actions: int = 0
    action_miss_kinds: dict[str, int] = Field(default_factory=dict)
    """Missed gold requests by class (``eval_misses``: merged, bounds, absent)."""
    fields: dict[str, bool] = Field(default_factory=dict)
    """Field name -> whether the report agrees with gold (only fields gold states)."""
    score: int | None = None
    grade: int
    gold_specialty: str | None = None
    found_specialty: str | None = None
    """The specialty the report gives (None: none found, or the letter could not be checked)."""
    misses: list[Miss] = Field(default_factory=list)


def _fmt_action(a: GoldGpAction | GpAction) -> str:
    flag = f", inappropriate:{a.rule}" if a.inappropriate else ""
    return f'"{a.text}" ({a.category}{flag})'


def compare(name: str, path: str, gold: Gold, report: Report | None, error: str | None = None) -> LetterEval:
    """Compare one report (or a failure to produce one) with its gold."""
    ev = LetterEval(
        name=name,
        path=path,
        error=error,
        grade=gold.grade,
        gold_actions=len(gold.gp_actions),
        gold_specialty=gold.specialty,
        found_specialty=report.specialty if report else None,
    )
    gold_meds = [(m.drug, m.action) for m in gold.medication_changes]
    pred_meds = [(m.drug, m.action) for m in report.medication_changes] if report else []
    ev.med_tp, ev.med_fp, ev.med_fn = med_counts(gold_meds, pred_meds)
    g_left = Counter((_drug_key(d), a) for d, a in gold_meds)
    p_left = Counter((_drug_key(d), a) for d, a in pred_meds)
    for (drug, action), n in (g_left - p_left).items():
        ev.misses += [Miss(kind="med_missed", detail=f"{action} {drug}")] * n
    for (drug, action), n in (p_left - g_left).items():
        ev.misses += [Miss(kind="med_false_alarm", detail=f"{action} {drug}")] * n

    preds = report.gp_actions if report else []
    gold_texts, pred_texts = [a.text for a in gold.gp_actions], [a.text for a in preds]
    pairs = match_actions(gold_texts, pred_texts)
    missed = miss_kinds(gold_texts, pred_texts, pairs, tokens)
    ev.action_miss_kinds = count_kinds(missed)
    ev.action_tp = len(pairs)
    ev.action_fp = len(preds) - len(pairs)
    ev.action_fn = len(gold.gp_actions) - len(pairs)
    matched_g = {gi: pi for gi, pi in pairs}
    matched_p = set(matched_g.values())
    for gi, g in enumerate(gold.gp_actions):
        if gi not in matched_g:
            ev.misses.append(Miss(kind="action_missed", detail=f"{_fmt_action(g)} [{missed[gi]}]"))
            continue
        p = preds[matched_g[gi]]
        if p.category == g.category:
            ev.category_right += 1
        else:
            ev.misses.append(Miss(kind="category", detail=f"{_fmt_action(g)} predicted {p.category}"))
        if p.inappropriate == g.inappropriate:
            ev.inappropriate_right += 1
        else:
            ev.misses.append(
                Miss(kind="inappropriate", detail=f"{_fmt_action(g)} predicted {p.inappropriate}")
            )
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            ev.misses.append(Miss(kind="action_false_alarm", detail=_fmt_action(p)))

    checks: dict[str, tuple[object, object]] = {
        "fit_note": (gold.fit_note.status, report.fit_note.status if report else None),
        "follow_up": (gold.follow_up.owner, report.follow_up.owner if report else None),
        "contact": (gold.contact_point.present, report.contact_point.present if report else None),
        "letter_type": (gold.letter_type, report.letter_type if report else None),
        # Exact name: the audit report's "by specialty" charts put a letter in one bar by this name.
        "specialty": (gold.specialty, report.specialty if report else None),
    }
    for f in DATE_FIELDS:
        want = getattr(gold.dates, f)
        if want is not None:
            checks[f"date_{f}"] = (want, getattr(report.dates, f) if report else None)
    for key, (want, got) in checks.items():
        ev.fields[key] = want == got
        if want != got:
            ev.misses.append(Miss(kind=key, detail=f"gold {want}, predicted {got}"))
    ev.score = report.score if report else None
    return ev


# -- totals ----------------------------------------------------------------------------------------
def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1. Nothing to find and nothing found is perfect; finding nothing of
    something scores 0 precision (not undefined), so an empty checker cannot pass a gate."""
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0  # nothing to find: nothing was missed
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rho, or None when it is undefined (fewer than 3 pairs or a constant side)."""
    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    from scipy.stats import spearmanr

    rho = float(spearmanr(xs, ys).statistic)
    return None if math.isnan(rho) else rho


def summarise(letters: list[LetterEval]) -> dict[str, float | None]:
    """The figures over a set of compared letters (None when there is nothing to measure)."""

    def total(attr: str) -> int:
        return sum(getattr(e, attr) for e in letters)

    def field_acc(pred: Callable[[str], bool]) -> float | None:
        vals = [ok for e in letters for k, ok in e.fields.items() if pred(k)]
        return _ratio(sum(vals), len(vals))

    mp, mr, mf = prf(total("med_tp"), total("med_fp"), total("med_fn")) if letters else (None,) * 3
    ap, ar, af = prf(total("action_tp"), total("action_fp"), total("action_fn")) if letters else (None,) * 3
    scored = [e for e in letters if e.score is not None]
    return {
        "med_precision": mp,
        "med_recall": mr,
        "med_f1": mf,
        "action_precision": ap,
        "action_recall": ar,
        "action_f1": af,
        "action_category_acc": _ratio(total("category_right"), total("action_tp")),
        "inappropriate_acc": _ratio(total("inappropriate_right"), total("gold_actions")),
        "inappropriate_acc_matched": _ratio(total("inappropriate_right"), total("action_tp")),
        "fit_note_acc": field_acc(lambda k: k == "fit_note"),
        "follow_up_acc": field_acc(lambda k: k == "follow_up"),
        "contact_acc": field_acc(lambda k: k == "contact"),
        "letter_type_acc": field_acc(lambda k: k == "letter_type"),
        "specialty_acc": field_acc(lambda k: k == "specialty"),
        "dates_acc": field_acc(lambda k: k.startswith("date_")),
        **{f"date_{f}_acc": field_acc(f"date_{f}".__eq__) for f in DATE_FIELDS},
        "spearman": spearman([float(e.score or 0) for e in scored], [float(e.grade) for e in scored]),
    }


# -- specialty -------------------------------------------------------------------------------------
NO_SPECIALTY = "none"
"""How a letter with no specialty found shows in ``specialty_confusion``."""


class SpecialtyCount(_Model):
    """How many letters of one gold specialty were given one found specialty."""

    gold: str
    found: str
    letters: int


def specialty_confusion(pairs: Iterable[tuple[str, str | None]]) -> list[SpecialtyCount]:
    """Counts of (gold, found) specialty pairs: the misses first (most letters first), then the letters
    found right, each group in name order for ties. Nothing found shows as ``none``."""
    counts = Counter((g, f if f is not None else NO_SPECIALTY) for g, f in pairs)
    rows = [SpecialtyCount(gold=g, found=f, letters=n) for (g, f), n in counts.items()]
    rows.sort(key=lambda r: (r.gold == r.found, -r.letters, r.gold, r.found))
    return rows


# -- running ---------------------------------------------------------------------------------------
class EvalResult(_Model):
    """Everything ``letter-audit eval`` reports."""

    directory: str
    letters: int
    errors: int
    metrics: dict[str, float | None]
    per_letter: list[LetterEval]
    failures: list[str] = Field(default_factory=list)
    thresholds: dict[str, float] = Field(default_factory=dict)
    by_format: dict[str, dict[str, float | None]] = Field(default_factory=dict)
    """The same figures per letter file extension, to show whether one reader lags behind."""
    specialty_confusion: list[SpecialtyCount] = Field(default_factory=list)
    """Gold specialty -> found specialty, with the number of letters; misses first, most common first."""
    action_miss_kinds: dict[str, int] = Field(default_factory=dict)
    """Missed gold GP actions by class, summed over letters (see ``eval_misses``)."""


def find_cases(directory: Path) -> list[tuple[Path, Path | None]]:
    """(gold path, letter path or None) for every gold file under ``directory``, sorted."""
    cases = []
    for gold_path in sorted(directory.rglob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        found = [gold_path.with_name(stem + ext) for ext in LETTER_EXTENSIONS]
        letter = next((p for p in found if p.exists()), None)
        cases.append((gold_path, letter))
    return cases


def evaluate(
    directory: str | Path,
    *,
    thresholds: Thresholds | None = None,
    audit_fn: Callable[[Path], Report] | None = None,
    nlp: Language | None = None,
) -> EvalResult:
    """Check every gold letter under ``directory`` and compare; bad letters are counted, not fatal.

    ``nlp`` is the pipeline to check with (default: the saved one); ``audit_fn`` replaces the checker
    altogether (tests).
    """
    from .gold import load_gold

    root = Path(directory)
    if not root.is_dir():
        raise InputError("not a directory", path=str(root))
    if audit_fn is None:
        from . import audit, load_pipeline

        pipeline = nlp if nlp is not None else load_pipeline()

        def audit_fn(p: Path) -> Report:
            return audit(p, nlp=pipeline)

    cases = find_cases(root)
    if not cases:
        raise InputError("no <name>.gold.json files under this directory", path=str(root))
    results: list[LetterEval] = []
    for gold_path, letter_path in cases:
        name = gold_path.name[: -len(".gold.json")]
        try:
            gold = load_gold(gold_path)
        except (ValidationError, ValueError) as exc:
            first = str(exc).splitlines()[0]
            raise InputError(f"invalid gold file: {first}", path=str(gold_path)) from exc
        if letter_path is None:
            results.append(compare(name, str(gold_path), gold, None, "no letter file beside the gold"))
            continue
        report: Report | None = None
        error = None
        try:
            report = audit_fn(letter_path)
        except LetterAuditError as exc:
            error = exc.one_line()
        except Exception as exc:  # noqa: BLE001 - one broken letter must not stop a corpus run
            error = f"LA900 internal error: {type(exc).__name__}"
        results.append(compare(name, str(letter_path), gold, report, error))
    metrics = summarise(results)
    groups: dict[str, list[LetterEval]] = {}
    for r in results:
        groups.setdefault(Path(r.path).suffix.lstrip(".") or "none", []).append(r)
    th = thresholds or Thresholds(minimums={})
    return EvalResult(
        directory=str(root),
        letters=len(results),
        errors=sum(1 for r in results if r.error),
        metrics=metrics,
        per_letter=results,
        failures=failures(metrics, th),
        thresholds=th.minimums,
        by_format={fmt: summarise(group) for fmt, group in sorted(groups.items())},
        specialty_confusion=specialty_confusion(
            (r.gold_specialty, r.found_specialty) for r in results if r.gold_specialty is not None
        ),
        action_miss_kinds={k: sum(r.action_miss_kinds.get(k, 0) for r in results) for k in MISS_KINDS},
    )
