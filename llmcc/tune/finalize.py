"""The client's side of a TU: its reference, then the winner judged in full and put in the cache.

The reference is the real ``clang -Oz`` object, compiled from the recorded
command line in the recorded directory, as long as the source there still
gives the recorded IR. Where it does not (a corpus replayed elsewhere, a
source edited since), the split route's ``default<Oz>`` object stands in and
no object entry is written: the pass-list entry still serves the next build,
whose own checks then run against its own reference.

The winner is judged exactly as the driver judges a first use: PassListEval on
the (list, options) pair, opt, codegen, the checks, and a second opt run with
``-verify-each`` that must give the same bitcode (llmcc.trial.confirm). Its
pass-list entry and its object go into the cache under the keys the driver
computes, so the next plain build installs the object with no trial at all.
"""

from __future__ import annotations

import os

from .. import objinfo, procs, trial
from ..cache import keys
from ..fsutil import read as _read
from ..optimize import run_opt
from ..outcomes import Reason, summarize
from .records import Record
from .state import TuState, info_from_json, info_to_json
from .worker import rank

MAX_VALIDATE = 3
"""Winners judged per TU, best first, until one passes PassListEval."""


def prepare(rec: Record, judge: trial.Judge, st: TuState, work: str) -> dict:
    """The TU's reference (cached in the state directory)."""
    got = st.load_prep()
    if got is not None:
        return got
    tu = rec.tu()
    ir_text = rec.ir_text()
    prep: dict = {"reference": "clang-oz", "ir_matches": False, "ir_stderr": "",
                  "ref_stderr": "", "emit_asm": tu.emit_asm}  # fmt: skip
    ref_path = None
    if os.path.isdir(rec.cwd):
        judge.cwd = rec.cwd
        try:
            p = trial.prepare(judge, tu, work)
            if p.ir_text == ir_text:
                prep.update(ir_matches=True, ir_stderr=p.ir_stderr, ref_stderr=p.ref_stderr,
                            ref=info_to_json(p.ref))  # fmt: skip
                ref_path = p.ref_path
        except (trial.PrepareError, objinfo.ObjInfoError):
            pass
    if ref_path is None:
        judge.cwd = work
        prep["reference"] = "split-oz"
        ref_path = _split_reference(judge, tu, rec.ir_path, work)
        prep["ref"] = info_to_json(objinfo.read([ref_path], judge.tc.llvm_size,
                                                judge.tc.llvm_nm)[0])  # fmt: skip
    st.save_prep(prep, _read(ref_path))
    return prep


def _split_reference(judge: trial.Judge, tu, ir_path: str, work: str) -> str:
    bc, obj = os.path.join(work, "splitref.bc"), os.path.join(work, "splitref.o")
    r = run_opt(judge.tc.opt, "default<Oz>", ir_path, bc, judge.opt_timeout)
    if r.ok:
        r = procs.run([judge.tc.clang, *tu.codegen_argv(bc, obj)], timeout=judge.codegen_timeout,
                      cwd=judge.cwd)  # fmt: skip
    if not r.ok:
        raise trial.PrepareError(f"no reference for the recorded IR: {r.summary(300)}")
    return obj


def finalize(rec: Record, prep: dict, rows: list[dict], ctx, st: TuState, work: str) -> dict:
    """Judge the TU's best candidates in full, store the winner; the installed.json record.

    A transient failure (a timeout, an incomplete suite) stores nothing and is not
    saved, so a rerun judges the TU again.
    """
    tu = rec.tu()
    judge = trial.Judge.for_context(ctx)
    judge.cwd = rec.cwd if prep["reference"] == "clang-oz" else work
    ref = info_from_json(prep["ref"])
    ir_text = rec.ir_text()
    seen: set[str] = set()
    ok = []
    for r in sorted((r for r in rows if r.get("rejected") is None and r.get("size") is not None),
                    key=rank):  # fmt: skip
        if r["candidate"] not in seen:
            seen.add(r["candidate"])
            ok.append(r)
    reasons: list[str] = []
    winner = None
    for i, r in enumerate(ok[:MAX_VALIDATE]):
        t = trial.run_trial(r["candidate"], judge, tu, rec.ir_path, ref, work, f"final{i}")
        if t.ok:
            assert t.candidate is not None and t.bitcode is not None
            why = trial.confirm(judge, t.candidate.pipeline, rec.ir_path, t.bitcode,
                                os.path.join(work, "again.bc"))  # fmt: skip
            if why is None:
                winner = (t, r)
                break
            reasons.append(why.value)
        else:
            assert t.reason is not None
            reasons.append(t.reason.value)
    transient = [x for x in reasons if Reason.lookup(x) is not None and Reason(x).transient]
    if winner is None and transient:
        return {"id": rec.id, "source": rec.source, "transient": transient[0]}
    cfg, tc = ctx.cfg, ctx.tc
    from ..choose import passlist_key

    pkey = passlist_key(ir_text, ctx.advisor_identity, tc.major)
    if winner is not None:
        t, r = winner
        text, size = t.canonical, t.size
        provenance, fallback = f"tune:{r['phase']}", None
        blob = _read(t.object)
        ctx.put_passlist(pkey, text, provenance, sizes={"oz": ref.size, "out": size})
    else:
        text, size = None, ref.size
        # Nothing beat -Oz in the search, or every winner failed its full judgement.
        fallback = summarize(reasons if ok else [r.get("rejected") for r in rows])
        provenance = f"tune:{Reason.NO_CANDIDATE_SMALLER}"
        blob = _read(st.path("ref.o"))
        ctx.put_passlist(pkey, None, provenance)
    stored_object = False
    if prep["ir_matches"] and not tu.emit_asm:
        okey = keys.object_key(ir_text, tu.codegen_flags(), tc.identity(), ctx.advisor_identity,
                               cfg.eval_mode)  # fmt: skip
        meta = {"ir_stderr": prep["ir_stderr"], "stderr": prep["ref_stderr"], "pipeline": text,
                "provenance": provenance, "fallback": fallback, "bytes_oz": ref.size,
                "bytes_out": size}  # fmt: skip
        ctx.cache.put_object(okey, meta, blob)
        stored_object = True
    result = {"id": rec.id, "source": rec.source, "package": rec.package, "winner": text,
              "size": size, "ref_size": ref.size, "reference": prep["reference"],
              "provenance": provenance, "fallback": fallback, "object_stored": stored_object,
              "rejected_winners": reasons, "trials": len(rows)}  # fmt: skip
    st.save_installed(result)
    return result
