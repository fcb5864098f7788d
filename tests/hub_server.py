"""A small in-memory stand-in for the Hugging Face Hub HTTP API, for tests on 127.0.0.1.

It answers only what ``huggingface_hub`` (create_repo, upload_folder, hf_hub_download,
snapshot_download, HfFileSystem) and ``datasets.load_dataset`` need for dataset repos:
create, repo info, validate-yaml, preupload, LFS batch + upload + verify, NDJSON commit,
paths-info, tree and resolve (HEAD/GET, with ``Range`` as streaming reads use it). Writes need
``Authorization: Bearer <token>``. A repo seeded with :meth:`HubStandIn.seed` can be *gated*: its
info answers, but its files need the token (403 ``GatedRepo`` otherwise, as the Hub does).
Xet is not spoken: run the client with ``HF_HUB_DISABLE_XET=1``.

    with HubStandIn(token="hf_test") as hub:
        os.environ["HF_ENDPOINT"] = hub.endpoint  # in the client's process, before importing it
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

LFS_THRESHOLD = 1024  # bytes; small enough that the tests exercise both upload modes


@dataclass
class Repo:
    private: bool
    gated: bool = False
    files: dict[str, bytes] = field(default_factory=dict)
    lfs: set[str] = field(default_factory=set)  # paths stored as LFS objects
    commits: list[str] = field(default_factory=list)

    @property
    def sha(self) -> str:
        return self.commits[-1] if self.commits else "0" * 40


def git_blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *_args: Any) -> None:  # quiet in tests
        pass

    # -- plumbing ---------------------------------------------------------------------------
    def _send(self, status: int, body: Any = b"", headers: dict[str, str] | None = None, head: bool = False) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        if not isinstance(body, bytes):
            self.send_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _error(self, status: int, message: str, code: str | None = None) -> None:
        self._send(status, {"error": message}, {"X-Error-Code": code} if code else {}, head=self.command == "HEAD")

    def _body(self) -> bytes:
        return self.body

    def _authorized(self) -> bool:
        return self.headers.get("Authorization") == f"Bearer {self.server.token}"

    def _repo(self, repo_id: str, files: bool = True) -> Repo | None:
        """The repo, or None after answering 404 (unknown/private) or 403 (gated, when ``files`` are read)."""
        repo = self.server.repos.get(repo_id)
        if repo is None or (repo.private and not self._authorized()):
            self._error(404, f"Repository Not Found for url: {self.path}.", "RepoNotFound")
            return None
        if files and repo.gated and not self._authorized():
            self._error(403, f"Access to dataset {repo_id} is restricted. You must have access to it and be authenticated to access it. "
                             "Please log in.", "GatedRepo")
            return None
        return repo

    # -- routes -----------------------------------------------------------------------------
    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def do_PUT(self) -> None:
        self._route()

    def _route(self, head: bool = False) -> None:
        url = urlparse(self.path)
        parts = [unquote(p) for p in url.path.strip("/").split("/")]
        query = parse_qs(url.query)
        # Read the whole body first: an unread body would corrupt the next request on a kept-alive connection.
        self.body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with self.server.lock:
            if parts[0] == "_lfs" and len(parts) >= 2:
                return self._lfs_object(parts[1], verify=parts[2:] == ["verify"])
            if self.command != "GET" and self.command != "HEAD" and not self._authorized():
                return self._error(401, "Invalid credentials in Authorization header", "Unauthorized")
            if parts == ["api", "repos", "create"]:
                return self._create()
            if parts == ["api", "validate-yaml"]:
                return self._send(200, {"errors": [], "warnings": []})
            if parts[:2] == ["api", "datasets"] and len(parts) >= 4:
                return self._api(f"{parts[2]}/{parts[3]}", parts[4:], query)
            if parts[0] == "datasets" and len(parts) >= 3 and parts[2].endswith(".git"):
                return self._lfs_batch(f"{parts[1]}/{parts[2][:-4]}")
            if parts[0] == "datasets" and len(parts) >= 5 and parts[3] == "resolve":
                return self._resolve(f"{parts[1]}/{parts[2]}", "/".join(parts[5:]), head)
        self._error(404, f"stand-in: no route for {self.command} {url.path}")

    def _create(self) -> None:
        payload = json.loads(self._body())
        if payload.get("type") != "dataset":
            return self._error(400, "stand-in: only dataset repos")
        repo_id = f"{payload['organization']}/{payload['name']}" if payload.get("organization") else payload["name"]
        if repo_id in self.server.repos:
            return self._send(409, {"error": "You already created this dataset repo", "url": f"{self.server.endpoint}/datasets/{repo_id}"})
        self.server.repos[repo_id] = Repo(private=payload.get("visibility") == "private" or bool(payload.get("private")))
        self._send(200, {"url": f"{self.server.endpoint}/datasets/{repo_id}", "name": repo_id, "id": repo_id})

    def _api(self, repo_id: str, rest: list[str], query: dict[str, list[str]]) -> None:
        action = rest[0] if rest else "info"
        repo = self._repo(repo_id, files=action not in ("info", "revision"))
        if repo is None:
            return
        if action in ("info", "revision"):
            return self._send(200, {"id": repo_id, "author": repo_id.split("/")[0], "sha": repo.sha, "private": repo.private,
                                    "disabled": False, "gated": "manual" if repo.gated else False, "downloads": 0, "likes": 0, "tags": [],
                                    "lastModified": "2025-01-01T00:00:00.000Z", "siblings": [{"rfilename": p} for p in sorted(repo.files)]})
        if action == "preupload":
            files = json.loads(self._body())["files"]
            modes = [{"path": f["path"], "uploadMode": "lfs" if f["size"] > LFS_THRESHOLD or f["path"].endswith((".parquet", ".png")) else "regular",
                      "shouldIgnore": False, "oid": None} for f in files]
            return self._send(200, {"files": modes, "commitOid": repo.sha})
        if action == "commit":
            return self._commit(repo_id, repo)
        if action == "paths-info":
            form = parse_qs(self._body().decode())
            return self._send(200, [e for p in form.get("paths", []) if (e := self._entry(repo, p)) is not None])
        if action == "tree":
            base = "/".join(rest[2:]).strip("/")
            recursive = query.get("recursive", ["false"])[0].lower() == "true"
            return self._send(200, self._tree(repo, base, recursive))
        self._error(404, f"stand-in: no dataset API {action!r}")

    def _entry(self, repo: Repo, path: str) -> dict[str, Any] | None:
        path = path.strip("/")
        if path in repo.files:
            data = repo.files[path]
            entry: dict[str, Any] = {"type": "file", "path": path, "size": len(data), "oid": git_blob_sha(data)}
            if path in repo.lfs:
                entry["lfs"] = {"oid": hashlib.sha256(data).hexdigest(), "size": len(data), "pointerSize": 134}
            return entry
        if any(p.startswith(path + "/") for p in repo.files) or path == "":
            return {"type": "directory", "path": path, "oid": hashlib.sha1(path.encode()).hexdigest()}
        return None

    def _tree(self, repo: Repo, base: str, recursive: bool) -> list[dict[str, Any]]:
        prefix = f"{base}/" if base else ""
        paths = set()
        for path in repo.files:
            if not path.startswith(prefix):
                continue
            pieces = path[len(prefix):].split("/")
            for depth in range(1, len(pieces) + 1 if recursive else 2):
                paths.add(prefix + "/".join(pieces[:depth]))
        return [e for p in sorted(paths) if (e := self._entry(repo, p)) is not None]

    def _commit(self, repo_id: str, repo: Repo) -> None:
        lines = [json.loads(line) for line in self._body().splitlines() if line.strip()]
        files, lfs = dict(repo.files), set(repo.lfs)
        for line in lines:
            value = line["value"]
            if line["key"] == "file":
                files[value["path"]] = base64.b64decode(value["content"])
                lfs.discard(value["path"])
            elif line["key"] == "lfsFile":
                if value["oid"] not in self.server.lfs_objects:
                    return self._error(422, f"LFS object {value['oid']} was never uploaded")
                files[value["path"]] = self.server.lfs_objects[value["oid"]]
                lfs.add(value["path"])
            elif line["key"] == "deletedFile":
                files.pop(value["path"], None)
        repo.files, repo.lfs = files, lfs
        sha = hashlib.sha1(f"{repo_id}:{len(repo.commits)}:{sorted(files)}".encode()).hexdigest()
        repo.commits.append(sha)
        self._send(200, {"commitUrl": f"{self.server.endpoint}/datasets/{repo_id}/commit/{sha}", "commitOid": sha,
                         "success": True, "pullRequestUrl": None})

    def _lfs_batch(self, repo_id: str) -> None:
        if self._repo(repo_id) is None:
            return
        objects = []
        for obj in json.loads(self._body())["objects"]:
            entry = {"oid": obj["oid"], "size": obj["size"], "authenticated": True}
            if obj["oid"] not in self.server.lfs_objects:
                href = f"{self.server.endpoint}/_lfs/{obj['oid']}"
                entry["actions"] = {"upload": {"href": href, "header": {}}, "verify": {"href": f"{href}/verify", "header": {}}}
            objects.append(entry)
        self._send(200, {"transfer": "basic", "objects": objects})

    def _lfs_object(self, oid: str, verify: bool) -> None:
        body = self._body()
        if verify:
            ok = oid in self.server.lfs_objects
            return self._send(200 if ok else 404, {"success": ok})
        if self.command != "PUT" or hashlib.sha256(body).hexdigest() != oid:
            return self._error(400, "stand-in: PUT the object whose sha256 is the oid")
        self.server.lfs_objects[oid] = body
        self._send(200)

    def _resolve(self, repo_id: str, path: str, head: bool) -> None:
        repo = self._repo(repo_id)
        if repo is None:
            return
        if not head:
            self.server.downloads.append((repo_id, path))
        if path not in repo.files:
            return self._error(404, f"Entry not found: {path}", "EntryNotFound")
        data = repo.files[path]
        headers = {"X-Repo-Commit": repo.sha, "ETag": f'"{git_blob_sha(data)}"', "Accept-Ranges": "bytes"}
        if path in repo.lfs:
            headers |= {"X-Linked-Etag": f'"{hashlib.sha256(data).hexdigest()}"', "X-Linked-Size": str(len(data))}
        wanted = self.headers.get("Range", "")
        if wanted.startswith("bytes=") and not head:  # streaming reads fetch byte ranges (Parquet footers, blocks)
            first, _, last = wanted[len("bytes="):].partition("-")
            start = len(data) - int(last) if first == "" else int(first)
            end = len(data) - 1 if first == "" or last == "" else min(int(last), len(data) - 1)
            if start >= len(data):
                return self._send(416, b"", {"Content-Range": f"bytes */{len(data)}"})
            headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
            return self._send(206, data[start:end + 1], headers)
        self._send(200, data, headers, head=head)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, token: str):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.token = token
        self.repos: dict[str, Repo] = {}
        self.lfs_objects: dict[str, bytes] = {}
        self.downloads: list[tuple[str, str]] = []  # (repo, path) of every file GET, for tests that check what was read
        self.lock = threading.RLock()
        self.endpoint = f"http://127.0.0.1:{self.server_address[1]}"


class HubStandIn:
    """Runs the stand-in in a background thread for the duration of a ``with`` block."""

    def __init__(self, token: str = "hf_standin_token"):
        self.server = _Server(token)
        self.endpoint = self.server.endpoint
        self.token = token
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HubStandIn:
        self._thread.start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def repo(self, repo_id: str) -> Repo:
        return self.server.repos[repo_id]

    def seed(self, repo_id: str, files: dict[str, bytes], gated: bool = False) -> None:
        """Create a dataset repo holding ``files`` (one commit; binary files as LFS), as if pushed."""
        repo = Repo(private=False, gated=gated, files=dict(files), lfs={p for p in files if p.endswith((".parquet", ".jsonl", ".csv"))})
        repo.commits.append(hashlib.sha1(f"{repo_id}:seed:{sorted(files)}".encode()).hexdigest())
        with self.server.lock:
            self.server.repos[repo_id] = repo
