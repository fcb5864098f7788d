"""What starting ``mot`` costs, and a build's fixed cost apart from its per-row cost.

1. Start-up: wall time of ``mot --help`` and of ``import mot.cli`` (best of ``--repeat`` fresh
   processes), against the baseline of importing what the CLI loaded eagerly before it became
   lazy (``mot.build``, ``mot.plan``, ``mot.hub``, ``mot.stats``: datatrove, transformers, torch).
   Target: ``mot --help`` under 1 s.
2. Build cost: ``mot build`` (local executor, all cores) on MoT-shaped corpora of several sizes
   (bench/corpus.py, one seed), timed as a user sees it, then fitted as
   ``seconds = fixed + per_row × traces`` (least squares). ``fixed`` is what a build pays whatever
   its size (start-up, imports, worker start, token-counter set-up, the global stages' and card's
   constant part); target: under 3 s for a 3,000-trace build. Each build's own stage lines
   (``mot build: … done in Xs``) are printed too.

    python bench/bench_startup.py [--sizes 100 1000 3000] [--repeat 5] [--length-scale 1.0] [--mot-root CHECKOUT]

``--mot-root`` times another checkout's ``mot`` (e.g. an older commit in a git worktree) with the
same corpora, for before/after numbers.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import write_corpus  # noqa: E402

CPUS = os.cpu_count() or 1
EAGER_BEFORE = "import mot.build, mot.plan, mot.hub, mot.stats, mot.pool.mixture, mot.sandbox.cli"


RUN_MOT = "from mot.cli import run; run()"  # works in checkouts without mot/__main__.py too


def _env(mot_root: Path) -> dict[str, str]:
    """The environment of a timed process: ``mot`` from ``mot_root``, quiet logs as a user gets them."""
    env = {**os.environ, "PYTHONPATH": str(mot_root)}
    env.pop("LOGURU_LEVEL", None)
    return env


def best_of(command: list[str], repeat: int, env: dict[str, str]) -> float:
    """The fastest of ``repeat`` wall times of ``command`` (a fresh process each time; the minimum is least disturbed by load)."""
    times = []
    for _ in range(repeat):
        started = time.monotonic()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.monotonic() - started)
    return min(times)


def timed_build(recipe: Path, output: Path, env: dict[str, str]) -> tuple[float, list[str]]:
    command = [sys.executable, "-c", RUN_MOT, "build", "--recipe", str(recipe), "-o", str(output), "--tasks", str(CPUS), "--workers", str(CPUS)]
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"mot build failed:\n{result.stderr[-3000:]}")
    return seconds, [line for line in result.stderr.splitlines() if " done in " in line]


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """(intercept, slope) of the least-squares line through ``points``."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points)
    return mean_y - slope * mean_x, slope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000], help="Corpus sizes (traces) of the fitted builds.")
    parser.add_argument("--repeat", type=int, default=5, help="Fresh processes per start-up measurement (the best counts).")
    parser.add_argument("--length-scale", type=float, default=1.0, help="Conversation length scale of the build corpora.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-builds", action="store_true", help="Only the start-up part.")
    parser.add_argument("--mot-root", type=Path, default=REPO, help="Checkout whose mot to time (default: this one).")
    args = parser.parse_args()
    env = _env(args.mot_root.resolve())
    print(f"timing mot from {args.mot_root.resolve()}")

    python = sys.executable
    help_s = best_of([python, "-c", RUN_MOT, "--help"], args.repeat, env)
    import_s = best_of([python, "-c", "import mot.cli"], args.repeat, env)
    eager_s = best_of([python, "-c", EAGER_BEFORE], args.repeat, env)
    bare_s = best_of([python, "-c", "pass"], args.repeat, env)
    print(f"\n## start-up (best of {args.repeat} fresh processes)")
    print(f"python -c pass                      {bare_s:6.2f}s")
    print(f"import mot.cli                      {import_s:6.2f}s")
    print(f"mot --help                          {help_s:6.2f}s   (target < 1 s)")
    print(f"baseline: eager imports of before   {eager_s:6.2f}s")
    print(f"RATIO mot --help vs eager-import baseline: {eager_s / help_s:.1f}x faster")
    if args.skip_builds:
        return

    print(f"\n## build cost = fixed + per_row × traces  (local executor, {CPUS} tasks, length scale {args.length_scale}, seed {args.seed})")
    points = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            recipe = write_corpus(Path(scratch) / f"corpus-{size}", size, seed=args.seed, length_scale=args.length_scale)
            seconds, stages = timed_build(recipe, Path(scratch) / f"out-{size}", env)
            points.append((size, seconds))
            print(f"{size:>7,} traces: {seconds:7.2f}s  " + "; ".join(line.removeprefix("mot build: ") for line in stages))
    fixed, per_row = fit(points)
    largest = max(args.sizes)
    print(f"fixed cost: {fixed:.2f}s   per-row cost: {per_row * 1000:.2f} ms/trace")
    print(f"at {largest:,} traces: fixed {fixed:.2f}s of {fixed + per_row * largest:.2f}s "
          f"({fixed / (fixed + per_row * largest):.0%}; target: fixed < 3 s)")


if __name__ == "__main__":
    main()
