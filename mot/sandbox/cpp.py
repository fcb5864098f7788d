"""Compile a C++ program inside the sandbox, with Codeforces' flags and the precompiled header.

    g++ -O2 -DONLINE_JUDGE -std=c++17 -I /pch /src/main.cpp -o /out/prog     (-std=c++20 when asked)

The compiler runs in a box of its own (the program's dir read-only at /src, a writable /out that
only the sandbox uid may write); the binary then moves next to the source, owned by root.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mot.sandbox.bwrap import OUT_DIR, PCH_DIR, SRC_DIR, Mount
from mot.sandbox.compile_cache import precompiled_header_dir
from mot.sandbox.types import AC, CE, MLE, OLE, TLE, Limits, RunResult, SandboxConfig

CPP_STANDARDS = ("c++17", "c++20")
PCH_LIMITS = Limits(time_limit=120, memory_mb=4096, fsize_mb=1024, output_limit=1 << 20)


def cxx_flags(base_flags: tuple[str, ...], standard: str) -> list[str]:
    """The compiler flags for `standard`.

    >>> cxx_flags(("-O2", "-DONLINE_JUDGE"), "c++20")
    ['-O2', '-DONLINE_JUDGE', '-std=c++20']
    """
    if standard not in CPP_STANDARDS:
        raise ValueError(f"unsupported C++ standard {standard!r}; expected one of {CPP_STANDARDS}")
    return [*base_flags, f"-std={standard}"]


# run_once(argv, mounts, limits, cpu_limit, memory_mb, wall, box_mb): argv in a box of its own
RunOnce = Callable[[list[str], list[Mount], Limits, float, int, float, int], RunResult]


@dataclass
class CppCompiler:
    """Compiles for one sandbox worker: its config, scratch dir, uid and way of running a box."""

    config: SandboxConfig
    scratch: Path
    uid: int
    gid: int
    run_once: RunOnce
    use_pch: bool = True

    def _writable_out(self, name: str) -> Path:
        """A host dir only this worker's sandbox uid may write (bound at /out for compilers)."""
        path = self.scratch / name
        path.mkdir(mode=0o700, exist_ok=True)
        os.chown(path, self.uid, self.gid)
        return path

    def _pch_dir(self, flags: list[str]) -> Path | None:
        if not self.use_pch:
            return None

        def compile_header(argv: list[str], out: Path, mounts: list[Mount]) -> bool:
            os.chown(out, self.uid, self.gid)
            result = self.run_once(argv, [Mount(str(out), OUT_DIR, writable=True), *mounts], PCH_LIMITS,
                                   PCH_LIMITS.time_limit, PCH_LIMITS.memory_mb, 300, 64)
            return result.verdict == AC

        return precompiled_header_dir(self.config.cxx, tuple(flags), self.config.cache_dir, self.scratch,
                                      compile_header)

    def compile(self, src_dir: Path, limits: Limits, standard: str) -> RunResult:
        """Compile ``src_dir/main.cpp`` to ``src_dir/prog``; a failure is a RunResult with verdict CE."""
        flags = cxx_flags(self.config.cxx_flags, standard)
        pch = self._pch_dir(flags)
        out = self._writable_out(f"out-{src_dir.name}")
        argv = [self.config.cxx, *flags]
        mounts = [Mount(str(src_dir), SRC_DIR), Mount(str(out), OUT_DIR, writable=True)]
        if pch is not None:
            argv += ["-I", PCH_DIR]
            mounts.append(Mount(str(pch), PCH_DIR))
        argv += [f"{SRC_DIR}/main.cpp", "-o", f"{OUT_DIR}/prog"]
        try:
            result = self.run_once(argv, mounts, limits, limits.compile_time_limit, limits.compile_memory_mb,
                                   max(3 * limits.compile_time_limit, 30.0), max(64, limits.fsize_mb))
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
