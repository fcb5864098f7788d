"""The ``mot`` command: a thin Click shell over the library (parse options, call, print).

Imports of the library happen inside the commands, so ``mot --help`` and a mistyped command
answer in a fraction of a second instead of loading datatrove, transformers and torch.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from mot import defaults
from mot.sandbox.cli import sandbox

if TYPE_CHECKING:
    from mot.build import BuildSummary

INTERRUPTED = "interrupted: rerun the same command to resume"
DEFAULT_DIR = defaults.OUTPUT
# Errors a user can fix: printed as one line, exit code 2, no traceback. Named by module so
# that nothing is imported to recognise them (an error can only come from a module already loaded).
USER_ERRORS = {
    "mot.build": ("BuildError",),
    "mot.plan": ("OptionError",),
    "mot.benchmarks": ("BenchmarkError",),
    "mot.recipe.errors": ("RecipeError",),
    "mot.sources.read": ("SourceError",),
    "mot.stats": ("NotABuild",),
    "mot.sandbox.types": ("SandboxUnavailable",),
    "mot.tokenizer": ("TokenizerError",),
    "mot.pool.mixture": ("MixtureError",),
    "mot.hub": ("HubError",),
}


class CommandError(click.ClickException):
    """A user error found by the shell itself: one red line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.secho(f"error: {self.format_message()}", fg="red", err=True)


def _user_error(err: BaseException) -> bool:
    if isinstance(err, FileNotFoundError):
        return True
    for module, names in USER_ERRORS.items():
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(err, tuple(getattr(loaded, name) for name in names)):
            return True
    return False


def _domains(value: str | None) -> list[str] | None:
    return [d.strip() for d in value.split(",") if d.strip()] if value else None


def _benchmark_files(values: tuple[str, ...]) -> dict[str, Path]:
    files = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name or not path:
            raise click.BadParameter(f"expected NAME=PATH, got {value!r}", param_hint="--benchmark")
        files[name] = Path(path)
    return files


def _print_summary(summary: BuildSummary) -> None:
    from mot.pool.mixture import format_composition

    if summary.submitted_job:
        click.echo(f"mot build: submitted Slurm job {summary.submitted_job} for {summary.output}; "
                   "rerun the same command once it has finished to write the dataset")
        return
    if summary.already_built:
        click.echo(f"mot build: {summary.output} is already built, nothing to do (use --force to rebuild)")
    else:
        click.echo(f"\nmot build: recipe {summary.recipe!r} → {summary.output}  ({summary.seconds:.1f}s)")
    click.echo(f"{'domain':<10}{'read':>8}{'kept':>8}{'dropped':>9}  reasons")
    for domain in summary.domains:
        reasons = summary.dropped.get(domain, {})
        detail = ", ".join(f"{r} {n}" for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        click.echo(f"{domain:<10}{summary.read[domain]:>8}{summary.kept[domain]:>8}{sum(reasons.values()):>9}  {detail}")
    total = sum(summary.read.values())
    speed = "" if summary.already_built else f"  {total / max(summary.seconds, 1e-9):.1f} traces/s"
    click.echo(f"{'total':<10}{total:>8}{sum(summary.kept.values()):>8}{speed}")
    if not summary.balanced:
        click.secho("WARNING: read != kept + dropped; see the ledger", fg="red", err=True)
    if summary.composition.get("sources") and not summary.already_built:
        click.echo(f"\n{format_composition(summary.composition)}")
    click.echo(f"load it: datasets.load_dataset({str(summary.output)!r}, '{summary.domains[0]}')")
    click.echo(f"inspect it: mot show {summary.output} --reason <reason>   ·   mot report {summary.output}")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="mot")
def main() -> None:
    """Build verified, decontaminated, length-filtered reasoning SFT datasets from R1 traces.

    \b
    Start here:
      mot build --domains math,code,science     # the bundled sample → ./mot-out
      mot show mot-out --reason wrong_answer    # read what was dropped, and why
      mot report mot-out                        # one HTML file: funnel, lengths, contamination
      mot recipes                               # bundled recipes, usable by name with --recipe
    """


@main.command(name="build")
@click.option("--domains", help="Comma-separated subset of math,code,science.  [default: all in the recipe]")
@click.option("--recipe", metavar="NAME|PATH",
              help="A recipe YAML, or the name of a bundled one (see `mot recipes`).  [default: sample]")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DIR, show_default=True,
              help="Build folder: dataset, ledger, dropped traces, card.")
