"""Every environment variable llmcc reads, in one place.

Keeping them together makes the cache key's "relevant environment" and the
documentation (docs/configuration.md) easy to keep in sync.
"""

from __future__ import annotations

import os

TRUE = {"1", "true", "yes", "on"}


def _flag(env: dict[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in TRUE


PROBLEMS: dict[str, str] = {}
"""Settings rejected in this process, name -> message (``llmcc-admin doctor`` lists them)."""
_WARNED: set[str] = set()


def _reject(name: str, raw: str, why: str, default: object) -> None:
    """One warning per variable per process, naming it; the default applies.

    A typo in a limit must neither pass silently nor become a negative limit (a
    negative LLMCC_MAXSIZE would evict the whole cache on every compile).
    """
    message = f"{name}={raw!r} ignored ({why}); using the default, {default}"
    PROBLEMS[name] = message
    if name not in _WARNED:
        _WARNED.add(name)
        import sys

        sys.stderr.write(f"llmcc: warning: {message}\n")


def _float(
    env: dict[str, str], name: str, default: float, *, positive: bool = False,
    minimum: float = 0.0, integer: bool = False,
) -> float:  # fmt: skip
    """A finite number of at least *minimum* (above it if *positive*), else *default*.

    Unset or empty means the default, silently; anything else that is not a usable
    value (``abc``, ``-5``, ``inf``, ``nan``, ``2.5`` for a count) warns once.
    """
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    import math  # only for a value that is set: the pass-through path reads unset ones

    shown = int(default) if integer else f"{default:g}"
    try:
        value = float(raw)
    except ValueError:
        _reject(name, raw, "not a number", shown)
        return default
    if not math.isfinite(value):
        _reject(name, raw, "not a finite number", shown)
        return default
    if value < minimum or (positive and value <= minimum):
        bound = f"more than {minimum:g}" if positive else f"at least {minimum:g}"
        _reject(name, raw, f"must be {bound}", shown)
        return default
    if integer and value != int(value):
        _reject(name, raw, "must be a whole number", shown)
        return default
    return value


def _count(env: dict[str, str], name: str, default: int, minimum: int = 0) -> int:
    """A whole number of at least *minimum*, else *default* (with one warning)."""
    return int(_float(env, name, float(default), minimum=float(minimum), integer=True))


def _size(env: dict[str, str], name: str, default: str) -> int:
    """A positive size in ccache's syntax (``5G``, ``500M``, ``1024``), else *default*."""
    raw = env.get(name)
    if raw is not None and raw.strip():
        try:
            value = parse_size(raw)
        except (ValueError, OverflowError):
            _reject(name, raw, "not a size such as 500M or 5G", default)
        else:
            if value > 0:
                return value
            _reject(name, raw, "must be more than 0", default)
    return parse_size(default)


def parse_duration(text: str) -> float:
    """Parse ``3600``, ``90s``, ``30m``, ``12h``, ``7d`` into seconds."""
    text = text.strip().lower()
    factor = {"s": 1, "m": 60, "h": 3600, "d": 86400}.get(text[-1:])
    if factor is not None:
        text = text[:-1]
    return float(text) * (factor or 1)


def _duration(env: dict[str, str], name: str, default: int) -> int:
    """Positive whole seconds (``7d`` and the like allowed), else *default*."""
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    import math

    try:
        value = parse_duration(raw)
    except ValueError:
        _reject(name, raw, "not a duration such as 3600, 12h or 7d", default)
        return default
    if not math.isfinite(value) or value < 1:
        _reject(name, raw, "must be at least 1 second", default)
        return default
    return int(value)


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
    redis_ttl: int
    model: str
    api_key: str | None
    model_timeout: float
    model_name: str | None
    model_context: int
    model_max_tokens: int
    model_retry_after: float
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
        return cls(
            disable=_flag(env, "LLMCC_DISABLE"),
            clang=env.get("LLMCC_CLANG") or None,
            clangxx=env.get("LLMCC_CLANGXX") or None,
            log_path=env.get("LLMCC_LOG") or None,
            cache_dir=default_cache_dir(env),
            cache_enabled=not _flag(env, "LLMCC_NOCACHE"),
            max_size=_size(env, "LLMCC_MAXSIZE", "5G"),
            redis_url=env.get("LLMCC_REDIS_URL") or None,
            redis_objects=_flag(env, "LLMCC_REDIS_OBJECTS"),
            redis_timeout=_float(env, "LLMCC_REDIS_TIMEOUT", 0.5, positive=True),
            redis_ttl=_duration(env, "LLMCC_REDIS_TTL", 30 * 24 * 3600),
            model=env.get("LLMCC_MODEL", "") or "default",
            api_key=env.get("LLMCC_API_KEY") or env.get("OPENAI_API_KEY") or None,
            model_timeout=_float(env, "LLMCC_MODEL_TIMEOUT", 60.0, positive=True),
            model_name=env.get("LLMCC_MODEL_NAME") or None,
            model_context=_count(env, "LLMCC_MODEL_CONTEXT", 16384, minimum=1),
            model_max_tokens=_count(env, "LLMCC_MODEL_MAX_TOKENS", 256, minimum=1),
            # How long clients skip an endpoint that just timed out or was unavailable.
            model_retry_after=_float(env, "LLMCC_MODEL_RETRY_AFTER", 30.0, positive=True),
            topk=_count(env, "LLMCC_TOPK", -1),  # -1: auto (advisor/backends.topk)
            opt_timeout=_float(env, "LLMCC_OPT_TIMEOUT", 60.0, positive=True),
            codegen_timeout=_float(env, "LLMCC_CODEGEN_TIMEOUT", 120.0, positive=True),
            eval_mode=env.get("LLMCC_EVAL", "full").strip().lower() or "full",
            eval_jobs=_count(env, "LLMCC_EVAL_JOBS", os.cpu_count() or 1, minimum=1),
            # PassListEval's per-program limits: max(floor, scale x measured time) x load.
            eval_timeout=_float(env, "LLMCC_EVAL_TIMEOUT", 60.0, positive=True),
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
            server_start_timeout=_float(env, "LLMCC_SERVER_START_TIMEOUT", 120.0, positive=True),
            server_threads=_count(env, "LLMCC_SERVER_THREADS", 0),
        )
