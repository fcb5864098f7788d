"""Process supervision: start one sandboxed command, feed its stdin, capture capped stdout/stderr,
enforce the wall-clock deadline, reap it (and any orphans it left to us as child subreaper)."""
from __future__ import annotations

import json
import os
import resource
import selectors
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from mot.sandbox.types import SandboxError

SPAWN_LOCK = threading.Lock()  # guards Popen creation and the set of live sandbox pids
_live_pids: set[int] = set()
CHUNK = 65536


@dataclass
class Finished:
    """What supervision observed of one process tree."""

    wait_status: int
    rusage: resource.struct_rusage | None
    wall_time: float
    stdout: bytes
    stderr: bytes
    stdout_truncated: bool
    stderr_truncated: bool
    output_overflow: bool
    killed_on_wall: bool


def reap_orphans(wait: float = 1.0) -> None:
    """Reap children that are not live Popen objects of this module: orphans reparented to us as
    child subreaper (bwrap's monitor exits without waiting for its pid 1, which then lands here).
    Waits up to `wait` seconds for such orphans that are still exiting."""
    me = str(os.getpid())
    deadline = time.monotonic() + wait
    while True:
        pending = False
        try:
            entries = os.listdir("/proc")
        except OSError:
            return
        with SPAWN_LOCK:
            for entry in entries:
                if not entry.isdigit() or int(entry) in _live_pids:
                    continue
                try:
                    with open(f"/proc/{entry}/stat", "rb") as f:
                        stat = f.read().decode("ascii", "replace")
                except OSError:
                    continue
                fields = stat[stat.rfind(")") + 2:].split()
                command = stat[stat.find("(") + 1: stat.rfind(")")]
                if len(fields) < 2 or fields[1] != me or command not in ("bwrap", "sh", "setpriv"):
                    continue
                try:
                    pid, _ = os.waitpid(int(entry), os.WNOHANG)
                    if pid == 0:
                        pending = True
                except ChildProcessError:
                    pass
        if not pending or time.monotonic() > deadline:
            return
        time.sleep(0.005)


def spawn(argv: list[str], pass_fds: tuple[int, ...], env: dict[str, str]) -> subprocess.Popen:
    with SPAWN_LOCK:
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    pass_fds=pass_fds, start_new_session=True, close_fds=True, env=env)
        except OSError as e:
            raise SandboxError(f"cannot start sandbox: {e}") from e
        _live_pids.add(proc.pid)
    return proc


def supervise(proc: subprocess.Popen, stdin: bytes, output_limit: int, wall: float,
              kill_tree: Callable[[], None]) -> Finished:
    """Pump stdin/stdout/stderr until the process closes them, the wall deadline passes or an
    output stream exceeds `output_limit` bytes (then `kill_tree`); wait for it (deadline + 5 s)."""
    t0 = time.monotonic()
    out, err = bytearray(), bytearray()
    out_truncated = err_truncated = overflow = killed_on_wall = False
    selector = selectors.DefaultSelector()
    assert proc.stdin and proc.stdout and proc.stderr
    selector.register(proc.stdout, selectors.EVENT_READ, "out")
    selector.register(proc.stderr, selectors.EVENT_READ, "err")
    pending = memoryview(stdin)
    if pending:
        os.set_blocking(proc.stdin.fileno(), False)
        selector.register(proc.stdin, selectors.EVENT_WRITE, "in")
    else:
        proc.stdin.close()
    deadline = t0 + wall
    try:
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                killed_on_wall = True
                break
            for key, _ in selector.select(min(remaining, 1.0)):
                if key.data == "in":
                    try:
                        pending = pending[os.write(key.fd, pending[:CHUNK]):]
                    except BlockingIOError:
                        continue
                    except OSError:  # the program closed its stdin
                        pending = pending[:0]
                    if not pending:
                        selector.unregister(key.fileobj)
                        key.fileobj.close()
                    continue
                chunk = os.read(key.fd, CHUNK)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                buf = out if key.data == "out" else err
                room = output_limit - len(buf)
                if len(chunk) > room:
                    buf += chunk[:max(room, 0)]
                    if key.data == "out":
                        out_truncated = overflow = True
                    else:
                        err_truncated = True
                        overflow = overflow or len(err) >= output_limit
                else:
                    buf += chunk
            if overflow:
                break
    finally:
        selector.close()
    if killed_on_wall or overflow:
        kill_tree()
    wait_status, rusage = _wait(proc, deadline + 5, kill_tree)
    wall_time = time.monotonic() - t0
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        try:
            if stream and not stream.closed:
                stream.close()
        except OSError:
            pass
    with SPAWN_LOCK:
        _live_pids.discard(proc.pid)
    return Finished(wait_status, rusage, wall_time, bytes(out), bytes(err), out_truncated, err_truncated,
                    overflow, killed_on_wall)


def _wait(proc: subprocess.Popen, deadline: float,
          kill_tree: Callable[[], None]) -> tuple[int, resource.struct_rusage | None]:
    """wait4 the sandbox (to get the rusage of the whole reaped tree), killing on deadline."""
    killed = False
    t = time.monotonic()
    while True:
        try:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        except ChildProcessError:
            proc.returncode = -9
            return 9, None
        if pid == proc.pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return status, rusage
        if time.monotonic() > deadline and not killed:
            kill_tree()
            killed = True
        time.sleep(0.001 if time.monotonic() - t < 0.05 else 0.01)


def read_bwrap_status(fd: int) -> tuple[bool, int | None]:
    """(whether bwrap started the command, the command's exit code if bwrap reported one) from the
    --json-status-fd pipe; closes `fd`."""
    os.set_blocking(fd, False)
    data = b""
    try:
        while True:
            try:
                chunk = os.read(fd, 4096)
            except BlockingIOError:
                break
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    started = b"child-pid" in data
    code = None
    for part in data.replace(b"}", b"}\n").splitlines():
        part = part.strip()
        if part.startswith(b"{") and b"exit-code" in part:
            try:
                code = int(json.loads(part)["exit-code"])
            except (ValueError, KeyError):
                pass
    return started, code
