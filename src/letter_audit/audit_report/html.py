"""The audit summary as one self-contained HTML file: inline CSS and SVG, no scripts, no links out.

A trust emails it or opens it offline, and prints it; so everything it needs is in the one file.
"""

from __future__ import annotations

from html import escape

from .aggregate import RATINGS, AuditSummary, Breakdown
from .charts import RATING_COLOURS, hbar_chart, vbar_chart

_CSS = """
body{font-family:Arial,Helvetica,sans-serif;color:#212b32;max-width:1000px;margin:2em auto;padding:0 1em}
h1{color:#005eb8}h2{border-bottom:2px solid #005eb8;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:14px}
th,td{border:1px solid #d8dde0;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f4f5}td.num{text-align:right}
.tiles{display:flex;gap:1em;flex-wrap:wrap}.tile{border:1px solid #d8dde0;padding:.6em 1em;min-width:9em}
.tile b{display:block;font-size:1.6em;color:#005eb8}.muted{color:#4c6272}
.letter{border-left:4px solid #d5281b;padding-left:1em;margin:1.5em 0;page-break-inside:avoid}
.chart{max-width:100%;height:auto}
.wide{overflow-x:auto}table.matrix{font-size:12px}
@media print{body{margin:0;max-width:none}.wide{overflow:visible}table.matrix{font-size:9px}
h2{page-break-after:avoid}.chart,table{page-break-inside:avoid}}
"""

_LABELS = {"needs_improvement": "needs improvement", "month": "month of the letter"}


def _label(key: str) -> str:
    return _LABELS.get(key, key.replace("_", " "))


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _overview(s: AuditSummary) -> str:
    tiles = [
        ("letters audited", str(s.letters)),
        ("files that failed", str(s.failed)),
        ("mean score", _num(s.score.mean)),
        ("median score", _num(s.score.median)),
    ] + [(_label(r), str(s.score.ratings.get(r, 0))) for r in RATINGS]
    html = (
        '<div class="tiles">'
        + "".join(f'<div class="tile"><b>{escape(v)}</b>{escape(k)}</div>' for k, v in tiles)
        + "</div>"
    )
    if s.letter_types:
        kinds = ", ".join(f"{escape(_label(k))}: {n}" for k, n in s.letter_types.items())
        html += f"<p>Letter types: {kinds}.</p>"
    if s.errors_by_code:
        codes = ", ".join(f"{escape(c)}: {n}" for c, n in s.errors_by_code.items())
        html += f'<p class="muted">Files that could not be checked, by error code: {codes}.</p>'
    return html


def _distribution(s: AuditSummary) -> str:
    bins = [(f"{b.low}-{b.high}", float(b.letters)) for b in s.score.histogram]
    ratings = [(_label(r), float(s.score.ratings.get(r, 0))) for r in RATINGS]
    peak = max((v for _, v in ratings), default=0.0)
    return vbar_chart("Letters by score band", bins) + hbar_chart(
        "Letters by rating",
        ratings,
        max_value=peak,
        label_width=160,
        colours=[RATING_COLOURS[r] for r in RATINGS],
    )


def _criteria(s: AuditSummary) -> str:
    if not s.criteria:
        return "<p>No criteria results in these reports.</p>"
    chart = hbar_chart(
        "Compliance per criterion",
        [(c.title, None if c.compliance is None else c.compliance * 100) for c in s.criteria],
        max_value=100,
        unit="%",
    )
    rows = "".join(
        f"<tr><td>{escape(c.title)}<br><span class=muted>{escape(c.id)}</span></td>"
        f'<td class="num">{c.met}</td><td class="num">{c.not_met}</td>'
        f'<td class="num">{c.not_applicable}</td><td class="num">{_pct(c.compliance)}</td></tr>'
        for c in s.criteria
    )
    table = (
        "<table><tr><th>Criterion</th><th>Met</th><th>Not met</th><th>Not applicable</th>"
        f"<th>Compliance</th></tr>{rows}</table>"
    )
    return chart + table


MAX_GROUP_ROWS = 30
"""Groups shown per table; the CSV and JSON carry them all."""


