from __future__ import annotations

from pathlib import Path

import pytest
from transforms_archive import recorded_exchanges, write_archive


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder whose archive holds the recorded 1970 list page and the UCDP GED sample."""
    write_archive(tmp_path, recorded_exchanges())
    return tmp_path
