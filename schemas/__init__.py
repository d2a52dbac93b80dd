"""OpenTID schemas package."""
