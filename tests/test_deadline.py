"""DeadlineWorker: a child serving one function, killed at a wall-clock deadline, holding nothing of its caller.

Every behaviour holds for both kinds of child: forked from the caller and a fresh interpreter.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time

import pytest

import mot.deadline
from mot.deadline import DeadlineExceeded, DeadlineWorker, WorkerCrashed
from tests.conftest import REPO

STATE = {"set_by_the_caller": None}


def remembered(key: str) -> object:
    return STATE[key]


def sleep_then_echo(seconds: float, value: object) -> object:
    time.sleep(seconds)
    return value


def exit_now(code: int) -> None:
    os._exit(code)


def chatty(value: int) -> int:
    print("library noise on stdout")
    print("and on stderr", file=sys.stderr)
    return value + 1


def open_descriptors() -> list[int]:
    return sorted(int(fd) for fd in os.listdir("/proc/self/fd"))


def pid() -> int:
    return os.getpid()


def alive(process: int) -> bool:
    try:
        os.kill(process, 0)
    except ProcessLookupError:
        return False
    status = open(f"/proc/{process}/stat").read().rsplit(")", 1)[1].split()[0]
    return status != "Z"


@pytest.fixture(params=[True, False], ids=["forked", "fresh"])
def fork(request, monkeypatch) -> bool:
    # A fresh child imports this module's functions, under whichever name pytest gave the module.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), str(REPO / "tests")]))
    return request.param


def test_a_forked_child_has_what_the_caller_has_in_memory_a_fresh_one_imports_anew(fork):
    STATE["set_by_the_caller"] = "forked"
    with DeadlineWorker(remembered, fork=fork) as worker:
        assert worker.call({"key": "set_by_the_caller"}, timeout_s=30) == ("forked" if fork else None)


def test_workers_are_fresh_unless_this_process_allowed_forking(monkeypatch):
    assert DeadlineWorker(remembered).fork is False
    with pytest.raises(ValueError, match="module-level"):
        DeadlineWorker(lambda: 1)
    monkeypatch.setattr(mot.deadline, "_FORK_ALLOWED", True)
    assert DeadlineWorker(remembered).fork is True
    with DeadlineWorker(lambda: 1) as worker:  # forked: nothing to import, so any callable serves
        assert worker.call({}, timeout_s=10) == 1


def test_a_late_answer_is_a_deadline_and_the_child_is_killed_and_replaced(fork):
    with DeadlineWorker(sleep_then_echo, fork=fork) as worker:
        first = worker.call({"seconds": 0, "value": 1}, timeout_s=30)
        hung = worker._child.pid
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            worker.call({"seconds": 60, "value": 2}, timeout_s=0.5)
        assert time.monotonic() - started < 5
        assert not alive(hung) and worker.restarts == 1
        assert first == 1 and worker.call({"seconds": 0, "value": 3}, timeout_s=30) == 3  # the twin: in time, answered


def test_a_child_that_dies_is_a_crash_and_the_next_call_starts_a_new_one(fork):
    with DeadlineWorker(exit_now, fork=fork) as worker:
        with pytest.raises(WorkerCrashed, match="exited \\(code 3\\)"):
            worker.call({"code": 3}, timeout_s=30)
        assert worker.restarts == 1 and worker._child is None
    with DeadlineWorker(chatty, fork=fork) as worker:
        assert worker.call({"value": 1}, timeout_s=30) == 2  # prints do not corrupt the answers
        with pytest.raises(WorkerCrashed, match="TypeError"):  # an exception is an answer, not a dead child
            worker.call({"wrong": 1}, timeout_s=30)
        assert worker.call({"value": 2}, timeout_s=30) == 3 and worker.restarts == 0


def test_the_child_holds_no_descriptor_of_the_caller(fork):
    """A pipe the caller reads to its end must end when the caller closes its write side, child or not."""
    read_end, write_end = os.pipe()
    os.set_inheritable(write_end, True)  # even one a subprocess would inherit
    with DeadlineWorker(open_descriptors, fork=fork) as worker:
        child_fds = worker.call({}, timeout_s=30)
        os.close(write_end)
        assert select.select([read_end], [], [], 5)[0] and os.read(read_end, 1) == b""  # EOF: no child keeps the write end
    os.close(read_end)
    assert len(child_fds) == 6  # stdin, stdout, stderr, its two pipes, and the listing's own
    assert read_end not in child_fds and write_end not in child_fds


def test_a_child_forked_while_other_threads_run_still_answers():
    stop = threading.Event()
    busy = [threading.Thread(target=lambda: [print("x", end="", file=sys.stderr) for _ in iter(lambda: stop.wait(0.001), True)])
            for _ in range(4)]
    for thread in busy:
        thread.start()
    try:
        for attempt in range(20):
            with DeadlineWorker(chatty, fork=True) as worker:
                assert worker.call({"value": attempt}, timeout_s=10) == attempt + 1
    finally:
        stop.set()
        for thread in busy:
            thread.join()


def test_the_child_dies_with_its_caller(fork):
    script = ("import sys, time; from mot.deadline import DeadlineWorker; from tests.test_deadline import pid; "
              f"w = DeadlineWorker(pid, fork={fork}); print(w.call({{}}, timeout_s=30), flush=True); time.sleep(60)")
    caller = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    child = int(caller.stdout.readline())
    assert alive(child)
    caller.send_signal(signal.SIGKILL)
    caller.wait()
    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)
