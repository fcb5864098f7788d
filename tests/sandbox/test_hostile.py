"""Hostile programs: each must be contained, and the host left untouched."""
import os
import resource
import socket
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from mot.sandbox import CE, MLE, OLE, RE, TLE, Limits


def own_zombies():
    me = str(os.getpid())
    out = []
    for ent in os.listdir("/proc"):
        if ent.isdigit():
            try:
                st = Path(f"/proc/{ent}/stat").read_text()
            except OSError:
                continue
            rest = st[st.rfind(")") + 2:].split()
            if rest[0] == "Z" and rest[1] == me:
                out.append(int(ent))
    return out


@pytest.fixture(autouse=True)
def host_clean_after(sb):
    yield
    assert sb.stray_processes() == [], "processes of the sandbox uid survived the run"
    assert own_zombies() == [], "zombie children left behind"


def run(sb, src, lang="python", **lim):
    return sb.run(lang, textwrap.dedent(src), b"", Limits(**lim))


def test_runs_as_unprivileged_uid_without_caps(sb):
    r = run(sb, """
        import os
        caps = [l.split()[1] for l in open('/proc/self/status') if l.startswith(('CapEff', 'CapPrm', 'CapBnd'))]
        print(os.getuid(), os.geteuid(), os.getgid(), *caps)
    """)
    uid, euid, gid, *caps = r.stdout.split()
    assert int(uid) == int(euid) == sb.uid >= 20001 and int(gid) == sb.gid
    assert all(int(c, 16) == 0 for c in caps)


def test_infinite_loop_tle_on_cpu(sb):
    r = run(sb, "while True: pass", time_limit=1)
    assert r.verdict == TLE  # on CPU time (SIGXCPU), or the wall backstop on a loaded machine


def test_sleep_forever_wall_backstop(sb):
    t = time.monotonic()
    r = run(sb, "import time\ntime.sleep(10**6)", time_limit=1, wall_limit=2)
    assert r.verdict == TLE and "wall" in r.detail
    assert time.monotonic() - t < 8


def test_10gib_allocation(sb):
    r = run(sb, "x = bytearray(10 * 1024**3)\nprint(len(x))", memory_mb=256)
    assert r.verdict == MLE and r.stdout == b""
    r = run(sb, "x = []\nwhile True: x.append(bytearray(50 * 1024**2))", memory_mb=256)
    assert r.verdict == MLE


def test_fork_probe_capped(sb):
    r = run(sb, """
        import os, time
        n = 0
        for _ in range(200):
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                time.sleep(3); os._exit(0)
            n += 1
        print(n)
    """, nproc=32)
    assert int(r.stdout) <= 32


def test_fork_bomb(sb):
    before = len([p for p in os.listdir("/proc") if p.isdigit()])
    r = run(sb, """
        import os
        while True:
            try:
                os.fork()
            except OSError:
                pass
    """, time_limit=1, wall_limit=4)
    assert r.verdict in (TLE, RE)
    after = len([p for p in os.listdir("/proc") if p.isdigit()])
    assert after <= before + 5


def test_write_outside_box(sb, tmp_path):
    marker = f"mot-sandbox-escape-{uuid.uuid4().hex}"
    targets = [f"/tmp/{marker}", f"{tmp_path}/{marker}", f"/usr/{marker}", f"/src/{marker}",
               f"/{marker}", f"/work/{marker}", f"/root/{marker}"]
    r = run(sb, f"""
        ok = []
        for p in {targets!r}:
            try:
                open(p, 'w').write('x'); ok.append(p)
            except OSError:
                pass
        open('/box/inside', 'w').write('fine')
        print(ok)
    """)
    assert r.verdict == "AC"
    for p in targets:
        assert not os.path.exists(p), f"{p} appeared on the host"
    assert list(Path("/tmp").glob(marker + "*")) == []


