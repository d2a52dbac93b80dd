"""OpenTID transforms package."""
