"""Settings from the environment, without clang (the unit layer).

Every variable llmcc reads goes through ``llmcc.config``; a setting read wrongly changes
every compile of a build. The rejection of bad values (one warning, the default) is
pinned per variable in tests/faults/test_bad_settings.py; these pin the parsing rules,
the defaults and where the cache lives.
"""

from __future__ import annotations

import os

import pytest

from llmcc import config
from llmcc.config import Config, default_cache_dir, parse_duration, parse_size


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch):
    """Warnings are once per process: each test starts with none given yet."""
    monkeypatch.setattr(config, "_WARNED", set())
    monkeypatch.setattr(config, "PROBLEMS", {})


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1024", 1024),
        ("16K", 16 << 10),
        ("500M", 500 << 20),
        ("5G", 5 << 30),
        ("1T", 1 << 40),
        ("2GiB", 2 << 30),  # ccache's spellings, base 1024
        ("1.5g", 3 << 29),
        (" 8k ", 8 << 10),
    ],
)
def test_sizes_use_ccaches_syntax_in_base_1024(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3600", 3600), ("90s", 90), ("30m", 1800), ("12h", 43200), ("7d", 604800), ("1.5h", 5400)],
)
def test_durations_accept_seconds_and_s_m_h_d_suffixes(text, seconds):
    assert parse_duration(text) == seconds


def test_an_empty_environment_gives_the_documented_defaults(capsys):
    cfg = Config.from_env({})
    assert (cfg.max_size, cfg.opt_timeout, cfg.codegen_timeout) == (5 << 30, 60.0, 120.0)
    assert (cfg.redis_url, cfg.redis_timeout, cfg.redis_ttl) == (None, 0.5, 30 * 86400)
    assert (cfg.model, cfg.model_timeout, cfg.model_context) == ("default", 60.0, 16384)
    assert (cfg.eval_mode, cfg.eval_jobs) == ("full", os.cpu_count() or 1)
    assert (cfg.server_idle, cfg.server_start_timeout, cfg.server_threads) == (600.0, 120.0, 0)
    assert cfg.cache_enabled and cfg.direct_mode and not cfg.disable and not cfg.redis_objects
    assert cfg.cache_dir is None  # no HOME, no XDG_CACHE_HOME, no LLMCC_DIR
    assert capsys.readouterr().err == ""


def test_empty_values_mean_the_default_silently(capsys):
    cfg = Config.from_env({"LLMCC_MAXSIZE": "", "LLMCC_OPT_TIMEOUT": " ", "LLMCC_MODEL": "",
                           "LLMCC_EVAL": "", "LLMCC_REDIS_URL": ""})  # fmt: skip
    assert (cfg.max_size, cfg.opt_timeout, cfg.model, cfg.eval_mode) == (
        5 << 30, 60.0, "default", "full")  # fmt: skip
    assert cfg.redis_url is None
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("value", "on"), [("1", True), ("yes", True), ("ON", True),
                                           ("true ", True), ("0", False), ("no", False),
                                           ("", False), ("2", False)])  # fmt: skip
def test_flags_are_on_only_for_the_words_that_mean_yes(value, on):
    cfg = Config.from_env({"LLMCC_DISABLE": value, "LLMCC_NOCACHE": value,
                           "LLMCC_NODIRECT": value, "LLMCC_REDIS_OBJECTS": value})  # fmt: skip
    assert (cfg.disable, cfg.cache_enabled, cfg.direct_mode, cfg.redis_objects) == (
        on, not on, not on, on)  # fmt: skip


def test_the_cache_dir_is_llmcc_dir_made_absolute_then_xdg_then_home(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {"LLMCC_DIR": "rel/cache", "XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"}
    # Build tools run the compiler from many directories: a relative dir would be many caches.
    assert default_cache_dir(env) == str(tmp_path / "rel" / "cache")
    del env["LLMCC_DIR"]
    assert default_cache_dir(env) == "/xdg/llmcc"
    del env["XDG_CACHE_HOME"]
    assert default_cache_dir(env) == "/home/u/.cache/llmcc"
    del env["HOME"]
    assert default_cache_dir(env) is None  # Bazel's sandbox: build without a local cache


def test_record_paths_are_absolute_and_eval_mode_is_normalized(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cfg = Config.from_env({"LLMCC_RECORD": "rec", "LLMCC_RECORD_ROOT": "src",
                           "LLMCC_EVAL": " Quick "})  # fmt: skip
    assert (cfg.record_dir, cfg.record_root) == (str(tmp_path / "rec"), str(tmp_path / "src"))
    assert cfg.eval_mode == "quick"


def test_the_llmcc_api_key_wins_over_openais():
    assert Config.from_env({"OPENAI_API_KEY": "o"}).api_key == "o"
    assert Config.from_env({"OPENAI_API_KEY": "o", "LLMCC_API_KEY": "l"}).api_key == "l"
    assert Config.from_env({}).api_key is None


def test_good_values_are_taken_as_given(capsys):
    cfg = Config.from_env({"LLMCC_MAXSIZE": "16K", "LLMCC_REDIS_TTL": "12h",
                           "LLMCC_MODEL_TIMEOUT": "2.5", "LLMCC_EVAL_JOBS": "3",
                           "LLMCC_SERVER_IDLE": "0", "LLMCC_TOPK": "4"})  # fmt: skip
    assert (cfg.max_size, cfg.redis_ttl, cfg.model_timeout) == (16 << 10, 43200, 2.5)
    assert (cfg.eval_jobs, cfg.server_idle, cfg.topk) == (3, 0.0, 4)
    assert capsys.readouterr().err == "" and config.PROBLEMS == {}


def test_unusable_numeric_settings_fall_back_to_defaults():
    cfg = Config.from_env({"LLMCC_MAXSIZE": "inf", "LLMCC_EVAL_JOBS": "inf",
                           "LLMCC_MODEL_CONTEXT": "nan", "LLMCC_OPT_TIMEOUT": "-3"})  # fmt: skip
    assert cfg.max_size == 5 << 30 and cfg.eval_jobs >= 1
    assert cfg.model_context == 16384 and cfg.opt_timeout == 60.0
    assert set(config.PROBLEMS) == {"LLMCC_MAXSIZE", "LLMCC_EVAL_JOBS", "LLMCC_MODEL_CONTEXT",
                                    "LLMCC_OPT_TIMEOUT"}  # fmt: skip


def test_replace_changes_one_setting_and_leaves_the_original_alone():
    cfg = Config.from_env({"LLMCC_OPT_TIMEOUT": "5"})
    other = cfg.replace(opt_timeout=1.0)
    assert (cfg.opt_timeout, other.opt_timeout) == (5.0, 1.0)
    assert other.max_size == cfg.max_size
