"""The one bubblewrap command line of the sandbox, shared by the runner and the isolation probe.

Inside the box: a read-only ``/usr`` (and the interpreter's prefix when it lives elsewhere), fresh
``/proc``, ``/dev`` and tmpfs ``/tmp`` and ``/box`` (the working dir), no network, IPC, UTS or PID
sharing, an empty environment, and the command run by ``setpriv`` as an unprivileged uid with no
capabilities and ``no_new_privs``. Callers add their own mounts (the program at ``/src`` …).

Example:
    >>> argv = bwrap_argv(BoxIdentity("bwrap", "setpriv", 20001, 20001), "/usr/bin/python3",
    ...                   [Mount("/host/prog", SRC_DIR)], box_mb=64)
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
SRC_DIR, DATA_DIR, OUT_DIR, BOX_DIR, PCH_DIR = "/src", "/data", "/out", "/box", "/pch"
TMP_SIZE_MB = 256
PYTHON_FLAGS = ("-I", "-S", "-B")  # isolated mode (no user site, no PYTHON* variables), no site, no .pyc
ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": BOX_DIR, "LANG": "C.UTF-8", "TMPDIR": "/tmp"}


@dataclass(frozen=True)
class Mount:
    """A host path visible inside the box (read-only unless ``writable``)."""

    host: str
    inside: str
    writable: bool = False


@dataclass(frozen=True)
class BoxIdentity:
    """The tools that build the box and the uid/gid the program runs as inside it."""

    bwrap: str
    setpriv: str
    uid: int
    gid: int


def python_mounts(python: str) -> list[Mount]:
    """The interpreter's real prefix, read-only, when it lives outside /usr (e.g. pyenv under a
    /root that a non-root uid cannot traverse)."""
    real = os.path.realpath(python)
    if real.startswith("/usr/"):
        return []
    prefix = str(Path(real).parent.parent)
    return [Mount(prefix, prefix)]


def bwrap_argv(identity: BoxIdentity, python: str, mounts: list[Mount], box_mb: int,
               status_fd: int | None = None) -> list[str]:
    """bwrap + setpriv argv ending in ``--``: append the command to run inside the box."""
    argv = [identity.bwrap, "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--die-with-parent", "--new-session",
            "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--proc", "/proc", "--dev", "/dev",
            "--perms", "1777", "--size", str(TMP_SIZE_MB << 20), "--tmpfs", "/tmp",
            "--perms", "1777", "--size", str(box_mb << 20), "--tmpfs", BOX_DIR]
    for mount in [*python_mounts(python), *mounts]:
        argv += ["--bind" if mount.writable else "--ro-bind", mount.host, mount.inside]
    argv += ["--chdir", BOX_DIR, "--clearenv"]
    for name, value in ENV.items():
        argv += ["--setenv", name, value]
    if status_fd is not None:
        argv += ["--json-status-fd", str(status_fd)]
    argv += ["--", identity.setpriv, "--reuid", str(identity.uid), "--regid", str(identity.gid),
             "--clear-groups", "--bounding-set", "-all", "--inh-caps", "-all", "--no-new-privs", "--"]
    return argv
