"""The Sandbox: one worker's uid, scratch dir and cgroups; programs prepared (written, C++ compiled)
and run in boxes (`mot.sandbox.box`).

    with Sandbox() as sandbox:
        prepared = sandbox.prepare("cpp", source)
        with sandbox.start(prepared) as program:      # one box for every test
            result = program.run(b"1 2\\n", Limits())
"""
from __future__ import annotations

import fcntl
import itertools
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from mot.sandbox.box import Box, BoxSetup, RunRequest
from mot.sandbox.bwrap import PYTHON_FLAGS, SRC_DIR, Mount
from mot.sandbox.cgroups import WorkerCgroups
from mot.sandbox.cpp import CppCompiler
from mot.sandbox.isolation import check_isolation, default_python
from mot.sandbox.processes import reap_orphans
from mot.sandbox.types import AC, LANGS, Limits, RunResult, SandboxConfig, SandboxError

UID_LOCK_DIR = Path(tempfile.gettempdir()) / "mot-sandbox-locks"
RUN_BOX_MB = 1024  # the run box's /box tmpfs; its pages count against the run's memory cgroup


@dataclass
class Prepared:
    """A program ready to run: its host dir (bound read-only at /src) and command."""

    lang: str
    host_dir: Path
    argv: list[str]
    compile_result: RunResult | None = None
    ok: bool = True

    def inside(self, filename: str) -> str:
        """Where `filename` of the program's dir is seen inside the run box."""
        return f"{SRC_DIR}/{self.host_dir.name}/{filename}"


def python_command(python: str, script: str) -> list[str]:
    """How the sandbox starts a Python program: ``python3 -I -B /src/main.py``."""
    return [python, *PYTHON_FLAGS, script]


