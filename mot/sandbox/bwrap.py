"""The one bubblewrap command line of the sandbox, shared by the runner and the isolation probe.

Inside the box: a read-only ``/usr`` (and the interpreter's prefix when it lives elsewhere), fresh
``/proc``, ``/dev`` and tmpfs ``/tmp`` and ``/box`` (the working dir), no network, IPC, UTS or PID
sharing, an empty environment. Callers add their own mounts (the program at ``/src`` …).

Example:
    >>> argv = bwrap_argv("bwrap", "/usr/bin/python3", [Mount("/host/prog", SRC_DIR)], box_mb=64)
    >>> argv[argv.index("/host/prog") - 1:][:3]
    ['--ro-bind', '/host/prog', '/src']
    >>> argv[-1]
    '--'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Where things live inside the box.
SRC_DIR, OUT_DIR, BOX_DIR, PCH_DIR = "/src", "/out", "/box", "/pch"
TMP_SIZE_MB = 256
# Programs: isolated mode (no user site dir, no PYTHON* variables, no script dir on sys.path), no
# .pyc writes; `site` stays, so exit()/quit() exist as on every judge.
PYTHON_FLAGS = ("-I", "-B")
JUDGE_PYTHON_FLAGS = ("-I", "-S", "-B")  # the in-box judge needs no site


@dataclass(frozen=True)
class Mount:
    """A host path visible inside the box (read-only unless ``writable``)."""

    host: str
    inside: str
    writable: bool = False


def python_mounts(python: str) -> list[Mount]:
    """The interpreter's real prefix, read-only, when it lives outside /usr (e.g. pyenv under a
    /root that a non-root uid cannot traverse)."""
    real = os.path.realpath(python)
    if real.startswith("/usr/"):
        return []
    prefix = str(Path(real).parent.parent)
    return [Mount(prefix, prefix)]


def bwrap_argv(bwrap: str, python: str, mounts: list[Mount], box_mb: int) -> list[str]:
    """bwrap argv ending in ``--``: append the command to run inside the box. It runs as the box's
    root (bwrap started by root keeps root's capabilities, inside the namespaces); that is the
    in-box judge, `mot.sandbox.box_init`, which drops every program it runs to the sandbox uid with
    no capabilities (bounding set included) and no_new_privs."""
    argv = [bwrap, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(TMP_SIZE_MB << 20), "--tmpfs", "/tmp",
            "--perms", "1777", "--size", str(box_mb << 20), "--tmpfs", BOX_DIR]
    for mount in [*python_mounts(python), *mounts]:
        argv += ["--bind" if mount.writable else "--ro-bind", mount.host, mount.inside]
    return [*argv, "--chdir", BOX_DIR, "--clearenv", "--"]
