"""Detect what isolation this machine offers; fail closed when it is missing.

The probe runs in the very box programs run in (`mot.sandbox.box`), dropped to `nobody` the way
programs are dropped to the sandbox uid."""
from __future__ import annotations

import ctypes
import logging
import os
import shutil
import subprocess
import threading

from mot.sandbox.box import Box, BoxSetup, RunRequest
from mot.sandbox.bwrap import PYTHON_FLAGS
from mot.sandbox.cgroups import WorkerCgroups, cgroup_v1_parent
from mot.sandbox.types import IsolationReport, Limits, RunResult, SandboxConfig, SandboxError, SandboxUnavailable

log = logging.getLogger(__name__)

PR_SET_CHILD_SUBREAPER = 36
PROBE_UID = 65534  # nobody
_lock = threading.Lock()
_cache: dict[tuple, IsolationReport] = {}
_subreaper_set = False


def set_child_subreaper() -> bool:
    """Make this process the reaper of orphaned descendants (so they never pile up under a PID 1
    that does not reap). Idempotent."""
    global _subreaper_set
    if _subreaper_set:
        return True
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            return False
    except OSError:
        return False
    _subreaper_set = True
    return True


def default_python() -> str:
    for cand in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.access(cand, os.X_OK):
            return cand
    return os.path.realpath(shutil.which("python3") or "python3")


PROBE_CODE = (
    "import os\n"
    "assert os.getuid()!=0 and os.geteuid()!=0, 'still root'\n"
    "caps=[l for l in open('/proc/self/status') if l.startswith(('CapEff','CapPrm','CapBnd'))]\n"
    "assert all(int(l.split()[1],16)==0 for l in caps), caps\n"
    "assert not os.path.exists('/etc/shadow') and not os.path.exists('/root/.bashrc')\n"
    "nets=os.listdir('/sys/class/net') if os.path.exists('/sys/class/net') else ['lo']\n"
    "assert set(nets)<= {'lo'}, nets\n"
    "print('ok')\n"
)


def probe_setup(bwrap: str, python: str) -> BoxSetup:
    """The box the probe runs in: the programs' box (`mot.sandbox.box`), with no mounts of its own."""
    return BoxSetup(bwrap=bwrap, python=python, uid=PROBE_UID, gid=PROBE_UID, mounts=[], box_mb=64)


def _run_probe(bwrap: str, python: str) -> RunResult:
    with Box(probe_setup(bwrap, python), WorkerCgroups("probe", None, None, None)) as box:
        limits = Limits(time_limit=10, memory_mb=512, wall_limit=30)
        request = RunRequest(argv=[python, *PYTHON_FLAGS, "-c", PROBE_CODE], limits=limits, cpu_limit=10,
                             memory_mb=512, wall=30)
        return box.run(request)[0]


def check_isolation(allow_unsafe: bool = False, config: SandboxConfig | None = None) -> IsolationReport:
    """Detect the isolation this machine supports by running a probe inside the sandbox.

    Raises SandboxUnavailable with a clear message when programs could not be isolated, unless
    `allow_unsafe` (or config.allow_unsafe_no_isolation) explicitly opts out; the opt-out report
    has isolated=False and a loud warning."""
    config = config or SandboxConfig()
    allow_unsafe = allow_unsafe or config.allow_unsafe_no_isolation
    python = config.python or default_python()
    key = (allow_unsafe, python, config.cxx, config.use_cgroups)
    with _lock:
        if key in _cache:
            return _cache[key]
        rep = _detect(python, config)
        if not rep.isolated:
            msg = ("mot.sandbox: code isolation is UNAVAILABLE on this machine: "
                   + "; ".join(rep.warnings)
                   + ". Model-written programs will not be run. Fix the machine (run as root, "
                   "install bubblewrap: `apt-get install -y bubblewrap`, util-linux setpriv) or, "
                   "only on a machine that truly cannot isolate, pass the explicit opt-out "
                   "allow_unsafe_no_isolation / --UNSAFE-no-isolation.")
            if not allow_unsafe:
                raise SandboxUnavailable(msg)
            log.warning("!!! %s  RUNNING UNISOLATED because the unsafe opt-out was given !!!", msg)
            rep.warnings.append("UNSAFE: running without isolation (explicit opt-out)")
        _cache[key] = rep
        return rep


def _detect(python: str, config: SandboxConfig) -> IsolationReport:
    rep = IsolationReport(isolated=False, python=python)
    rep.cxx = shutil.which(config.cxx)
    if rep.cxx is None:
        rep.warnings.append(f"{config.cxx} not found: C++ programs cannot be compiled")
    rep.bwrap = shutil.which("bwrap")
    rep.setpriv = shutil.which("setpriv")
    rep.subreaper = set_child_subreaper()
    if config.use_cgroups:
        mem = cgroup_v1_parent("memory")
        pids = cgroup_v1_parent("pids")
        rep.memory_cgroup, rep.pids_cgroup = mem, pids
        rep.cpuacct_cgroup = cgroup_v1_parent("cpuacct")
        if rep.cpuacct_cgroup is None:
            rep.warnings.append("no writable v1 cpuacct cgroup: CPU time is approximate "
                                "(RLIMIT_CPU still enforces the limit)")
        if mem is None:
            rep.warnings.append("no writable v1 memory cgroup: memory limited by RLIMIT_AS only")
        if pids is None:
            rep.warnings.append("no writable v1 pids cgroup: processes limited by RLIMIT_NPROC only")
    missing = []
    if os.geteuid() != 0:
        missing.append("not running as root, so programs cannot be moved to a dedicated uid")
    if rep.bwrap is None:
        missing.append("bubblewrap (bwrap) is not installed")
    if rep.setpriv is None:
        missing.append("setpriv (util-linux) is not installed")
    if not os.access(python, os.X_OK):
        missing.append(f"python interpreter {python} not executable")
    if missing:
        rep.warnings = missing + rep.warnings
        return rep
    try:
        out = subprocess.run([rep.bwrap, "--version"], capture_output=True, text=True, timeout=10)
        rep.bwrap_version = out.stdout.strip()
        probe = _run_probe(rep.bwrap, python)
    except (OSError, subprocess.TimeoutExpired, SandboxError) as e:
        rep.warnings.insert(0, f"sandbox probe failed to run: {e}")
        return rep
    if probe.exit_code != 0 or probe.stdout.strip() != b"ok":
        err = probe.stderr.decode("utf-8", "replace").strip()[-500:]
        rep.warnings.insert(0, f"sandbox probe failed (exit {probe.exit_code}): {err}")
        return rep
    rep.uid_switch = True
    rep.isolated = True
    return rep
