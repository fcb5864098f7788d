"""The judge inside one box. This file runs INSIDE the sandbox (never imported by mot), as the box's
root: bwrap starts it once per program, then it runs one command per request, each in a fresh
process that drops to the sandbox uid, with that request's rlimits. Standard library only.

    python -I -S -B box_init.py --uid UID --gid GID --clean /box --clean /tmp
    python -I -S -B box_init.py --box-dir DIR          (the explicit unsafe opt-out: no uid drop)

Protocol over stdin/stdout, one request at a time: a JSON line, then the bytes it announces
(each file of `files`, then stdin); the reply is a JSON line, then stdout, stderr and the collected
file. Between requests every process of the box but this one and bwrap's init is killed and the
cleaned dirs are emptied, so each run starts from fresh process and file state.

The program cannot touch this process: it runs as another uid, without capabilities, and this
process is not dumpable. Its stdin is an in-memory file (like a judge's input file, so
`open(0).read()` and `sys.stdin.buffer` work), its stdout and stderr are pipes read up to a cap.
"""
import ctypes
import json
import os
import resource
import selectors
import shutil
import signal
import stat
import sys
import time

PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 4, 24, 38
CHUNK = 65536
_libc = ctypes.CDLL(None, use_errno=True)


def read_exact(stream, n):
    data = bytearray()
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            raise EOFError("host closed the box mid-request")
        data += chunk
    return bytes(data)


def last_capability():
    try:
        with open("/proc/sys/kernel/cap_last_cap") as f:
            return int(f.read())
    except (OSError, ValueError):
        return 63


def drop_privileges(uid, gid):
    """In the child, before exec: no capabilities (bounding set too), no groups, the sandbox uid,
    no_new_privs. Mirrors `setpriv --clear-groups --bounding-set -all --no-new-privs`."""
    for cap in range(last_capability() + 1):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")


def write_oom_score_adj(value):
    """Best effort: lowering it needs CAP_SYS_RESOURCE, which some containers withhold."""
    try:
        fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY)
        try:
            os.write(fd, str(value).encode())
        finally:
            os.close(fd)
    except OSError:
        pass


