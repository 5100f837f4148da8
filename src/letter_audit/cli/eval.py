"""``letter-audit eval DIR``: accuracy figures over gold letters, with a gate for CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._group import main

if TYPE_CHECKING:
    from ..evaluate import EvalResult

EXIT_BELOW_THRESHOLD = 1

_LABELS = {
    "med_precision": "Medication changes  precision",
    "med_recall": "Medication changes  recall",
    "med_f1": "Medication changes  F1",
    "action_precision": "GP actions          precision",
    "action_recall": "GP actions          recall",
    "action_f1": "GP actions          F1",
    "action_category_acc": "GP action category  accuracy (matched)",
    "inappropriate_acc": "Inappropriate flag  accuracy",
    "inappropriate_acc_matched": "  on matched actions",
    "fit_note_acc": "Fit note status     accuracy",
    "follow_up_acc": "Follow-up owner     accuracy",
    "contact_acc": "Contact point       accuracy",
    "letter_type_acc": "Letter type         accuracy",
    "specialty_acc": "Specialty           accuracy",
    "dates_acc": "Dates               accuracy",
    "date_letter_acc": "  letter date       accuracy",
    "date_clinic_acc": "  clinic date       accuracy",
    "date_admission_acc": "  admission date    accuracy",
    "date_discharge_acc": "  discharge date    accuracy",
    "spearman": "Score vs grade      Spearman",
}


def _parse_min(values: tuple[str, ...]) -> dict[str, object]:
    out: dict[str, object] = {}
    for v in values:
        key, sep, num = v.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {v!r}", param_hint="--min")
        out[key.strip()] = num.strip()
    return out


def _table(result: EvalResult) -> str:
    lines = [
        f"{result.directory}: {result.letters} letters, {result.errors} could not be checked",
        "",
        f"{'Figure':<40} {'Value':>7} {'Min':>6}",
        f"{'-' * 40} {'-' * 7} {'-' * 6}",
    ]
    failed = {f.split()[0] for f in result.failures}
    for key, label in _LABELS.items():
        val = result.metrics.get(key)
        shown = "n/a" if val is None else f"{val:.3f}"
        minimum = result.thresholds.get(key)
        min_shown = "" if minimum is None else f"{minimum:g}"
        mark = "  BELOW" if key in failed else ""
        lines.append(f"{label:<40} {shown:>7} {min_shown:>6}{mark}")
    return "\n".join(lines)


_FORMAT_COLUMNS = ("med_f1", "action_f1", "fit_note_acc", "follow_up_acc", "contact_acc", "letter_type_acc")


def _by_format(result: EvalResult) -> str:
    counts: dict[str, int] = {}
    for le in result.per_letter:
        fmt = Path(le.path).suffix.lstrip(".") or "none"
        counts[fmt] = counts.get(fmt, 0) + 1
    head = f"{'Format':<8} {'Letters':>7} " + " ".join(f"{c:>15}" for c in _FORMAT_COLUMNS)
    lines = [head, "-" * len(head)]
    for fmt, figures in result.by_format.items():
        cells = " ".join(
            f"{'n/a' if figures.get(c) is None else format(figures[c], '.3f'):>15}" for c in _FORMAT_COLUMNS
        )
        lines.append(f"{fmt:<8} {counts.get(fmt, 0):>7} {cells}")
    return "\n".join(lines)


def _specialty_misses(result: EvalResult) -> str:
    """The letters given the wrong specialty, counted by gold -> found (the JSON has every pair)."""
    rows = [r for r in result.specialty_confusion if r.gold != r.found]
    if not rows:
        return ""
    lines = [f"{'Specialty (gold -> found)':<48} {'Letters':>7}"]
    lines += [f"{r.gold + ' -> ' + r.found:<48} {r.letters:>7}" for r in rows]
    return "\n".join(lines)


def _miss_kinds(result: EvalResult) -> str:
    """One line: the missed GP actions by class, or nothing when none were missed."""
    k = result.action_miss_kinds
    if not sum(k.values()):
        return ""
    return (
        f"Missed GP actions: {sum(k.values())} ({k.get('merged', 0)} inside a request found for another, "
        f"{k.get('bounds', 0)} found with other bounds, {k.get('absent', 0)} not found)"
    )


def _details(result: EvalResult) -> str:
    lines = []
    for le in result.per_letter:
        if not le.error and not le.misses:
            continue
        lines.append(f"{le.name}  ({le.path})")
        if le.error:
            lines.append(f"  error: {le.error}")
        for m in le.misses:
            lines.append(f"  {m.kind}: {m.detail}")
    return "\n".join(lines)


@main.command("eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List every miss and false alarm by letter.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON instead of a table.")
@click.option(
    "--min",
    "minimums",
    multiple=True,
    metavar="KEY=VALUE",
    help="Minimum for one figure, e.g. --min med_f1=0.9 (repeatable; overrides the thresholds file).",
)
@click.option(
    "--thresholds",
    "thresholds_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML file of minimums (default: models/eval_thresholds.yaml).",
)
@click.option(
    "--fresh",
    is_flag=True,
    help="Build the pipeline from the rule and lexicon files under models/ instead of loading the saved "
    "models/pipeline (for rule work, without rebuilding).",
)
def eval_command(
    directory: Path,
    verbose: bool,
    as_json: bool,
    minimums: tuple[str, ...],
    thresholds_file: Path | None,
    fresh: bool,
) -> None:
    """Measure the checker against every letter with a <name>.gold.json under DIRECTORY.

    Prints precision, recall and F1 for medication changes and GP actions, accuracy for fit note,
    follow-up owner, contact point, letter type, specialty, dates and the inappropriate flag, and
    Spearman between score and grade. Exits 1 when a figure is below its minimum, 2 on usage errors.
    """
    from ..evaluate import Thresholds, evaluate, failures
    from ..paths import models_dir

    if thresholds_file is None:
        default = models_dir() / "eval_thresholds.yaml"
        base = Thresholds.load(default) if default.exists() else Thresholds(minimums={})
    else:
        if not thresholds_file.exists():
            msg = f"file {str(thresholds_file)!r} does not exist"
            raise click.BadParameter(msg, param_hint="--thresholds")
        base = Thresholds.load(thresholds_file)
    try:
        extra = Thresholds.checked(_parse_min(minimums))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--min") from exc
    thresholds = Thresholds(minimums={**base.minimums, **extra.minimums})

    nlp = None
    if fresh:
        from ..pipeline import build_pipeline

        nlp = build_pipeline()
    result = evaluate(directory, thresholds=thresholds, nlp=nlp)
    result.failures = failures(result.metrics, thresholds)
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json", exclude_none=False), indent=2))
    else:
        if verbose:
            details = _details(result)
            if details:
                click.echo(details)
                click.echo()
            click.echo(_by_format(result))
            click.echo()
            misses = _specialty_misses(result)
            if misses:
                click.echo(misses)
                click.echo()
        click.echo(_table(result))
        kinds = _miss_kinds(result)
        if kinds:
            click.echo()
            click.echo(kinds)
        if result.failures:
            click.echo()
            click.echo("Below threshold: " + "; ".join(result.failures))
    if result.failures:
        sys.exit(EXIT_BELOW_THRESHOLD)
