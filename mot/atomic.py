"""Write a file so that readers see the old content or the new, never half of it.

A build killed (or out of disk) while writing ``build.json`` or the card must not leave a
truncated file that breaks every rerun: the bytes go to a sibling temporary file that replaces
the target only once complete.

Example:
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "build.json"
    >>> write_atomic(target, "{}\\n")
    >>> target.read_text()
    '{}\\n'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary sibling of ``path`` to write; it becomes ``path`` when the block succeeds."""
    staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield staging
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Replace ``path`` with ``content`` (text is written as UTF-8) in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as staging:
        staging.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
