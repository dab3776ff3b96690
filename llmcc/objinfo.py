"""What the checks need to know about an object: its sizes and its external symbols.

Read with the llvm-size and llvm-nm of the wrapped LLVM; ``read`` takes several
objects per tool process, since process start-up dominates their cost.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import procs

WEAK_TYPES = frozenset("WwVv")


@dataclass(frozen=True)
class ObjectInfo:
    text: int
    data: int
    bss: int
    strong: frozenset[str]
    """Strong defined external symbols: what other objects may link against."""
    undefined: frozenset[str] = frozenset()
    """Strong undefined references: what this object needs from elsewhere."""

    @property
    def size(self) -> int:
        """The paper's metric: .text plus .data (here: all read-only plus writable sections)."""
        return self.text + self.data


class ObjInfoError(RuntimeError):
    pass


def read(paths: list[str], llvm_size: str, llvm_nm: str, timeout: float = 60) -> list[ObjectInfo]:
    sizes = procs.run([llvm_size, "--format=berkeley", *paths], timeout=timeout)
    if not sizes.ok:
        raise ObjInfoError(f"llvm-size failed: {sizes.summary()}")
    rows = [ln.split() for ln in sizes.stdout.decode().splitlines()[1:] if ln.strip()]
    if len(rows) != len(paths):
        raise ObjInfoError(f"llvm-size printed {len(rows)} rows for {len(paths)} objects")
    syms = procs.run(
        [llvm_nm, "-A", "--extern-only", "--format=posix", *paths],
        timeout=timeout,
    )
    if not syms.ok:
        raise ObjInfoError(f"llvm-nm failed: {syms.summary()}")
    strong: dict[str, set[str]] = {p: set() for p in paths}
    undefined: dict[str, set[str]] = {p: set() for p in paths}
    for line in syms.stdout.decode("utf-8", "replace").splitlines():
        # "<file>: <name> <type> <value> <size>"; file names may contain ": ".
        for p in paths:
            prefix = p + ": "
            if line.startswith(prefix):
                fields = line[len(prefix) :].split()
                if len(fields) >= 2 and fields[1] == "U":
                    undefined[p].add(fields[0])
                elif len(fields) >= 2 and fields[1] not in WEAK_TYPES:
                    strong[p].add(fields[0])
                break
    return [
        ObjectInfo(int(r[0]), int(r[1]), int(r[2]), frozenset(strong[p]), frozenset(undefined[p]))
        for r, p in zip(rows, paths, strict=True)
    ]
