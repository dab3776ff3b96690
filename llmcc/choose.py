"""Choose: the winner among a TU's proposals, or why the TU keeps its reference.

One step of the per-TU chain (llmcc.pipeline): the pass-list cache first (a remembered
winner, or a remembered "no winner"), else the advisor's proposals; every proposal goes
through the one evaluation path (llmcc.trial: vet, verdict, opt, codegen, checks), the
smallest survivor wins, and the winner's opt runs twice (determinism) on its first use.
What was decided goes back into the pass-list cache, unless it depended on the machine's
state (a transient reason) rather than on the code. It returns a :class:`Choice` and writes
nothing but cache entries, stats and log lines: the user's output is install's.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from . import ir, objinfo, outcomes, provisional, trial
from .advisor.base import Proposal
from .args import TranslationUnit
from .cache import keys
from .candidate import parse as parse_candidate
from .context import Context
from .decision import Choice, Steps
from .outcomes import Reason


def passlist_key(ir_text: str, advisor_identity: str, llvm_major: int | None) -> str:
    """The pass-list cache key of a TU's unoptimized IR (the driver and the tuner use this)."""
    from .advisor import prompt

    return keys.passlist_key(
        ir.digest(ir.normalize(ir_text)), advisor_identity, prompt.VERSION, llvm_major,
        ir.triple(ir_text), ir.NORMALIZATION_VERSION,
    )  # fmt: skip


def choose(ctx: Context, tu: TranslationUnit, steps: Steps, tmp: Callable[[str], str],
           ir_text: str, ref_path: str, shared: bool = True) -> Choice:  # fmt: skip
    """The winner among the proposals for this TU, or why there is none.

    The :class:`Choice` is in *steps* from its start: a bug half-way leaves the
    reference's size and the trials so far in the record. *tmp* names a file in the TU's
    temp directory. *shared* False: decide without the shared tier (its list failed here).
    """
    ch = steps.choice = Choice()
    tc = ctx.tc
    if tc.opt is None or tc.llvm_size is None or tc.llvm_nm is None:
        ch.fallback = Reason.MISSING_LLVM_TOOLS
        return ch
    ref_info = objinfo.read([ref_path], tc.llvm_size, tc.llvm_nm)[0]
    ch.bytes_oz = ch.bytes_out = ref_info.size
    pkey = passlist_key(ir_text, ctx.advisor_identity, tc.major)
    entry = ctx.cache.get_passlist(pkey, shared)
    if entry is not None and entry[0].get("provisional") is not None:
        if provisional.stale(ctx.cache, entry[0]["provisional"]):
            # Decided while a candidate was missing, and it can be judged now (or the
            # retry time came): decide again, as on a miss.
            ctx.stats.add("redecided")
            ctx.log("redecide", source=tu.source, provisional=entry[0]["provisional"])
            entry = None
        else:
            ch.provisional = entry[0]["provisional"]
    first_use = True
    if entry is not None:
        meta, tier = entry
        ch.tier = tier.name
        ctx.stats.add(tier.hits)
        winner = meta.get("pipeline")
        if winner is None:
            ch.fallback = Reason.CACHED_NO_WINNER
            ch.provenance = meta.get("provenance")
            return ch
        if not isinstance(winner, str):
            ch.fallback = Reason.CORRUPT_PASSLIST_ENTRY
            return ch
        proposals = [Proposal(winner, f"cache:{tier.name}:{meta.get('provenance', '?')}")]
        # A shared entry is re-validated from scratch: names, verdict, verifier.
        first_use = tier.shared
    else:
        ctx.stats.add("misses")
        # For the record (and the training data drawn from records): the paper's size
        # measure of the input. Only on a pass-list miss whose record is written: loading
        # llvmlite and parsing cost ~0.4 s, a quarter of a small TU's cold miss (measured).
        if ctx.log.path:
            ch.ir_instructions = ir.count_instructions(ir_text)
        advice = ctx.advisor().advise(ir_text)
        if advice.model_queried:
            ctx.stats.add("model_queries")
        if advice.problem:
            ch.tried.append({"advisor": advice.problem})
        ch.transient = bool(advice.transient)
        proposals = advice.proposals
        if not proposals:
            ch.fallback = advice.problem or Reason.NO_PROPOSALS
            if not ch.transient:
                ctx.put_passlist(pkey, None, advice.problem)
            return ch

    ll = tmp("tu.ll")
    wins: list[dict] = []
    opted: dict[str, str] = {}
    for i, prop in enumerate(proposals):
        res = _try(ctx, tu, tmp, prop, i, ll, ref_info, opted)
        ch.tried.append(res["record"])
        if "object" in res:  # it won its trial
            wins.append({**res, "provenance": prop.source})
    wins.sort(key=lambda w: w["size"])  # stable: on a tie, the earlier proposal
    best = wins[0] if wins else None
    reasons = [t.get("rejected") for t in ch.tried if t.get("rejected")]
    ch.suite = _suite(ctx, ch.tried)
    missing = _missing(ctx, ch.tried)
    if missing is not None:
        # A candidate could not be judged (load, a full disk): the decision stands for
        # now, marked, so that neither this entry nor its object pins a worse choice.
        ch.provisional = missing
        ctx.stats.add("provisional")
    if best is None:
        ch.fallback = outcomes.summarize(reasons)
        if entry is not None and entry[1].shared and missing is None and not ch.transient:
            return _redecide(ctx, tu, steps, tmp, ir_text, ref_path, ch, pkey, entry)
        if entry is None and not ch.transient and missing is not None:
            ctx.put_passlist(pkey, None, ch.fallback, provisional=missing)
        elif entry is None and not ch.transient and ch.fallback in outcomes.REMEMBERED:
            # Only a verdict on this code is worth remembering, not a passing trouble.
            ctx.put_passlist(pkey, None, Reason.NO_CANDIDATE_SMALLER)
        return ch
    if first_use:
        best, why = _confirmed(ctx, tmp, ll, wins)
        if why is not None and why.transient:
            ch.transient = True  # load, not the list: the next build tries again
        if best is None:
            # No pass-list entry; the -Oz object is cached as any fallback's is.
            ch.fallback = why
            if entry is not None and entry[1].shared and not ch.transient:
                return _redecide(ctx, tu, steps, tmp, ir_text, ref_path, ch, pkey, entry)
            return ch
    ch.winner, ch.provenance, ch.bytes_out = best, best["provenance"], best["size"]
    if entry is None or entry[1].shared:  # a shared list, re-validated: now ours too
        ctx.put_passlist(
            pkey,
            best["canonical"],
            best["provenance"],
            sizes={"oz": ref_info.size, "out": best["size"]},
            provisional=missing,
        )
    return ch


