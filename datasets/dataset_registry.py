"""Dataset definitions: which sources a release contains, under which licence, cited how.

One YAML file per dataset in ``datasets/definitions/``; the model below validates it, so a typo in a
definition fails loudly at load time instead of producing a half-described release.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

DEFINITIONS_DIR = Path(__file__).parent / "definitions"


class Licence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    url: str
    why: str = ""


class Author(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    family_names: str = Field(alias="family-names")
    given_names: str | None = Field(default=None, alias="given-names")


class Bounds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_ratio_to_previous: float = 0.9
    max_ratio_to_previous: float = 10.0
    min_rows: int = 1


class DatasetDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    title: str
    description: str
    homepage: str | None = None
    licence: Licence
    sources: list[str]
    authors: list[Author]
    keywords: list[str] = []
    bounds: Bounds = Bounds()


def load_dataset(name: str, directory: Path = DEFINITIONS_DIR) -> DatasetDefinition:
    """Load the dataset definition ``name``; the error lists the known names."""
    path = directory / f"{name}.yaml"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in directory.glob("*.yaml"))) or "none"
        raise FileNotFoundError(f"no dataset definition {path} (known datasets: {known})")
    return DatasetDefinition.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def all_datasets(directory: Path = DEFINITIONS_DIR) -> list[DatasetDefinition]:
    return [load_dataset(p.stem, directory) for p in sorted(directory.glob("*.yaml"))]