@click.option("--tasks", type=int, default=defaults.TASKS, show_default=True, help="datatrove tasks (input shards).")
@click.option("--workers", type=int, help="Tasks run at once.  [default: min(tasks, cores)]")
@click.option("--max-tokens", type=int, help=f"Drop conversations longer than this.  [default: the recipe's, {defaults.MAX_TOKENS}]")
@click.option("--tokenizer", help=f"Counting tokenizer: Hub id or local folder.  [default: the recipe's, {defaults.TOKENIZER}]")
@click.option("--chat-template",
              help=f"'chatml', 'tokenizer' (the tokenizer's own), a Jinja file or a Jinja string.  [default: the recipe's, {defaults.CHAT_TEMPLATE}]")
@click.option("--seed", type=int, help=f"Seed of sampling and row order.  [default: the recipe's, {defaults.SEED}]")
@click.option("--benchmark", "benchmarks", multiple=True, metavar="NAME=PATH",
              help="Decontaminate against a local JSONL/Parquet copy of benchmark NAME (repeatable).")
@click.option("--force", is_flag=True, help="Delete the output folder and rebuild from scratch.")
@click.option("--keep-dropped/--no-keep-dropped", default=True, show_default=True,
              help="Keep every dropped trace whole under OUTPUT/dropped/ for `mot show` and `mot report`.")
@click.option("--experiment", help="Apply this named overlay from the recipe's `experiments:` (e.g. code/exp6).")
@click.option("--dry-run", is_flag=True, help="Validate the recipe and print the plan; no network, no files written.")
@click.option("--executor", type=click.Choice(defaults.EXECUTORS), default="local", show_default=True, help="Who runs the tasks.")
@click.option("--ray-address", help="Ray cluster to join.  [default: start a local Ray]")
@click.option("--slurm-partition", help="Slurm partition (required with --executor slurm).")
@click.option("--slurm-time", help="Slurm time limit per task, e.g. 04:00:00.  [default: 04:00:00]")
@click.option("--slurm-cpus", type=int, help="CPUs per Slurm task.  [default: 1]")
@click.option("--slurm-mem-gb", type=int, help="Memory per CPU in GB.  [default: 4]")
@click.option("--print-sbatch", is_flag=True, help="Print the sbatch script of --executor slurm and exit without submitting.")
@click.option("--verbose", "-v", is_flag=True, help="Show datatrove's logs and per-task stats (also: LOGURU_LEVEL=INFO).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Read only the first N rows of every source (try a recipe in minutes before a day-long build).")
@click.option("--streaming/--no-streaming", default=True, show_default=True,
              help="Hub sources: stream rows as they download (--no-streaming downloads and prepares each split first).")
def build_command(domains: str | None, recipe: str | None, output: Path, tasks: int, workers: int | None, max_tokens: int | None,
                  tokenizer: str | None, chat_template: str | None, seed: int | None, benchmarks: tuple[str, ...], force: bool,
                  keep_dropped: bool, experiment: str | None, dry_run: bool, executor: str, ray_address: str | None,
                  slurm_partition: str | None, slurm_time: str | None, slurm_cpus: int | None, slurm_mem_gb: int | None,
                  print_sbatch: bool, verbose: bool,
                  limit: int | None, streaming: bool) -> None:
    """Run the pipeline on the recipe's sources and write the dataset, ledger, dropped traces and card.

    Rerunning the same command resumes an interrupted build; a finished one is left as it is.

    \b
    Examples:
      mot build --domains math,code,science
      mot build --recipe mixture-of-thoughts --dry-run
      mot build --recipe mixture-of-thoughts --limit 200 -o try-mot
      mot build --recipe my.yaml -o out --tasks 8 --benchmark aime_2024=aime24.jsonl
    """
    from mot.progress import quiet_logs, start_task_server

    quiet_logs(verbose)  # before datatrove is imported
    if executor == "local" and not (dry_run or print_sbatch):
        start_task_server(["mot.plan"])  # the tasks' imports, made while this process makes its own
    from mot.build import build, slurm_script
    from mot.executors import ExecutorOptions
    from mot.dry_run import describe, hub_datasets
    from mot.plan import BuildOptions, resolve
    from mot.sources.hubcheck import check_hub

    executor_options = ExecutorOptions(ray_address=ray_address, slurm_partition=slurm_partition, slurm_time=slurm_time,
                                       slurm_cpus=slurm_cpus, slurm_mem_gb=slurm_mem_gb)
    options = BuildOptions(recipe=recipe, output=output, domains=_domains(domains), tasks=tasks, workers=workers, force=force,
                           max_tokens=max_tokens, tokenizer=tokenizer, chat_template=chat_template, seed=seed,
                           benchmarks=_benchmark_files(benchmarks), experiment=experiment, executor=executor,
                           executor_options=executor_options, keep_dropped=keep_dropped, limit=limit, streaming=streaming)
    if dry_run:
        plan = resolve(options)
        click.echo(describe(plan))
        for line in check_hub(*hub_datasets(plan)):
            click.echo(line)
        return
    if print_sbatch:
        click.echo(slurm_script(options))
        return
    _print_summary(build(options, report=lambda line: click.echo(f"mot build: {line}", err=True)))


