"""Run the checker over a Spark DataFrame of files (``pip install 'letter-audit[spark]'``).

Per-letter work is a pure function of the file's bytes and the standard, so Spark only has to move
bytes to executors and rows back. Read files with Spark's ``binaryFile`` source and pass the DataFrame
to ``audit_dataframe``; it returns one row per file with the same columns as ``batch --csv`` and the
store's ``results`` table (see ``letter_audit.audit_report.rows``), plus the criteria as a map and the
full report JSON::

    df = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load("/data/letters")
    rows = audit_dataframe(df)
    rows.write.mode("append").saveAsTable("letter_audit_results")

Executors need letter-audit installed (wheel or conda env) with its ``models/`` data; each Python
worker loads the pipeline once and reuses it for every row it sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from .audit_report.rows import ROW_COLUMNS, criterion_statuses, letter_row

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame

# Spark SQL types for the fixed row columns; anything not listed is a string.
_TYPES = {
    "pages": "int",
    "ocr": "boolean",
    "score": "int",
    "medication_changes": "int",
    "gp_actions": "int",
    "inappropriate_requests": "int",
    "contact_point": "boolean",
    "criteria_met": "int",
    "criteria_not_met": "int",
}

REPORT_JSON = "report_json"
CRITERIA = "criteria"


def result_schema() -> str:
    """The output schema as a Spark DDL string: the row columns, the criteria map, the report JSON."""
    cols = [f"`{name}` {_TYPES.get(name, 'string')}" for name in ROW_COLUMNS]
    cols += [f"`{CRITERIA}` map<string,string>", f"`{REPORT_JSON}` string"]
    return ", ".join(cols)


def result_row(result: dict[str, Any]) -> dict[str, Any]:
    """One report or error report as an output row (also what a test compares batch output with)."""
    import json

    row = letter_row(result)
    row[CRITERIA] = criterion_statuses(result)
    row[REPORT_JSON] = json.dumps(result, separators=(",", ":"))
    return row


def _display_path(path: str) -> str:
    """binaryFile paths are URIs; local ones lose the ``file:`` scheme so rows match batch output."""
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


def _audit_batches(
    batches: Iterator[pd.DataFrame],
    *,
    standard_path: str | None,
    path_column: str,
    content_column: str,
) -> Iterator[pd.DataFrame]:
    import pandas as pd

    from .batch import audit_bytes, tidy_memory

    columns = [*ROW_COLUMNS, CRITERIA, REPORT_JSON]
    for frame in batches:
        rows = []
        for path, content in zip(frame[path_column], frame[content_column], strict=True):
            rows.append(result_row(audit_bytes(bytes(content), _display_path(str(path)), standard_path)))
            tidy_memory()
        out = pd.DataFrame(rows, columns=columns)
        for name, kind in _TYPES.items():
            if kind == "int":
                out[name] = out[name].astype("Int32")
            elif kind == "boolean":
                out[name] = out[name].astype("boolean")
        yield out


def audit_dataframe(
    df: DataFrame,
    *,
    standard_path: str | None = None,
    path_column: str = "path",
    content_column: str = "content",
) -> DataFrame:
    """Check every file in ``df`` (a ``binaryFile`` DataFrame: ``path``, ``content`` columns).

    Bad files become rows with ``error_code`` and ``error_message`` set, never a failed job. The
    standard file must be readable at ``standard_path`` on every executor (default: the shipped one).
    """
    fn = partial(
        _audit_batches, standard_path=standard_path, path_column=path_column, content_column=content_column
    )
    return df.select(path_column, content_column).mapInPandas(fn, schema=result_schema())
