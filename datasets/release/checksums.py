"""``SHA256SUMS`` in the format ``sha256sum -c`` accepts."""

from __future__ import annotations

import hashlib
from pathlib import Path

SUMS_NAME = "SHA256SUMS"


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def write_sums(folder: Path) -> Path:
    """Checksum every regular file in ``folder`` (recursively, sorted, the sums file itself excluded)."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != SUMS_NAME):
        lines.append(f"{sha256_file(path)}  {path.relative_to(folder).as_posix()}\n")
    out = folder / SUMS_NAME
    out.write_text("".join(lines), encoding="utf-8")
    return out


def verify_sums(folder: Path) -> list[str]:
    """Return a list of problems (empty when every listed file exists and matches)."""
    sums = folder / SUMS_NAME
    if not sums.exists():
        return [f"{sums} is missing"]
    problems = []
    for line in sums.read_text(encoding="utf-8").splitlines():
        expected, _, name = line.partition("  ")
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: listed in {SUMS_NAME} but missing")
        elif sha256_file(path) != expected:
            problems.append(f"{name}: checksum differs from {SUMS_NAME}")
    return problems
