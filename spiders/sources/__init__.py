"""Source spiders: one module per source (or per family of sources sharing a spider)."""
