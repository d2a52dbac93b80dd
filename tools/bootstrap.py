"""Create or refresh the project's virtual environment at ``.venv/``.

Used by the README's two commands, so that a fresh machine with nothing but
Python 3.11+ gets exactly the pinned dependencies of ``requirements/*.lock``.
Re-running is cheap: a stamp file records the hash of the lock files that were
installed, and nothing is reinstalled while they are unchanged.

Usage: ``python3 tools/bootstrap.py [--dev]``
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCKS = {"main": ROOT / "requirements" / "main.lock", "dev": ROOT / "requirements" / "dev.lock"}


def _python() -> Path:
    return VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs under whatever python3 the user has
        print(f"OpenTID needs Python 3.11 or newer; this is {sys.version.split()[0]}.", file=sys.stderr)
        return 2
    dev = "--dev" in argv
    locks = [LOCKS["dev"] if dev else LOCKS["main"]]
    digest = hashlib.sha256()
    for lock in locks + [ROOT / "pyproject.toml"]:
        digest.update(lock.read_bytes())
    stamp = VENV / f".opentid-{'dev' if dev else 'main'}.sha256"
    if stamp.exists() and stamp.read_text().strip() == digest.hexdigest() and _python().exists():
        return 0
    if not _python().exists():
        print(f"bootstrap: creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(_python()), "-m", "pip", "--disable-pip-version-check", "-q"]
    for lock in locks:
        print(f"bootstrap: installing pinned dependencies from {lock.relative_to(ROOT)}", flush=True)
        subprocess.run([*pip, "install", "-r", str(lock)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True)
    stamp.write_text(digest.hexdigest() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
