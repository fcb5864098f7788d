"""How fast ``mot build`` is, against what the same work costs done otherwise, in one run.

1. Build throughput vs an open-r1-style ``datasets`` script (bench/baseline_openr1.py) on the
   same corpus and cores: traces/s and tokens/s, ratio (target >= 2x).
2. Build throughput vs the tokenizer-only limit: rendering and counting the same conversations
   with HF ``tokenizers`` ``encode_batch`` (all cores), nothing else (target >= 1.5x).
3. Peak memory (PSS summed over the build's process tree) at two corpus sizes (target <= 1.2x).

Tokens/s everywhere is the corpus's token count (all decodable conversations, chat template
included, counted once) over the wall time of each contender, so tokens/s ratios equal time ratios.

    python bench/bench_build.py [--traces 10000] [--rss-traces 10000 100000] [--rss-length-scale 0.05]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import write_corpus  # noqa: E402
from mot.sources import ADAPTERS  # noqa: E402
from mot.tokenizer import load_tokenizer, render_chat  # noqa: E402

CPUS = os.cpu_count() or 1


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in [str(REPO), os.environ.get("PYTHONPATH", "")] if p)}


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, []))
    return pids


def _pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (forked workers) are split, not counted twice."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak PSS in MB of the process tree) of ``command``; fails loudly."""
    started = time.monotonic()
    proc = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, sum(_pss_mb(pid) for pid in _tree(proc.pid)))
        time.sleep(0.25)  # sampling /proc costs CPU the contenders need
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"{command[:4]} failed:\n{proc.stderr.read()[-3000:]}")
    return wall, peak


def mot_build(recipe: Path, output: Path) -> list[str]:
    return [sys.executable, "-c", "from mot.cli import run; run()", "build", "--recipe", str(recipe), "-o", str(output),
            "--tasks", str(CPUS), "--workers", str(CPUS)]


def conversations(corpus: Path) -> tuple[list[list[dict[str, str]]], dict[str, int]]:
    """Every decodable conversation of the corpus (as mot's adapters read them), and traces read per file."""
    convs, lines = [], {}
    for name, adapter in (("math", "openr1_math"), ("code", "codeforces_cots"), ("science", "nemotron_science")):
        lines[name] = 0
        with (corpus / f"{name}.jsonl").open(encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                try:
                    row = json.loads(line)
                except ValueError:
                    lines[name] += 1  # mot reads and records it too
                    continue
                traces = ADAPTERS[adapter](row, str(index))
                lines[name] += len(traces)
                convs.extend(t.messages for t in traces)
    return convs, lines


def clean_copy(corpus: Path, folder: Path) -> Path:
    """The corpus without its cut-off lines, for the baseline (``load_dataset`` stops at one)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("math", "code", "science"):
        with (corpus / f"{name}.jsonl").open(encoding="utf-8") as src, (folder / f"{name}.jsonl").open("w", encoding="utf-8") as dst:
            for line in src:
                try:
                    json.loads(line)
                except ValueError:
                    continue
                dst.write(line)
    return folder


def tokenizer_limit(convs: list[list[dict[str, str]]]) -> tuple[float, int]:
    """(seconds, tokens) to render and count ``convs`` with HF tokenizers ``encode_batch`` on all cores."""
    tokenizer = load_tokenizer()
    backend = tokenizer.backend_tokenizer
    started = time.monotonic()
    total = 0
    for start in range(0, len(convs), 1024):
        texts = [render_chat(tokenizer, m) for m in convs[start : start + 1024]]
        total += sum(len(e.ids) for e in backend.encode_batch(texts, add_special_tokens=False))
    return time.monotonic() - started, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--traces", type=int, default=10_000, help="Throughput corpus size (full-length conversations).")
    parser.add_argument("--rss-traces", type=int, nargs=2, default=[10_000, 100_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--rss-length-scale", type=float, default=0.05, help="Conversation length scale of the memory corpora.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="Scratch folder (default: a temporary one).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.work) as scratch:
        work = Path(scratch)
        corpus = work / "corpus"
        recipe = write_corpus(corpus, args.traces, seed=args.seed)
        convs, read = conversations(corpus)
        limit_s, tokens = tokenizer_limit(convs)
        build_s, build_mb = timed(mot_build(recipe, work / "mot-out"))
        base_s, base_mb = timed([sys.executable, str(REPO / "bench" / "baseline_openr1.py"), str(clean_copy(corpus, work / "clean")),
                                 str(work / "baseline-out"), "--num-proc", str(CPUS)])
        traces = sum(read.values())
        print(f"\n## mot build throughput  ({traces:,} traces, {tokens:,} tokens, {CPUS} cores, seed {args.seed})")
        print(f"{'contender':<38}{'seconds':>9}{'traces/s':>10}{'Mtok/s':>8}{'peak MB':>9}")
        for name, seconds, mb in [("mot build (local, %d tasks)" % CPUS, build_s, build_mb),
                                  ("open-r1 style datasets script", base_s, base_mb),
                                  ("HF tokenizers only (encode_batch)", limit_s, float("nan"))]:
            print(f"{name:<38}{seconds:>9.1f}{traces / seconds:>10.1f}{tokens / seconds / 1e6:>8.2f}{mb:>9.0f}")
        print(f"RATIO build vs open-r1-style baseline: {base_s / build_s:.2f}x (target >= 2)")
        print(f"RATIO build vs tokenizer-only limit:   {limit_s / build_s:.2f}x (target >= 1.5)")

        peaks = []
        for size in args.rss_traces:
            small = write_corpus(work / f"rss-{size}", size, seed=args.seed, length_scale=args.rss_length_scale)
            seconds, mb = timed(mot_build(small, work / f"rss-{size}-out"))
            peaks.append(mb)
            print(f"peak memory at {size:>7,} traces (length scale {args.rss_length_scale}): {mb:6.0f} MB  ({seconds:.1f}s)")
        print(f"RATIO peak memory {args.rss_traces[1]:,} vs {args.rss_traces[0]:,} traces: {peaks[1] / peaks[0]:.2f}x (target <= 1.2)")


if __name__ == "__main__":
    main()
