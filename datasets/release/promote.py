"""Atomic promotion of a staged release folder.

A release becomes visible in one ``rename`` of a fully written, validated staging folder that lives
beside its final place (same filesystem), and the ``latest`` pointer moves after it, again by an
atomic replace of a symlink. A crash at any point leaves either the old state or the new one.
"""

from __future__ import annotations

import os
from pathlib import Path

LATEST = "latest"


def staging_dir(dataset_dir: Path, version: str) -> Path:
    dataset_dir.mkdir(parents=True, exist_ok=True)
    path = dataset_dir / f".staging-{version}-{os.getpid()}"
    if path.exists():
        _remove_tree(path)
    path.mkdir()
    return path


def promote(staging: Path, dataset_dir: Path, version: str) -> Path:
    """Rename ``staging`` to ``dataset_dir/version`` and point ``latest`` at it."""
    final = dataset_dir / version
    if final.exists():
        raise FileExistsError(f"release {final} already exists; releases are immutable, choose another --version")
    os.rename(staging, final)
    _fsync_dir(dataset_dir)
    tmp_link = dataset_dir / f".{LATEST}.tmp-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(version, target_is_directory=True)
    os.replace(tmp_link, dataset_dir / LATEST)
    _fsync_dir(dataset_dir)
    return final


def latest_release(dataset_dir: Path) -> Path | None:
    link = dataset_dir / LATEST
    if not link.exists():
        return None
    return link.resolve()


def set_aside_failed(staging: Path, dataset_dir: Path, version: str) -> Path:
    """Keep a failed staging folder for inspection under ``.failed/`` (never under a version name)."""
    failed_root = dataset_dir / ".failed"
    failed_root.mkdir(exist_ok=True)
    target = failed_root / version
    n = 1
    while target.exists():
        n += 1
        target = failed_root / f"{version}.{n}"
    os.rename(staging, target)
    return target


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_tree(path: Path) -> None:
    for child in sorted(path.rglob("*"), reverse=True):
        child.rmdir() if child.is_dir() and not child.is_symlink() else child.unlink()
    path.rmdir()
