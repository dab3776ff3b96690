"""A scripted test server: a real OpenAI-compatible HTTP endpoint whose answers a test chooses.

Not a model and not a mock of llmcc: llmcc talks to it over real HTTP exactly
as it talks to vLLM, so tests can send the answers a real model or a broken
server might send (garbage, hallucinated passes, 5xx, 401, silence) and
inspect every request llmcc made.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = tuple[int, bytes]


def completion(text: str, finish_reason: str = "stop") -> Reply:
    doc = {
        "id": "cmpl-scripted",
        "object": "text_completion",
        "model": "scripted-ftd",
        "choices": [{"index": 0, "text": text, "finish_reason": finish_reason, "logprobs": None}],
    }
    return 200, json.dumps(doc).encode()


def error(status: int, message: str, code: str | None = None) -> Reply:
    doc = {"error": {"message": message, "type": "invalid_request_error", "code": code}}
    return status, json.dumps(doc).encode()


class ScriptedServer:
    def __init__(
        self,
        reply: Reply | Callable[[dict], Reply],
        api_key: str | None = None,
        hang: bool = False,
        name: str = "scripted-ftd",
    ) -> None:
        self.reply = reply
        self.api_key = api_key
        self.hang = hang
        self.name = name
        self.requests: list[dict] = []
        self.release = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def completions(self) -> list[dict]:
        return [r for r in self.requests if r["path"] == "/v1/completions"]

    def __enter__(self) -> ScriptedServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _authorized(self) -> bool:
                if owner.api_key is None:
                    return True
                if self.headers.get("Authorization") == f"Bearer {owner.api_key}":
                    return True
                self._send(*error(401, "Incorrect API key provided", "invalid_api_key"))
                return False

            def do_GET(self) -> None:
                owner.requests.append({"path": self.path, "headers": dict(self.headers)})
                if self._authorized():
                    doc = {"object": "list", "data": [{"id": owner.name, "object": "model"}]}
                    self._send(200, json.dumps(doc).encode())

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                req = {"path": self.path, "headers": dict(self.headers), "body": json.loads(raw)}
                owner.requests.append(req)
                if not self._authorized():
                    return
                if owner.hang:
                    owner.release.wait(600)
                    return
                reply = owner.reply(req) if callable(owner.reply) else owner.reply
                self._send(*reply)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()
