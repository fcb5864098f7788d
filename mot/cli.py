"""The ``mot`` command: a thin Click shell over the library (parse options, call, print)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mot.benchmarks import BenchmarkError
from mot.build import BuildError, BuildSummary, build, remix, slurm_script
from mot.defaults import OUTPUT as DEFAULT_OUTPUT
from mot.executors import EXECUTORS, ExecutorOptions
from mot.hub import HubError, push
from mot.plan import BuildOptions, OptionError, describe, resolve
from mot.pool.mixture import MixtureError, format_composition
from mot.recipe.model import RecipeError
from mot.recipe.parse import load_recipe
from mot.sandbox import SandboxUnavailable
from mot.sandbox.cli import sandbox
from mot.sources.read import SourceError
from mot.stats import NotABuild, format_table, query, stats
from mot.tokenizer import TokenizerError

# Errors a user can fix: printed as one line, exit code 2, no traceback.
USER_ERRORS = (BuildError, BenchmarkError, RecipeError, OptionError, SourceError, NotABuild, SandboxUnavailable, TokenizerError, FileNotFoundError,
               MixtureError, HubError)
INTERRUPTED = "interrupted: rerun the same command to resume"


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
    if summary.submitted_job:
        click.echo(f"mot build: submitted Slurm job {summary.submitted_job} for {summary.output}; "
                   "rerun the same command once it has finished to write the dataset")
        return
    click.echo(f"\nmot build: recipe {summary.recipe!r} → {summary.output}  ({summary.seconds:.1f}s)")
    click.echo(f"{'domain':<10}{'read':>8}{'kept':>8}{'dropped':>9}  reasons")
    for domain in summary.domains:
        reasons = summary.dropped.get(domain, {})
        detail = ", ".join(f"{r} {n}" for r, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        click.echo(f"{domain:<10}{summary.read[domain]:>8}{summary.kept[domain]:>8}{sum(reasons.values()):>9}  {detail}")
    total = sum(summary.read.values())
    click.echo(f"{'total':<10}{total:>8}{sum(summary.kept.values()):>8}  {total / max(summary.seconds, 1e-9):.1f} traces/s")
    if not summary.balanced:
        click.secho("WARNING: read != kept + dropped; see the ledger", fg="red", err=True)
    if summary.composition.get("sources"):
        click.echo(f"\n{format_composition(summary.composition)}")
    click.echo(f"load it: datasets.load_dataset({str(summary.output)!r}, '{summary.domains[0]}')")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mot")
def main() -> None:
    """Build verified, decontaminated, length-filtered reasoning SFT datasets from R1 traces."""


@main.command(name="build")
@click.option("--domains", help="Comma-separated subset of math,code,science (default: all in the recipe).")
@click.option("--recipe", type=click.Path(dir_okay=False, path_type=Path), help="Recipe YAML (default: the bundled sample).")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUT, show_default=True)
@click.option("--tasks", type=int, default=2, show_default=True, help="datatrove tasks (input shards).")
@click.option("--workers", type=int, help="Tasks run at once (default: min(tasks, cores)).")
@click.option("--max-tokens", type=int, help="Drop conversations longer than this (default: recipe, 32768).")
@click.option("--tokenizer", help="Counting tokenizer: Hub id or local path (default: offline Qwen2.5).")
@click.option("--chat-template", help="'chatml', 'tokenizer' (its own), a Jinja file, or a Jinja string.")
@click.option("--seed", type=int, help="Seed of the dataset order (default: recipe).")
@click.option("--benchmark", "benchmarks", multiple=True, metavar="NAME=PATH",
              help="Decontaminate against a local JSONL/Parquet copy of benchmark NAME (repeatable).")
@click.option("--force", is_flag=True, help="Delete the output folder and rebuild from scratch.")
@click.option("--experiment", help="Apply this named overlay from the recipe's `experiments:` (e.g. code/exp6).")
@click.option("--dry-run", is_flag=True, help="Validate the recipe and print the plan; no network, no files written.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True, help="Who runs the tasks.")
@click.option("--ray-address", help="Ray cluster to join (default: start a local Ray).")
@click.option("--slurm-partition", help="Slurm partition (required with --executor slurm).")
@click.option("--slurm-time", help="Slurm time limit per task, e.g. 04:00:00 (default 04:00:00).")
@click.option("--slurm-cpus", type=int, help="CPUs per Slurm task (default 1).")
@click.option("--slurm-mem-gb", type=int, help="Memory per CPU in GB (default 4).")
@click.option("--print-sbatch", is_flag=True, help="Print the sbatch script of --executor slurm and exit without submitting.")
def build_command(domains: str | None, recipe: Path | None, output: Path, tasks: int, workers: int | None, max_tokens: int | None,
                  tokenizer: str | None, chat_template: str | None, seed: int | None, benchmarks: tuple[str, ...], force: bool,
                  experiment: str | None, dry_run: bool, executor: str, ray_address: str | None, slurm_partition: str | None,
                  slurm_time: str | None, slurm_cpus: int | None, slurm_mem_gb: int | None, print_sbatch: bool) -> None:
    """Run the pipeline on the recipe's sources and write the dataset, ledger and card."""
    executor_options = ExecutorOptions(ray_address=ray_address, slurm_partition=slurm_partition, slurm_time=slurm_time,
                                       slurm_cpus=slurm_cpus, slurm_mem_gb=slurm_mem_gb)
    options = BuildOptions(recipe=recipe, output=output, domains=_domains(domains), tasks=tasks, workers=workers, force=force,
                           max_tokens=max_tokens, tokenizer=tokenizer, chat_template=chat_template, seed=seed,
                           benchmarks=_benchmark_files(benchmarks), experiment=experiment, executor=executor,
                           executor_options=executor_options)
    if dry_run:
        click.echo(describe(resolve(options)))
        return
    if print_sbatch:
        click.echo(slurm_script(options))
        return
    _print_summary(build(options))