def _breakdown(b: Breakdown, criteria_ids: list[str]) -> str:
    title = _label(b.dimension)
    if not b.groups:
        return f"<h3>By {escape(title)}</h3><p class=muted>Not stated in any letter.</p>"
    items = [(g.group, g.mean_score) for g in b.groups]
    chart = (
        vbar_chart(f"Mean score by {title}", items, max_value=100)
        if b.dimension == "month"
        else hbar_chart(f"Mean score by {title}", items[:25], max_value=100)
    )
    shown = b.groups if b.dimension == "month" else b.groups[:MAX_GROUP_ROWS]
    head = "".join(f"<th>{escape(cid)}</th>" for cid in criteria_ids)
    rows = "".join(
        f"<tr><td>{escape(g.group)}</td><td class=num>{g.letters}</td><td class=num>{_num(g.mean_score)}</td>"
        + "".join(f"<td class=num>{g.ratings.get(r, 0)}</td>" for r in RATINGS)
        + "".join(f"<td class=num>{_pct(g.compliance.get(cid))}</td>" for cid in criteria_ids)
        + "</tr>"
        for g in shown
    )
    table = (
        f'<div class="wide"><table class="matrix"><tr><th>{escape(title.capitalize())}</th><th>Letters</th>'
        "<th>Mean score</th>"
        + "".join(f"<th>{escape(_label(r))}</th>" for r in RATINGS)
        + f"{head}</tr>{rows}</table></div>"
    )
    notes = []
    if len(shown) < len(b.groups):
        rest = len(b.groups) - len(shown)
        notes.append(f"{rest} smaller groups are left out here; the CSV and JSON list every one.")
    if b.not_stated:
        verb = "letter does" if b.not_stated == 1 else "letters do"
        notes.append(f"{b.not_stated} {verb} not state a {escape(title)}.")
    note = f"<p class=muted>{' '.join(notes)}</p>" if notes else ""
    return f"<h3>By {escape(title)}</h3>{chart}{table}{note}"


def _inappropriate(s: AuditSummary) -> str:
    if not s.inappropriate:
        return "<p>No inappropriate requests to GP practices were found.</p>"
    peak = float(max(r.requests for r in s.inappropriate))
    chart = hbar_chart(
        "Inappropriate requests by rule",
        [(_label(r.rule), float(r.requests)) for r in s.inappropriate],
        max_value=peak,
    )
    rows = "".join(
        f"<tr><td>{escape(_label(r.rule))}</td><td class=num>{r.requests}</td>"
        f"<td class=num>{r.letters}</td></tr>"
        for r in s.inappropriate
    )
    return chart + f"<table><tr><th>Rule</th><th>Requests</th><th>Letters</th></tr>{rows}</table>"


def _worst(s: AuditSummary) -> str:
    if not s.worst:
        return "<p>No letters.</p>"
    out = []
    for w in s.worst:
        facts = ", ".join(
            escape(x) for x in (_label(w.letter_type), w.specialty or "", w.letter_month or "") if x
        )
        items = "".join(
            f"<li><b>{'Not met' if f.kind == 'not_met' else 'Inappropriate request'}: {escape(f.label)}</b>"
            f"{' - ' + escape(f.detail) if f.detail else ''}"
            f"{'<br><q>' + escape(f.evidence) + '</q>' if f.evidence else ''}</li>"
            for f in w.findings
        )
        out.append(
            f'<div class="letter"><h3>{escape(w.path)}</h3>'
            f"<p>Score <b>{w.score}</b> ({escape(_label(w.rating))}); {facts}. "
            f'<span class="muted">SHA-256 {escape(w.sha256[:12])}</span></p>'
            f"<ul>{items or '<li>No findings recorded.</li>'}</ul></div>"
        )
    return "".join(out)


def render_html(s: AuditSummary, *, title: str = "Letter audit report") -> str:
    """The whole report page."""
    std = f"{s.standard_id} version {s.standard_version}" if s.standard_id else "no standard recorded"
    ids = [c.id for c in s.criteria]
    sections = [
        ("Letters audited", _overview(s)),
        ("Score distribution", _distribution(s)),
        ("Compliance per criterion", _criteria(s)),
        (
            "By specialty, team, consultant and month",
            "".join(_breakdown(b, ids) for b in s.breakdowns),
        ),
        ("Inappropriate requests to GP practices, by rule", _inappropriate(s)),
        (f"The {len(s.worst)} lowest-scoring letters", _worst(s)),
    ]
    body = "".join(f"<h2>{escape(h)}</h2>{content}" for h, content in sections)
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1><p class=muted>Standard: {escape(std)}. Generated {escape(s.generated_at)} "
        "by letter-audit. Compliance counts only letters a criterion applies to.</p>"
        f"{body}</body></html>\n"
    )
