"""Code-execution sandbox: run model-written Python / C++ programs isolated and judge them like
Codeforces does.

Library API (the pipeline's contract):
    check_isolation(allow_unsafe=False) -> IsolationReport   (raises SandboxUnavailable)
    Sandbox(config, worker_index): .run(lang, source, stdin, limits) -> RunResult; .close()
        .prepare(lang, source, limits) -> Prepared; .start(prepared).run(stdin, limits) per test
    problem_from_reference(reference, statement) -> Problem   (tests, compare rule, limits, input mode)
    judge(code, lang, tests, compare, limits, sandbox, input_mode=..., cpp_standard=...) -> TraceVerdict
    extract_final_code(assistant_text, default_lang=None) -> ExtractedCode | None
    run_program(lang, source, stdin, expected, limits) -> dict   (the `mot sandbox run` CLI)
"""
from mot.sandbox.types import (AC, CE, MLE, OLE, RE, SKIPPED, TLE, UNDECIDED, WA, Checker, CompareRule,
                               ExtractedCode, Failure, IsolationReport, Limits, RunResult, SandboxConfig,
                               SandboxError, SandboxUnavailable, TestCase, TestVerdict, TraceVerdict)
from mot.sandbox.isolation import check_isolation
from mot.sandbox.runner import Prepared, Sandbox
from mot.sandbox.compare import compare_output
from mot.sandbox.extract import extract_final_code
from mot.sandbox.judge import judge, split_assert_script
from mot.sandbox.problem import Problem, problem_from_reference

__all__ = [
    "AC", "WA", "TLE", "MLE", "RE", "CE", "OLE", "SKIPPED", "UNDECIDED", "Checker", "CompareRule",
    "ExtractedCode", "Failure", "IsolationReport", "Limits", "RunResult", "SandboxConfig",
    "SandboxError", "SandboxUnavailable", "TestCase", "TestVerdict", "TraceVerdict",
    "check_isolation", "Sandbox", "Prepared", "compare_output", "extract_final_code", "judge",
    "split_assert_script", "Problem", "problem_from_reference",
]
