"""Verify code traces by running the final program against the problem's tests in the sandbox.

The program is the last fenced code block after ``</think>``; stdin/stdout tests come from the
source (codeforces-cots ``official_tests`` or ``examples``), call-based ones from assert strings.
Programs of one task run in parallel on a small thread pool, each thread with its own sandbox
worker (its own uid and scratch box). Model-written code never runs outside the sandbox.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from queue import SimpleQueue
from typing import Any

from datatrove.data import Document

from mot import defaults
from mot.sandbox import (TLE, CompareRule, Limits, Sandbox, SandboxConfig, TestCase, TraceVerdict, check_isolation,
                         extract_final_code, judge)
from mot.decision import Drop
from mot.steps.ledger import DecisionStep
from mot.trace import last_assistant_message


def test_cases(reference: dict[str, Any]) -> list[TestCase]:
    """The reference's tests as sandbox test cases (``{input, output}`` pairs or assert strings)."""
    cases = []
    for test in reference.get("tests", []):
        if isinstance(test, str):
            cases.append(TestCase.call(test))
        else:
            cases.append(TestCase.stdio(test["input"], test["output"]))
    return cases


def verdict_detail(verdict: TraceVerdict) -> str:
    failure = verdict.first_failure
    head = f"{verdict.passed}/{verdict.total} tests passed"
    return head if failure is None else f"{head}; first failure: test {failure.index} {failure.verdict} {failure.detail}".strip()


class CodeVerify(DecisionStep):
    name = "verify code"
    stage = "verify_code"

    def __init__(self, ledger_folder: str, min_pass_rate: float = 1.0, threads: int = 2, allow_unsafe: bool = False,
                 timeout_s: float = defaults.VERIFY_TIMEOUT_S):
        super().__init__(ledger_folder)
        self.min_pass_rate = min_pass_rate
        self.timeout_s = timeout_s  # the recipe's verify.timeout_s: no run of a test may take longer
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

    def _judge(self, doc: Document) -> Drop | None:
        meta = doc.metadata
        tests = test_cases(meta["reference"])
        if meta["domain"] != "code" or not tests:
            return None
        code = extract_final_code(last_assistant_message(meta["messages"]) or "")
        if code is None or code.lang is None:
            return Drop("no_code_block", "no fenced Python or C++ block in the final answer")
        if tests[0].kind == "call" and code.lang != "python":
            meta["verify_detail"] = f"assert tests need a Python program; the final answer is {code.lang}"
            return None
        reference = meta["reference"]
        time_limit = float(reference.get("time_limit_s", 2.0))
        per_test = Limits(time_limit=min(time_limit, self.timeout_s), memory_mb=int(reference.get("memory_limit_mb", 512)))
        limits = replace(per_test, wall_limit=min(per_test.wall(), self.timeout_s))
        assert self._free is not None
        sandbox = self._free.get()
        try:
            verdict = judge(code, code.lang, tests, CompareRule(), limits, sandbox)
        finally:
            self._free.put(sandbox)
        meta["verify_detail"] = verdict_detail(verdict)
        if not verdict.accepted(self.min_pass_rate):
            failure = verdict.first_failure
            if failure is not None and failure.verdict == TLE and time_limit > self.timeout_s:
                return Drop("verify_timeout", f"time limit {time_limit:g}s is capped at verify.timeout_s {self.timeout_s:g}s; {meta['verify_detail']}")
            return Drop("tests_failed", meta["verify_detail"])
        meta["verification"] = "verified"
        return None

    def decide_batch(self, docs: list[Document]) -> list[Drop | None]:
        assert self._pool is not None
        return list(self._pool.map(self._judge, docs))
