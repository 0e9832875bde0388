"""hk-press-kg: a knowledge graph of Hong Kong Government press releases."""

__version__ = "0.1.0"
