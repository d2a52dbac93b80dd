"""``SHA256SUMS`` in the format ``sha256sum -c`` accepts."""

from __future__ import annotations

from pathlib import Path

from schemas.gate import sha256_file
from schemas.layout import CHECKSUMS_FILE as SUMS_NAME

__all__ = ["SUMS_NAME", "sha256_file", "verify_sums", "write_sums"]


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