class RunningProgram:
    """A prepared program in the worker's run box: `run` it once per test."""

    def __init__(self, sandbox: "Sandbox", prepared: Prepared):
        self.sandbox = sandbox
        self.prepared = prepared

    def run(self, stdin: bytes, limits: Limits, args: list[str] | None = None,
            files: dict[str, bytes] | None = None, collect: str | None = None) -> tuple[RunResult, bytes | None]:
        """One fresh process of the program: `files` are written into its working dir first,
        `collect` names a file of the working dir to return (None when the program made none)."""
        box = self.sandbox.run_box()
        argv = self.sandbox.box_paths(self.prepared.argv + list(args or []), box.setup)
        request = RunRequest(argv=argv, limits=limits, cpu_limit=limits.time_limit, memory_mb=limits.memory_mb,
                             wall=limits.wall(), stdin=stdin, files=files or {}, collect=collect)
        return box.run(request)

    def close(self) -> None:
        """Nothing to stop: the run box outlives its programs (kept for this API's `with` form)."""

    def __enter__(self) -> "RunningProgram":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Sandbox:
    """Runs untrusted programs. One instance per worker thread: worker i uses uid base_uid+i and its
    own scratch dirs and cgroups."""

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
        self.programs_dir = self.dir / "src"  # every prepared program, bound read-only at /src
        self.programs_dir.mkdir(mode=0o755)
        self._free_cgroups: list[WorkerCgroups] = []  # one set per live box, reused
        self._all_cgroups: list[WorkerCgroups] = []
        self._boxes: set[Box] = set()
        self._run_box: Box | None = None
        self.compiler = CppCompiler(self.config, self.dir, self.uid, self.gid, self.run_once,
                                    use_pch=self.config.use_pch and not self.unsafe)

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
            boxes, self._boxes = list(self._boxes), set()
        for box in boxes:
            box.close()
        self._kill_uid()
        for cgroups in self._all_cgroups:
            cgroups.remove()
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

    # ---------------------------------------------------------------- boxes
    def open_box(self, mounts: list[Mount], box_mb: int) -> Box:
        """Start a box with `mounts`, in a cgroup set of its own (reused after the box closes)."""
        with self._lock:
            if self._closed:
                raise SandboxError("sandbox is closed")
            if self._free_cgroups:
                cgroups = self._free_cgroups.pop()
            else:
                name = f"mot-sandbox-{self.uid}-{len(self._all_cgroups)}"
                if self.unsafe:
                    cgroups = WorkerCgroups(name, None, None, None)
                else:
                    cgroups = WorkerCgroups(name, self.report.memory_cgroup, self.report.pids_cgroup,
                                            self.report.cpuacct_cgroup)
                self._all_cgroups.append(cgroups)
        unsafe_dir = None
        if self.unsafe:
            unsafe_dir = self.dir / f"box{next(self._counter)}"
            unsafe_dir.mkdir()
        setup = BoxSetup(bwrap=self.report.bwrap or "bwrap", python=self.python,
                         uid=None if self.unsafe else self.uid, gid=None if self.unsafe else self.gid,
                         mounts=mounts, box_mb=box_mb, unsafe_box_dir=unsafe_dir)
        try:
            box = Box(setup, cgroups)
        except SandboxError:
            self._release_cgroups(cgroups)
            raise
        with self._lock:
            self._boxes.add(box)
        return box

    def run_box(self) -> Box:
        """The worker's run box (started on first use, restarted after a failure)."""
        if self._run_box is None or self._run_box.closed:
            if self._run_box is not None:
                self.close_box(self._run_box)
            self._run_box = self.open_box([Mount(str(self.programs_dir), SRC_DIR)], RUN_BOX_MB)
        return self._run_box

    def close_box(self, box: Box) -> None:
        box.close()
        with self._lock:
            self._boxes.discard(box)
        if box.setup.unsafe_box_dir is not None:
            shutil.rmtree(box.setup.unsafe_box_dir, ignore_errors=True)
        self._release_cgroups(box.cgroups)

    def _release_cgroups(self, cgroups: WorkerCgroups) -> None:
        cgroups.kill_all()
        with self._lock:
            self._free_cgroups.append(cgroups)

    def box_paths(self, argv: list[str], setup: BoxSetup) -> list[str]:
        """`argv` as the box sees it; in the unsafe opt-out (no box), box paths map to host paths."""
        if setup.uid is not None:
            return argv
        return [_host_path(arg, setup.mounts) for arg in argv]

    def run_once(self, argv: list[str], mounts: list[Mount], request_limits: Limits, cpu_limit: float,
                 memory_mb: int, wall: float, box_mb: int) -> RunResult:
        """`argv` in a box of its own with `mounts` (a compiler, with a writable /out)."""
        box = self.open_box(mounts, box_mb)
        try:
            request = RunRequest(argv=self.box_paths(argv, box.setup), limits=request_limits, cpu_limit=cpu_limit,
                                 memory_mb=memory_mb, wall=wall)
            return box.run(request)[0]
        finally:
            self.close_box(box)

    # ---------------------------------------------------------------- programs
    def run(self, lang: str, source: str, stdin: bytes = b"", limits: Limits | None = None) -> RunResult:
        """Run `source` (compiling it first for C++) once on `stdin`. For C++ a compile error gives
        a RunResult with verdict CE."""
        limits = limits or Limits()
        prep = self.prepare(lang, source, limits)
        try:
            if not prep.ok:
                return prep.compile_result  # type: ignore[return-value]
            return self.start(prep).run(stdin, limits)[0]
        finally:
            self.release(prep)

    def prepare(self, lang: str, source: str, limits: Limits | None = None, filename: str | None = None,
                cpp_standard: str | None = None) -> Prepared:
        """Write the program into a fresh read-only dir; compile C++ (inside the sandbox)."""
        limits = limits or Limits()
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
        name = f"p{next(self._counter)}"
        program_dir = self.programs_dir / name
        program_dir.mkdir(mode=0o755)
        if lang == "python":
            script = filename or "main.py"
            (program_dir / script).write_text(source, encoding="utf-8")
            return Prepared(lang, program_dir, python_command(self.python, f"{SRC_DIR}/{name}/{script}"))
        (program_dir / "main.cpp").write_text(source, encoding="utf-8")
        result = self.compiler.compile(program_dir, limits, cpp_standard or self.config.cxx_standard)
        if result.verdict != AC:
            return Prepared(lang, program_dir, [], result, ok=False)
        return Prepared(lang, program_dir, [f"{SRC_DIR}/{name}/prog"], result)

    def start(self, prep: Prepared) -> RunningProgram:
        """`prep`, ready to run on each test in the worker's run box."""
        if not prep.ok:
            raise ValueError("program did not compile")
        self.run_box()  # start it now, so that a broken box fails here and not mid-judging
        return RunningProgram(self, prep)

    def release(self, prep: Prepared) -> None:
        shutil.rmtree(prep.host_dir, ignore_errors=True)

    # ---------------------------------------------------------------- leftovers
    def _kill_uid(self) -> None:
        """SIGKILL every process of the sandbox uid (the uid belongs to this worker alone)."""
        if self.unsafe:
            return
        try:
            subprocess.run([self.report.setpriv or "setpriv", "--reuid", str(self.uid), "--regid", str(self.gid),
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


def _host_path(arg: str, mounts: list[Mount]) -> str:
    """`arg` with a box path (/src/main.py) replaced by the host path mounted there (unsafe mode)."""
    for mount in mounts:
        if arg == mount.inside or arg.startswith(mount.inside + "/"):
            return mount.host + arg[len(mount.inside):]
    return arg
