"""Write the generated artefacts next to the definition: ``python -m schemas.generate [DIR]``.

Default DIR is ``schemas/generated/`` (committed, so the contract can be read without running code;
``tests/schemas`` fails if these files are stale).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from schemas.codebook import codebook_json
from schemas.dictionary import data_dictionary

GENERATED_DIR = Path(__file__).resolve().parent / "generated"
FILES = ("codebook.json", "data-dictionary.md", "expectation-suite.json")


def generated_texts() -> dict[str, str]:
    from schemas.suite import suite_json

    return {
        "codebook.json": codebook_json(),
        "data-dictionary.md": data_dictionary(),
        "expectation-suite.json": json.dumps(suite_json(), indent=2, ensure_ascii=False, sort_keys=True)
        + "\n",
    }


def write_generated(folder: Path = GENERATED_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in generated_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


if __name__ == "__main__":
    for p in write_generated(Path(sys.argv[1]) if len(sys.argv) > 1 else GENERATED_DIR):
        print(p)
