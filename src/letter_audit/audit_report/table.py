"""The audit summary as CSV (one tidy long table, easy to pivot) and as JSON."""

from __future__ import annotations

import csv
import io

from .aggregate import RATINGS, AuditSummary

CSV_COLUMNS = ("section", "dimension", "group", "measure", "value")


def summary_rows(s: AuditSummary) -> list[tuple[str, str, str, str, str]]:
    """Every figure in the report as (section, dimension, group, measure, value)."""

    def v(x: float | int | None) -> str:
        return "" if x is None else f"{x:g}" if isinstance(x, float) else str(x)

    rows: list[tuple[str, str, str, str, str]] = [
        ("overview", "", "all", "letters", v(s.letters)),
        ("overview", "", "all", "failed", v(s.failed)),
        ("overview", "", "all", "mean_score", v(s.score.mean)),
        ("overview", "", "all", "median_score", v(s.score.median)),
    ]
    rows += [("errors", "", code, "files", v(n)) for code, n in s.errors_by_code.items()]
    rows += [("letter_type", "", k, "letters", v(n)) for k, n in s.letter_types.items()]
    rows += [("rating", "", r, "letters", v(s.score.ratings.get(r, 0))) for r in RATINGS]
    rows += [("score_band", "", f"{b.low}-{b.high}", "letters", v(b.letters)) for b in s.score.histogram]
    for c in s.criteria:
        rows += [
            ("criterion", "", c.id, "met", v(c.met)),
            ("criterion", "", c.id, "not_met", v(c.not_met)),
            ("criterion", "", c.id, "not_applicable", v(c.not_applicable)),
            ("criterion", "", c.id, "compliance", v(c.compliance)),
        ]
    for b in s.breakdowns:
        for g in b.groups:
            rows += [
                ("breakdown", b.dimension, g.group, "letters", v(g.letters)),
                ("breakdown", b.dimension, g.group, "mean_score", v(g.mean_score)),
            ]
            rows += [
                ("breakdown", b.dimension, g.group, f"rating:{r}", v(g.ratings.get(r, 0))) for r in RATINGS
            ]
            rows += [
                ("breakdown", b.dimension, g.group, f"compliance:{cid}", v(val))
                for cid, val in g.compliance.items()
            ]
        rows.append(("breakdown", b.dimension, "(not stated)", "letters", v(b.not_stated)))
    for r in s.inappropriate:
        rows += [
            ("inappropriate", "", r.rule, "requests", v(r.requests)),
            ("inappropriate", "", r.rule, "letters", v(r.letters)),
        ]
    rows += [("worst", "", w.path, "score", v(w.score)) for w in s.worst]
    return rows


def render_csv(s: AuditSummary) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(summary_rows(s))
    return buf.getvalue()


def render_json(s: AuditSummary) -> str:
    return s.model_dump_json(indent=2) + "\n"
