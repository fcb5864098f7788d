"""Typed configs and results of the code sandbox."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

# Per-test verdicts.
AC, WA, TLE, MLE, RE, CE, OLE = "AC", "WA", "TLE", "MLE", "RE", "CE", "OLE"
SKIPPED = "SKIPPED"  # not run because an earlier test failed and the policy stops early
UNDECIDED = "UNDECIDED"  # ran fine, but only a checker could say whether the output is right

Lang = Literal["python", "cpp"]
LANGS = ("python", "cpp")


class SandboxUnavailable(RuntimeError):
    """Isolation is missing on this machine and was not explicitly opted out of."""


class SandboxError(RuntimeError):
    """The sandbox itself failed (not the program under test)."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one run. TLE is judged on CPU time; the wall limit is only a backstop."""

    time_limit: float = 2.0  # CPU seconds per test
    memory_mb: int = 512  # address space (RLIMIT_AS) and memory cgroup limit
    wall_limit: float | None = None  # None: 4 * time_limit + 4 s (backstop; loaded machines inflate wall time)
    output_limit: int = 16 * 1024 * 1024  # bytes of stdout (and of stderr) before OLE + kill
    nproc: int = 32  # processes of the sandbox uid (RLIMIT_NPROC and pids cgroup)
    fsize_mb: int = 64  # largest file the program may write
    nofile: int = 64  # open files
    compile_time_limit: float = 20.0  # CPU seconds for g++
    compile_memory_mb: int = 2048

    def wall(self) -> float:
        return self.wall_limit if self.wall_limit is not None else 4.0 * self.time_limit + 4.0


@dataclass
class SandboxConfig:
    """Machine-level sandbox settings."""

    base_uid: int = 20001  # worker i runs as uid/gid base_uid + i
    work_dir: Path | None = None  # host dir for per-worker artifacts (default: a fresh temp dir)
    cache_dir: Path | None = None  # precompiled bits/stdc++.h lives here (default ~/.cache/mot/sandbox)
    python: str | None = None  # interpreter used inside the sandbox (default /usr/bin/python3)
    cxx: str = "g++"
    cxx_flags: tuple[str, ...] = ("-O2", "-DONLINE_JUDGE")  # + -std=<cxx_standard or the program's>
    cxx_standard: str = "c++17"
    use_pch: bool = True
    use_cgroups: bool = True  # use v1 memory/pids cgroups when the machine has them
    probe_free_uid: bool = True  # if base_uid+i is held by another sandbox, use the next free one
    # Loudly named opt-out: run WITHOUT namespaces/uid drop (rlimits + wall kill only).
    # Never the default; only for machines that truly cannot isolate.
    allow_unsafe_no_isolation: bool = False


@dataclass
class IsolationReport:
    isolated: bool
    bwrap: str | None = None
    bwrap_version: str | None = None
    setpriv: str | None = None
    uid_switch: bool = False
    memory_cgroup: str | None = None  # parent dir where per-worker memory cgroups are made
    pids_cgroup: str | None = None
    cpuacct_cgroup: str | None = None
    subreaper: bool = False
    python: str | None = None
    cxx: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class RunResult:
    """Outcome of running one program once (or compiling it)."""

    verdict: str  # AC (ran and exited 0) / RE / TLE / MLE / OLE / CE; WA is set by comparison
    exit_code: int | None  # exit status of the program; None if killed by a signal
    signal: int | None
    cpu_time: float  # seconds (user + sys of the whole sandboxed tree)
    wall_time: float
    peak_memory_mb: float
    stdout: bytes
    stderr: bytes
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    detail: str = ""

    def to_dict(self, max_bytes: int = 4096) -> dict:
        def cut(b: bytes) -> str:
            return b[:max_bytes].decode("utf-8", "replace")

        return {
            "verdict": self.verdict,
            "exit_code": self.exit_code,
            "signal": self.signal,
            "cpu_time": round(self.cpu_time, 4),
            "wall_time": round(self.wall_time, 4),
            "peak_memory_mb": round(self.peak_memory_mb, 2),
            "stdout": cut(self.stdout),
            "stderr": cut(self.stderr),
            "stdout_truncated": self.stdout_truncated or len(self.stdout) > max_bytes,
            "stderr_truncated": self.stderr_truncated or len(self.stderr) > max_bytes,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ExtractedCode:
    code: str
    lang: str | None  # "python" / "cpp" / None when unknown
    cpp_standard: str | None = None  # "c++20" when the fence asks for it; None: the default (C++17)


@dataclass(frozen=True)
class TestCase:
    """stdio: feed `stdin`, compare stdout with `expected`. call: run Python `code` (asserts)
    in the namespace of the program; passes when it raises nothing."""

    __test__ = False  # not a pytest class
    kind: Literal["stdio", "call"]
    stdin: str = ""
    expected: str | None = None
    code: str | None = None
    name: str = ""  # where the test comes from, for the evidence ("public 0", "generated 17")

    @staticmethod
    def stdio(stdin: str, expected: str, name: str = "") -> "TestCase":
        return TestCase("stdio", stdin=stdin, expected=expected, name=name)

    @staticmethod
    def call(code: str, name: str = "") -> "TestCase":
        return TestCase("call", code=code, name=name)


@dataclass(frozen=True)
class Checker:
    """The problem's own checker (open-r1/codeforces ``generated_checker``), run in the sandbox as
    ``python checker.py input.txt correct_output.txt solution_output.txt``; it prints 1 (accept)
    or 0 (reject)."""

    source: str
    lang: str = "python"


@dataclass(frozen=True)
class CompareRule:
    """How an output is compared with the expected one, like Codeforces' default checker: tokens
    (any whitespace), yes/no in any case, floats within ``float_tol`` absolute or relative."""

    float_tol: float | None = None  # abs/rel tolerance for tokens that both parse as floats
    float_relative: bool = True  # False: the tolerance is absolute only
    yes_no_case_insensitive: bool = True
    case_insensitive: bool = False
    checker: Checker | None = None
    # Several answers are right and no checker was shipped: an output equal to the expected one
    # passes, any other output leaves the trace unverified (`needs_checker`), never WA.
    needs_checker: bool = False


@dataclass
class TestVerdict:
    __test__ = False  # not a pytest class
    index: int
    verdict: str
    cpu_time: float = 0.0
    detail: str = ""
    name: str = ""


@dataclass
class Failure:
    index: int
    verdict: str
    detail: str
    name: str = ""


@dataclass
class TraceVerdict:
    passed: int
    total: int
    first_failure: Failure | None
    tests: list[TestVerdict]
    compile_result: RunResult | None = None
    # Set when the tests cannot decide: "needs_checker" (a different but maybe right answer and no
    # checker), "checker_failed" (the problem's checker crashed), "interactive".
    unverified_reason: str | None = None

    @property
    def pass_rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def accepted(self, min_pass_rate: float = 1.0) -> bool:
        if self.total == 0 or self.unverified_reason is not None:
            return False
        if min_pass_rate >= 1.0:
            return self.passed == self.total
        return self.pass_rate >= min_pass_rate

    def to_dict(self) -> dict:
        return {
            "passed": self.passed,
            "total": self.total,
            "first_failure": asdict(self.first_failure) if self.first_failure else None,
            "tests": [asdict(t) for t in self.tests],
            "unverified_reason": self.unverified_reason,
        }
