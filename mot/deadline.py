"""Call a function in a child process that is killed when a call outlives its wall-clock deadline.

math-verify's own timeouts use ``signal.alarm``: they work only in a main thread and cannot
interrupt a long computation inside C (sympy on a pathological expression can hang for
minutes). A child process can always be killed. The child is not a ``multiprocessing`` process
(datatrove's daemonic pool workers may not have those) but one of two kinds:

- **forked** (``os.fork``) from the caller: it starts in milliseconds with everything the caller
  has imported. Only where the caller said forking is safe (:func:`allow_fork`): in a process
  whose threads are known, such as the local executor's tasks. In the child every inherited file
  descriptor but its two pipes is closed at once, so it holds no pipe or socket of the caller open.
- **fresh** (``python -m mot.deadline``) everywhere else (a Ray worker's native threads do not
  survive a fork): a new interpreter that imports the function by module and name, so the
  function must be module-level; importing math-verify and sympy takes a third of a second.

Protocol: one JSON line per request on the child's request pipe, one JSON line per answer on its
answer pipe; library prints go to stderr.

Example:
    >>> import json
    >>> with DeadlineWorker(json.dumps) as worker:
    ...     worker.call({"obj": [1, 2]}, timeout_s=10)
    '[1, 2]'
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

_READY = "ready"
_PR_SET_PDEATHSIG = 1
_FORK_ALLOWED = False


def allow_fork() -> None:
    """Let this process's workers be forked from it (the default is a fresh interpreter each).

    Call it only in a process whose threads hold no lock a forked child could need: the child
    runs the worker's function and nothing else of the caller, but a library's fork handlers run
    too (gRPC's, in a Ray worker, hang the child).
    """
    global _FORK_ALLOWED
    _FORK_ALLOWED = True


class DeadlineExceeded(TimeoutError):
    """The call did not answer in time; the child was killed and will be restarted."""


class WorkerCrashed(RuntimeError):
    """The child died or answered garbage; it will be restarted on the next call."""


class _Forked:
    """The part of ``subprocess.Popen`` the worker uses (``kill``, ``wait``), for a child made by ``os.fork``."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def kill(self) -> None:
        if self.returncode is None:  # once reaped, the pid may belong to another process
            os.kill(self.pid, signal.SIGKILL)

    def wait(self) -> int:
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.returncode


class DeadlineWorker:
    """A restartable child process serving ``function`` (JSON in, JSON out).

    ``fork``: fork the child from this process, or start a fresh interpreter; ``None`` (the
    default) forks where :func:`allow_fork` was called in this process.
    """

    def __init__(self, function: Callable[..., Any], fork: bool | None = None, startup_timeout_s: float = 120.0):
        self.function = function
        self.startup_timeout_s = startup_timeout_s
        self.target = f"{function.__module__}:{function.__qualname__}"
        self.fork = _FORK_ALLOWED if fork is None else fork
        if not self.fork and ("." in function.__qualname__ or function.__module__ == "__main__"):
            raise ValueError(f"{function.__qualname__}: a fresh worker imports its function, so it must be module-level and importable")
        self._child: subprocess.Popen[bytes] | _Forked | None = None
        self._requests: int | None = None  # write end of the child's request pipe
        self._answers: int | None = None  # read end of its answer pipe
        self._buffer = b""
        self.restarts = 0

    def _start(self) -> None:
        request_read, request_write = os.pipe()
        answer_read, answer_write = os.pipe()
        caller = os.getpid()
        try:
            if not self.fork:
                self._child = subprocess.Popen(
                    [sys.executable, "-m", "mot.deadline", self.target, str(caller), str(request_read), str(answer_write)],
                    pass_fds=(request_read, answer_write),
                    start_new_session=True,  # Ctrl-C reaches the process group: the caller's to handle, it kills this child
                )
            elif (pid := os.fork()) == 0:
                _run_child(self.function, caller, request_read, answer_write)  # never returns
            else:
                self._child = _Forked(pid)
        finally:
            os.close(request_read)
            os.close(answer_write)
        self._requests, self._answers, self._buffer = request_write, answer_read, b""
        try:  # a fresh child imports first: that is not the first call's time
            ready = self._read_line(self.startup_timeout_s) == _READY
        except (DeadlineExceeded, WorkerCrashed):
            ready = False
        if not ready:
            self._kill()
            raise WorkerCrashed(f"worker for {self.target} did not start")

    def _kill(self) -> None:
        """Kill the child (unless it has already been reaped) and close its pipes."""
        if self._child is not None:
            self._child.kill()
            self._child.wait()
        for fd in (self._requests, self._answers):
            if fd is not None:
                os.close(fd)
        self._child = self._requests = self._answers = None

    def _exit_code(self) -> str:
        assert self._child is not None
        code = self._child.wait()
        return f"killed by signal {-code}" if code < 0 else f"code {code}"

    def _read_line(self, timeout_s: float) -> str:
        assert self._answers is not None
        deadline = time.monotonic() + timeout_s
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeadlineExceeded(f"no answer within {timeout_s:g}s")
            ready, _, _ = select.select([self._answers], [], [], remaining)
            if ready:
                chunk = os.read(self._answers, 1 << 16)
                if not chunk:
                    raise WorkerCrashed(f"worker for {self.target} exited ({self._exit_code()})")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8")

    def call(self, payload: dict[str, Any], timeout_s: float) -> Any:
        """Run the target on ``payload``; raise DeadlineExceeded after ``timeout_s`` seconds of wall time."""
        if self._child is None:
            self._start()
        assert self._requests is not None
        try:
            _write_all(self._requests, json.dumps(payload).encode("utf-8") + b"\n")
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


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data):]


