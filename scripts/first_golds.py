"""Lay out the dev letters with their FIRST gold annotation, to measure the checker against it.

    python scripts/first_golds.py OUT [--before 2026-11-22T22:39] [--split dev]
    letter-audit eval -v OUT

Why: a gold file is edited over its life (conventions settled, mistakes fixed), and edits made while rules
were being tuned can drift towards what the checker does. The first annotation of a letter, written before
its writer had seen the checker, is the closest thing the project has to how an independent annotator
(and so the held-out split) marks a letter. Comparing the checker against those first annotations shows
which conventions drifted: round 17 found this way that a test and the step acting on its result had been
joined in the golds after the first annotators split them, and round 18 that a repeat-list edit of two drugs
had been split after they kept it whole (fixtures/README.md, "History").

OUT gets, for every letter of the split first committed before ``--before`` (an ISO time, compared with the
commit time; default: no limit), a symbolic link to each rendered file and a copy of the gold as first
committed. Letters whose text changed since are laid out as they are now, so a few first golds may no
longer fit their letter; read the eval's misses with that in mind. Needs the git history (not a shallow
clone). Never lays out the test split: it is held out.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_commits(split: str) -> dict[str, tuple[str, str]]:
    """Gold path -> (commit, ISO commit time) of the commit that added it."""
    log = subprocess.run(
        ["git", "log", "--reverse", "--format=C %h %cI", "--name-status", "--no-renames", "--",
         f"fixtures/letters/{split}/"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    first: dict[str, tuple[str, str]] = {}
    commit = ("", "")
    for line in log.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "C":
            commit = (parts[1], parts[2])
        elif parts[0] == "A" and parts[-1].endswith(".gold.json"):
            first.setdefault(parts[-1], commit)
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to fill (made if missing; must be empty)")
    parser.add_argument("--before", default=None, help="only letters first committed before this ISO time")
    parser.add_argument("--split", default="dev", help="corpus split (default dev; test is refused)")
    args = parser.parse_args(argv)
    if args.split == "test":
        print("error: the test split is held out; lay out dev instead", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        print(f"error: {out} is not empty; give a new folder", file=sys.stderr)
        return 2
    letters = ROOT / "fixtures" / "letters" / args.split
    count = 0
    for gold_path, (commit, when) in sorted(first_commits(args.split).items()):
        if args.before and when >= args.before:
            continue
        gold = ROOT / gold_path
        stem = gold.name[: -len(".gold.json")]
        rendered = [p for p in letters.glob(stem + ".*") if not p.name.endswith(".gold.json")]
        if not gold.exists() or not rendered:
            continue  # removed since
        text = subprocess.run(["git", "show", f"{commit}:{gold_path}"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout
        (out / gold.name).write_text(text, encoding="utf-8")
        for path in rendered:
            (out / path.name).symlink_to(path.resolve())
        count += 1
    print(f"{count} letters with their first gold in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
