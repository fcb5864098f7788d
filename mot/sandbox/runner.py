"""The Sandbox: run one program under bwrap + a dedicated uid + rlimits + cgroups + wall kill."""
from __future__ import annotations

import errno
import fcntl
import hashlib
import itertools
import json
import logging
import math
import os
import selectors
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .isolation import check_isolation, default_python, _python_binds
from .types import (AC, CE, LANGS, MLE, OLE, RE, TLE, Limits, RunResult, SandboxConfig,
                    SandboxError, SandboxUnavailable)

log = logging.getLogger(__name__)

_spawn_lock = threading.Lock()  # guards Popen creation and the set of live sandbox pids
_live_pids: set[int] = set()
_pch_cache: dict[tuple, Path | None] = {}
_LOCK_DIR = Path(tempfile.gettempdir()) / "mot-sandbox-locks"

# Where things live inside the sandbox.
SRC, DATA, OUT, BOX, PCH = "/src", "/data", "/out", "/box", "/pch"


@dataclass
class Prepared:
    """A program ready to run: its host dir (bound read-only at /src) and command."""

    lang: str
    host_dir: Path
    argv: list[str]
    compile_result: RunResult | None = None
    ok: bool = True


@dataclass
class _Spec:
    argv: list[str]
    limits: Limits
    cpu_limit: float
    memory_mb: int
    wall: float
    src_dir: Path | None = None
    data_dir: Path | None = None
    out_dir: Path | None = None
    extra_ro: list[tuple[str, str]] = field(default_factory=list)


