"""Every environment variable llmcc reads, in one place.

Keeping them together makes the cache key's "relevant environment" and the
documentation (docs/configuration.md) easy to keep in sync.
"""

from __future__ import annotations

import os

TRUE = {"1", "true", "yes", "on"}


def _flag(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in TRUE


def _float(env: dict[str, str], name: str, default: float) -> float:
    """A finite, non-negative number, else *default* (``inf`` and ``nan`` included)."""
    import math

    try:
        value = float(env[name])
    except (KeyError, ValueError):
        return default
    return value if math.isfinite(value) and value >= 0 else default


def parse_size(text: str) -> int:
    """Parse ``5G``/``500M``/``1024`` (ccache's max_size syntax, base 1024)."""
    text = text.strip().upper().removesuffix("B").removesuffix("I")
    mult = 1
    for suffix, factor in (("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("T", 1 << 40)):
        if text.endswith(suffix):
            text, mult = text[:-1], factor
            break
    return int(float(text) * mult)


def default_cache_dir(env: dict[str, str]) -> str | None:
    """XDG cache dir, or None where no home is known (Bazel's sandbox unsets HOME).

    LLMCC_DIR is made absolute: build tools run the compiler from many directories, and
    a relative cache dir would silently be a different cache in each.
    """
    if env.get("LLMCC_DIR"):
        return os.path.abspath(env["LLMCC_DIR"])
    xdg = env.get("XDG_CACHE_HOME")
    if xdg:
        return os.path.join(xdg, "llmcc")
    home = env.get("HOME")
    if home:
        return os.path.join(home, ".cache", "llmcc")
    return None


class Config:
    """Settings from the environment (a plain class: dataclasses costs ~8 ms to import)."""

    disable: bool
    clang: str | None
    clangxx: str | None
    log_path: str | None
    cache_dir: str | None
    cache_enabled: bool
    max_size: int
    redis_url: str | None
    redis_objects: bool
    redis_timeout: float
    model: str
    api_key: str | None
    model_timeout: float
    model_name: str | None
    model_context: int
    model_max_tokens: int
    topk: int
    opt_timeout: float
    codegen_timeout: float
    eval_mode: str
    eval_jobs: int
    eval_timeout: float
    eval_timeout_scale: float
    progress_after: float
    direct_mode: bool
    record_dir: str | None
    record_package: str | None
    record_root: str | None
    server_idle: float
    server_start_timeout: float
    server_threads: int

    def __init__(self, **values) -> None:
        self.__dict__.update(values)

    def replace(self, **changes) -> Config:
        return Config(**{**self.__dict__, **changes})

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        env = dict(os.environ) if env is None else env
        try:
            max_size = parse_size(env.get("LLMCC_MAXSIZE", "5G"))
        except (ValueError, OverflowError):
            max_size = 5 << 30
        return cls(
            disable=_flag(env, "LLMCC_DISABLE"),
            clang=env.get("LLMCC_CLANG") or None,
            clangxx=env.get("LLMCC_CLANGXX") or None,
            log_path=env.get("LLMCC_LOG") or None,
            cache_dir=default_cache_dir(env),
            cache_enabled=not _flag(env, "LLMCC_NOCACHE"),
            max_size=max_size,
            redis_url=env.get("LLMCC_REDIS_URL") or None,
            redis_objects=_flag(env, "LLMCC_REDIS_OBJECTS"),
            redis_timeout=_float(env, "LLMCC_REDIS_TIMEOUT", 0.5),
            model=env.get("LLMCC_MODEL", "") or "default",
            api_key=env.get("LLMCC_API_KEY") or env.get("OPENAI_API_KEY") or None,
            model_timeout=_float(env, "LLMCC_MODEL_TIMEOUT", 60.0),
            model_name=env.get("LLMCC_MODEL_NAME") or None,
            model_context=int(_float(env, "LLMCC_MODEL_CONTEXT", 16384.0)),
            model_max_tokens=int(_float(env, "LLMCC_MODEL_MAX_TOKENS", 256.0)),
            topk=int(_float(env, "LLMCC_TOPK", -1.0)),  # -1: auto (advisor/select.topk)
            opt_timeout=_float(env, "LLMCC_OPT_TIMEOUT", 60.0),
            codegen_timeout=_float(env, "LLMCC_CODEGEN_TIMEOUT", 120.0),
            eval_mode=env.get("LLMCC_EVAL", "full").strip().lower() or "full",
            eval_jobs=int(_float(env, "LLMCC_EVAL_JOBS", float(os.cpu_count() or 1))),
            # PassListEval's per-program limits: max(floor, scale x measured time) x load.
            eval_timeout=_float(env, "LLMCC_EVAL_TIMEOUT", 60.0),
            eval_timeout_scale=_float(env, "LLMCC_EVAL_TIMEOUT_SCALE", 30.0),
            progress_after=_float(env, "LLMCC_PROGRESS_AFTER", 5.0),
            direct_mode=not _flag(env, "LLMCC_NODIRECT"),
            # Recording for the tuner (llmcc.recording); absolute, like LLMCC_DIR.
            record_dir=os.path.abspath(env["LLMCC_RECORD"]) if env.get("LLMCC_RECORD") else None,
            record_package=env.get("LLMCC_RECORD_PACKAGE") or None,
            record_root=(
                os.path.abspath(env["LLMCC_RECORD_ROOT"]) if env.get("LLMCC_RECORD_ROOT") else None
            ),
            server_idle=_float(env, "LLMCC_SERVER_IDLE", 600.0),
            server_start_timeout=_float(env, "LLMCC_SERVER_START_TIMEOUT", 120.0),
            server_threads=int(_float(env, "LLMCC_SERVER_THREADS", 0.0)),
        )
