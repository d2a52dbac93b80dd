"""``opentid validate``: exit 0 passed, 1 failed (rules and examples printed), 2 unusable input."""

from __future__ import annotations

from pathlib import Path

import pytest
from schemas_helpers import set_value

from datasets.cli import main


def test_passes(good_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["validate", str(good_release), "--previous", str(good_release), "--report", str(tmp_path)]) == 0
    )
    assert "gate PASSED" in capsys.readouterr().out
    assert (tmp_path / "validation.json").exists() and (tmp_path / "validation.html").exists()
    assert not (good_release / "validation.json").exists()  # the release folder is left untouched


def test_fails_with_rules_and_examples(make_release, capsys: pytest.CaptureFixture[str]) -> None:
    release = make_release(incidents=lambda df: set_value(df, "latitude", 0, 200.0))
    assert main(["validate", str(release)]) == 1
    out = capsys.readouterr().out
    assert "gate FAILED" in out and "FAIL latitude.range" in out and '"latitude": 200.0' in out


def test_unusable_input(tmp_path: Path, good_release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == 2
    assert "incidents.parquet is missing" in capsys.readouterr().err
    assert main(["validate", str(good_release), "--previous", str(tmp_path)]) == 2
    assert "--previous" in capsys.readouterr().err
