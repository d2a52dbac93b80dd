from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"


@pytest.fixture(scope="session")
def extractor():
    from transforms.extract.rules import RuleExtractor

    return RuleExtractor()


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
