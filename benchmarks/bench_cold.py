"""Cold ``letter-audit check`` of one letter: two checkouts side by side, runs alternating (issue 6).

    python benchmarks/bench_cold.py LETTER --tree NAME=SRC_ROOT [--tree NAME=SRC_ROOT ...] [--runs 12]
        [--on-path]

Each ``--tree`` is a checkout's root (its ``src`` goes on PYTHONPATH and its ``models`` becomes
LETTER_AUDIT_MODELS). Every run is a new process running the console script's entry point under this
interpreter with ``check LETTER`` (text output), as ``bench_batch.py``'s cold check does;
``--on-path`` runs the ``letter-audit`` on PATH instead (which may be a launcher, e.g. a pyenv shim).
Runs alternate between the trees so the shared machine's load falls on each alike. Prints, per tree,
the median, lowest and highest wall seconds and the median CPU seconds (user + system) of the
process, which other engineers' jobs move less than the wall clock. Run by hand, never in CI.
Target: median <= 1.5 s (aim 1.0-1.2 s).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ENTRY = "import sys; from letter_audit.cli import main; sys.argv[0] = 'letter-audit'; sys.exit(main())"


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def one_run(root: Path, letter: Path, on_path: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds of one new ``check`` process against the checkout at ``root``."""
    env = dict(os.environ, PYTHONPATH=str(root / "src"), LETTER_AUDIT_MODELS=str(root / "models"))
    cpu, start = _cpu(), time.perf_counter()
    cmd = ["letter-audit"] if on_path else [sys.executable, "-c", ENTRY]
    done = subprocess.run([*cmd, "check", str(letter)], env=env, capture_output=True, check=False)
    took, cpu = time.perf_counter() - start, _cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{root}: check failed: {done.stderr.decode(errors='replace')[-400:]}")
    return took, cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("letter", type=Path)
    parser.add_argument("--tree", action="append", required=True, help="NAME=PATH of a checkout")
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--on-path", action="store_true", help="Run the letter-audit on PATH")
    args = parser.parse_args()
    trees = [(name, Path(path)) for name, _, path in (t.partition("=") for t in args.tree)]
    times: dict[str, list[float]] = {name: [] for name, _ in trees}
    cpus: dict[str, list[float]] = {name: [] for name, _ in trees}
    for _name, root in trees:  # one unrecorded warm-up each: the OS file cache
        one_run(root, args.letter, args.on_path)
    for i in range(args.runs):
        order = trees if i % 2 == 0 else trees[::-1]
        for name, root in order:
            wall, cpu = one_run(root, args.letter, args.on_path)
            times[name].append(wall)
            cpus[name].append(cpu)
    print(f"{'tree':<12} {'runs':>4} {'median s':>9} {'min s':>7} {'max s':>7} {'CPU median s':>13}")
    for name, _ in trees:
        t = times[name]
        cpu = statistics.median(cpus[name])
        print(
            f"{name:<12} {len(t):>4} {statistics.median(t):>9.3f} {min(t):>7.3f} {max(t):>7.3f}"
            f" {cpu:>13.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
