"""Source definitions: one YAML per source in ``datasets/sources/<name>.yaml``, validated here.

A source YAML says who publishes the source, under which licence, how often it changes, which spider
crawls it with which arguments, its robots policy, and how many documents a crawl should yield
(bounds checked downstream). Crawl-time code holds no metadata: spiders read this through the
``OPENTID_SOURCE`` setting.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SOURCES_DIR = Path(__file__).resolve().parent / "sources"

Frequency = Literal["continuous", "hourly", "daily", "weekly", "monthly", "quarterly", "yearly", "irregular",
                    "static"]


class SourceError(ValueError):
    """A source YAML is missing or invalid (the message names the file and what to fix)."""


class Licence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="SPDX-ish licence id, e.g. CC-BY-4.0, CC-BY-SA-3.0, CC0-1.0, or a custom id")
    url: str
    attribution: str = Field(description="the attribution text to show with data from this source")


class CountBounds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: int = Field(0, ge=0)
    max: int | None = Field(None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> CountBounds:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        return self


class SourceDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    publisher: str
    licence: Licence
    homepage: str
    frequency: Frequency
    kind: Literal["table", "api", "text"]
    spider: str = Field(pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$", description="module:Class")
    spider_args: dict[str, Any] = Field(default_factory=dict)
    start_urls: list[str] = Field(default_factory=list)
    robots: Literal["obey", "ignore"]
    contact: str | None = Field(None, description="contact URL/e-mail for the User-Agent ($OPENTID_CONTACT wins)")
    documents: CountBounds = Field(default_factory=CountBounds, description="documents a full crawl should yield")
    description: str = ""

    @field_validator("start_urls")
    @classmethod
    def _http(cls, urls: list[str]) -> list[str]:
        for u in urls:
            if not u.startswith(("http://", "https://")):
                raise ValueError(f"start URL {u!r} is not http(s)")
        return urls

    def spider_class(self) -> type:
        module, _, cls = self.spider.partition(":")
        return getattr(importlib.import_module(module), cls)


def _load_file(path: Path) -> SourceDefinition:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise SourceError(f"{path}: expected a mapping of source fields at the top level")
    try:
        definition = SourceDefinition.model_validate(raw)
    except ValidationError as exc:
        raise SourceError(f"{path}: invalid source definition:\n{exc}") from exc
    if definition.name != path.stem:
        raise SourceError(f"{path}: name {definition.name!r} must equal the file name {path.stem!r}")
    return definition


@cache
def _all(directory: Path) -> dict[str, SourceDefinition]:
    return {p.stem: _load_file(p) for p in sorted(directory.glob("*.yaml"))}


def source_files(directory: Path = SOURCES_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def load_sources(directory: Path = SOURCES_DIR) -> list[SourceDefinition]:
    """All source definitions, sorted by name."""
    return list(_all(directory).values())


def load_source(name: str, directory: Path = SOURCES_DIR) -> SourceDefinition:
    sources = _all(directory)
    if name not in sources:
        known = ", ".join(sources) or "none"
        raise SourceError(f"unknown source {name!r} (known: {known}); add datasets/sources/{name}.yaml")
    return sources[name]
