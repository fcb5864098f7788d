"""The Sandbox: run one program under bwrap + a dedicated uid + rlimits + cgroups + wall kill.

This module ties the parts together: `bwrap` (the box), `cgroups` (tree-wide accounting),
`compile_cache` (the precompiled header), `supervise` (the process itself) and `verdict`.
"""
from __future__ import annotations

import fcntl
import itertools
import math
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from mot.sandbox.bwrap import (DATA_DIR, OUT_DIR, PCH_DIR, PYTHON_FLAGS, SRC_DIR, BoxIdentity, Mount,
                               bwrap_argv)
from mot.sandbox.cgroups import WorkerCgroups
from mot.sandbox.compile_cache import precompiled_header_dir
from mot.sandbox.isolation import check_isolation, default_python
from mot.sandbox.supervise import read_bwrap_status, reap_orphans, spawn, supervise
from mot.sandbox.types import AC, CE, LANGS, MLE, OLE, TLE, Limits, RunResult, SandboxConfig, SandboxError
from mot.sandbox.verdict import RunObservation, classify

UID_LOCK_DIR = Path(tempfile.gettempdir()) / "mot-sandbox-locks"
CGROUP_JOIN_FAILED = 121  # exit code of the wrapper shell when it cannot join the cgroups
PCH_LIMITS = Limits(time_limit=120, memory_mb=4096, fsize_mb=1024, output_limit=1 << 20)


@dataclass
class Prepared:
    """A program ready to run: its host dir (bound read-only at /src) and command."""

    lang: str
    host_dir: Path
    argv: list[str]
    compile_result: RunResult | None = None
    ok: bool = True


@dataclass
class RunSpec:
    """One command to run in the box, with its limits and mounts."""

    argv: list[str]
    limits: Limits
    cpu_limit: float
    memory_mb: int
    wall: float
    mounts: list[Mount] = field(default_factory=list)


def python_command(python: str, script: str) -> list[str]:
    """How the sandbox starts a Python program."""
    return [python, *PYTHON_FLAGS, script]