def test_read_secrets(sb):
    assert os.path.exists("/etc/shadow")  # the host has it
    r = run(sb, """
        import os
        res = []
        for p in ['/etc/shadow', '/etc/passwd', '/root/.bashrc']:
            try:
                open(p).read(); res.append('READ ' + p)
            except OSError as e:
                res.append(type(e).__name__)
        try:
            res.append('LIST ' + str(os.listdir('/root')))
        except OSError as e:
            res.append(type(e).__name__)
        print(res)
    """)
    assert b"READ" not in r.stdout and b"LIST" not in r.stdout, r.stdout


def test_connect_to_host_listener(sb):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    srv.setblocking(False)
    port = srv.getsockname()[1]
    try:
        r = run(sb, f"""
            import socket
            for host in ['127.0.0.1', '1.1.1.1']:
                s = socket.socket(); s.settimeout(2)
                try:
                    s.connect((host, {port})); print('CONNECTED', host)
                except OSError as e:
                    print('refused', host, type(e).__name__)
        """)
        assert b"CONNECTED" not in r.stdout
        with pytest.raises(BlockingIOError):
            srv.accept()
    finally:
        srv.close()


def test_huge_stdout(sb):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    r = run(sb, """
        import sys
        chunk = 'x' * (1 << 20)
        for _ in range(1 << 14):   # 16 GiB if uncapped
            sys.stdout.write(chunk)
    """, output_limit=8 << 20)
    assert r.verdict == OLE and len(r.stdout) == 8 << 20 and r.stdout_truncated
    grew_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grew_mb < 64


def test_huge_file(sb):
    r = run(sb, "open('/box/big', 'wb').write(b'x' * (200 << 20))", fsize_mb=16, memory_mb=512)
    assert r.verdict in (RE, MLE)


def test_setsid_orphan_killed(sb, tmp_path):
    t = time.monotonic()
    r = run(sb, """
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(600)
            os._exit(0)
        print('parent done')
    """)
    assert r.stdout.strip() == b"parent done"
    assert time.monotonic() - t < 5  # the run does not wait for the orphan
    # the autouse fixture asserts no process of the sandbox uid survives


def test_kill_parent(sb):
    r = run(sb, """
        import os, signal
        for target in (os.getppid(), 1):
            try:
                os.kill(target, signal.SIGKILL)
            except OSError as e:
                print(type(e).__name__)
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError as e:
            print(type(e).__name__)
        print('still here')
    """)
    assert r.verdict in ("AC", RE)
    # the sandbox keeps working afterwards
    assert run(sb, "print(6*7)").stdout == b"42\n"


def test_cpp_compile_bombs(sb):
    deep = """
        template<int N> struct F { static const long v = F<N-1>::v + 1; };
        template<> struct F<0> { static const long v = 0; };
        int main() { return F<100000>::v; }
    """
    r = run(sb, deep, lang="cpp")
    assert r.verdict == CE
    t = time.monotonic()
    r = run(sb, '#include "/dev/zero"\nint main(){}\n', lang="cpp", compile_time_limit=5)
    assert r.verdict == CE and time.monotonic() - t < 30
    # exponential include fan-out (each header includes the next twice)
    hdrs = "\n".join(f"#define H{i}() H{i+1}() H{i+1}()" for i in range(40)) + "\n#define H40() x\n"
    t = time.monotonic()
    r = run(sb, hdrs + "int main(){ int x = 0; H0(); }\n", lang="cpp", compile_time_limit=3,
            compile_memory_mb=1024)
    assert r.verdict == CE and time.monotonic() - t < 30


def test_cpp_runtime_containment(sb):
    r = run(sb, "#include <unistd.h>\nint main(){ while(1) fork(); }", lang="cpp", time_limit=1, wall_limit=3)
    assert r.verdict in (TLE, RE)
    r = run(sb, "#include <vector>\nint main(){ std::vector<char> v(10LL<<30, 1); return v[5]; }", lang="cpp", memory_mb=256)
    assert r.verdict == MLE