@main.command(name="mix")
@click.argument("build_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DIR)
@click.option("--domain", required=True, help="The domain whose mixture to build (math, code or science).")
@click.option("--experiment", help="Named overlay; 'exp6' means '<domain>/exp6' when the recipe has no 'exp6'.")
@click.option("--recipe", metavar="NAME|PATH", help="Recipe file or bundled name.  [default: the one BUILD_DIR was built with]")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="Folder.  [default: BUILD_DIR-mix-<domain>[-<experiment>]]")
@click.option("--seed", type=int, help="Sampling seed.  [default: the recipe's]")
def mix_command(build_dir: Path, domain: str, experiment: str | None, recipe: str | None, output: Path | None, seed: int | None) -> None:
    """Build one domain's mixture from an existing build's pool into its own folder; print its composition.

    BUILD_DIR defaults to ./mot-out.

    \b
    Example:
      mot mix mot-out --domain code --experiment exp6 && mot stats mot-out-mix-code-exp6
    """
    from mot.build import remix
    from mot.plan import BuildOptions, find_recipe, resolve
    from mot.pool.mixture import format_composition
    from mot.recipe.parse import load_recipe

    config = build_dir / "build.json"
    if recipe is None and not config.is_file():
        raise CommandError(f"{build_dir}: not a mot build (no build.json); build it first with `mot build -o {build_dir}`")
    recipe_path = find_recipe(recipe) if recipe else Path(json.loads(config.read_text())["recipe"])
    if experiment is not None and "/" not in experiment and experiment not in load_recipe(recipe_path).experiments:
        experiment = f"{domain}/{experiment}"
    plan = resolve(BuildOptions(recipe=recipe_path, domains=[domain], experiment=experiment, seed=seed))
    suffix = f"-{experiment.replace('/', '-')}" if experiment else ""
    target = output or build_dir.with_name(f"{build_dir.name}-mix-{domain}{suffix}")
    report = remix(build_dir, target, plan)
    click.echo(format_composition(report))
    click.echo(f"mixture written to {target}; compare with: mot stats {target}")


@main.command(name="push")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--repo-id", required=True, help="Dataset repo ORG/NAME (created if missing).")
@click.option("--private", is_flag=True, help="Create the repo private.")
@click.option("--revision", help="Branch to commit to (created if missing).  [default: main]")
@click.option("--dry-run", is_flag=True, help="List what would be uploaded; no network.")
def push_command(directory: Path, repo_id: str, private: bool, revision: str | None, dry_run: bool) -> None:
    """Upload a built dataset (card, assets, shards, ledger) to the Hub in one commit.

    The token comes from HF_TOKEN or `hf auth login`.

    \b
    Example:
      mot push mot-out --repo-id my-org/my-mot --dry-run
    """
    from mot.hub import push

    result = push(directory, repo_id, private=private, revision=revision, dry_run=dry_run)
    size = sum(n for _, n in result.files)
    for path, n in result.files:
        click.echo(f"  {path}  ({n:,} bytes)")
    verb = "would upload" if result.dry_run else f"uploaded in commit {result.commit}"
    click.echo(f"{verb}: {len(result.files)} files, {size / 1e6:.1f} MB → {result.url} (revision {result.revision})")


@main.command(name="stats")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DIR)
@click.option("--json", "as_json", is_flag=True, help="One JSON object keyed by report (stable snake_case keys, see README).")
def stats_command(directory: Path, as_json: bool) -> None:
    """Rows per domain and source, token-length quantiles, the funnel and the drop reasons of a build.

    DIRECTORY defaults to ./mot-out.

    \b
    Example:
      mot stats mot-out --json | jq .funnel
    """
    from mot.stats import format_table, stats, title

    reports = stats(directory)
    if as_json:
        click.echo(json.dumps({key: [dict(zip(r.columns, row)) for row in r.rows] for key, r in reports.items()}, default=str))
        return
    for key, result in reports.items():
        click.echo(f"\n## {title(key)}\n{format_table(result)}")


@main.command(name="query")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("sql")
def query_command(directory: Path, sql: str) -> None:
    """Run SQL over the views `dataset`, `ledger` and `dropped` of a build.

    \b
    Example:
      mot query mot-out "SELECT reason, count(*) FROM ledger GROUP BY reason ORDER BY 2 DESC"
    """
    import duckdb

    from mot.stats import format_table, query

    try:
        result = query(directory, sql)
    except duckdb.Error as err:
        raise CommandError(f"query failed: {str(err).splitlines()[0]}") from None
    click.echo(format_table(result))