def _run_child(function: Callable[..., Any], caller: int, request_fd: int, answer_fd: int) -> None:
    """The child's whole life: cut every tie to the ``caller`` process but the two pipes, serve, exit."""
    status = 1
    try:
        # Forked: the caller's objects are frozen, since a cyclic collection here would run their
        # finalizers (closing files, flushing writers) in the wrong process.
        gc.freeze()
        # A hung child must not outlive a killed build, and Ctrl-C (sent to the whole process
        # group) is the caller's to handle: it kills this child.
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != caller:  # it died before the line above
            return
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # Library prints go to stderr, through stream objects no thread of the caller can hold locked.
        os.dup2(2, 1)
        sys.stdout = sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115 — lives as long as the child
        low, high = sorted((request_fd, answer_fd))
        os.closerange(3, low)
        os.closerange(low + 1, high)
        os.closerange(high + 1, os.sysconf("SC_OPEN_MAX"))
        _serve(function, request_fd, answer_fd)
        status = 0
    except BaseException:  # noqa: BLE001 — the caller sees the exit; the reason goes to stderr
        traceback.print_exc()
    finally:
        os._exit(status)  # no atexit handlers, no flushing of a forked caller's buffers


def _serve(function: Callable[..., Any], request_fd: int, answer_fd: int) -> None:
    """Answer each request line with one answer line until the request pipe closes."""
    _write_all(answer_fd, f"{_READY}\n".encode())
    with open(request_fd, "rb", closefd=False) as requests:
        for line in requests:
            try:
                answer = {"result": function(**json.loads(line))}
            except Exception as err:  # reported to the caller, which decides what it means
                answer = {"error": f"{type(err).__name__}: {err}"}
            _write_all(answer_fd, json.dumps(answer).encode("utf-8") + b"\n")


if __name__ == "__main__":  # a fresh child: python -m mot.deadline MODULE:FUNCTION CALLER_PID REQUEST_FD ANSWER_FD
    _target, _caller, _request_fd, _answer_fd = sys.argv[1:]
    _module, _name = _target.split(":")
    _run_child(getattr(importlib.import_module(_module), _name), int(_caller), int(_request_fd), int(_answer_fd))
