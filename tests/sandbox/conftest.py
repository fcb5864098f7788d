import os
import queue
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mot.sandbox import Sandbox, SandboxConfig, SandboxUnavailable, check_isolation

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
CODE_PROBLEMS = DATA / "code_problems"


@pytest.fixture(scope="session")
def isolation():
    try:
        return check_isolation()
    except SandboxUnavailable as e:  # fail closed: never fall back to running unisolated
        if os.environ.get("MOT_SANDBOX_SKIP_UNAVAILABLE") == "1":
            pytest.skip(str(e))
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def sb(isolation):
    s = Sandbox(SandboxConfig(), worker_index=0)
    yield s
    s.close()


class Pool:
    """Two sandboxes (distinct uids) shared by a 2-thread pool."""

    def __init__(self, n=2):
        self.boxes = [Sandbox(SandboxConfig(), worker_index=10 + i) for i in range(n)]
        self.free: queue.Queue = queue.Queue()
        for b in self.boxes:
            self.free.put(b)
        self.ex = ThreadPoolExecutor(n)

    def map(self, fn, items):
        def task(item):
            b = self.free.get()
            try:
                return fn(b, item)
            finally:
                self.free.put(b)
        return list(self.ex.map(task, items))

    def close(self):
        self.ex.shutdown()
        for b in self.boxes:
            b.close()


@pytest.fixture(scope="session")
def pool(isolation):
    p = Pool(2)
    yield p
    p.close()


def load_jsonl(name):
    import json
    path = CODE_PROBLEMS / name
    if not path.is_file():
        pytest.skip(f"{path} not present (shared data absent)")
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]
