"""Structured coding: document fields → GTD codes (declarative lookups in YAML beside the code)."""
