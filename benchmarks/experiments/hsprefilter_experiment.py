"""How much one shared Hyperscan pass per text could save the rule scanners (performance pass 13).

    python benchmarks/experiments/hsprefilter_experiment.py [FOLDER] [--passes 2]

Builds the pipeline fresh (so every ``Scanner`` registers its pattern), compiles the prefilter
database (``pipeline/hsprefilter.py``) and reports its compile time and size, warms every scanner with
one pass over the .txt letters of FOLDER (default /tmp/devtxt), then runs ``annotate`` again with the
prefilter's skipping switched off while recording, for every ``Scanner.starts`` call, whether the
prefilter would have skipped it (no hit of the pattern's prefilter in the text), the CPU time of that
``starts`` call (lead finder) and of the searches that follow on its start list, and how many
``rx.match`` calls those searches make. Prints the totals per letter: the most the prefilter can save
in the scanners, against what its scans cost. Not a test: run by hand.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=Path("/tmp/devtxt"))
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args()

    from letter_audit import Letter
    from letter_audit.pipeline import annotate, build_pipeline, rxfilter
    from letter_audit.pipeline.hsprefilter import PREFILTER

    paths = sorted(args.folder.glob("*.txt"))
    letters = [Letter.from_text(p.read_text(encoding="utf-8")) for p in paths]
    nlp = build_pipeline()
    began = time.perf_counter()
    rxfilter.attach_prefilter(compile_missing=True)  # compiled, or loaded from the cache
    build_s = time.perf_counter() - began
    import hyperscan

    size = len(hyperscan.dumpb(PREFILTER._db)) if PREFILTER._db is not None else 0
    print(
        f"patterns registered {len(PREFILTER._keys)}, in the database {len(PREFILTER._slots)}; "
        f"{PREFILTER.source} in {build_s:.3f} s, {size:,} bytes"
    )
    for letter in letters:  # warm: every scanner built, every gate built
        annotate(nlp, letter)

    scanner_cls = rxfilter.Scanner
    orig_starts = scanner_cls.starts
    orig_search = scanner_cls.search
    orig_before = scanner_cls.search_before
    orig_finditer = scanner_cls.finditer
    clock = time.process_time
    stats: dict[str, float] = dict.fromkeys(
        (
            "calls",
            "skip_calls",
            "starts_s",
            "skip_starts_s",
            "skip_search_s",
            "skip_matches",
            "scan_s",
            "scans",
        ),
        0,
    )
    marked: dict[int, list[int]] = {}  # kept alive, so no other list takes the id
    planned_calls = [0, 0]  # planned scanner calls, of them skippable

    def starts(self: Any, low: str) -> list[int] | None:
        slot, self._hs = self._hs, None
        t0 = clock()
        out = orig_starts(self, low)
        spent = clock() - t0
        self._hs = slot
        stats["calls"] += 1
        stats["starts_s"] += spent
        if slot is None:
            return out
        known = low in PREFILTER._hits
        t1 = clock()
        hit = PREFILTER.hits(low)[slot]
        if not known:
            stats["scan_s"] += clock() - t1
            stats["scans"] += 1
        if self._plan is not None:
            planned_calls[0] += 1
            planned_calls[1] += not hit
        if not hit and out is not None:
            stats["skip_calls"] += 1
            stats["skip_starts_s"] += spent
            out = list(out)
            marked[id(out)] = out
        return out

    def _tried(starts_: list[int] | None, pos: int, end: int) -> int:
        return sum(1 for q in starts_ or () if pos <= q < end)

    def search(self: Any, text: str, starts_: Any, pos: int = 0, endpos: int | None = None) -> Any:
        if starts_ is None or id(starts_) not in marked:
            return orig_search(self, text, starts_, pos, endpos)
        t0 = clock()
        out = orig_search(self, text, starts_, pos, endpos)
        stats["skip_search_s"] += clock() - t0
        stats["skip_matches"] += _tried(starts_, pos, len(text) if endpos is None else endpos)
        if out is not None:
            raise AssertionError(f"prefilter missed {self.rx.pattern!r} {out.group()!r}")
        return out

    def search_before(self: Any, text: str, starts_: Any, pos: int, endpos: int | None, limit: int) -> Any:
        if starts_ is None or id(starts_) not in marked:
            return orig_before(self, text, starts_, pos, endpos, limit)
        t0 = clock()
        out = orig_before(self, text, starts_, pos, endpos, limit)
        stats["skip_search_s"] += clock() - t0
        stats["skip_matches"] += _tried(starts_, pos, min(limit, len(text) if endpos is None else endpos))
        if out is not None:
            raise AssertionError(f"prefilter missed {self.rx.pattern!r} {out.group()!r}")
        return out

    def finditer(self: Any, text: str, starts_: Any) -> Iterator[Any]:
        yield from orig_finditer(self, text, starts_)  # searches go through ``search`` above

    scanner_cls.starts = starts  # type: ignore[method-assign]
    scanner_cls.search = search  # type: ignore[method-assign]
    scanner_cls.search_before = search_before  # type: ignore[method-assign]
    scanner_cls.finditer = finditer  # type: ignore[method-assign]
    for _ in range(args.passes):
        PREFILTER._hits.clear()
        for letter in letters:
            marked.clear()
            annotate(nlp, letter)
    n = len(letters) * args.passes
    ms = 1000.0 / n
    print(f"letters {len(letters)} x {args.passes} passes")
    print(
        f"Scanner.starts calls/letter {stats['calls'] / n:.1f}, "
        f"of them skippable {stats['skip_calls'] / n:.1f}"
    )
    print(
        f"planned (word-start finder) calls/letter {planned_calls[0] / n:.1f}, "
        f"skippable {planned_calls[1] / n:.1f}"
    )
    print(
        f"starts CPU ms/letter {stats['starts_s'] * ms:.3f}, "
        f"of it skippable {stats['skip_starts_s'] * ms:.3f}"
    )
    print(
        f"skippable searches: CPU ms/letter {stats['skip_search_s'] * ms:.3f}, "
        f"rx.match calls/letter {stats['skip_matches'] / n:.1f}"
    )
    print(f"prefilter scans/letter {stats['scans'] / n:.2f}, CPU ms/letter {stats['scan_s'] * ms:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