def set_limits(lim):
    cpu = int(lim["cpu"])
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (lim["as_bytes"], lim["as_bytes"]))
    resource.setrlimit(resource.RLIMIT_STACK, (lim["stack_bytes"], lim["stack_bytes"]))
    resource.setrlimit(resource.RLIMIT_NPROC, (lim["nproc"], lim["nproc"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (lim["fsize_bytes"], lim["fsize_bytes"]))
    resource.setrlimit(resource.RLIMIT_NOFILE, (lim["nofile"], lim["nofile"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


class Box:
    def __init__(self, uid, gid, box_dir, clean_dirs):
        self.uid, self.gid = uid, gid
        self.box_dir = box_dir
        self.clean_dirs = clean_dirs
        self.env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": box_dir, "LANG": "C.UTF-8",
                    "TMPDIR": "/tmp" if uid is not None else box_dir}

    # ------------------------------------------------------------------ one run
    def run(self, req, files, stdin):
        for name, content in files:
            path = os.path.join(self.box_dir, name)
            with open(path, "wb") as f:
                f.write(content)
            os.chmod(path, 0o644)
        lim = req["limits"]
        stdin_fd = os.memfd_create("stdin", 0)
        view = memoryview(stdin)
        while view:
            view = view[os.write(stdin_fd, view):]
        os.lseek(stdin_fd, 0, os.SEEK_SET)
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        exec_r, exec_w = os.pipe2(os.O_CLOEXEC)
        self_before = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.monotonic()
        pid = os.fork()
        if pid == 0:
            self.child(req["argv"], lim, stdin_fd, out_w, err_w, exec_w)
        for fd in (stdin_fd, out_w, err_w, exec_w):
            os.close(fd)
        exec_error = os.read(exec_r, 4096).decode("utf-8", "replace")
        os.close(exec_r)
        reply = self.supervise(pid, out_r, err_r, lim, t0)
        self_after = resource.getrusage(resource.RUSAGE_SELF)
        reply["self_cpu"] = (self_after.ru_utime + self_after.ru_stime) - (self_before.ru_utime + self_before.ru_stime)
        reply["exec_error"] = exec_error or None
        collected = None
        if req.get("collect"):
            collected = self.read_regular_file(os.path.join(self.box_dir, req["collect"]), lim["output_limit"])
        self.reset()
        return reply, collected

    def child(self, argv, lim, stdin_fd, out_w, err_w, exec_w):
        try:
            os.setsid()
            os.dup2(stdin_fd, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.closerange(3, exec_w)
            os.closerange(exec_w + 1, 65536)
            if self.uid is not None:
                write_oom_score_adj(0)  # undo the judge's OOM protection
            set_limits(lim)
            if self.uid is not None:
                drop_privileges(self.uid, self.gid)
            os.chdir(self.box_dir)
            os.execvpe(argv[0], argv, self.env)
        except BaseException as e:
            try:
                os.write(exec_w, ("%s: %s" % (type(e).__name__, e)).encode())
            finally:
                os._exit(127)

    def supervise(self, pid, out_r, err_r, lim, t0):
        cap, deadline = lim["output_limit"], t0 + lim["wall"]
        bufs = {out_r: bytearray(), err_r: bytearray()}
        truncated = {out_r: False, err_r: False}
        overflow = killed_on_wall = False
        pidfd = os.pidfd_open(pid)
        sel = selectors.DefaultSelector()
        for fd in (out_r, err_r):
            os.set_blocking(fd, False)
            sel.register(fd, selectors.EVENT_READ)
        sel.register(pidfd, selectors.EVENT_READ)
        exited = False
        while not exited:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                killed_on_wall = True
                break
            for key, _ in sel.select(remaining):
                if key.fd == pidfd:
                    exited = True
                    continue
                if self.drain(key.fd, bufs, truncated, cap, sel):
                    overflow = True
            if overflow:
                break
        sel.unregister(pidfd)
        os.close(pidfd)
        self.kill_others(pid)
        _, status, rusage = os.wait4(pid, 0)
        wall = time.monotonic() - t0
        # Everything that held the pipes is dead now: read what is left.
        drain_deadline = time.monotonic() + 2.0
        while sel.get_map() and time.monotonic() < drain_deadline:
            for key, _ in sel.select(0.1):
                if self.drain(key.fd, bufs, truncated, cap, sel):
                    overflow = True
        sel.close()
        for fd in (out_r, err_r):
            os.close(fd)
        if os.WIFSIGNALED(status):
            code, sig = None, os.WTERMSIG(status)
        else:
            code, sig = os.WEXITSTATUS(status), None
        return {"exit_code": code, "signal": sig, "child_cpu": rusage.ru_utime + rusage.ru_stime,
                "maxrss_kb": rusage.ru_maxrss, "wall": wall, "stdout": bytes(bufs[out_r]),
                "stderr": bytes(bufs[err_r]), "stdout_truncated": truncated[out_r],
                "stderr_truncated": truncated[err_r], "overflow": overflow, "killed_on_wall": killed_on_wall}

    @staticmethod
    def drain(fd, bufs, truncated, cap, sel):
        """Read what `fd` has; True when the stream went over the cap."""
        try:
            chunk = os.read(fd, CHUNK)
        except BlockingIOError:
            return False
        if not chunk:
            sel.unregister(fd)
            return False
        buf = bufs[fd]
        room = cap - len(buf)
        if len(chunk) > room:
            buf += chunk[:max(room, 0)]
            truncated[fd] = True
            sel.unregister(fd)
            return True
        buf += chunk
        return False

    def kill_others(self, pid):
        """SIGKILL the program's whole tree: its session, and (in the box's own pid namespace)
        every process but this one and bwrap's init."""
        for kill, target in ((os.killpg, pid), (os.kill, pid)):
            try:
                kill(target, signal.SIGKILL)
            except OSError:
                pass
        if self.uid is None:
            return  # unsafe opt-out: we share the host's pid namespace, never kill(-1) there
        me = os.getpid()
        for _ in range(1000):
            try:
                os.kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                pass
            alive = [p for p in self.pids() if p not in (1, me, pid)]
            if not alive:
                return
            time.sleep(0.001)

    @staticmethod
    def pids():
        alive = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry, "rb") as f:
                        state = f.read().rsplit(b")", 1)[1].split()[0]
                except (OSError, IndexError):
                    continue
                if state != b"Z":
                    alive.append(int(entry))
        return alive

    @staticmethod
    def read_regular_file(path, cap):
        """The file's first `cap` bytes; None when missing or not a regular file (never follows a
        symlink the program planted)."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            data = bytearray()
            while len(data) < cap:
                chunk = os.read(fd, min(CHUNK, cap - len(data)))
                if not chunk:
                    break
                data += chunk
            return bytes(data)
        finally:
            os.close(fd)

    def reset(self):
        for d in self.clean_dirs:
            for entry in os.listdir(d):
                path = os.path.join(d, entry)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    try:
                        os.unlink(path)
                    except OSError:
                        pass


def main():
    args = sys.argv[1:]
    opts = {"--uid": None, "--gid": None, "--box-dir": "/box"}
    clean = []
    for flag, value in zip(args[::2], args[1::2]):
        if flag == "--clean":
            clean.append(value)
        else:
            opts[flag] = value
    uid = int(opts["--uid"]) if opts["--uid"] is not None else None
    gid = int(opts["--gid"]) if opts["--gid"] is not None else None
    if uid is not None:
        _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        write_oom_score_adj(-1000)
    box = Box(uid, gid, opts["--box-dir"], clean or [opts["--box-dir"]])
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    out.write(b'{"ready": true}\n')
    out.flush()
    while True:
        line = inp.readline()
        if not line:
            return
        req = json.loads(line)
        files = [(name, read_exact(inp, n)) for name, n in req.get("files", [])]
        stdin = read_exact(inp, req.get("stdin", 0))
        reply, collected = box.run(req, files, stdin)
        stdout, stderr = reply.pop("stdout"), reply.pop("stderr")
        reply.update(stdout=len(stdout), stderr=len(stderr), collected=-1 if collected is None else len(collected))
        out.write(json.dumps(reply).encode() + b"\n" + stdout + stderr + (collected or b""))
        out.flush()


if __name__ == "__main__":
    main()