class Sandbox:
    """Runs untrusted programs. One instance per worker thread: worker i uses uid base_uid+i and its
    own scratch dirs and cgroups. Calls on one instance are serialised by a lock."""

    def __init__(self, config: SandboxConfig | None = None, worker_index: int = 0):
        self.config = config or SandboxConfig()
        self.report = check_isolation(self.config.allow_unsafe_no_isolation, self.config)
        self.unsafe = not self.report.isolated
        self.python = self.config.python or default_python()
        self._lock = threading.Lock()
        self._counter = itertools.count()
        self._closed = False
        self.uid, self._uid_lock = self._claim_uid(self.config.base_uid + worker_index)
        self.gid = self.uid
        if self.config.work_dir is not None:
            base = Path(self.config.work_dir)
            base.mkdir(parents=True, exist_ok=True)
            self.dir = Path(tempfile.mkdtemp(prefix=f"w{self.uid}-", dir=base))
        else:
            self.dir = Path(tempfile.mkdtemp(prefix=f"mot-sandbox-{self.uid}-"))
        os.chmod(self.dir, 0o711)
        if self.unsafe:
            self.cgroups = WorkerCgroups(f"mot-sandbox-{self.uid}", None, None, None)
        else:
            self.cgroups = WorkerCgroups(f"mot-sandbox-{self.uid}", self.report.memory_cgroup,
                                         self.report.pids_cgroup, self.report.cpuacct_cgroup)
        self.identity = BoxIdentity(self.report.bwrap or "bwrap", self.report.setpriv or "setpriv", self.uid, self.gid)

    # ---------------------------------------------------------------- setup / teardown
    def _claim_uid(self, uid: int) -> tuple[int, int]:
        UID_LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
        for candidate in range(uid, uid + 1000):
            fd = os.open(UID_LOCK_DIR / f"uid-{candidate}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return candidate, fd
            except OSError:
                os.close(fd)
                if not self.config.probe_free_uid:
                    raise SandboxError(f"sandbox uid {candidate} is in use by another sandbox")
        raise SandboxError("no free sandbox uid")

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._kill_uid()
            self.cgroups.remove()
            shutil.rmtree(self.dir, ignore_errors=True)
            os.close(self._uid_lock)
            reap_orphans()

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:  # best effort
        try:
            if not self._closed:
                self.close()
        except Exception:
            pass

    # ---------------------------------------------------------------- public API
    def run(self, lang: str, source: str, stdin: bytes = b"", limits: Limits | None = None) -> RunResult:
        """Run `source` (compiling it first for C++) once on `stdin`. For C++ a compile error gives
        a RunResult with verdict CE."""
        limits = limits or Limits()
        prep = self.prepare(lang, source, limits)
        try:
            if not prep.ok:
                return prep.compile_result  # type: ignore[return-value]
            return self.execute(prep, stdin, limits)
        finally:
            self.release(prep)

    def prepare(self, lang: str, source: str, limits: Limits | None = None,
                filename: str | None = None) -> Prepared:
        """Write the program into a fresh read-only dir; compile C++ (inside the sandbox)."""
        limits = limits or Limits()
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
        program_dir = self.dir / f"p{next(self._counter)}"
        program_dir.mkdir(mode=0o755)
        if lang == "python":
            name = filename or "main.py"
            (program_dir / name).write_text(source, encoding="utf-8")
            return Prepared(lang, program_dir, python_command(self.python, f"{SRC_DIR}/{name}"))
        (program_dir / "main.cpp").write_text(source, encoding="utf-8")
        result = self.compile_cpp(program_dir, limits)
        if result.verdict != AC:
            return Prepared(lang, program_dir, [], result, ok=False)
        return Prepared(lang, program_dir, [f"{SRC_DIR}/prog"], result)

    def release(self, prep: Prepared) -> None:
        shutil.rmtree(prep.host_dir, ignore_errors=True)

    def execute(self, prep: Prepared, stdin: bytes = b"", limits: Limits | None = None,
                args: list[str] | None = None, data: dict[str, bytes] | None = None) -> RunResult:
        """Run a prepared program. `data` files are visible read-only under /data."""
        limits = limits or Limits()
        if not prep.ok:
            raise ValueError("program did not compile")
        mounts = [Mount(str(prep.host_dir), SRC_DIR)]
        data_dir = None
        if data:
            data_dir = self.dir / f"d{next(self._counter)}"
            data_dir.mkdir(mode=0o755)
            for name, content in data.items():
                (data_dir / name).write_bytes(content)
            mounts.append(Mount(str(data_dir), DATA_DIR))
        try:
            spec = RunSpec(argv=prep.argv + list(args or []), limits=limits, cpu_limit=limits.time_limit,
                           memory_mb=limits.memory_mb, wall=limits.wall(), mounts=mounts)
            return self._run_spec(spec, stdin)
        finally:
            if data_dir is not None:
                shutil.rmtree(data_dir, ignore_errors=True)

    # ---------------------------------------------------------------- C++
    def compile_cpp(self, src_dir: Path, limits: Limits) -> RunResult:
        pch = self._pch_dir()
        out = self._writable_scratch(f"o{next(self._counter)}")
        argv = [self.config.cxx, *self.config.cxx_flags]
        mounts = [Mount(str(src_dir), SRC_DIR), Mount(str(out), OUT_DIR, writable=True)]
        if pch is not None:
            argv += ["-I", PCH_DIR]
            mounts.append(Mount(str(pch), PCH_DIR))
        argv += [f"{SRC_DIR}/main.cpp", "-o", f"{OUT_DIR}/prog"]
        try:
            spec = RunSpec(argv=argv, limits=limits, cpu_limit=limits.compile_time_limit,
                           memory_mb=limits.compile_memory_mb, wall=max(3 * limits.compile_time_limit, 30.0),
                           mounts=mounts)
            result = self._run_spec(spec, b"")
            binary = out / "prog"
            if result.verdict == AC and binary.is_file():
                shutil.move(str(binary), src_dir / "prog")
                os.chown(src_dir / "prog", 0, 0)
                os.chmod(src_dir / "prog", 0o755)
                return result
            why = {TLE: "compile time limit exceeded", MLE: "compile memory limit exceeded",
                   OLE: "compiler output limit exceeded"}.get(result.verdict, "compilation failed")
            result.detail = f"{why}: " + result.stderr[-2000:].decode("utf-8", "replace")
            result.verdict = CE
            return result
        finally:
            shutil.rmtree(out, ignore_errors=True)

    def _writable_scratch(self, name: str) -> Path:
        """A host dir only this worker's sandbox uid may write (bound at /out for compilers)."""
        path = self.dir / name
        path.mkdir(mode=0o700, exist_ok=True)
        os.chown(path, self.uid, self.gid)
        return path

    def _pch_dir(self) -> Path | None:
        if not self.config.use_pch or self.unsafe:
            return None

        def compile_header(argv: list[str], out: Path, mounts: list[Mount]) -> bool:
            os.chown(out, self.uid, self.gid)
            spec = RunSpec(argv=argv, limits=PCH_LIMITS, cpu_limit=PCH_LIMITS.time_limit,
                           memory_mb=PCH_LIMITS.memory_mb, wall=300,
                           mounts=[Mount(str(out), OUT_DIR, writable=True), *mounts])
            return self._run_spec(spec, b"").verdict == AC

        return precompiled_header_dir(self.config.cxx, tuple(self.config.cxx_flags), self.config.cache_dir,
                                      self.dir, compile_header)

    # ---------------------------------------------------------------- the run itself
    def _command(self, spec: RunSpec, status_fd: int) -> list[str]:
        """sh joins the cgroups and sets the rlimits (dash: -f counts 512-byte blocks), then execs
        bwrap, which runs the program as the sandbox uid."""
        limits = spec.limits
        cpu_soft = max(1, math.ceil(spec.cpu_limit) + 1)
        as_kb = spec.memory_mb * 1024
        script = self.cgroups.join_commands() + [
            f"ulimit -St {cpu_soft}", f"ulimit -Ht {cpu_soft + 1}", f"ulimit -v {as_kb}",
            f"ulimit -s {min(as_kb, 256 * 1024)}", f"ulimit -p {limits.nproc}",
            f"ulimit -f {limits.fsize_mb * 2048}", f"ulimit -n {limits.nofile}", "ulimit -c 0"]
        shell = ["/bin/sh", "-c", " && ".join(script) + ' && exec "$@"', "sh"]
        if self.unsafe:  # explicit opt-out: rlimits + wall kill only; sandbox paths map to the host
            return shell + [_host_path(arg, spec.mounts) for arg in spec.argv]
        box_mb = max(64, limits.fsize_mb)
        return shell + bwrap_argv(self.identity, self.python, spec.mounts, box_mb, status_fd) + spec.argv

    def _kill_uid(self) -> None:
        """SIGKILL every process of the sandbox uid (the uid belongs to this worker alone)."""
        if self.unsafe:
            return
        try:
            subprocess.run([self.identity.setpriv, "--reuid", str(self.uid), "--regid", str(self.gid),
                            "--clear-groups", "--", "/bin/sh", "-c", "kill -9 -1"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass

    def stray_processes(self) -> list[int]:
        """Pids of processes still running as the sandbox uid (should always be empty between runs)."""
        strays = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if os.stat(f"/proc/{entry}").st_uid == self.uid:
                        strays.append(int(entry))
                except OSError:
                    pass
        return strays

    def _run_spec(self, spec: RunSpec, stdin: bytes) -> RunResult:
        with self._lock:
            if self._closed:
                raise SandboxError("sandbox is closed")
            return self._run_locked(spec, stdin)

    def _kill_tree(self, proc: subprocess.Popen) -> None:
        if self.cgroups.pids is not None:
            self.cgroups.kill_all()
        self._kill_uid()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    def _run_locked(self, spec: RunSpec, stdin: bytes) -> RunResult:
        limits = spec.limits
        oom_before = self.cgroups.prepare_run(spec.memory_mb, limits.nproc)
        status_r, status_w = os.pipe()
        try:
            proc = spawn(self._command(spec, status_w), () if self.unsafe else (status_w,),
                         {"PATH": "/usr/bin:/bin"} if self.unsafe else {})
        except SandboxError:
            os.close(status_r)
            raise
        finally:
            os.close(status_w)
        finished = supervise(proc, stdin, limits.output_limit, spec.wall, lambda: self._kill_tree(proc))
        started, status_exit = read_bwrap_status(status_r)
        # Nothing of the sandbox uid may survive the run.
        if self.cgroups.pids is None and not self.unsafe and self.stray_processes():
            self._kill_uid()
        self.cgroups.kill_all()
        reap_orphans()

        # bwrap's monitor does not wait for its pid 1, so rusage misses the program: use cgroups.
        rusage = finished.rusage
        cpu = self.cgroups.cpu_seconds()
        if cpu is None:
            cpu = rusage.ru_utime + rusage.ru_stime if rusage else 0.0
        peak = self.cgroups.peak_memory_mb()
        if peak is None:
            peak = rusage.ru_maxrss / 1024.0 if rusage else 0.0
        sig, code = None, None
        if os.WIFSIGNALED(finished.wait_status):
            sig = os.WTERMSIG(finished.wait_status)
        else:
            code = os.WEXITSTATUS(finished.wait_status)
        if not self.unsafe and not started and not (finished.killed_on_wall or finished.output_overflow):
            if code == CGROUP_JOIN_FAILED:
                raise SandboxError("could not join the sandbox cgroup")
            raise SandboxError("bwrap failed to start the sandbox: " + finished.stderr[-1000:].decode("utf-8", "replace"))
        if status_exit is not None:
            code = status_exit
        if code is not None and code > 128 and code - 128 < 65:  # the shell's way of saying "signal"
            sig, code = code - 128, None
        verdict, detail = classify(RunObservation(
            exit_code=code, signal=sig, cpu_time=cpu, cpu_limit=spec.cpu_limit, wall_limit=spec.wall,
            killed_on_wall=finished.killed_on_wall, output_overflow=finished.output_overflow,
            output_limit=limits.output_limit, oom_killed=self.cgroups.oom_kills() > oom_before,
            stderr_tail=finished.stderr[-4000:]))
        return RunResult(verdict=verdict, exit_code=code, signal=sig, cpu_time=cpu, wall_time=finished.wall_time,
                         peak_memory_mb=peak, stdout=finished.stdout, stderr=finished.stderr,
                         stdout_truncated=finished.stdout_truncated, stderr_truncated=finished.stderr_truncated,
                         detail=detail)


def _host_path(arg: str, mounts: list[Mount]) -> str:
    """`arg` with a box path (/src/main.py) replaced by the host path mounted there (unsafe mode)."""
    for mount in mounts:
        if arg == mount.inside or arg.startswith(mount.inside + "/"):
            return mount.host + arg[len(mount.inside):]
    return arg
