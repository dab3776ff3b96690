"""The one client code path: OpenAI-compatible HTTP over a Unix socket, TCP or TLS.

The local model server and remote servers (vLLM, llama.cpp, TGI, another
machine's ``llmcc-admin server run --listen``) speak the same API, so the
driver only differs in how it connects. Standard library only: this runs in
the compiler driver, where every import is paid per compile.

Failures are classified into the problem codes the pipeline counts
(:data:`UNAVAILABLE` ...); :class:`ModelError` carries one.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.parse

from ..outcomes import Reason

# The problem codes (llmcc.outcomes owns them and says which are transient).
UNAVAILABLE = Reason.MODEL_UNAVAILABLE
TIMEOUT = Reason.MODEL_TIMEOUT
ERROR = Reason.MODEL_ERROR
BAD_KEY = Reason.BAD_API_KEY
CONTEXT = Reason.CONTEXT_TOO_LONG

MAX_BODY = 4 << 20
"""A completion of a few hundred tokens is a few KB; anything bigger is not an answer."""


class ModelError(Exception):
    """A failed request; ``problem`` is the counted reason, ``transient`` whether to retry."""

    def __init__(self, problem: str, detail: str, transient: bool = False) -> None:
        super().__init__(f"{problem}: {detail}")
        self.problem = problem
        self.detail = detail
        self.transient = transient


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        try:
            s.connect(self._path)
        except OSError:
            s.close()
            raise
        self.sock = s


class Endpoint:
    """Where completions come from: ``unix:/path/to.sock`` or an ``http(s)://host/v1`` base."""

    def __init__(self, base: str, api_key: str | None = None) -> None:
        self.base = base
        self.api_key = api_key
        if base.startswith("unix:"):
            self._unix: str | None = base[5:]
            self._prefix = "/v1"
            self._scheme = "unix"
            self._host = ""
            self._port: int | None = None
        else:
            u = urllib.parse.urlsplit(base)
            if u.scheme not in ("http", "https") or not u.hostname:
                raise ValueError(f"not an http(s) URL: {base!r}")
            self._unix = None
            self._scheme = u.scheme
            self._host = u.hostname
            self._port = u.port
            self._prefix = u.path.rstrip("/")

    def _connection(self, timeout: float) -> http.client.HTTPConnection:
        if self._unix is not None:
            return _UnixConnection(self._unix, timeout)
        if self._scheme == "https":
            import ssl  # only remote TLS backends pay for it

            return http.client.HTTPSConnection(
                self._host, self._port, timeout=timeout, context=ssl.create_default_context()
            )
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)

    def request(self, method: str, path: str, body: dict | None, timeout: float) -> dict:
        """One request, no retries; the JSON answer or :class:`ModelError`.

        *path* is relative to the API base (``/completions``, ``/models``);
        ``/health`` is at the server root on the local server.
        """
        url = path if path.startswith("/health") else self._prefix + path
        headers = {"Accept": "application/json", "User-Agent": "llmcc"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        conn = self._connection(timeout)
        try:
            conn.request(method, url, body=data, headers=headers)
            resp = conn.getresponse()
            raw = resp.read(MAX_BODY + 1)
            status = resp.status
        except TimeoutError as e:
            raise ModelError(TIMEOUT, f"no answer within {timeout:g}s") from e
        except (OSError, http.client.HTTPException) as e:
            if type(e).__module__ == "ssl":  # a certificate problem does not fix itself
                raise ModelError(UNAVAILABLE, f"TLS: {e}") from e
            # Refused, reset, server gone mid-request, DNS: worth another try.
            raise ModelError(UNAVAILABLE, f"{type(e).__name__}: {e}", transient=True) from e
        except ValueError as e:  # e.g. an API key http.client cannot encode
            raise ModelError(ERROR, f"bad request: {type(e).__name__}: {e}") from e
        finally:
            conn.close()
        return _answer(status, raw)


def _answer(status: int, raw: bytes) -> dict:
    if len(raw) > MAX_BODY:
        raise ModelError(ERROR, f"HTTP {status}: answer larger than {MAX_BODY} bytes")
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        doc = None
    if 200 <= status < 300:
        if not isinstance(doc, dict):
            raise ModelError(ERROR, f"HTTP {status}: not a JSON object: {raw[:120]!r}")
        return doc
    message, code = _error_text(doc, raw)
    detail = f"HTTP {status}: {message}"[:300]
    if status in (401, 403):
        raise ModelError(BAD_KEY, detail)
    if status == 400 and _is_context_error(code, message):
        raise ModelError(CONTEXT, detail)
    if status >= 500 or status in (408, 429):
        raise ModelError(UNAVAILABLE, detail, transient=True)
    raise ModelError(ERROR, detail)


def _error_text(doc: object, raw: bytes) -> tuple[str, str]:
    err = doc.get("error") if isinstance(doc, dict) else None
    if isinstance(err, dict):
        return str(err.get("message", "")), str(err.get("code") or err.get("type") or "")
    if isinstance(err, str):  # TGI
        return err, ""
    if isinstance(doc, dict) and "message" in doc:  # vLLM's ErrorResponse
        return str(doc["message"]), str(doc.get("code", ""))
    return raw[:200].decode("utf-8", "replace"), ""


def _is_context_error(code: str, message: str) -> bool:
    m = message.lower()
    return code == "context_length_exceeded" or "context length" in m or "too many tokens" in m


def completion_text(doc: dict) -> tuple[str, bool]:
    """(text, finished) from a completions answer; ``finished`` is False if cut by max_tokens."""
    try:
        choice = doc["choices"][0]
        text = choice["text"]
    except (KeyError, IndexError, TypeError) as e:
        raise ModelError(ERROR, f"no choices[0].text in the answer: {str(doc)[:120]}") from e
    if not isinstance(text, str):
        raise ModelError(ERROR, "choices[0].text is not a string")
    return text, choice.get("finish_reason") != "length"
