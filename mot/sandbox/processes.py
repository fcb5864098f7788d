"""Host-side process bookkeeping: start a box's process tracked as live, and reap the orphans that
land on us as child subreaper (the in-box judge, `box_init.py`, supervises the programs)."""
from __future__ import annotations

import os
import subprocess
import threading
import time

from mot.sandbox.types import SandboxError

SPAWN_LOCK = threading.Lock()  # guards Popen creation and the set of live sandbox pids
_live_pids: set[int] = set()


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


def spawn(argv: list[str], env: dict[str, str]) -> subprocess.Popen:
    """Start `argv` in its own session with piped stdin/stdout/stderr, tracked as live."""
    with SPAWN_LOCK:
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    start_new_session=True, close_fds=True, env=env)
        except OSError as e:
            raise SandboxError(f"cannot start sandbox: {e}") from e
        _live_pids.add(proc.pid)
    return proc


def untrack(proc: subprocess.Popen) -> None:
    """Forget a spawned process once it has been waited for."""
    with SPAWN_LOCK:
        _live_pids.discard(proc.pid)
