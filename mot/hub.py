"""``mot push``: publish a built dataset folder to the Hugging Face Hub in one commit.

What is pushed: the card (``README.md``), its ``assets/``, the shards under ``data/``, the
``ledger/`` and ``composition.json``; never the pool, logs or build state.

Example:
    >>> from mot.hub import push
    >>> push("mot-out", "my-org/my-mot", dry_run=True).files[:1]  # doctest: +SKIP
    [('README.md', 5093)]
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from mot.layout import BuildLayout

PUSHED = ["README.md", "composition.json", "assets/**", "data/**", "ledger/**"]


class HubError(RuntimeError):
    """The push cannot happen (not a build, bad token, no such repo, no permission)."""


@dataclass
class PushResult:
    repo_id: str
    url: str
    revision: str
    files: list[tuple[str, int]] = field(default_factory=list)  # (path in repo, bytes)
    commit: str | None = None  # None for a dry run
    dry_run: bool = False


def files_to_push(folder: Path) -> list[tuple[str, int]]:
    """(path in the repo, size) of every file of ``folder`` that a push uploads."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if any(fnmatch(relative, pattern) for pattern in PUSHED):
            found.append((relative, path.stat().st_size))
    return found


def _is_network_error(err: BaseException) -> bool:
    """A failure to talk to the Hub at all (DNS, refused, timeout, TLS), whichever HTTP client raised it."""
    package = type(err).__module__.split(".")[0]
    return isinstance(err, (ConnectionError, TimeoutError, socket.gaierror)) or package in ("httpx", "httpx2", "requests", "urllib3")


def push(folder: str | Path, repo_id: str, private: bool = False, revision: str | None = None,
         dry_run: bool = False, token: str | None = None) -> PushResult:
    """Create the dataset repo if needed and upload the build in a single commit.

    ``token`` defaults to huggingface_hub's own lookup (``HF_TOKEN``, then the saved login).
    A dry run lists what would be uploaded and touches no network.
    """
    folder = Path(folder)
    layout = BuildLayout(folder)
    if not layout.card.is_file() or not layout.data_files():
        raise HubError(f"{folder}: not a built dataset (expected README.md and data/<domain>/*.parquet); run `mot build` first")
    if repo_id.count("/") != 1 or not all(repo_id.split("/")):
        raise HubError(f"--repo-id: expected ORG/NAME, got {repo_id!r}")
    files = files_to_push(folder)
    from huggingface_hub import constants

    result = PushResult(repo_id, f"{constants.ENDPOINT}/datasets/{repo_id}", revision or "main", files, dry_run=dry_run)
    if dry_run:
        return result

    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled, RepositoryNotFoundError, RevisionNotFoundError

    api = HfApi(token=token)
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        if revision not in (None, "main"):
            api.create_branch(repo_id, repo_type="dataset", branch=revision, exist_ok=True)
        commit = api.upload_folder(folder_path=folder, repo_id=repo_id, repo_type="dataset", revision=revision,
                                   allow_patterns=PUSHED, commit_message=f"mot push: {len(files)} files")
    except RevisionNotFoundError as err:
        raise HubError(f"{repo_id}: revision {revision!r} not found ({err.server_message or err})") from None
    except RepositoryNotFoundError:
        raise HubError(f"{repo_id}: repository not found, or your token cannot see it (check the name and HF_TOKEN)") from None
    except OfflineModeIsEnabled:
        raise HubError("HF_HUB_OFFLINE is set: unset it to push") from None
    except HfHubHTTPError as err:
        status = err.response.status_code if err.response is not None else None
        if status == 401:
            raise HubError(f"authentication failed at {constants.ENDPOINT}: the token was rejected; set HF_TOKEN or run `hf auth login`") from None
        if status == 403:
            raise HubError(f"{repo_id}: your token may not write here (a read-only token, or not a member of the organisation)") from None
        raise HubError(f"push to {repo_id} failed: {err}") from None
    except Exception as err:
        if _is_network_error(err):
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise HubError(f"cannot reach {constants.ENDPOINT} ({reason}); check the network, a proxy or HF_ENDPOINT") from None
        raise
    result.commit = commit.oid
    return result
