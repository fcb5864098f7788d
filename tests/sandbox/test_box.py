"""The box protocol: files in, a file out (never through a planted symlink), fresh state per run,
and the explicit unsafe opt-out (no bwrap, no uid drop) still running programs."""
import textwrap

from mot.sandbox import AC, Limits, WA, TestCase, judge
from mot.sandbox.box import Box, BoxSetup, RunRequest
from mot.sandbox.cgroups import WorkerCgroups
from mot.sandbox.isolation import default_python


def test_collected_file_never_follows_a_symlink(sb):
    tests = [TestCase.stdio("1 2", "3")]
    planted = textwrap.dedent("""
        import os
        os.symlink('/judge/box_init.py', 'output.txt')   # readable by the judge, not the answer
    """)
    v = judge(planted, "python", tests, None, None, sb, input_mode="file")
    assert v.first_failure.verdict == WA and "output.txt" in v.first_failure.detail
    fifo = "import os\nos.mkfifo('output.txt')\n"
    assert judge(fifo, "python", tests, None, None, sb, input_mode="file").first_failure.verdict == WA


def test_input_files_are_read_only_for_the_program(sb):
    src = textwrap.dedent("""
        try:
            open('input.txt', 'a').write('x')
            print('wrote')
        except OSError:
            print('read-only')
    """)
    prep = sb.prepare("python", src)
    try:
        result, _ = sb.start(prep).run(b"", Limits(), files={"input.txt": b"1"})
    finally:
        sb.release(prep)
    assert result.verdict == AC and result.stdout.strip() == b"read-only", result


def test_unsafe_opt_out_box_runs_without_isolation(tmp_path):
    python = default_python()
    setup = BoxSetup(bwrap="bwrap", python=python, uid=None, gid=None, mounts=[], box_mb=64, unsafe_box_dir=tmp_path)
    with Box(setup, WorkerCgroups("unused", None, None, None)) as box:
        request = RunRequest(argv=[python, "-c", "print(open('in.txt').read()[::-1]); open('out.txt','w').write('ok')"],
                             limits=Limits(), cpu_limit=2, memory_mb=256, wall=10, files={"in.txt": b"abc"},
                             collect="out.txt")
        result, collected = box.run(request)
        assert (result.verdict, result.stdout, collected) == (AC, b"cba\n", b"ok")
        result, collected = box.run(RunRequest(argv=["/bin/ls"], limits=Limits(), cpu_limit=2, memory_mb=256, wall=10,
                                               collect="out.txt"))
        assert result.stdout == b"" and collected is None  # the box dir was emptied between runs
