"""What starting ``mot`` costs, and a build's fixed cost apart from its per-row cost.

1. Start-up: wall time of ``mot --help`` and of ``import mot.cli`` (best of ``--repeat`` fresh
   processes), against the baseline of importing what the CLI loaded eagerly before it became
   lazy (``mot.build``, ``mot.plan``, ``mot.hub``, ``mot.stats``: datatrove, transformers, torch).
   Target: ``mot --help`` under 1 s.
2. Build cost: ``mot build`` (local executor, all cores) on MoT-shaped corpora of several sizes
   (bench/corpus.py, one seed), timed as a user sees it, then fitted as
   ``seconds = fixed + per_row × traces`` (least squares), in wall seconds and in CPU seconds of the
   whole process tree (user + system; robust when other jobs share the cores, where wall time is
   not). ``fixed`` is what a build pays whatever
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

from bench.bench_build import _tree  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402

CPUS = os.cpu_count() or 1
EAGER_BEFORE = "import mot.build, mot.plan, mot.hub, mot.stats, mot.pool.mixture, mot.sandbox.cli"


RUN_MOT = "from mot.cli import run; run()"  # works in checkouts without mot/__main__.py too


def _env(mot_root: Path) -> dict[str, str]:
    """The environment of a timed process: ``mot`` from ``mot_root``, quiet logs as a user gets them.

    The processes also run in ``mot_root``: ``python -c`` puts the working directory first on sys.path.
    """
    env = {**os.environ, "PYTHONPATH": str(mot_root)}
    env.pop("LOGURU_LEVEL", None)
    return env


def best_of(command: list[str], repeat: int, env: dict[str, str]) -> float:
    """The fastest of ``repeat`` wall times of ``command`` (a fresh process each time; the minimum is least disturbed by load)."""
    times = []
    for _ in range(repeat):
        started = time.monotonic()
        subprocess.run(command, env=env, cwd=env["PYTHONPATH"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.monotonic() - started)
    return min(times)


TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds ``pid`` has used so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def timed_build(recipe: Path, output: Path, env: dict[str, str]) -> tuple[float, float, list[str]]:
    """(wall seconds, CPU seconds of the process tree sampled from /proc, the build's own stage lines).

    datatrove's workers are grandchildren the build never waits for, so getrusage misses them;
    sampling every 0.1 s misses at most that much of each process's end.
    """
    command = [sys.executable, "-c", RUN_MOT, "build", "--recipe", str(recipe), "-o", str(output), "--tasks", str(CPUS), "--workers", str(CPUS)]
    started = time.monotonic()
    proc = subprocess.Popen(command, env=env, cwd=env["PYTHONPATH"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    used: dict[int, float] = {}
    while proc.poll() is None:
        for pid in _tree(proc.pid):
            used[pid] = max(used.get(pid, 0.0), _cpu_seconds(pid))
        time.sleep(0.1)
    seconds = time.monotonic() - started
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"mot build failed:\n{stderr[-3000:]}")
    return seconds, sum(used.values()), [line for line in stderr.splitlines() if " done in " in line]


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
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            recipe = write_corpus(Path(scratch) / f"corpus-{size}", size, seed=args.seed, length_scale=args.length_scale)
            seconds, cpu, stages = timed_build(recipe, Path(scratch) / f"out-{size}", env)
            walls.append((size, seconds))
            cpus.append((size, cpu))
            print(f"{size:>7,} traces: {seconds:7.2f}s wall, {cpu:7.2f}s CPU  " + "; ".join(line.removeprefix("mot build: ") for line in stages))
    largest = max(args.sizes)
    for label, points in (("wall", walls), ("CPU", cpus)):
        fixed, per_row = fit(points)
        total = fixed + per_row * largest
        print(f"{label:>4}: fixed cost {fixed:6.2f}s, per-row cost {per_row * 1000:6.2f} ms/trace; at {largest:,} traces fixed is "
              f"{fixed:.2f}s of {total:.2f}s ({fixed / total:.0%})")
    print("target: a 3,000-trace build's fixed cost < 3 s (wall, on an otherwise idle machine)")


if __name__ == "__main__":
    main()
