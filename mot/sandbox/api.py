"""One-shot library entry point behind `mot sandbox run`."""
from __future__ import annotations

from mot.sandbox.compare import compare_output
from mot.sandbox.runner import Sandbox
from mot.sandbox.types import AC, WA, CompareRule, Limits, SandboxConfig


def run_program(lang: str, source: str, stdin: bytes = b"", expected: str | None = None,
                limits: Limits | None = None, compare: CompareRule | None = None,
                config: SandboxConfig | None = None) -> dict:
    """Run one program under full isolation; return a JSON-able dict (verdict, exit status, cpu and
    wall time, peak memory, truncated stdout/stderr, isolation summary). With `expected`, an AC run
    whose output does not match becomes WA."""
    limits = limits or Limits()
    with Sandbox(config or SandboxConfig()) as sb:
        r = sb.run(lang, source, stdin, limits)
        d = r.to_dict()
        if expected is not None and r.verdict == AC:
            ok, detail = compare_output(r.stdout.decode("utf-8", "replace"), expected, compare)
            if not ok:
                d["verdict"], d["detail"] = WA, detail
        d["isolated"] = sb.report.isolated
        d["sandbox_uid"] = sb.uid
        if not sb.report.isolated:
            d["warning"] = "UNSAFE: ran WITHOUT isolation (explicit opt-out)"
    return d
