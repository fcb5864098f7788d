"""One isolated box per program: bwrap starts the in-box judge (`box_init.py`) once, then each run
is one request to it, a fresh process with its own limits.

Starting a box costs the namespaces, the mounts and an interpreter (~20 ms); a run inside a live box
costs a fork and an exec. A program judged on 50 tests starts one box, not 50.
"""
from __future__ import annotations

import json
import math
import os
import selectors
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mot.sandbox.bwrap import BOX_DIR, JUDGE_PYTHON_FLAGS, Mount, bwrap_argv
from mot.sandbox.cgroups import WorkerCgroups
from mot.sandbox.processes import reap_orphans, spawn, untrack
from mot.sandbox.types import Limits, RunResult, SandboxError
from mot.sandbox.verdict import RunObservation, classify

BOX_INIT = Path(__file__).with_name("box_init.py")
BOX_INIT_INSIDE = "/judge/box_init.py"
START_TIMEOUT_S = 30.0
REPLY_GRACE_S = 5.0  # the in-box judge enforces the wall limit; the host waits this much longer


@dataclass(frozen=True)
class RunRequest:
    """One command to run in a box: argv (box paths), limits, stdin, files written into the box's
    working dir first, and a file of the working dir to return afterwards (e.g. output.txt)."""

    argv: list[str]
    limits: Limits
    cpu_limit: float
    memory_mb: int
    wall: float
    stdin: bytes = b""
    files: dict[str, bytes] = field(default_factory=dict)
    collect: str | None = None


@dataclass(frozen=True)
class BoxSetup:
    """How to start a box: the bwrap and interpreter paths, the uid/gid programs run as (None: the
    explicit unsafe opt-out, no bwrap and no uid drop), the mounts and the box's tmpfs size."""

    bwrap: str
    python: str
    uid: int | None
    gid: int | None
    mounts: list[Mount]
    box_mb: int
    unsafe_box_dir: Path | None = None  # the host dir standing in for /box in unsafe mode


def box_command(setup: BoxSetup) -> list[str]:
    """The full command line that starts a box with its in-box judge."""
    if setup.uid is None:
        assert setup.unsafe_box_dir is not None
        return [setup.python, *JUDGE_PYTHON_FLAGS, str(BOX_INIT), "--box-dir", str(setup.unsafe_box_dir)]
    mounts = [Mount(str(BOX_INIT), BOX_INIT_INSIDE), *setup.mounts]
    return [*bwrap_argv(setup.bwrap, setup.python, mounts, setup.box_mb),
            setup.python, *JUDGE_PYTHON_FLAGS, BOX_INIT_INSIDE, "--uid", str(setup.uid), "--gid", str(setup.gid),
            "--clean", BOX_DIR, "--clean", "/tmp"]


def rlimits(request: RunRequest) -> dict[str, float | int]:
    """The rlimits of one run. Stack = the memory limit (as Codeforces gives); the address space
    allows memory + that stack, because glibc reserves the stack size for every new thread; the
    memory cgroup holds actual use to the memory limit."""
    memory = request.memory_mb << 20
    limits = request.limits
    return {"cpu": max(1, math.ceil(request.cpu_limit) + 1), "as_bytes": 2 * memory, "stack_bytes": memory,
            "nproc": limits.nproc, "fsize_bytes": limits.fsize_mb << 20, "nofile": limits.nofile,
            "wall": request.wall, "output_limit": limits.output_limit}


