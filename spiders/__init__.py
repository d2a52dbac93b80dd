"""OpenTID spiders package."""
