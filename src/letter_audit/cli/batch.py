"""``batch``: check a folder of letters on every core, into JSONL/CSV and the results store."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from ._group import main
from ._options import db_option, standard_option

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what `yes | head` reports


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--recursive/--no-recursive", default=True, show_default=True, help="Look in sub-folders.")
@click.option("--include", multiple=True, metavar="GLOB", help="Only files matching GLOB (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching GLOB (repeatable).")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores]."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the JSONL reports here instead of standard output.",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write one CSV row per letter.",
)
@db_option("The results store (SQLite). Letters already in it are skipped.")
@click.option("--no-db", is_flag=True, help="Do not use a results store: check every letter, store nothing.")
@standard_option("A complete-care standard file instead of the shipped one (a new version re-scores).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300.0,
    show_default=True,
    help="Seconds one letter may take before its worker is stopped and the letter reported as LA110 "
    "(0: no limit).",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="No progress bar, no line per failed file and no summary line."
)
@click.option("--max-tasks-per-worker", type=click.IntRange(min=1), default=None, hidden=True)
@click.pass_context
def batch(
    ctx: click.Context,
    paths: tuple[Path, ...],
    recursive: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    jobs: int | None,
    out: Path | None,
    csv_path: Path | None,
    db: Path,
    no_db: bool,
    standard: Path | None,
    timeout: float,
    quiet: bool,
    max_tasks_per_worker: int | None,
) -> None:
    """Check every letter under PATHS and write one JSON report per line.

    Letters are PDF, DOCX, text, HTML, HTM and RTF files; hidden files and *.gold.json are skipped.
    A file that cannot be checked becomes a line {source, error: {code, message}} and the run carries
    on. Results are stored in --db as they complete, so a rerun (or a run after Ctrl-C or a crash)
    skips letters already checked against the same standard.

    Exit status: 0 all letters checked, 1 one or more files failed, 2 usage error, 130 interrupted.
    """
    from ..batch import Summary, default_jobs, discover, run_batch, standard_for
    from ..store import ResultStore

    files: list[Path] = []
    for root in paths:
        files.extend(discover(root, recursive=recursive, include=include, exclude=exclude))
    std = standard_for(str(standard) if standard else None)
    store = None if no_db else ResultStore(db)
    summary = Summary(total=len(files))
    run_id = store.start_run(" ".join(map(str, paths)), std.id, std.version, len(files)) if store else 0
    rows: list[dict[str, Any]] = []
    out_fh: IO[str] = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    progress = None if quiet or not sys.stderr.isatty() else _ProgressBar(len(files))
    status = "running"
    events = None
    broken_pipe = False
    try:
        if progress is not None:
            progress.start()
        events = run_batch(
            files,
            store=store,
            standard_path=standard,
            jobs=jobs or default_jobs(),
            timeout_s=timeout or None,
            max_tasks_per_worker=max_tasks_per_worker,
        )
        for event in events:
            summary.record(event)
            out_fh.write(json.dumps(event.result, separators=(",", ":")) + "\n")
            if csv_path is not None:
                rows.append(event.result)
            if progress is not None:
                progress.advance(summary)
    except KeyboardInterrupt:
        summary.interrupted = True
    except BrokenPipeError:
        # the reader went away (``| head``): stop quietly, as a killed-by-SIGPIPE tool would
        summary.interrupted = True
        broken_pipe = True
        if out is None:  # so the flushes still to come (ours, and Python's at exit) cannot fail again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except BaseException:
        status = "aborted"
        raise
    finally:
        if events is not None:
            events.close()  # stops the workers now, not whenever the generator is collected
        if progress is not None:
            progress.stop()
        try:
            out_fh.flush()
        except BrokenPipeError:
            pass
        if out:
            out_fh.close()
        if store is not None:
            if status != "aborted":
                status = "interrupted" if summary.interrupted else "finished"
            store.finish_run(
                run_id, checked=summary.checked, skipped=summary.skipped, failed=summary.failed, status=status
            )
            store.close()
    if csv_path is not None:
        _write_csv(csv_path, rows)
    if broken_pipe:
        ctx.exit(EXIT_BROKEN_PIPE)
    if not quiet:
        for failure in summary.failure_lines():
            click.echo(failure, err=True)
        click.echo(summary.line(), err=True)
    if summary.interrupted:
        ctx.exit(EXIT_INTERRUPTED)
    if summary.failed:
        ctx.exit(EXIT_FAILED)


def _write_csv(path: Path, results: list[dict[str, Any]]) -> None:
    """One row per letter; criterion columns follow the fixed ones, in the order first seen."""
    from ..audit_report.rows import ROW_COLUMNS, csv_row

    table = [csv_row(r) for r in results]
    extra: dict[str, None] = {}
    for row in table:
        for key in row:
            if key not in ROW_COLUMNS:
                extra.setdefault(key, None)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*ROW_COLUMNS, *extra], restval="")
        writer.writeheader()
        writer.writerows(table)


class _ProgressBar:
    """A rich progress bar on stderr: done/total, letters per second, ETA, failures so far."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]} letters/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failed]} failed"),
            console=Console(stderr=True),
            transient=True,
        )
        self._task = self._bar.add_task("batch", total=total, rate="-", failed=0)

    def start(self) -> None:
        self._bar.start()

    def stop(self) -> None:
        self._bar.stop()

    def advance(self, summary: Any) -> None:
        task = self._bar.tasks[0]
        speed = task.speed
        self._bar.update(
            self._task,
            advance=1,
            rate=f"{speed:.1f}" if speed else "-",
            failed=summary.failed,
        )