def _reap_orphans(wait: float = 1.0) -> None:
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
        with _spawn_lock:
            for ent in entries:
                if not ent.isdigit() or int(ent) in _live_pids:
                    continue
                try:
                    with open(f"/proc/{ent}/stat", "rb") as f:
                        st = f.read().decode("ascii", "replace")
                except OSError:
                    continue
                rest = st[st.rfind(")") + 2:].split()
                comm = st[st.find("(") + 1: st.rfind(")")]
                if len(rest) < 2 or rest[1] != me or comm not in ("bwrap", "sh", "setpriv"):
                    continue
                try:
                    pid, _ = os.waitpid(int(ent), os.WNOHANG)
                    if pid == 0:
                        pending = True
                except ChildProcessError:
                    pass
        if not pending or time.monotonic() > deadline:
            return
        time.sleep(0.005)


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
        self.cg_mem = self._make_cgroup(self.report.memory_cgroup)
        self.cg_pids = self._make_cgroup(self.report.pids_cgroup)
        self.cg_cpu = self._make_cgroup(self.report.cpuacct_cgroup)
        self._pch_dir: Path | None = None
        self._pch_tried = False

    # ---------------------------------------------------------------- setup / teardown
    def _claim_uid(self, uid: int) -> tuple[int, int]:
        _LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
        for cand in range(uid, uid + 1000):
            fd = os.open(_LOCK_DIR / f"uid-{cand}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return cand, fd
            except OSError:
                os.close(fd)
                if not self.config.probe_free_uid:
                    raise SandboxError(f"sandbox uid {cand} is in use by another sandbox")
        raise SandboxError("no free sandbox uid")

    def _make_cgroup(self, parent: str | None) -> Path | None:
        if parent is None or self.unsafe:
            return None
        p = Path(parent) / f"mot-sandbox-{self.uid}"
        try:
            p.mkdir(exist_ok=True)
            self._kill_cgroup(p)
            return p
        except OSError as e:
            log.warning("cannot create cgroup %s: %s", p, e)
            return None

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._kill_uid()
            for cg in (self.cg_mem, self.cg_pids, self.cg_cpu):
                if cg is not None:
                    self._kill_cgroup(cg)
                    for _ in range(50):
                        try:
                            cg.rmdir()
                            break
                        except OSError:
                            time.sleep(0.02)
            shutil.rmtree(self.dir, ignore_errors=True)
            os.close(self._uid_lock)
            _reap_orphans()

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
        d = self.dir / f"p{next(self._counter)}"
        d.mkdir(mode=0o755)
        if lang == "python":
            name = filename or "main.py"
            (d / name).write_text(source, encoding="utf-8")
            return Prepared(lang, d, [self.python, "-I", "-S", "-B", f"{SRC}/{name}"])
        (d / "main.cpp").write_text(source, encoding="utf-8")
        res = self.compile_cpp(d, limits)
        if res.verdict != AC:
            return Prepared(lang, d, [], res, ok=False)
        return Prepared(lang, d, [f"{SRC}/prog"], res)

    def release(self, prep: Prepared) -> None:
        shutil.rmtree(prep.host_dir, ignore_errors=True)

    def execute(self, prep: Prepared, stdin: bytes = b"", limits: Limits | None = None,
                args: list[str] | None = None, data: dict[str, bytes] | None = None) -> RunResult:
        """Run a prepared program. `data` files are visible read-only under /data."""
        limits = limits or Limits()
        if not prep.ok:
            raise ValueError("program did not compile")
        data_dir = None
        if data:
            data_dir = self.dir / f"d{next(self._counter)}"
            data_dir.mkdir(mode=0o755)
            for name, content in data.items():
                (data_dir / name).write_bytes(content)
        try:
            spec = _Spec(argv=prep.argv + list(args or []), limits=limits, cpu_limit=limits.time_limit,
                         memory_mb=limits.memory_mb, wall=limits.wall(), src_dir=prep.host_dir,
                         data_dir=data_dir)
            return self._run_spec(spec, stdin)
        finally:
            if data_dir is not None:
                shutil.rmtree(data_dir, ignore_errors=True)

    # ---------------------------------------------------------------- C++
    def compile_cpp(self, src_dir: Path, limits: Limits) -> RunResult:
        pch = self._ensure_pch(limits)
        out = self.dir / f"o{next(self._counter)}"
        out.mkdir(mode=0o700)
        os.chown(out, self.uid, self.gid)
        argv = [self.config.cxx, *self.config.cxx_flags]
        extra = []
        if pch is not None:
            argv += ["-I", PCH]
            extra.append((str(pch), PCH))
        argv += [f"{SRC}/main.cpp", "-o", f"{OUT}/prog"]
        try:
            spec = _Spec(argv=argv, limits=limits, cpu_limit=limits.compile_time_limit,
                         memory_mb=limits.compile_memory_mb,
                         wall=max(3 * limits.compile_time_limit, 30.0),
                         src_dir=src_dir, out_dir=out, extra_ro=extra)
            res = self._run_spec(spec, b"", compile_step=True)
            prog = out / "prog"
            if res.verdict == AC and prog.is_file():
                shutil.move(str(prog), src_dir / "prog")
                os.chown(src_dir / "prog", 0, 0)
                os.chmod(src_dir / "prog", 0o755)
                return res
            why = {TLE: "compile time limit exceeded", MLE: "compile memory limit exceeded",
                   OLE: "compiler output limit exceeded"}.get(res.verdict, "compilation failed")
            res.detail = f"{why}: " + res.stderr[-2000:].decode("utf-8", "replace")
            res.verdict = CE
            return res
        finally:
            shutil.rmtree(out, ignore_errors=True)

    def _ensure_pch(self, limits: Limits) -> Path | None:
        """Precompile bits/stdc++.h once (in the sandbox) into the cache dir; None if unusable."""
        if not self.config.use_pch or self.unsafe:
            return None
        if self._pch_tried:
            return self._pch_dir
        self._pch_tried = True
        ck = (self.config.cxx, self.config.cxx_flags, str(self.config.cache_dir))
        with _spawn_lock:
            if ck in _pch_cache:
                self._pch_dir = _pch_cache[ck]
                return self._pch_dir
        self._pch_dir = self._build_pch(limits)
        with _spawn_lock:
            _pch_cache[ck] = self._pch_dir
        return self._pch_dir

    def _build_pch(self, limits: Limits) -> Path | None:
        try:
            ver = subprocess.run([self.config.cxx, "-dumpfullversion"], capture_output=True,
                                 text=True, timeout=30).stdout.strip()
            header = subprocess.run([self.config.cxx, *self.config.cxx_flags, "-x", "c++", "-E", "-",
                                     "-o", "/dev/null", "-H"], input="#include <bits/stdc++.h>\n",
                                    capture_output=True, text=True, timeout=60).stderr.splitlines()
            hdr = next((h.split(" ", 1)[1] for h in header if h.startswith(". ") and h.endswith("bits/stdc++.h")), None)
            if hdr is None:
                return None
        except (OSError, subprocess.TimeoutExpired):
            return None
        key = hashlib.sha256(f"{ver}|{self.config.cxx_flags}|{hdr}".encode()).hexdigest()[:16]
        cache = Path(self.config.cache_dir or Path.home() / ".cache" / "mot" / "sandbox") / f"pch-{key}"
        gch = cache / "bits" / "stdc++.h.gch"
        if gch.is_file():
            return cache
        cache.parent.mkdir(parents=True, exist_ok=True)
        lockf = os.open(str(cache) + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(lockf, fcntl.LOCK_EX)
            if gch.is_file():
                return cache
            out = self.dir / "pch-out"
            out.mkdir(mode=0o700, exist_ok=True)
            os.chown(out, self.uid, self.gid)
            hdir = str(Path(hdr).parent.parent)
            argv = [self.config.cxx, *self.config.cxx_flags, "-x", "c++-header", hdr, "-o", f"{OUT}/stdc++.h.gch"]
            big = Limits(time_limit=120, memory_mb=4096, fsize_mb=1024, output_limit=1 << 20)
            spec = _Spec(argv=argv, limits=big, cpu_limit=120, memory_mb=4096, wall=300,
                         out_dir=out, extra_ro=[(hdir, hdir)] if not hdir.startswith("/usr/") else [])
            res = self._run_spec(spec, b"", compile_step=True)
            built = out / "stdc++.h.gch"
            if res.verdict != AC or not built.is_file():
                log.warning("could not precompile bits/stdc++.h: %s", res.stderr[-500:])
                return None
            tmp = cache.with_name(cache.name + f".tmp{os.getpid()}")
            (tmp / "bits").mkdir(parents=True, exist_ok=True)
            shutil.move(str(built), tmp / "bits" / "stdc++.h.gch")
            os.chown(tmp / "bits" / "stdc++.h.gch", 0, 0)
            os.chmod(tmp / "bits" / "stdc++.h.gch", 0o644)
            os.rename(tmp, cache)
            return cache
        except OSError as e:
            log.warning("pch build failed: %s", e)
            return None
        finally:
            shutil.rmtree(self.dir / "pch-out", ignore_errors=True)
            os.close(lockf)

    # ---------------------------------------------------------------- the run itself
    def _cgroup_prepare(self, memory_mb: int, nprocs: int) -> int:
        """Set per-run cgroup limits, reset counters; returns the oom_kill count before the run."""
        oom = 0
        if self.cg_mem is not None:
            lim = str((memory_mb + 64) * 1024 * 1024)  # AS limit hits first; cgroup is the backstop
            for order in (("memory.memsw.limit_in_bytes", "memory.limit_in_bytes"),
                          ("memory.limit_in_bytes", "memory.memsw.limit_in_bytes")):
                try:
                    for fname in order:
                        (self.cg_mem / fname).write_text(lim)
                    break
                except OSError:
                    continue
            for fname in ("memory.max_usage_in_bytes", "memory.memsw.max_usage_in_bytes", "memory.failcnt"):
                try:
                    (self.cg_mem / fname).write_text("0")
                except OSError:
                    pass
            oom = self._oom_kills()
        if self.cg_pids is not None:
            (self.cg_pids / "pids.max").write_text(str(nprocs + 8))  # + bwrap/sh overhead
        if self.cg_cpu is not None:
            (self.cg_cpu / "cpuacct.usage").write_text("0")
        return oom

    def _oom_kills(self) -> int:
        try:
            for line in (self.cg_mem / "memory.oom_control").read_text().splitlines():  # type: ignore[operator]
                if line.startswith("oom_kill "):
                    return int(line.split()[1])
        except (OSError, TypeError):
            pass
        return 0

    def _build_argv(self, spec: _Spec, status_fd: int) -> list[str]:
        lim = spec.limits
        cpu_soft = max(1, math.ceil(spec.cpu_limit) + 1)
        as_kb = spec.memory_mb * 1024
        # join cgroups, set rlimits (dash: -f counts 512-byte blocks), then exec bwrap.
        script = []
        for cg in (self.cg_mem, self.cg_pids, self.cg_cpu):
            if cg is not None:
                script.append(f"echo $$ > {shlex.quote(str(cg / 'cgroup.procs'))} || exit 121")
        script += [f"ulimit -St {cpu_soft}", f"ulimit -Ht {cpu_soft + 1}", f"ulimit -v {as_kb}",
                   f"ulimit -s {min(as_kb, 256 * 1024)}", f"ulimit -p {lim.nproc}",
                   f"ulimit -f {lim.fsize_mb * 2048}", f"ulimit -n {lim.nofile}", "ulimit -c 0",
                   'exec "$@"']
        shell = ["/bin/sh", "-c", " && ".join(script[:-1]) + ' && exec "$@"', "sh"]
        if self.unsafe:  # explicit opt-out: rlimits + wall kill only; map sandbox paths to host
            mapping = [(SRC, spec.src_dir), (DATA, spec.data_dir), (OUT, spec.out_dir)]
            mapping += [(inside, Path(host)) for host, inside in spec.extra_ro]
            argv = []
            for a in spec.argv:
                for inside, host in mapping:
                    if host is not None and (a == inside or a.startswith(inside + "/")):
                        a = str(host) + a[len(inside):]
                argv.append(a)
            return shell + argv
        b = [self.report.bwrap or "bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net",
             "--unshare-uts", "--unshare-cgroup-try", "--die-with-parent", "--new-session",
             "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
             "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
             "--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--size", str(256 << 20), "--tmpfs", "/tmp",
             "--perms", "1777", "--size", str(max(64, lim.fsize_mb) << 20), "--tmpfs", BOX,
             *_python_binds(self.python)]
        if spec.src_dir is not None:
            b += ["--ro-bind", str(spec.src_dir), SRC]
        if spec.data_dir is not None:
            b += ["--ro-bind", str(spec.data_dir), DATA]
        if spec.out_dir is not None:
            b += ["--bind", str(spec.out_dir), OUT]
        for host, inside in spec.extra_ro:
            b += ["--ro-bind", host, inside]
        b += ["--chdir", BOX, "--clearenv", "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
              "--setenv", "HOME", BOX, "--setenv", "LANG", "C.UTF-8", "--setenv", "TMPDIR", "/tmp",
              "--json-status-fd", str(status_fd), "--",
              self.report.setpriv or "setpriv", "--reuid", str(self.uid), "--regid", str(self.gid),
              "--clear-groups", "--bounding-set", "-all", "--inh-caps", "-all", "--no-new-privs", "--"]
        return shell + b + spec.argv

    def _kill_cgroup(self, cg: Path) -> None:
        for _ in range(100):
            try:
                pids = [int(x) for x in (cg / "cgroup.procs").read_text().split()]
            except OSError:
                return
            if not pids:
                return
            for p in pids:
                try:
                    os.kill(p, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.01)

    def _kill_uid(self) -> None:
        """SIGKILL every process of the sandbox uid (the uid belongs to this worker alone)."""
        if self.unsafe:
            return
        try:
            subprocess.run([self.report.setpriv or "setpriv", "--reuid", str(self.uid), "--regid",
                            str(self.gid), "--clear-groups", "--", "/bin/sh", "-c", "kill -9 -1"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass

    def stray_processes(self) -> list[int]:
        """Pids of processes still running as the sandbox uid (should always be empty between runs)."""
        out = []
        for ent in os.listdir("/proc"):
            if ent.isdigit():
                try:
                    if os.stat(f"/proc/{ent}").st_uid == self.uid:
                        out.append(int(ent))
                except OSError:
                    pass
        return out

    def _run_spec(self, spec: _Spec, stdin: bytes, compile_step: bool = False) -> RunResult:
        with self._lock:
            if self._closed:
                raise SandboxError("sandbox is closed")
            return self._run_locked(spec, stdin, compile_step)

    def _run_locked(self, spec: _Spec, stdin: bytes, compile_step: bool) -> RunResult:
        lim = spec.limits
        oom_before = self._cgroup_prepare(spec.memory_mb, lim.nproc)
        status_r, status_w = os.pipe()
        argv = self._build_argv(spec, status_w)
        cap = lim.output_limit
        t0 = time.monotonic()
        with _spawn_lock:
            try:
                proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, pass_fds=(status_w,) if not self.unsafe else (),
                                        start_new_session=True, close_fds=True,
                                        env={"PATH": "/usr/bin:/bin"} if self.unsafe else {})
            except OSError as e:
                os.close(status_r)
                os.close(status_w)
                raise SandboxError(f"cannot start sandbox: {e}") from e
            _live_pids.add(proc.pid)
        os.close(status_w)
        out = bytearray()
        err = bytearray()
        out_trunc = err_trunc = False
        killed_wall = False
        overflow = False
        sel = selectors.DefaultSelector()
        assert proc.stdin and proc.stdout and proc.stderr
        sel.register(proc.stdout, selectors.EVENT_READ, "out")
        sel.register(proc.stderr, selectors.EVENT_READ, "err")
        pending = memoryview(stdin)
        if pending:
            os.set_blocking(proc.stdin.fileno(), False)
            sel.register(proc.stdin, selectors.EVENT_WRITE, "in")
        else:
            proc.stdin.close()
        deadline = t0 + spec.wall
        try:
            while len(sel.get_map()) > 0:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    killed_wall = True
                    break
                for key, _ in sel.select(min(remaining, 1.0)):
                    if key.data == "in":
                        try:
                            n = os.write(key.fd, pending[:65536])
                            pending = pending[n:]
                        except BlockingIOError:
                            continue
                        except (BrokenPipeError, OSError):
                            pending = pending[:0]
                        if not pending:
                            sel.unregister(key.fileobj)
                            key.fileobj.close()
                        continue
                    chunk = os.read(key.fd, 65536)
                    if not chunk:
                        sel.unregister(key.fileobj)
                        continue
                    buf = out if key.data == "out" else err
                    room = cap - len(buf)
                    if len(chunk) > room:
                        buf += chunk[:max(room, 0)]
                        if key.data == "out":
                            out_trunc = overflow = True
                        else:
                            err_trunc = True
                            if len(err) >= cap:
                                overflow = True
                    else:
                        buf += chunk
                if overflow:
                    break
        finally:
            sel.close()
        if killed_wall or overflow:
            self._kill_tree(proc)
        # Wait for the tree; the wall deadline still applies (plus grace).
        status = self._wait(proc, deadline + 5)
        wall = time.monotonic() - t0
        for f in (proc.stdin, proc.stdout, proc.stderr):
            try:
                if f and not f.closed:
                    f.close()
            except OSError:
                pass
        started, status_exit = self._read_status(status_r)
        with _spawn_lock:
            _live_pids.discard(proc.pid)
        # Nothing of the sandbox uid may survive the run.
        if self.cg_pids is not None:
            self._kill_cgroup(self.cg_pids)
        elif not self.unsafe and self.stray_processes():
            self._kill_uid()
        if self.cg_mem is not None:
            self._kill_cgroup(self.cg_mem)
        if self.cg_cpu is not None:
            self._kill_cgroup(self.cg_cpu)
        _reap_orphans()

        wstatus, ru = status
        # bwrap's monitor does not wait for its pid 1, so rusage misses the program: use cgroups.
        cpu = ru.ru_utime + ru.ru_stime if ru else 0.0
        peak = (ru.ru_maxrss / 1024.0) if ru else 0.0
        if self.cg_cpu is not None:
            try:
                cpu = int((self.cg_cpu / "cpuacct.usage").read_text()) / 1e9
            except (OSError, ValueError):
                pass
        if self.cg_mem is not None:
            try:
                peak = int((self.cg_mem / "memory.max_usage_in_bytes").read_text()) / 2**20
            except (OSError, ValueError):
                pass
        sig = None
        code: int | None = None
        if os.WIFSIGNALED(wstatus):
            sig = os.WTERMSIG(wstatus)
        else:
            code = os.WEXITSTATUS(wstatus)
        if not self.unsafe and not started:
            if killed_wall or overflow:
                pass
            elif code == 121:
                raise SandboxError("could not join the sandbox cgroup")
            else:
                raise SandboxError("bwrap failed to start the sandbox: "
                                   + bytes(err[-1000:]).decode("utf-8", "replace"))
        if status_exit is not None:
            code = status_exit
        if code is not None and code > 128 and code - 128 < 65:
            sig, code = code - 128, None
        oom = self.cg_mem is not None and self._oom_kills() > oom_before
        errtxt = bytes(err[-4000:])
        if overflow:
            verdict, detail = OLE, f"output exceeded {cap} bytes"
        elif cpu > spec.cpu_limit or sig == signal.SIGXCPU:
            verdict, detail = TLE, f"cpu time {cpu:.2f}s > {spec.cpu_limit:g}s"
        elif killed_wall:
            verdict, detail = TLE, f"wall-clock backstop {spec.wall:g}s hit (cpu {cpu:.2f}s)"
        elif oom or (code not in (0, None) or sig) and (
                b"MemoryError" in errtxt or b"std::bad_alloc" in errtxt
                or b"virtual memory exhausted" in errtxt or b"out of memory" in errtxt
                or b"Cannot allocate memory" in errtxt):
            verdict, detail = MLE, "memory limit exceeded" + (" (cgroup OOM kill)" if oom else "")
        elif sig is not None:
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
            verdict, detail = RE, f"killed by {name}"
        elif code != 0:
            verdict, detail = RE, f"exit code {code}"
        else:
            verdict, detail = AC, ""
        return RunResult(verdict=verdict, exit_code=code, signal=sig, cpu_time=cpu, wall_time=wall,
                         peak_memory_mb=peak, stdout=bytes(out), stderr=bytes(err),
                         stdout_truncated=out_trunc, stderr_truncated=err_trunc, detail=detail)

    def _kill_tree(self, proc: subprocess.Popen) -> None:
        if self.cg_pids is not None:
            self._kill_cgroup(self.cg_pids)
        self._kill_uid()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    def _wait(self, proc: subprocess.Popen, deadline: float):
        """wait4 the sandbox (to get the rusage of the whole reaped tree), killing on deadline."""
        killed = False
        t = time.monotonic()
        while True:
            try:
                pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            except ChildProcessError:
                proc.returncode = -9
                return (9, None)
            if pid == proc.pid:
                proc.returncode = os.waitstatus_to_exitcode(st)
                return (st, ru)
            if time.monotonic() > deadline and not killed:
                self._kill_tree(proc)
                killed = True
            time.sleep(0.001 if time.monotonic() - t < 0.05 else 0.01)

    @staticmethod
    def _read_status(fd: int) -> tuple[bool, int | None]:
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
