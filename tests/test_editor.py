"""yaml-language-server (the engine of VS Code's YAML extension and of most editors) over stdio:
the examples' modeline finds the schema beside them, no diagnostics, and completion offers the
keys with their Chinese titles. Installed by scripts/setup.sh from package.json into node_modules/ (project-local npm)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from conftest import EXAMPLES, ROOT
from zwgk_docs.schema import SCHEMA_FILENAME

pytestmark = pytest.mark.slow

PLANS = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.endswith((".progress.yaml", ".stats.yaml")))
SERVER = Path("node_modules") / ".bin" / "yaml-language-server"


def find_server() -> str:
    """This checkout's node_modules/, the main checkout's (for git worktrees), then PATH."""
    candidates = [ROOT / SERVER]
    common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True)
    if common.returncode == 0:
        candidates.append((ROOT / common.stdout.strip()).resolve().parent / SERVER)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("yaml-language-server")
    if found is None:
        pytest.fail("yaml-language-server is not installed: run scripts/setup.sh (npm, into node_modules/)")
    return found


class Client:
    """A minimal LSP client: JSON-RPC with Content-Length framing, answering the server's requests."""

    def __init__(self, command: list[str]) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                key, value = line.decode().split(":", 1)
                headers[key.lower()] = value.strip()
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.next_id += 1
        rid = self.next_id
        self._send({"id": rid, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)
        assert reply is not None, f"no answer to {method}"
        return reply.get("result")

    def wait(self, matches: Callable[[dict[str, Any]], bool], timeout: float) -> Optional[dict[str, Any]]:
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                return None
            if "method" in message and "id" in message:  # the server asks: settings, mostly
                items = (message.get("params") or {}).get("items") or []
                result = [{"validate": True, "completion": True, "schemaStore": {"enable": False}} for _ in items]
                self._send({"id": message["id"], "result": result if message["method"] == "workspace/configuration" else None})
            elif matches(message):
                return message
        return None

    def diagnostics(self, path: Path, text: str, timeout: float = 60) -> list[dict[str, Any]]:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        message = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout)
        assert message is not None, f"no diagnostics for {path.name}"
        return message["params"]["diagnostics"]

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001 — make sure the server never outlives the test
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def server():
    client = Client([find_server(), "--stdio"])
    client.request("initialize", {
        "processId": os.getpid(), "rootUri": EXAMPLES.as_uri(), "workspaceFolders": None,
        "capabilities": {"textDocument": {"completion": {"completionItem": {"documentationFormat": ["markdown"]}}}},
    })
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration",
                  {"settings": {"yaml": {"validate": True, "completion": True, "schemaStore": {"enable": False}}}})
    yield client
    client.close()


def test_examples_have_no_diagnostics_and_mistakes_are_flagged(server, tmp_path):
    # A broken copy first: its diagnostics prove the modeline found the schema beside the file.
    shutil.copy(EXAMPLES / SCHEMA_FILENAME, tmp_path / SCHEMA_FILENAME)
    broken = tmp_path / "broken.yaml"
    text = (EXAMPLES / "shenyang-2021.yaml").read_text(encoding="utf-8")
    text = text.replace("      style: 一、", "      style: 一.", 1).replace("  year: 2021", "  yaer: 2021", 1)
    found = server.diagnostics(broken, text)
    messages = " ".join(d["message"] for d in found)
    assert "yaer" in messages and any("一、" in d["message"] for d in found), messages
    assert all(SCHEMA_FILENAME in json.dumps(d.get("data", {})) for d in found)
    for path in PLANS:
        assert server.diagnostics(path, path.read_text(encoding="utf-8")) == [], path.name


def test_completion_offers_keys_with_chinese_titles(server):
    path = EXAMPLES / "teda-2018.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("disclosure_method:"))
    indent = len(lines[at]) - len(lines[at].lstrip())
    lines.insert(at + 1, " " * indent)
    uri = path.with_name("completion-probe.yaml").as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "\n".join(lines) + "\n"}})
    result = server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": at + 1, "character": indent}})
    items = result["items"] if isinstance(result, dict) else result
    docs = {i["label"]: json.dumps(i.get("documentation", ""), ensure_ascii=False) for i in items}
    assert {"deadline", "lead", "cooperate", "subtasks"} <= set(docs), sorted(docs)
    assert "完成时限" in docs["deadline"] and "配合单位" in docs["cooperate"]