@main.command(name="pack")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DIR)
@click.option("--max-length", type=int, default=defaults.MAX_TOKENS, show_default=True, help="Tokens per packed row.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the plan (ties and row order).")
@click.option("--domain", default="all", show_default=True, help="all, math, code or science.")
@click.option("--allow-drop", is_flag=True, help="Plan anyway when sequences are longer than --max-length (they are left out).")
def pack_command(directory: Path, max_length: int, seed: int, domain: str, allow_drop: bool) -> None:
    """Plan the packing of a built dataset; print one JSON object (fill ratio, rows, planning seconds).

    DIRECTORY defaults to ./mot-out. A sequence longer than --max-length cannot be packed: the
    command refuses (exit 2) unless --allow-drop, which leaves such sequences out and says so.

    \b
    Example:
      mot pack mot-out --max-length 32768
    """
    if max_length < 1:
        raise CommandError("--max-length must be at least 1")
    from mot.packing.plan import pack_summary

    summary = pack_summary(directory, max_length=max_length, seed=seed, domain=domain)
    dropped = summary["dropped_sequences"]
    if dropped and not allow_drop:
        raise CommandError(f"{dropped} of {summary['sequences']} sequences are longer than --max-length {max_length} and would be "
                           "dropped; raise --max-length (the build's --max-tokens) or pass --allow-drop")
    if dropped:
        click.secho(f"WARNING: {dropped} of {summary['sequences']} sequences ({summary['dropped_tokens']:,} tokens) are longer than "
                    f"--max-length {max_length} and are left out of the plan", fg="red", err=True)
    click.echo(json.dumps(summary))


@main.command(name="show")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DIR)
@click.option("--reason", help="Only traces with this ledger reason (e.g. wrong_answer, duplicate_of, kept).")
@click.option("--source", help="Only traces of this source.")
@click.option("--id", "trace_id", help="Only this trace (kept or dropped).")
@click.option("-n", "limit", type=int, default=5, show_default=True, help="How many traces to print.")
@click.option("--full", is_flag=True, help="Print whole messages instead of their start and end.")
def show_command(directory: Path, reason: str | None, source: str | None, trace_id: str | None, limit: int, full: bool) -> None:
    """Print traces of a build with the evidence behind their fate.

    Shows the ledger decision (stage, reason, related id) and its detail — gold vs extracted
    answer, the failing test, the benchmark item and the matched span highlighted, the kept
    duplicate — next to the conversation. DIRECTORY defaults to ./mot-out.

    \b
    Examples:
      mot show mot-out --reason wrong_answer -n 3
      mot show mot-out --reason contaminated
      mot show mot-out --id 'openr1_math:…#1'
    """
    from mot.show import render, select

    traces = select(directory, reason=reason, source=source, trace_id=trace_id, limit=limit)
    color = sys.stdout.isatty()
    for trace in traces:
        click.echo(render(trace, full=full, color=color))
    if not traces:
        raise CommandError("no trace matches these filters (see `mot stats` for the reasons and sources of this build)")


@main.command(name="report")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_DIR)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="HTML file.  [default: DIRECTORY/report.html]")
@click.option("--examples", type=int, default=3, show_default=True, help="Sampled traces per drop reason.")
def report_command(directory: Path, output: Path | None, examples: int) -> None:
    """Write one self-contained HTML report of a build (opens offline in any browser).

    Funnel per domain and source, token-length distributions, verification, contamination per
    benchmark with examples, and sampled traces per drop reason. DIRECTORY defaults to ./mot-out.

    \b
    Example:
      mot report mot-out && xdg-open mot-out/report.html
    """
    from mot.report import write_report

    path = write_report(directory, output or directory / "report.html", examples=examples)
    click.echo(f"report written to {path}")


@main.command(name="recipes")
def recipes_command() -> None:
    """List the bundled recipes; pass a name to `mot build --recipe NAME`."""
    from mot.plan import bundled_recipes
    from mot.recipe.parse import load_recipe

    for name, path in bundled_recipes().items():
        recipe = load_recipe(path)
        domains = ", ".join(f"{d} ({len(spec.sources)} sources)" for d, spec in recipe.domains.items())
        click.echo(f"{name:<22} {domains}\n{'':<22} {path}")


main.add_command(sandbox)


def run() -> None:
    """Entry point: user errors become one red line and exit code 2."""
    try:
        main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):  # Click turns Ctrl-C into Abort
        click.echo(INTERRUPTED, err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except Exception as err:
        if not _user_error(err):
            raise
        click.secho(f"error: {err}", fg="red", err=True)
        sys.exit(2)
