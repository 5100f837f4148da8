"""Stored reports -> the audit summary a trust reads. Pure functions: no I/O, no formatting.

Compliance for a criterion is met / (met + not met): letters where it does not apply are left out,
so a discharge-only criterion is not diluted by clinic letters.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .rows import letter_month

RATINGS = ("good", "needs_improvement", "poor")
DIMENSIONS = ("specialty", "team", "consultant", "month")
BIN_WIDTH = 10


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScoreBin(_Model):
    low: int
    high: int
    """Inclusive upper bound (the last bin holds 100)."""
    letters: int


class ScoreStats(_Model):
    mean: float | None = None
    median: float | None = None
    lowest: int | None = None
    highest: int | None = None
    histogram: list[ScoreBin] = Field(default_factory=list)
    ratings: dict[str, int] = Field(default_factory=dict)
    """Letters per rating (good, needs_improvement, poor)."""


class CriterionCompliance(_Model):
    id: str
    title: str
    met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    compliance: float | None = None
    """met / (met + not_met), 0-1; None when it applied to no letter."""


class GroupRow(_Model):
    group: str
    letters: int
    mean_score: float | None
    ratings: dict[str, int]
    compliance: dict[str, float | None]
    """Criterion id -> compliance within this group."""


class Breakdown(_Model):
    dimension: str
    """specialty, team, consultant or month."""
    groups: list[GroupRow]
    not_stated: int
    """Letters that do not say (no specialty found, no date...)."""


class RuleCount(_Model):
    rule: str
    requests: int
    letters: int


class FlaggedItem(_Model):
    kind: str
    """not_met (a criterion) or inappropriate (a GP request)."""
    label: str
    detail: str
    evidence: str | None = None


class WorstLetter(_Model):
    path: str
    sha256: str
    score: int
    rating: str
    letter_type: str
    specialty: str | None = None
    letter_month: str | None = None
    findings: list[FlaggedItem]


class AuditSummary(_Model):
    """Everything the audit report shows; rendered as HTML, CSV or JSON."""

    generated_at: str
    standard_id: str | None
    standard_version: str | None
    letters: int
    """Letters audited (error reports excluded)."""
    failed: int
    """Files that could not be checked."""
    errors_by_code: dict[str, int]
    letter_types: dict[str, int]
    score: ScoreStats
    criteria: list[CriterionCompliance]
    breakdowns: list[Breakdown]
    inappropriate: list[RuleCount]
    worst: list[WorstLetter]


def _compliance(met: int, not_met: int) -> float | None:
    return round(met / (met + not_met), 4) if met + not_met else None


def _criteria(reports: list[dict[str, Any]]) -> list[CriterionCompliance]:
    table: dict[str, CriterionCompliance] = {}
    for report in reports:
        for c in report.get("criteria") or []:
            row = table.setdefault(c["id"], CriterionCompliance(id=c["id"], title=c.get("title") or c["id"]))
            if c["status"] == "met":
                row.met += 1
            elif c["status"] == "not_met":
                row.not_met += 1
            else:
                row.not_applicable += 1
    for row in table.values():
        row.compliance = _compliance(row.met, row.not_met)
    return list(table.values())


def _scores(reports: list[dict[str, Any]]) -> ScoreStats:
    scores = [int(r.get("score") or 0) for r in reports]
    bins = [ScoreBin(low=lo, high=min(lo + BIN_WIDTH - 1, 100), letters=0) for lo in range(0, 100, BIN_WIDTH)]
    bins[-1].high = 100
    for s in scores:
        bins[min(s // BIN_WIDTH, len(bins) - 1)].letters += 1
    ratings = Counter(r.get("rating") or "poor" for r in reports)
    return ScoreStats(
        mean=round(statistics.fmean(scores), 1) if scores else None,
        median=float(statistics.median(scores)) if scores else None,
        lowest=min(scores) if scores else None,
        highest=max(scores) if scores else None,
        histogram=bins,
        ratings={k: ratings.get(k, 0) for k in RATINGS},
    )


def _group_key(report: dict[str, Any], dimension: str) -> str | None:
    if dimension == "month":
        return letter_month(report)
    value = report.get(dimension)
    return str(value).strip() or None if value else None


def _breakdown(reports: list[dict[str, Any]], dimension: str) -> Breakdown:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    not_stated = 0
    for report in reports:
        key = _group_key(report, dimension)
        if key is None:
            not_stated += 1
        else:
            groups[key].append(report)
    rows = []
    for name, members in groups.items():
        stats = _scores(members)
        rows.append(
            GroupRow(
                group=name,
                letters=len(members),
                mean_score=stats.mean,
                ratings=stats.ratings,
                compliance={c.id: c.compliance for c in _criteria(members)},
            )
        )
    if dimension == "month":
        rows.sort(key=lambda g: g.group)
    else:
        rows.sort(key=lambda g: (-g.letters, g.group))
    return Breakdown(dimension=dimension, groups=rows, not_stated=not_stated)


def _inappropriate(reports: list[dict[str, Any]]) -> list[RuleCount]:
    requests: Counter[str] = Counter()
    letters: Counter[str] = Counter()
    for report in reports:
        rules = [
            a.get("rule") or "unspecified" for a in report.get("gp_actions") or [] if a.get("inappropriate")
        ]
        requests.update(rules)
        letters.update(set(rules))
    return [
        RuleCount(rule=rule, requests=n, letters=letters[rule])
        for rule, n in sorted(requests.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _clip(text: str | None, limit: int = 200) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _worst(reports: list[dict[str, Any]], n: int) -> list[WorstLetter]:
    def badness(r: dict[str, Any]) -> tuple[int, int, str]:
        not_met = sum(1 for c in r.get("criteria") or [] if c.get("status") == "not_met")
        return (int(r.get("score") or 0), -not_met, r["source"]["path"])

    out = []
    for report in sorted(reports, key=badness)[:n]:
        items = [
            FlaggedItem(
                kind="not_met",
                label=c.get("title") or c["id"],
                detail=c.get("explanation") or "",
                evidence=_clip((c.get("evidence") or [{}])[0].get("text")),
            )
            for c in report.get("criteria") or []
            if c.get("status") == "not_met"
        ]
        items += [
            FlaggedItem(
                kind="inappropriate",
                label=a.get("rule") or "unspecified",
                detail=_clip(a.get("text")) or "",
                evidence=_clip((a.get("evidence") or {}).get("text")),
            )
            for a in report.get("gp_actions") or []
            if a.get("inappropriate")
        ]
        out.append(
            WorstLetter(
                path=report["source"]["path"],
                sha256=report["source"]["sha256"],
                score=int(report.get("score") or 0),
                rating=report.get("rating") or "poor",
                letter_type=report.get("letter_type") or "other",
                specialty=report.get("specialty"),
                letter_month=letter_month(report),
                findings=items,
            )
        )
    return out


def summarise(
    results: Iterable[dict[str, Any]],
    *,
    worst: int = 10,
    now: dt.datetime | None = None,
) -> AuditSummary:
    """The audit summary over report and error-report dicts (as stored or written by batch)."""
    reports: list[dict[str, Any]] = []
    errors: Counter[str] = Counter()
    for result in results:
        if "error" in result:
            errors[result["error"]["code"]] += 1
        else:
            reports.append(result)
    standards = Counter(
        (r["standard"]["id"], r["standard"]["version"]) for r in reports if r.get("standard")
    ).most_common(1)
    std_id, std_version = standards[0][0] if standards else (None, None)
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    return AuditSummary(
        generated_at=stamp,
        standard_id=std_id,
        standard_version=std_version,
        letters=len(reports),
        failed=sum(errors.values()),
        errors_by_code=dict(sorted(errors.items())),
        letter_types=dict(Counter(r.get("letter_type") or "other" for r in reports).most_common()),
        score=_scores(reports),
        criteria=_criteria(reports),
        breakdowns=[_breakdown(reports, d) for d in DIMENSIONS],
        inappropriate=_inappropriate(reports),
        worst=_worst(reports, worst),
    )
