"""The verdict classifier and the box's command line: pure, no bwrap needed."""
import signal

from mot.sandbox import AC, MLE, OLE, RE, TLE, Limits
from mot.sandbox.box import BoxSetup, RunRequest, box_command, rlimits
from mot.sandbox.bwrap import Mount, bwrap_argv
from mot.sandbox.isolation import PROBE_UID, probe_setup
from mot.sandbox.verdict import RunObservation, classify


def seen(**kw):
    base = dict(exit_code=0, signal=None, cpu_time=0.5, cpu_limit=2.0, wall_limit=12.0, output_limit=100)
    return RunObservation(**{**base, **kw})


def test_clean_exit_is_ac_and_failures_are_re():
    assert classify(seen()) == (AC, "")
    assert classify(seen(exit_code=3)) == (RE, "exit code 3")
    assert classify(seen(exit_code=None, signal=signal.SIGSEGV)) == (RE, "killed by SIGSEGV")
    assert classify(seen(exit_code=None, signal=77))[0] == RE  # a number naming no signal


def test_time_on_cpu_and_wall_backstop():
    assert classify(seen(cpu_time=2.01))[0] == TLE
    assert classify(seen(cpu_time=2.0))[0] == AC  # the limit itself is allowed
    assert classify(seen(exit_code=None, signal=signal.SIGXCPU, cpu_time=1.0))[0] == TLE
    verdict, detail = classify(seen(killed_on_wall=True, exit_code=None, signal=signal.SIGKILL))
    assert verdict == TLE and "wall" in detail


def test_memory_needs_a_failed_exit_or_an_oom_kill():
    assert classify(seen(exit_code=1, stderr_tail=b"MemoryError\n"))[0] == MLE
    assert classify(seen(exit_code=None, signal=signal.SIGABRT, stderr_tail=b"std::bad_alloc"))[0] == MLE
    assert classify(seen(exit_code=0, stderr_tail=b"MemoryError"))[0] == AC  # printed, not raised
    assert classify(seen(exit_code=None, signal=signal.SIGKILL, oom_killed=True))[0] == MLE
    assert classify(seen(exit_code=None, signal=signal.SIGKILL))[0] == RE


def test_output_overflow_wins_over_everything():
    assert classify(seen(output_overflow=True, cpu_time=5.0, oom_killed=True)) == (OLE, "output exceeded 100 bytes")
    assert classify(seen(output_overflow=False, cpu_time=5.0))[0] == TLE


def test_probe_certifies_the_box_programs_run_in():
    probe = probe_setup("bwrap", "/usr/bin/python3")
    program = BoxSetup(bwrap="bwrap", python="/usr/bin/python3", uid=20001, gid=20001, mounts=[], box_mb=64)
    probe_cmd, program_cmd = box_command(probe), box_command(program)
    assert [a for a in probe_cmd if a != str(PROBE_UID)] == [a for a in program_cmd if a != "20001"]
    assert "/sbin" in probe_cmd and "--clearenv" in probe_cmd and "--unshare-net" in probe_cmd
    assert "--cap-add" not in probe_cmd  # would leave ambient capabilities to programs


def test_mounts_read_only_unless_writable():
    argv = bwrap_argv("bwrap", "/usr/bin/python3", [Mount("/h/src", "/src"), Mount("/h/out", "/out", writable=True)],
                      box_mb=64)
    assert argv[argv.index("/h/src") - 1] == "--ro-bind" and argv[argv.index("/h/out") - 1] == "--bind"
    assert argv[-1] == "--"


def test_rlimits_stack_is_the_memory_limit():
    request = RunRequest(argv=["/src/prog"], limits=Limits(memory_mb=256), cpu_limit=2.0, memory_mb=256, wall=12)
    limits = rlimits(request)
    assert limits["stack_bytes"] == 256 << 20 and limits["as_bytes"] == 2 * (256 << 20) and limits["cpu"] == 3
