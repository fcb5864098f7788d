"""Call a function in a child process that is killed when a call outlives its wall-clock deadline.

math-verify's own timeouts use ``signal.alarm``: they work only in a main thread and cannot
interrupt a long computation inside C (sympy on a pathological expression can hang for
minutes). A child process can always be killed. The child is a plain ``subprocess`` (not
``multiprocessing``), so this also works inside datatrove's daemonic pool workers.

Protocol: one JSON line per request on the child's stdin, one JSON line per answer on a
private copy of its original stdout (library prints go to stderr instead).

The function is given as itself, so a renamed module fails at import time, not in the worker;
the child imports it again by its module and name (it must be a module-level function).

Example:
    >>> import json
    >>> with DeadlineWorker(json.dumps) as worker:
    ...     worker.call({"obj": [1, 2]}, timeout_s=10)
    '[1, 2]'
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

_READY = "ready"
_PR_SET_PDEATHSIG = 1


class DeadlineExceeded(TimeoutError):
    """The call did not answer in time; the child was killed and will be restarted."""


class WorkerCrashed(RuntimeError):
    """The child died or answered garbage; it will be restarted on the next call."""


def _die_with_parent() -> None:
    # Runs in the child before exec: a hung child must not outlive a killed build, and Ctrl-C
    # (sent to the whole process group) is the parent's to handle: it kills this child.
    ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class DeadlineWorker:
    """A restartable child process serving ``function`` (JSON in, JSON out)."""

    def __init__(self, function: Callable[..., Any], startup_timeout_s: float = 120.0):
        if "." in function.__qualname__ or function.__module__ == "__main__":
            raise ValueError(f"{function.__qualname__}: the worker imports its function, so it must be module-level and importable")
        self.target = f"{function.__module__}:{function.__qualname__}"
        self.startup_timeout_s = startup_timeout_s
        self._proc: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self.restarts = 0

    def _start(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "mot.deadline", self.target],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            preexec_fn=_die_with_parent,
        )
        self._buffer = b""
        if self._read_line(self.startup_timeout_s) != _READY:
            self._kill()
            raise WorkerCrashed(f"worker for {self.target} did not start")

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream:
                    stream.close()
            self._proc = None

    def _read_line(self, timeout_s: float) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeadlineExceeded(f"no answer within {timeout_s:g}s")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise WorkerCrashed(f"worker for {self.target} exited (code {self._proc.wait()})")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8")

    def call(self, payload: dict[str, Any], timeout_s: float) -> Any:
        """Run the target on ``payload``; raise DeadlineExceeded after ``timeout_s`` seconds of wall time."""
        if self._proc is None:
            self._start()
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(json.dumps(payload).encode("utf-8") + b"\n")
            self._proc.stdin.flush()
            answer = json.loads(self._read_line(timeout_s))
        except (DeadlineExceeded, WorkerCrashed, BrokenPipeError, json.JSONDecodeError) as err:
            self._kill()
            self.restarts += 1
            if isinstance(err, DeadlineExceeded):
                raise
            raise WorkerCrashed(str(err)) from err
        if "error" in answer:
            raise WorkerCrashed(answer["error"])
        return answer["result"]

    def close(self) -> None:
        self._kill()

    def __enter__(self) -> DeadlineWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _serve(target: str) -> None:
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    answers.write(_READY + "\n")
    for line in sys.stdin:
        try:
            answer = {"result": function(**json.loads(line))}
        except Exception as err:  # reported to the parent, which decides what it means
            answer = {"error": f"{type(err).__name__}: {err}"}
        answers.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    _serve(sys.argv[1])
