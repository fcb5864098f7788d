"""Run every benchmark in bench/ (``bench_*.py``) in turn with its default sizes (``make bench``).

Extra arguments go to every benchmark, e.g. ``python bench/run_all.py --seed 1``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(BENCH.glob("bench_*.py")):
        print(f"\n# {script.name}", flush=True)
        started = time.monotonic()
        if subprocess.run([sys.executable, str(script), *sys.argv[1:]]).returncode != 0:
            failed.append(script.name)
        print(f"# {script.name}: {time.monotonic() - started:.0f}s", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