def _missing(ctx: Context, tried: list[dict]) -> dict | None:
    """The provisional mark for the candidates rejected for a transient reason, or None.

    An inconclusive verdict is watched by its key, and retried when it expires; any
    other transient rejection (a per-TU timeout, no suite) after provisional.RETRY_S.
    """
    ev = ctx.built_evaluator()
    now = time.time()
    missing, retry = [], None
    for t in tried:
        reason = t.get("rejected")
        if reason not in outcomes.TRANSIENT:
            continue
        m: dict = {"pipeline": t.get("pipeline"), "reason": reason, "verdict": None}
        when = now + provisional.RETRY_S
        if (
            ev is not None
            and isinstance(t.get("pipeline"), str)
            and (reason == Reason.PASSLISTEVAL_INCONCLUSIVE)
        ):
            try:
                cand = parse_candidate(t["pipeline"])
                pending = ev.pending(cand.pipeline, cand.options)
            except ValueError:
                pending = {}
            m["verdict"] = pending.get("verdict")
            when = pending.get("retry_after", when)
        retry = when if retry is None else min(retry, when)
        missing.append(m)
    if not missing:
        return None
    assert retry is not None
    return provisional.mark(missing, retry)


def _suite(ctx: Context, tried: list[dict]) -> dict | None:
    """Which suite judged this TU's candidates, for the decision record."""
    ev = ctx.built_evaluator()
    if ev is None or getattr(ev, "mode", "off") == "off":
        return None
    info = ev.suite_info()
    weaker = sorted({t["pipeline"] for t in tried if t.get("pipeline") in ev.served_weaker})
    if weaker:
        # Verdicts earned before csmith was installed: valid until `warmup --reevaluate`.
        info["weaker_suite"] = ev.weaker_info()
        info["weaker_verdicts"] = weaker
    return info


def _try(ctx: Context, tu: TranslationUnit, tmp: Callable[[str], str], prop: Proposal, i: int,
         ll: str, ref_info, opted: dict[str, str]) -> dict:  # fmt: skip
    """One proposal through llmcc.trial, the evaluation path every judge shares."""
    t = trial.run_trial(prop.text, trial.Judge.for_context(ctx), tu, ll, ref_info,
                        os.path.dirname(tmp("tu.ll")), f"cand{i}", opted=opted)  # fmt: skip
    rec = t.record(prop.source)
    if not t.ok:
        return {"record": rec}
    assert t.candidate is not None
    return {
        "record": rec,
        "object": t.object,
        "size": t.size,
        "canonical": t.canonical,
        "pipeline": t.candidate.pipeline,
        "bitcode": t.bitcode,
        "options": t.candidate.options,
    }


def _confirmed(ctx: Context, tmp: Callable[[str], str], ll: str,
               wins: list[dict]) -> tuple[dict | None, Reason | None]:  # fmt: skip
    """The smallest of *wins* that :func:`llmcc.trial.confirm` confirms, and the last reason
    one was not. A winner that fails is marked rejected in its record and the next smallest
    is confirmed instead (one that shares a failed pipeline fails with it); a transient
    failure (a timeout) stops the search."""
    why, failed = None, {}
    for w in wins:
        pipeline = w["pipeline"]
        why = failed.get(pipeline) or trial.confirm(trial.Judge.for_context(ctx), pipeline, ll,
                                                    w["bitcode"], tmp("again.bc"))  # fmt: skip
        if why is None:
            return w, None
        failed[pipeline] = why
        w["record"].update(rejected=why.value, detail="the winner's second opt run, with "
                           "-verify-each (llmcc.trial.confirm)")  # fmt: skip
        if why.transient:
            break
    return None, why


def _redecide(ctx: Context, tu: TranslationUnit, steps: Steps, tmp: Callable[[str], str],
              ir_text: str, ref_path: str, ch: Choice, pkey: str, entry) -> Choice:  # fmt: skip
    """A shared list that fails here for what it is (deny-listed, rejected, not smaller, or
    not confirmed), not for the machine's state: decide as on a miss, without the shared
    tier, and that decision replaces the entry there (docs/cache.md)."""
    ctx.cache.distrusted(pkey, entry[1], str(ch.fallback))
    again = choose(ctx, tu, steps, tmp, ir_text, ref_path, shared=False)
    again.tried[:0] = ch.tried
    return again
