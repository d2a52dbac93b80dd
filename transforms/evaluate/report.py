"""Evaluation reports: JSON (machine-readable) and Markdown (for the README and release quality report)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def to_markdown(name: str, result: dict[str, Any]) -> str:
    inc = result["incidents"]
    lines = [
        f"## {name}",
        "",
        f"Extractor `{result.get('extractor', '?')}`; {result['documents']} documents; "
        f"{inc['gold']} gold incidents, {inc['predicted']} predicted, {inc['correct']} matched.",
        "",
        f"- Incident detection: P {inc['precision']:.3f}, R {inc['recall']:.3f}, F1 {inc['f1']:.3f}",
        f"- Attack class accuracy on matched incidents: {result['attack_class_accuracy_matched']:.3f}",
        f"- Micro F1 over all fields: {result['micro']['f1']:.3f}",
        "",
        "| field | correct | predicted | gold | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for k, v in result["fields"].items():
        lines.append(f"| {k} | {v['correct']} | {v['predicted']} | {v['gold']} | {v['precision']:.3f} | "
                     f"{v['recall']:.3f} | {v['f1']:.3f} |")
    m = result["micro"]
    lines.append(f"| **micro** | {m['correct']} | {m['predicted']} | {m['gold']} | {m['precision']:.3f} | "
                 f"{m['recall']:.3f} | {m['f1']:.3f} |")
    if result.get("text_support"):
        lines += [
            "",
            "What the input text supports at all: gold values the text names (a group's name or alias; the country, "
            "a place in it, its nationality or a group that operates only there). Recall cannot exceed that share, "
            "so F1 cannot exceed the cap, even at perfect precision (`transforms/evaluate/support.py`).",
            "",
            "| field | gold values the text names | share | F1 cap |",
            "|---|---:|---:|---:|",
        ]
        for k, v in result["text_support"].items():
            lines.append(f"| {k} | {v['supported']} of {v['gold']} | {v['share']:.3f} | {v['max_f1']:.3f} |")
    return "\n".join(lines) + "\n"


def write_reports(results: dict[str, dict[str, Any]], out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    jpath = out / "evaluation.json"
    mpath = out / "evaluation.md"
    jpath.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    md = "# Extraction evaluation\n\n" + "\n".join(to_markdown(k, v) for k, v in results.items())
    mpath.write_text(md, encoding="utf-8")
    return jpath, mpath