class Box:
    """A live box. Not thread-safe: one run at a time (the owning Sandbox serialises)."""

    def __init__(self, setup: BoxSetup, cgroups: WorkerCgroups):
        self.setup = setup
        self.cgroups = cgroups
        self.proc = spawn(self._shell(box_command(setup)), {"PATH": "/usr/bin:/bin"} if setup.uid is None else {})
        self._buffer = bytearray()
        self._lock = threading.Lock()  # one run at a time
        self.closed = False
        try:
            line = self._read_line(time.monotonic() + START_TIMEOUT_S)
        except SandboxError as e:
            self.close()
            raise SandboxError(f"the sandbox box did not start: {e}") from e
        if line.strip() != b'{"ready": true}':
            self.close()
            raise SandboxError(f"the sandbox box did not start: {line[:300]!r}")

    def _shell(self, command: list[str]) -> list[str]:
        """sh joins the box's cgroups, then execs the box (exit 121: could not join)."""
        joins = self.cgroups.join_commands()
        if not joins:
            return command
        return ["/bin/sh", "-c", " && ".join(joins) + ' && exec "$@"', "sh", *command]

    # ---------------------------------------------------------------- one run
    def run(self, request: RunRequest) -> tuple[RunResult, bytes | None]:
        """Run `request`; (the classified result, the collected file or None when absent)."""
        with self._lock:
            return self._run_locked(request)

    def _run_locked(self, request: RunRequest) -> tuple[RunResult, bytes | None]:
        if self.closed:
            raise SandboxError("the box is closed")
        oom_before = self.cgroups.prepare_run(request.memory_mb, request.limits.nproc)
        files = list(request.files.items())
        header = {"argv": request.argv, "limits": rlimits(request), "stdin": len(request.stdin),
                  "files": [[name, len(content)] for name, content in files], "collect": request.collect}
        payload = json.dumps(header).encode() + b"\n" + b"".join(c for _, c in files) + request.stdin
        deadline = time.monotonic() + request.wall + REPLY_GRACE_S
        try:
            self._write(payload)
            reply = json.loads(self._read_line(deadline))
            stdout = self._read_exact(reply["stdout"], deadline)
            stderr = self._read_exact(reply["stderr"], deadline)
            collected = self._read_exact(reply["collected"], deadline) if reply["collected"] >= 0 else None
        except SandboxError as e:
            self.close()
            raise SandboxError(f"the sandbox box failed during a run: {e}") from e
        if reply.get("exec_error"):
            raise SandboxError(f"the sandbox could not start {request.argv[0]}: {reply['exec_error']}")
        cpu = reply["child_cpu"]
        cgroup_cpu = self.cgroups.cpu_seconds()
        if cgroup_cpu is not None:  # the whole tree, forked helpers included, minus the judge itself
            cpu = max(cpu, cgroup_cpu - reply["self_cpu"])
        verdict, detail = classify(RunObservation(
            exit_code=reply["exit_code"], signal=reply["signal"], cpu_time=cpu, cpu_limit=request.cpu_limit,
            wall_limit=request.wall, killed_on_wall=reply["killed_on_wall"], output_overflow=reply["overflow"],
            output_limit=request.limits.output_limit, oom_killed=self.cgroups.oom_kills() > oom_before,
            stderr_tail=stderr[-4000:]))
        result = RunResult(verdict=verdict, exit_code=reply["exit_code"], signal=reply["signal"], cpu_time=cpu,
                           wall_time=reply["wall"], peak_memory_mb=reply["maxrss_kb"] / 1024.0, stdout=stdout,
                           stderr=stderr, stdout_truncated=reply["stdout_truncated"],
                           stderr_truncated=reply["stderr_truncated"], detail=detail)
        return result, collected

    # ---------------------------------------------------------------- pipes to the in-box judge
    def _write(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except OSError as e:
            raise SandboxError(f"box gone ({e}){self._stderr_tail()}") from e

    def _fill(self, deadline: float) -> None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise SandboxError("no answer from the box before the deadline")
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise SandboxError(f"box exited{self._stderr_tail()}")
        self._buffer += chunk

    def _read_line(self, deadline: float) -> bytes:
        while b"\n" not in self._buffer:
            self._fill(deadline)
        line, _, rest = bytes(self._buffer).partition(b"\n")
        self._buffer = bytearray(rest)
        return line

    def _read_exact(self, n: int, deadline: float) -> bytes:
        while len(self._buffer) < n:
            self._fill(deadline)
        data = bytes(self._buffer[:n])
        del self._buffer[:n]
        return data

    def _stderr_tail(self) -> str:
        """What the box said on stderr (bwrap's or the judge's error), read without blocking."""
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        os.set_blocking(self.proc.stderr.fileno(), False)
        try:
            text = (self.proc.stderr.read() or b"")[-1000:].decode("utf-8", "replace").strip()
        except OSError:
            return ""
        return f": {text}" if text else ""

    # ---------------------------------------------------------------- teardown
    def close(self) -> None:
        """End the box: EOF lets the judge exit; whatever remains is killed."""
        if self.closed:
            return
        self.closed = True
        for stream in (self.proc.stdin,):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.cgroups.kill_all()
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        untrack(self.proc)
        self.cgroups.kill_all()
        reap_orphans()

    def __enter__(self) -> "Box":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
