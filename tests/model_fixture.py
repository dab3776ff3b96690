"""Builds ``llmcc-test-tiny``: a TEST FIXTURE, not a model anyone should use.

It is a two-layer Llama-architecture network with a byte-level BPE tokenizer
trained on the IR of the test suite's own C files, then trained for a few
hundred CPU steps to give one fixed FTD-style answer (``ANSWER``) to any FTD
flag-tuning prompt, and exported to ONNX with optimum exactly as a user exports
``facebook/llm-compiler-7b-ftd``. It knows nothing about optimization; its
only purpose is to let the tests run the real export, the real server and a
real ``generate`` and see the answer's pass list applied by the pipeline.

Run as a script (the tests do, in a subprocess, so pytest never imports torch):
``python tests/model_fixture.py OUT_DIR --clang clang-19``.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NAME = "llmcc-test-tiny"
PASSES = "module(default<Oz>,mergefunc)"
"""What the fixture answers: passes PassListEval and beats -Oz on twin functions."""
ANSWER = (
    f" Run passes -p '{PASSES}' to get instruction count 21 and binary size 187 bytes:"
    "\n\n<code>; ModuleID = '<stdin>'\ndefine i32 @f() {\n  ret i32 0\n}\n</code>"
)
WHOLE = 2600
"""Prompts up to this many tokens are also trained on whole (the project's: 400-2342)."""
CONTEXT = 16384
"""The FTD models' context; RoPE has no per-position weights, so this costs nothing."""

# A small multi-file project for the end-to-end test: mergefunc wins on hash.c
# (twin functions), and nothing beats -Oz on the tiny TUs, which must fall back.
PROJECT = {
    "proj.h": (
        "#include <stddef.h>\n"
        "unsigned hash_a(const unsigned char *p, size_t n);\n"
        "unsigned hash_b(const unsigned char *p, size_t n);\n"
        "int scale(int k);\n"
        "int answer(void);\n"
    ),
    "hash.c": (
        '#include "proj.h"\n'
        "unsigned hash_a(const unsigned char *p, size_t n) {\n"
        "    unsigned h = 2166136261u;\n"
        "    for (size_t i = 0; i < n; i++) {\n"
        "        h ^= p[i];\n"
        "        h *= 16777619u;\n"
        "        if (h & 1u) h = (h >> 3) | (h << 29);\n"
        "    }\n"
        "    return h ^ (unsigned)n;\n"
        "}\n"
        "unsigned hash_b(const unsigned char *p, size_t n) {\n"
        "    unsigned h = 2166136261u;\n"
        "    for (size_t i = 0; i < n; i++) {\n"
        "        h ^= p[i];\n"
        "        h *= 16777619u;\n"
        "        if (h & 1u) h = (h >> 3) | (h << 29);\n"
        "    }\n"
        "    return h ^ (unsigned)n;\n"
        "}\n"
    ),
    "table.c": (
        '#include "proj.h"\n'
        "int scale(int k) {\n"
        "    static const int t[] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};\n"
        "    return t[k & 15] * k;\n"
        "}\n"
    ),
    "answer.c": '#include "proj.h"\nint answer(void) { return 42; }\n',
    "main.c": (
        "#include <stdio.h>\n"
        "#include <string.h>\n"
        '#include "proj.h"\n'
        "int main(void) {\n"
        '    const char *s = "llmcc";\n'
        "    unsigned a = hash_a((const unsigned char *)s, strlen(s));\n"
        "    unsigned b = hash_b((const unsigned char *)s, strlen(s));\n"
        '    printf("%u %d %d\\n", a == b, scale(7), answer());\n'
        "    return a == b ? 0 : 1;\n"
        "}\n"
    ),
    "Makefile": (
        "CC ?= cc\n"
        "CFLAGS ?= -O2\n"
        "OBJS = main.o hash.o table.o answer.o\n"
        "prog: $(OBJS)\n"
        "\t$(CC) -o $@ $(OBJS)\n"
        "%.o: %.c proj.h\n"
        "\t$(CC) $(CFLAGS) -c $< -o $@\n"
    ),
}
EXPECTED_OUTPUT = b"1 42 42\n"


def fingerprint(clang: str) -> str:
    """What the built model depends on: this file, the prompt template, the shared model
    recipe (llmcc/train/model.py), the C sources, clang."""
    h = hashlib.blake2b(digest_size=12)
    shared = [os.path.join(ROOT, "llmcc", "advisor", "prompt.py"),
              os.path.join(ROOT, "llmcc", "train", "model.py")]  # fmt: skip
    for path in [__file__, *shared, *_sources()]:
        with open(path, "rb") as f:
            h.update(f.read())
    h.update(subprocess.run([clang, "--version"], capture_output=True).stdout)
    return h.hexdigest()


def _sources() -> list[str]:
    progs = sorted(glob.glob(os.path.join(ROOT, "llmcc", "passlisteval", "programs", "*.c")))
    return sorted(glob.glob(os.path.join(HERE, "data", "*.c"))) + progs[:40]


def emit_ir(clang: str, work: str) -> list[str]:
    """IR exactly as llmcc sends it (clang -Oz, LLVM passes disabled)."""
    srcs = _sources()
    for name, text in PROJECT.items():
        path = os.path.join(work, name)
        with open(path, "w") as f:
            f.write(text)
        if name.endswith(".c"):
            srcs.append(path)
    irs = []
    for src in srcs:
        r = subprocess.run(
            [
                clang,
                "-O2",
                "-Oz",
                "-Xclang",
                "-disable-llvm-passes",
                "-S",
                "-emit-llvm",
                "-I",
                work,
                src,
                "-o",
                "-",
            ],
            capture_output=True,
            text=True,
        )
        if r.returncode == 0:
            irs.append(r.stdout)
    return irs


def build_tokenizer(irs: list[str]):
    """The shipped model's tokenizer recipe (llmcc.train.model), at a test's vocabulary."""
    sys.path.insert(0, ROOT)
    from llmcc.train.model import build_tokenizer as build
    from llmcc.train.model import pass_names

    return build(irs, 2048, [ANSWER * 20, " ".join(pass_names()) * 3])


def train(irs: list[str], tok, steps: int, seed: int = 0):
    """Teach the fixed answer after the FTD prompt; loss on the answer tokens only."""
    import torch

    sys.path.insert(0, ROOT)
    from llmcc.advisor import prompt
    from llmcc.train.model import llama

    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = llama(tok, hidden=64, layers=2, heads=2, kv_heads=2, ffn=192, context=CONTEXT)
    answer = tok(ANSWER, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]
    prompts = [tok(prompt.build(ir), return_token_type_ids=False)["input_ids"] for ir in irs]
    whole = [p for p in prompts if len(p) <= WHOLE]
    target = torch.tensor(answer)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-3, weight_decay=0.0)
    model.train()
    for step in range(steps):
        # Left-padded, so the answer sits at the same place in every row and only its
        # logits are computed: the vocabulary projection is most of a tiny model's cost.
        rows = []
        if step % 4 == 3:
            # Every 4th step, two whole prompts of up to the project's longest. Trained only
            # on crops of at most 384 tokens, a rebuilt fixture once cut its answer short on
            # hash.c's 2342-token prompt (CI), depending on how its tokenizer came out.
            rows = [p + answer for p in rng.choices(whole, k=2)]
        for _ in range(0 if rows else 8):
            p = rng.choice(prompts)
            keep = rng.choice((24, 48, 96, 192, 384))
            if len(p) > keep:  # the start of the prompt and the end of the IR
                head = rng.randint(1, 24)
                p = p[:head] + p[len(p) - (keep - head) :]
            rows.append(p + answer)
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), tok.pad_token_id)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, width - len(r) :] = torch.tensor(r)
            mask[i, width - len(r) :] = 1
        logits = model(input_ids=ids, attention_mask=mask, logits_to_keep=len(answer) + 1).logits
        loss = torch.nn.functional.cross_entropy(
            logits[:, :-1].reshape(-1, logits.shape[-1]), target.repeat(len(rows))
        )
        loss.backward()
        opt.step()
        opt.zero_grad()
        if step % 25 == 0 or step == steps - 1:
            print(f"step {step} loss {loss.item():.4f}", flush=True)
    model.eval()
    return model


def build(out: str, clang: str, steps: int = 400, seed: int = 0) -> None:
    """Build, train and export into *out* (which must not exist yet)."""
    import torch
    from optimum.exporters.onnx import main_export

    # One thread: with two, OpenMP spin-waiting makes this 10-20x slower on a busy 2-core box.
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory(prefix="llmcc-tiny-") as work:
        irs = emit_ir(clang, work)
        tok = build_tokenizer(irs)
        model = train(irs, tok, steps, seed)
        src = os.path.join(work, "pt")
        model.save_pretrained(src)
        tok.save_pretrained(src)
        tmp = out + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        main_export(
            src,
            output=tmp,
            task="text-generation-with-past",
            do_validation=False,
            library_name="transformers",
        )
        tok.save_pretrained(tmp)  # the server loads the tokenizer from the export
        with open(os.path.join(tmp, "FIXTURE.txt"), "w") as f:
            f.write(f"{NAME}: a test fixture built by tests/model_fixture.py; not a model.\n")
        os.rename(tmp, out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--seed", type=int, default=0)
    ns = ap.parse_args()
    build(ns.out, ns.clang, ns.steps, ns.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
