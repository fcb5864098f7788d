"""Call-based test harness. This file is copied into the sandbox and run there (never on the host):
    python harness.py PROGRAM TESTS_JSON
It executes PROGRAM in a fresh namespace, then each test snippet (asserts) in that namespace, with a
per-test CPU-time alarm, and writes one JSON line per step to the original stdout. The program's own
prints go to stderr. Limitation: tests share a process with the program, so a deliberately hostile
program could forge results; the sandbox still contains it."""
import json
import os
import signal
import sys
import time
import traceback


class _Timeout(BaseException):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def main():
    prog_path, tests_path = sys.argv[1], sys.argv[2]
    with open(tests_path) as f:
        cfg = json.load(f)
    with open(prog_path) as f:
        src = f.read()
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    tl = float(cfg["time_limit"])
    signal.signal(signal.SIGPROF, _alarm)
    ns = {"__name__": "__solution__", "__builtins__": __builtins__}
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))

    def emit(d):
        out.write(json.dumps(d) + "\n")
        out.flush()

    def run(code, filename):
        t0 = time.process_time()
        status, detail = "AC", ""
        try:
            signal.setitimer(signal.ITIMER_PROF, tl)
            try:
                exec(compile(code, filename, "exec"), ns)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
        except _Timeout:
            status, detail = "TLE", "cpu time limit"
        except AssertionError as e:
            status, detail = "WA", _where(e, code, filename) or "assertion failed"
        except MemoryError:
            status, detail = "MLE", "MemoryError"
        except SystemExit as e:
            status, detail = "RE", "SystemExit(%r)" % (e.code,)
        except BaseException as e:
            status, detail = "RE", "%s: %s" % (type(e).__name__, str(e)[:200])
            w = _where(e, code, filename)
            if w:
                detail += " at " + w
        cpu = time.process_time() - t0
        if status == "AC" and cpu > tl:
            status, detail = "TLE", "cpu time %.2fs" % cpu
        return status, detail[:300], cpu

    st, detail, cpu = run(src, "<solution>")
    emit({"load": st, "detail": detail, "cpu": cpu})
    if st != "AC":
        return
    for i, code in enumerate(cfg["tests"]):
        st, detail, cpu = run(code, "<test %d>" % i)
        emit({"i": i, "v": st, "detail": detail, "cpu": cpu})
        if st != "AC" and cfg.get("stop_early", True):
            break
    emit({"done": True})


def _where(exc, code, filename):
    lines = code.splitlines()
    for fr in reversed(traceback.extract_tb(exc.__traceback__)):
        if fr.filename == filename and fr.lineno and 0 < fr.lineno <= len(lines):
            return "line %d: %s" % (fr.lineno, lines[fr.lineno - 1].strip()[:200])
    return ""


if __name__ == "__main__":
    main()
