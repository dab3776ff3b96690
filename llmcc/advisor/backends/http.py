"""``LLMCC_MODEL=http(s)://host:port/v1``: a remote OpenAI-compatible server (vLLM,
llama.cpp, TGI, or another machine's ``llmcc-admin server run --listen``)."""

from __future__ import annotations

from .. import prompt
from . import topk

FORM = "an http(s)://.../v1 URL"
KIND = __name__.rpartition(".")[2]  # its kind is its name (the registry)
RANKS_LIBRARY = True


def parse(model: str) -> str | None:
    return model if model.startswith(("http://", "https://")) else None


def identity(cfg, target: str) -> str:
    """Known by URL and LLMCC_MODEL_NAME only: set the name to tell models served at one URL
    apart (asking the server would cost a request per lookup). Then the prompt and its
    budget (``prompt.budget``). No ranking unless LLMCC_TOPK asks: vLLM has no ``/v1/rank``."""
    return f"http:{target}:{cfg.model_name or ''}:{prompt.budget(cfg, topk(cfg, KIND, target))}"


def build(cfg, target: str):
    from ...server import client
    from ..model import ModelAdvisor

    return ModelAdvisor.configured(cfg, client.Endpoint(target, cfg.api_key),
                                   identity(cfg, target), cfg.model_name,
                                   topk=topk(cfg, KIND, target))  # fmt: skip


def probe(cfg, target: str) -> tuple[bool, str]:
    """A real, short request: ``GET /models``."""
    from ...server import client

    timeout = min(5.0, cfg.model_timeout)
    try:
        doc = client.Endpoint(target, cfg.api_key).request("GET", "/models", None, timeout)
    except ValueError as e:
        return False, str(e)
    except client.ModelError as e:
        if e.problem in (client.UNAVAILABLE, client.TIMEOUT):
            return False, f"unreachable ({e.detail[:200]}); builds use clang -Oz"
        if e.problem == client.BAD_KEY:
            return False, f"refuses the API key ({e.detail[:200]})"
        return True, f"reachable (GET /models answered {e.detail[:120]})"
    try:
        served = ", ".join(str(m["id"]) for m in doc["data"][:3])
    except (KeyError, TypeError):
        served = "?"
    return True, f"reachable, serves {served}"
