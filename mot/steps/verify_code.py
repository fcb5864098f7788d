"""Verify code traces by running the final program against the problem's tests in the sandbox.

The program is the last fenced code block after ``</think>``; the judging plan comes from the
trace's reference (tests, checker, float tolerance, input mode …, see `mot.sandbox.problem`) and,
where the data is silent, from the statement. Programs of one task run in parallel on a small thread
pool, each thread with its own sandbox worker (its own uid and boxes). Model-written code never runs
outside the sandbox.

Fates: every test passes → ``verified``; a test fails → dropped ``tests_failed`` with the failing
test, its verdict and the first differing token in the detail; the tests cannot decide
(``interactive``, ``needs_checker``, ``checker_failed``, ``bad_tests``) → kept ``unverified`` with
the reason first in ``verify_detail``.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from queue import SimpleQueue

from datatrove.data import Document

from mot import defaults
from mot.decision import Drop
from mot.sandbox import (TLE, Sandbox, SandboxConfig, TraceVerdict, check_isolation, extract_final_code, judge,
                         problem_from_reference)
from mot.steps.ledger import DecisionStep
from mot.steps.upstream import settle
from mot.trace import first_user_message, last_assistant_message


def verdict_detail(verdict: TraceVerdict) -> str:
    """``3/40 tests passed; first failure: test 3 (private 1) WA: token 5: expected '7', got '8'``;
    an unverified verdict starts with its reason."""
    failure = verdict.first_failure
    head = f"{verdict.passed}/{verdict.total} tests passed"
    if verdict.unverified_reason is not None:
        head = f"{verdict.unverified_reason}: {head}"
    if failure is None:
        return head
    name = f" ({failure.name})" if failure.name and failure.name != f"test {failure.index}" else ""
    return f"{head}; first failure: test {failure.index}{name} {failure.verdict}: {failure.detail}".strip().rstrip(":")


class CodeVerify(DecisionStep):
    name = "verify code"
    stage = "verify_code"

    def __init__(self, ledger_folder: str, min_pass_rate: float = 1.0, threads: int = 2, allow_unsafe: bool = False,
                 timeout_s: float = defaults.VERIFY_TIMEOUT_S):
        super().__init__(ledger_folder)
        self.min_pass_rate = min_pass_rate
        self.timeout_s = timeout_s  # the recipe's verify.timeout_s: wall-clock cap of one test and of the whole trace
        self.threads = threads
        self.batch_size = 4 * threads
        self.allow_unsafe = allow_unsafe
        # Per-task resources, made in setup(): the step itself is pickled to the workers.
        self._sandboxes: list[Sandbox] = []
        self._free: SimpleQueue[Sandbox] | None = None  # a sandbox serves one program at a time
        self._pool: ThreadPoolExecutor | None = None

    def setup(self) -> None:
        check_isolation(allow_unsafe=self.allow_unsafe)
        config = SandboxConfig(allow_unsafe_no_isolation=self.allow_unsafe)
        self._sandboxes = [Sandbox(config, worker_index=self.rank * self.threads + i) for i in range(self.threads)]
        self._free = SimpleQueue()
        for sandbox in self._sandboxes:
            self._free.put(sandbox)
        self._pool = ThreadPoolExecutor(self.threads)

    def teardown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
        for sandbox in self._sandboxes:
            sandbox.close()

    def _decide(self, doc: Document) -> Drop | None:
        """One row's fate, our verdict settled against the source's upstream-label policy; a row the
        judge fails on is quarantined here, so the rest of the batch is not judged again."""
        try:
            drop = self._judge(doc)
        except Exception as err:  # noqa: BLE001 — one row's failure costs that row, not the build
            return self.internal_error(err)
        meta = doc.metadata
        if meta["domain"] != "code":
            return drop
        if meta.get("verification") == "verified":
            ours = "correct"
        else:
            ours = {"tests_failed": "wrong", "no_code_block": "wrong", "verify_timeout": "timeout"}.get(drop.reason if drop else "", "unverified")
        return settle(meta, ours, drop, meta.get("verify_detail") or "")

    def _judge(self, doc: Document) -> Drop | None:
        meta = doc.metadata
        if meta["domain"] != "code":
            return None
        if not meta["reference"].get("tests"):
            if reason := meta["reference"].get("no_tests"):  # an adapter or a tests_from join said why
                meta["verify_detail"] = f"no_tests: {reason}"
            return None
        try:
            problem = problem_from_reference(meta["reference"], first_user_message(meta["messages"]))
        except ValueError as e:
            meta["verify_detail"] = f"bad_tests: {e}"
            return None
        if problem.unverified_reason is not None:
            meta["verify_detail"] = f"{problem.unverified_reason}: not run (an interactor would be needed)"
            return None
        code = extract_final_code(last_assistant_message(meta["messages"]) or "")
        if code is None or code.lang is None:
            return Drop("no_code_block", "no fenced Python or C++ block in the final answer")
        if problem.tests and problem.tests[0].kind == "call" and code.lang != "python":
            meta["verify_detail"] = f"assert tests need a Python program; the final answer is {code.lang}"
            return None
        capped = replace(problem.limits, time_limit=min(problem.limits.time_limit, self.timeout_s))
        limits = replace(capped, wall_limit=min(capped.wall(), self.timeout_s))
        assert self._free is not None
        sandbox = self._free.get()
        try:
            verdict = judge(code, code.lang, problem.tests, problem.compare, limits, sandbox,
                            input_mode=problem.input_mode, cpp_standard=code.cpp_standard or problem.cpp_standard,
                            time_budget_s=self.timeout_s)
        finally:
            self._free.put(sandbox)
        meta["verify_detail"] = verdict_detail(verdict)
        if verdict.unverified_reason == "trace_timeout":
            return Drop("verify_timeout", f"the trace's tests did not finish within verify.timeout_s {self.timeout_s:g}s; "
                                          f"{meta['verify_detail']}")
        if verdict.unverified_reason is not None:
            return None
        if not verdict.accepted(self.min_pass_rate):
            failure = verdict.first_failure
            if failure is not None and failure.verdict == TLE and problem.limits.time_limit > self.timeout_s:
                return Drop("verify_timeout", f"time limit {problem.limits.time_limit:g}s is capped at verify.timeout_s "
                                              f"{self.timeout_s:g}s; {meta['verify_detail']}")
            return Drop("tests_failed", meta["verify_detail"])
        meta["verification"] = "verified"
        return None

    def decide_batch(self, docs: list[Document]) -> list[Drop | None]:
        assert self._pool is not None
        return list(self._pool.map(self._decide, docs))
