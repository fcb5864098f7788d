"""The ``mot`` command: a thin Click shell over the library (parse options, call, print)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from mot.build import DEFAULT_OUTPUT, BuildError, BuildOptions, BuildSummary, build, slurm_script
from mot.executors import EXECUTORS, ExecutorOptions
from mot.recipe import RecipeError
from mot.sources.read import SourceError
from mot.stats import NotABuild, format_table, query, stats
from mot.tokenizer import TokenizerError

# Errors a user can fix: printed as one line, exit code 2, no traceback.
USER_ERRORS = (BuildError, RecipeError, SourceError, NotABuild, TokenizerError, FileNotFoundError)
INTERRUPTED = "interrupted: rerun the same command to resume"


def _domains(value: str | None) -> list[str] | None:
    return [d.strip() for d in value.split(",") if d.strip()] if value else None


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
@click.option("--force", is_flag=True, help="Delete the output folder and rebuild from scratch.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True, help="Who runs the tasks.")
@click.option("--ray-address", help="Ray cluster to join (default: start a local Ray).")
@click.option("--slurm-partition", help="Slurm partition (required with --executor slurm).")
@click.option("--slurm-time", help="Slurm time limit per task, e.g. 04:00:00 (default 04:00:00).")
@click.option("--slurm-cpus", type=int, help="CPUs per Slurm task (default 1).")
@click.option("--slurm-mem-gb", type=int, help="Memory per CPU in GB (default 4).")
@click.option("--print-sbatch", is_flag=True, help="Print the sbatch script of --executor slurm and exit without submitting.")
def build_command(domains: str | None, recipe: Path | None, output: Path, tasks: int, workers: int | None, max_tokens: int | None,
                  tokenizer: str | None, chat_template: str | None, seed: int | None, force: bool, executor: str,
                  ray_address: str | None, slurm_partition: str | None, slurm_time: str | None, slurm_cpus: int | None,
                  slurm_mem_gb: int | None, print_sbatch: bool) -> None:
    """Run the pipeline on the recipe's sources and write the dataset, ledger and card."""
    executor_options = ExecutorOptions(ray_address=ray_address, slurm_partition=slurm_partition, slurm_time=slurm_time,
                                       slurm_cpus=slurm_cpus, slurm_mem_gb=slurm_mem_gb)
    options = BuildOptions(recipe=recipe, output=output, domains=_domains(domains), tasks=tasks, workers=workers,
                           force=force, max_tokens=max_tokens, tokenizer=tokenizer, chat_template=chat_template, seed=seed,
                           executor=executor, executor_options=executor_options)
    if print_sbatch:
        click.echo(slurm_script(options))
        return
    _print_summary(build(options))


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