@main.command(name="mix")
@click.argument("build_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_OUTPUT)
@click.option("--domain", required=True, help="The domain whose mixture to build (math, code or science).")
@click.option("--experiment", help="Named overlay; 'exp6' means '<domain>/exp6' when the recipe has no 'exp6'.")
@click.option("--recipe", type=click.Path(dir_okay=False, path_type=Path), help="Recipe (default: the one BUILD_DIR was built with).")
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path), help="Folder (default: BUILD_DIR-mix-<domain>[-<experiment>]).")
@click.option("--seed", type=int, help="Sampling seed (default: the recipe's).")
def mix_command(build_dir: Path, domain: str, experiment: str | None, recipe: Path | None, output: Path | None, seed: int | None) -> None:
    """Build one domain's mixture from an existing build's pool into its own folder; print its composition."""
    recipe_path = recipe or Path(json.loads((build_dir / "build.json").read_text())["recipe"])
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
@click.option("--revision", help="Branch to commit to (default: main; created if missing).")
@click.option("--dry-run", is_flag=True, help="List what would be uploaded; no network.")
def push_command(directory: Path, repo_id: str, private: bool, revision: str | None, dry_run: bool) -> None:
    """Upload a built dataset (card, assets, shards, ledger) to the Hub in one commit; token from HF_TOKEN or `hf auth login`."""
    result = push(directory, repo_id, private=private, revision=revision, dry_run=dry_run)
    size = sum(n for _, n in result.files)
    for path, n in result.files:
        click.echo(f"  {path}  ({n:,} bytes)")
    verb = "would upload" if result.dry_run else f"uploaded in commit {result.commit}"
    click.echo(f"{verb}: {len(result.files)} files, {size / 1e6:.1f} MB → {result.url} (revision {result.revision})")


@main.command(name="stats")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_OUTPUT)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
def stats_command(directory: Path, as_json: bool) -> None:
    """Rows per domain and source, token-length quantiles and the filter funnel of a build."""
    reports = stats(directory)
    if as_json:
        click.echo(json.dumps({t: [dict(zip(r.columns, row)) for row in r.rows] for t, r in reports.items()}, default=str))
        return
    for title, result in reports.items():
        click.echo(f"\n## {title}\n{format_table(result)}")


@main.command(name="query")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("sql")
def query_command(directory: Path, sql: str) -> None:
    """Run SQL over the views `dataset` and `ledger` of a build."""
    import duckdb

    try:
        result = query(directory, sql)
    except duckdb.Error as err:
        raise click.ClickException(f"query failed: {err}") from None
    click.echo(format_table(result))


@main.command(name="pack")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_OUTPUT)
@click.option("--max-length", type=int, default=32768, show_default=True, help="Tokens per packed row.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the plan (ties and row order).")
@click.option("--domain", default="all", show_default=True, help="all, math, code or science.")
def pack_command(directory: Path, max_length: int, seed: int, domain: str) -> None:
    """Plan the packing of a built dataset; print one JSON object (fill ratio, rows, planning seconds)."""
    from mot.packing.plan import pack_summary

    click.echo(json.dumps(pack_summary(directory, max_length=max_length, seed=seed, domain=domain)))


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
    except USER_ERRORS as err:
        click.secho(f"error: {err}", fg="red", err=True)
        sys.exit(2)
