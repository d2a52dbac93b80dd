"""Scoring extraction against gold corpora (MUC-3/4 answer keys, Wikipedia incident-list rows)."""
