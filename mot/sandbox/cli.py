"""`mot sandbox ...` Click commands (attach with `main.add_command(sandbox)`)."""
from __future__ import annotations

import json
import sys

import click

from mot.sandbox.api import run_program
from mot.sandbox.types import CompareRule, Limits, SandboxConfig, SandboxError, SandboxUnavailable


@click.group(name="sandbox")
def sandbox() -> None:
    """Run programs in the code-execution sandbox."""


@sandbox.command(name="run")
@click.option("--lang", type=click.Choice(["python", "cpp"]), required=True, help="Language of PROGRAM.")
@click.argument("program", type=click.Path(exists=True, dir_okay=False))
@click.option("--stdin", "stdin_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="File fed to the program's standard input.  [default: empty input]")
@click.option("--expected", "expected_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Expected output; the verdict compares against it.  [default: no comparison]")
@click.option("--time-limit", type=float, default=2.0, show_default=True, help="CPU seconds")
@click.option("--memory-limit", type=int, default=512, show_default=True, help="MB")
@click.option("--float-tol", type=float, default=None, help="abs/rel tolerance for float tokens")
@click.option("--UNSAFE-no-isolation", "unsafe", is_flag=True, default=False,
              help="DANGEROUS: run without namespaces/uid drop on a machine that cannot isolate.")
def run_cmd(lang: str, program: str, stdin_file: str | None, expected_file: str | None,
            time_limit: float, memory_limit: int, float_tol: float | None, unsafe: bool) -> None:
    """Run PROGRAM sandboxed; print one JSON object. Exit code 0 whenever the sandbox worked.

    \b
    Example:
      mot sandbox run --lang python solution.py --stdin in.txt --expected out.txt
    """
    with open(program, encoding="utf-8") as f:
        source = f.read()
    stdin = open(stdin_file, "rb").read() if stdin_file else b""
    expected = open(expected_file, encoding="utf-8").read() if expected_file else None
    try:
        d = run_program(lang, source, stdin, expected,
                        Limits(time_limit=time_limit, memory_mb=memory_limit),
                        CompareRule(float_tol=float_tol),
                        SandboxConfig(allow_unsafe_no_isolation=unsafe))
    except (SandboxUnavailable, SandboxError) as e:
        click.echo(json.dumps({"error": str(e)}), err=True)
        sys.exit(2)
    click.echo(json.dumps(d))
