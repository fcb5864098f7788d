"""The v1 cgroups of one sandbox worker: memory (backstop limit, OOM count, peak), pids, cpuacct.

RLIMIT_AS and RLIMIT_CPU act per process; the cgroups hold the whole process tree of a run, so a
program that forks cannot escape the memory, process or CPU accounting.
"""
from __future__ import annotations

import logging
import os
import shlex
import signal
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

CGROUP_MEMORY_SLACK_MB = 64  # RLIMIT_AS hits first; the cgroup is the backstop
SANDBOX_OVERHEAD_PROCS = 8  # bwrap, its init, the in-box judge


def cgroup_v1_parent(controller: str) -> str | None:
    """Directory under which this process may create v1 cgroups for `controller`, or None."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
        own = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    mount = None
    for line in mounts:
        parts = line.split()
        if len(parts) >= 4 and parts[2] == "cgroup" and controller in parts[3].split(","):
            mount = parts[1]
            break
    if mount is None:
        return None
    relative = ""
    for line in own:
        _hierarchy, controllers, path = line.split(":", 2)
        if controller in controllers.split(","):
            relative = path.lstrip("/")
            break
    candidates = [os.path.join(mount, relative)] if relative else []
    candidates.append(mount)
    for base in candidates:
        if not os.path.isdir(base):
            continue
        probe = os.path.join(base, f"mot-probe-{os.getpid()}-{threading.get_ident()}")
        try:
            os.mkdir(probe)
            usable = os.path.exists(os.path.join(probe, "cgroup.procs"))
            os.rmdir(probe)
            if usable:
                return base
        except OSError:
            continue
    return None


def kill_cgroup_members(cgroup: Path) -> None:
    """SIGKILL every process in `cgroup` until it is empty (bounded retries)."""
    for _ in range(100):
        try:
            pids = [int(x) for x in (cgroup / "cgroup.procs").read_text().split()]
        except OSError:
            return
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.01)


def _make_cgroup(parent: str | None, name: str) -> Path | None:
    if parent is None:
        return None
    path = Path(parent) / name
    try:
        path.mkdir(exist_ok=True)
        kill_cgroup_members(path)
        return path
    except OSError as e:
        log.warning("cannot create cgroup %s: %s", path, e)
        return None


class WorkerCgroups:
    """The memory, pids and cpuacct cgroups named `name` under the given parents (None: absent)."""

    def __init__(self, name: str, memory_parent: str | None, pids_parent: str | None,
                 cpuacct_parent: str | None):
        self.memory = _make_cgroup(memory_parent, name)
        self.pids = _make_cgroup(pids_parent, name)
        self.cpuacct = _make_cgroup(cpuacct_parent, name)

    def all(self) -> list[Path]:
        return [cg for cg in (self.memory, self.pids, self.cpuacct) if cg is not None]

    def join_commands(self) -> list[str]:
        """Shell commands that move the shell ($$) into every cgroup, exiting 121 on failure."""
        return [f"echo $$ > {shlex.quote(str(cg / 'cgroup.procs'))} || exit 121" for cg in self.all()]

    def prepare_run(self, memory_mb: int, nprocs: int) -> int:
        """Set per-run limits and reset counters; returns the OOM-kill count before the run."""
        oom_before = 0
        if self.memory is not None:
            limit = str((memory_mb + CGROUP_MEMORY_SLACK_MB) * 1024 * 1024)
            # memsw must stay >= the memory limit at every step, so the write order depends on
            # whether the limit goes up or down: try both.
            for order in (("memory.memsw.limit_in_bytes", "memory.limit_in_bytes"),
                          ("memory.limit_in_bytes", "memory.memsw.limit_in_bytes")):
                try:
                    for fname in order:
                        (self.memory / fname).write_text(limit)
                    break
                except OSError:
                    continue
            for fname in ("memory.max_usage_in_bytes", "memory.memsw.max_usage_in_bytes", "memory.failcnt"):
                try:
                    (self.memory / fname).write_text("0")
                except OSError:
                    pass
            oom_before = self.oom_kills()
        if self.pids is not None:
            (self.pids / "pids.max").write_text(str(nprocs + SANDBOX_OVERHEAD_PROCS))
        if self.cpuacct is not None:
            (self.cpuacct / "cpuacct.usage").write_text("0")
        return oom_before

    def oom_kills(self) -> int:
        if self.memory is None:
            return 0
        try:
            for line in (self.memory / "memory.oom_control").read_text().splitlines():
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def cpu_seconds(self) -> float | None:
        """CPU time of the whole tree since `prepare_run`, or None without a cpuacct cgroup."""
        if self.cpuacct is None:
            return None
        try:
            return int((self.cpuacct / "cpuacct.usage").read_text()) / 1e9
        except (OSError, ValueError):
            return None

    def kill_all(self) -> None:
        for cg in self.all():
            kill_cgroup_members(cg)

    def remove(self) -> None:
        for cg in self.all():
            kill_cgroup_members(cg)
            for _ in range(50):
                try:
                    cg.rmdir()
                    break
                except OSError:
                    time.sleep(0.02)
