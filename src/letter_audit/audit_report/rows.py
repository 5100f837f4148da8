"""One flat row per letter: the table shape shared by batch CSV, the results store and Spark.

A report (or an error report) is nested JSON; trusts want a table. Keeping the flattening in one
place means ``batch --csv``, the SQLite ``results`` columns and ``spark.audit_dataframe`` agree on
column names and meanings, so results from a laptop and a cluster land in the same table.
"""

from __future__ import annotations

from typing import Any

# Fixed columns, in output order. Criterion statuses follow as ``criterion.<id>`` columns in CSV and
# as one map column in Spark, because the criteria come from the standard, not from code.
ROW_COLUMNS: tuple[str, ...] = (
    "file",
    "sha256",
    "format",
    "pages",
    "ocr",
    "letter_type",
    "specialty",
    "consultant",
    "team",
    "letter_month",
    "score",
    "rating",
    "priority",
    "medication_changes",
    "gp_actions",
    "inappropriate_requests",
    "fit_note",
    "follow_up",
    "contact_point",
    "criteria_met",
    "criteria_not_met",
    "standard_id",
    "standard_version",
    "error_code",
    "error_message",
)

CRITERION_PREFIX = "criterion."


def letter_month(report: dict[str, Any]) -> str | None:
    """``YYYY-MM`` of the letter, falling back to discharge then clinic date (audits group by month)."""
    dates = report.get("dates") or {}
    for key in ("letter", "discharge", "clinic", "admission"):
        value = dates.get(key)
        if value:
            return str(value)[:7]
    return None


def is_error(report: dict[str, Any]) -> bool:
    return "error" in report


def letter_row(report: dict[str, Any]) -> dict[str, Any]:
    """The fixed columns of one report or error report (a ``model_dump(mode="json")`` dict)."""
    source = report.get("source") or {}
    standard = report.get("standard") or {}
    row: dict[str, Any] = {name: None for name in ROW_COLUMNS}
    row.update(
        file=source.get("path"),
        sha256=source.get("sha256"),
        format=source.get("format"),
    )
    if is_error(report):
        error = report["error"]
        row.update(error_code=error.get("code"), error_message=error.get("message"))
        return row
    actions = report.get("gp_actions") or []
    criteria = report.get("criteria") or []
    row.update(
        pages=source.get("pages"),
        ocr=bool(source.get("ocr")),
        letter_type=report.get("letter_type"),
        specialty=report.get("specialty"),
        consultant=report.get("consultant"),
        team=report.get("team"),
        letter_month=letter_month(report),
        score=report.get("score"),
        rating=report.get("rating"),
        priority=(report.get("triage") or {}).get("priority"),
        medication_changes=len(report.get("medication_changes") or []),
        gp_actions=len(actions),
        inappropriate_requests=sum(1 for a in actions if a.get("inappropriate")),
        fit_note=(report.get("fit_note") or {}).get("status"),
        follow_up=(report.get("follow_up") or {}).get("owner"),
        contact_point=bool((report.get("contact_point") or {}).get("present")),
        criteria_met=sum(1 for c in criteria if c.get("status") == "met"),
        criteria_not_met=sum(1 for c in criteria if c.get("status") == "not_met"),
        standard_id=standard.get("id"),
        standard_version=standard.get("version"),
    )
    return row


def criterion_statuses(report: dict[str, Any]) -> dict[str, str]:
    """Criterion id -> met | not_met | not_applicable (empty for error reports)."""
    return {c["id"]: c["status"] for c in report.get("criteria") or [] if "id" in c and "status" in c}


def csv_row(report: dict[str, Any]) -> dict[str, Any]:
    """``letter_row`` plus one ``criterion.<id>`` column per criterion."""
    row = letter_row(report)
    for cid, status in criterion_statuses(report).items():
        row[CRITERION_PREFIX + cid] = status
    return row
