"""OpenTID datasets package."""
