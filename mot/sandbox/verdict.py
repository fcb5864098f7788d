"""Classify one finished run into a verdict: a pure function of what was observed.

Order matters: output overflow, then CPU time, then the wall backstop, then memory, then signals and
exit codes. A memory failure shows either as a cgroup OOM kill or as an allocation error message on
a failed exit (Python's MemoryError, C++'s std::bad_alloc …, because RLIMIT_AS makes malloc fail).

Example:
    >>> classify(RunObservation(exit_code=0, signal=None, cpu_time=0.1, cpu_limit=2.0))
    ('AC', '')
    >>> classify(RunObservation(exit_code=1, signal=None, cpu_time=0.1, cpu_limit=2.0,
    ...                         stderr_tail=b"MemoryError"))
    ('MLE', 'memory limit exceeded')
"""
from __future__ import annotations

import signal as signals
from dataclasses import dataclass

from mot.sandbox.types import AC, MLE, OLE, RE, TLE

ALLOCATION_FAILURES = (b"MemoryError", b"std::bad_alloc", b"virtual memory exhausted", b"out of memory",
                       b"Cannot allocate memory")


@dataclass(frozen=True)
class RunObservation:
    """What the supervisor saw of one run."""

    exit_code: int | None  # None when killed by a signal
    signal: int | None
    cpu_time: float
    cpu_limit: float
    wall_limit: float = 0.0
    killed_on_wall: bool = False
    output_overflow: bool = False
    output_limit: int = 0
    oom_killed: bool = False
    stderr_tail: bytes = b""


def signal_name(number: int) -> str:
    """``SIGSEGV`` for 11; the number itself when it names no signal."""
    try:
        return signals.Signals(number).name
    except ValueError:
        return str(number)


def classify(seen: RunObservation) -> tuple[str, str]:
    """(verdict, detail) of a run; the verdict is AC, TLE, MLE, OLE or RE (WA needs a comparison)."""
    failed = seen.signal is not None or seen.exit_code not in (0, None)
    if seen.output_overflow:
        return OLE, f"output exceeded {seen.output_limit} bytes"
    if seen.cpu_time > seen.cpu_limit or seen.signal == signals.SIGXCPU:
        return TLE, f"cpu time {seen.cpu_time:.2f}s > {seen.cpu_limit:g}s"
    if seen.killed_on_wall:
        return TLE, f"wall-clock backstop {seen.wall_limit:g}s hit (cpu {seen.cpu_time:.2f}s)"
    if seen.oom_killed or (failed and any(m in seen.stderr_tail for m in ALLOCATION_FAILURES)):
        return MLE, "memory limit exceeded" + (" (cgroup OOM kill)" if seen.oom_killed else "")
    if seen.signal is not None:
        return RE, f"killed by {signal_name(seen.signal)}"
    if seen.exit_code != 0:
        return RE, f"exit code {seen.exit_code}"
    return AC, ""
